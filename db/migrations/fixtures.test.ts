import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureData as d, fixtureFile, fixturesDir, makeFixture } from './fixtures/fixture-builder';
import { openDatabase } from '../connection';
import { listContactLogForContact } from '../contact-log/contact-log.repository';
import { createContact, getContact, listContacts } from '../contacts/contacts.repository';
import { lastContactForContact } from '../relationships/last-contact';
import { getAftale } from '../aftaler/aftaler.repository';
import { getBoligomraade } from '../boligomraader/boligomraader.repository';
import { getStyringsdialog } from '../styringsdialog/styringsdialog.repository';
import { getHelhedsplan, listIndsatsomraader } from '../helhedsplaner/helhedsplaner.repository';
import { getFollowUp } from '../follow-ups/follow-ups.repository';
import { getKommune, listRegions, regionOn } from '../kommuner/kommuner.repository';
import { checkDatabase } from '../maintenance';
import { getMeeting } from '../meetings/meetings.repository';
import { search } from '../search/search.repository';
import { versionVector } from '../sync/sync.service';
import { tempDir } from '../testing/test-database';
import { migrationNames, schemaVersion } from './index';

/**
 * Real files of every released schema version (db/migrations/fixtures/,
 * made once by scripts/make-migration-fixtures.ts and then frozen) must open
 * in today's Kredsbog: upgraded after a backup, intact, and every record
 * readable through today's repositories.
 */
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const present = fs.existsSync(fixturesDir) ? fs.readdirSync(fixturesDir).filter((f) => f.endsWith('.sqlite')) : [];
const runScript = 'npx tsx scripts/make-migration-fixtures.ts';

describe('migration fixtures', () => {
  it('exist for every migration', () => {
    const missing = migrationNames.filter((name) => !present.includes(`${name}.sqlite`));
    expect(missing, `Migration(s) without a fixture: ${missing.join(', ')}. Run \`${runScript}\` and commit the new file(s) in db/migrations/fixtures/.`).toEqual([]);
    const unknown = present.filter((file) => !migrationNames.includes(file.replace(/\.sqlite$/, '')));
    expect(unknown, `Fixture(s) for migrations that do not exist: ${unknown.join(', ')}. A released migration is never renamed or removed.`).toEqual([]);
  });

  it('never overwrites a fixture, and still builds one at today’s latest version', async () => {
    const existing = present[0];
    if (existing) {
      const before = fs.readFileSync(path.join(fixturesDir, existing));
      expect(await makeFixture(existing.replace(/\.sqlite$/, ''))).toBe('exists');
      expect(fs.readFileSync(path.join(fixturesDir, existing)).equals(before)).toBe(true);
    }
    // The next migration's fixture will be built by the same code: it must work on today's schema.
    const dir = tempDir();
    dirs.push(dir);
    const target = path.join(dir, 'latest.sqlite');
    expect(await makeFixture(migrationNames.at(-1)!, target)).toBe('created');
    const built = new BetterSqlite3(target, { readonly: true });
    expect(built.pragma('user_version', { simple: true })).toBe(schemaVersion);
    expect(built.prepare('SELECT count(*) FROM contact').pluck().get()).toBe(3);
    built.close();
  });

  it.each(migrationNames.filter((name) => present.includes(`${name}.sqlite`)))('opens %s in today’s version with all its data', async (name) => {
    const version = migrationNames.indexOf(name) + 1;
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'kredsbog.sqlite');
    fs.copyFileSync(fixtureFile(name), file);

    const app = await openDatabase(file);
    try {
      expect(app.sqlite.pragma('user_version', { simple: true })).toBe(schemaVersion);
      // Backed up before upgrading, and the backup is the untouched old version.
      const backups = fs.existsSync(path.join(dir, 'backups')) ? fs.readdirSync(path.join(dir, 'backups')) : [];
      expect(backups).toHaveLength(version < schemaVersion ? 1 : 0);
      for (const backup of backups) {
        const old = new BetterSqlite3(path.join(dir, 'backups', backup), { readonly: true });
        expect(old.pragma('user_version', { simple: true })).toBe(version);
        old.close();
      }
      expect(checkDatabase(app.sqlite)).toMatchObject({ ok: true, integrity: ['ok'], foreignKeys: [] });
      const withKommuner = version >= 2;

      const contacts = await listContacts(app.db);
      expect(contacts.map((c) => c.name)).toEqual(['Bjørn Ægidius', 'Søren Ærøskøbing-Østergård', 'Åse Ørum']);
      const soeren = await getContact(app.db, d.contacts[0].id);
      expect(soeren).toMatchObject({ emails: ['soeren@koegebolig.dk'], phones: ['+45 56 65 00 00'], notes: 'Formand siden 2019. Flyttede fra Aarhus.' });
      expect(soeren.affiliations).toMatchObject([{ title: 'Formand', organisationName: 'Køge Boligselskab', fromDate: '2019-05-01' }]);

      const meeting = await getMeeting(app.db, d.meetingId);
      expect(meeting).toMatchObject({ title: 'Styringsdialog 2026', status: 'afholdt', place: 'Køge Rådhus, mødelokale 2', kommune: withKommuner ? { id: d.koegeId } : null });
      expect(meeting.agenda.map((a) => [a.title, a.kind])).toEqual([
        ['Opfølgning fra sidste møde', version >= 3 ? 'follow_up_review' : 'normal'],
        ['Økonomi og husleje', 'normal'],
        ['Vedligeholdelse i Ellemarken', 'normal'],
      ]);
      expect(meeting.agenda[1]).toMatchObject({ minutes: 'Huslejen i Ølby stiger 2,5 %.', decision: 'Godkendt af begge parter.', plannedMinutes: 30 });
      expect(meeting.attendance.map((a) => [a.contactName, a.status, a.role])).toEqual(
        expect.arrayContaining([
          ['Søren Ærøskøbing-Østergård', 'deltog', 'ordstyrer'],
          ['Åse Ørum', 'deltog', 'referent'],
        ]),
      );

      expect(await getFollowUp(app.db, d.followUpIds[0])).toMatchObject({ title: 'Send budgettal til Køge Kommune', status: 'aaben', dueDate: '2026-04-01', ownerName: 'Søren Ærøskøbing-Østergård' });
      expect(await getFollowUp(app.db, d.followUpIds[1])).toMatchObject({ title: 'Besigtigelse i Ellemarken', status: 'udfoert', ownerIsMe: true });

      // The search index (added in 0007) covers older files too, Danish-folded.
      const koege = await search(app.db, 'Køge');
      expect(koege.hits.map((h) => [h.kind, h.id])).toEqual(expect.arrayContaining([['organisation', d.organisationId], ['follow_up', d.followUpIds[0]], ...(withKommuner ? [['kommune', d.koegeId]] : [])]));
      const aarhus = await search(app.db, 'aarhus');
      expect(aarhus.hits.map((h) => [h.kind, h.id])).toEqual(expect.arrayContaining([['contact', d.contacts[0].id], ...(withKommuner ? [['kommune', d.aarhusId]] : [])]));
      expect((await search(app.db, 'ølby')).hits.map((h) => h.kind)).toEqual(expect.arrayContaining(['organisation', 'agenda_item']));
      // Series joined the index in 0017 (here found by title and kommune alike).
      expect((await search(app.db, 'styringsdialog koge')).hits.filter((h) => h.kind === 'series').map((h) => h.id)).toEqual([d.seriesId]);

      // The kontaktlog (0018) with its people, found by search, counting as contact.
      if (version >= 18) {
        expect(await listContactLogForContact(app.db, d.contacts[0].id)).toEqual([
          expect.objectContaining({ id: d.contactLogId, date: '2026-03-20', kind: 'telefon', note: 'Ringede om huslejestigningen i Ølby', organisation: { id: d.organisationId, name: 'Køge Boligselskab' } }),
        ]);
        expect((await search(app.db, 'huslejestigningen')).hits.map((h) => h.id)).toEqual([d.contactLogId]);
        expect(await lastContactForContact(app.db, d.contacts[0].id, new Date('2026-11-23T10:00:00Z'))).toBe('2026-03-20');
        expect(app.sqlite.prepare('SELECT keep_in_touch_months FROM affiliation WHERE contact_id = ?').pluck().get(d.contacts[0].id)).toBe(4);
      } else {
        // Older files gain the columns empty.
        expect(app.sqlite.prepare('SELECT count(*) FROM contact WHERE keep_in_touch_months IS NOT NULL').pluck().get()).toBe(0);
        expect(await lastContactForContact(app.db, d.contacts[0].id, new Date('2026-11-23T10:00:00Z'))).toBe('2026-03-10');
      }
      // "Sidst i kontakt" from meetings is derived (0023) from whatever attendance the file had: Søren attended the styringsdialog.
      expect(app.sqlite.prepare('SELECT starts_at FROM contact_last_attended WHERE contact_id = ?').pluck().get(d.contacts[0].id)).toBe(meeting.startsAt);
      // Regions are dated from 0019 on, whatever version the file came from: its 2026 meeting in Køge was in Region Sjælland, a 2027 day is in Region Østdanmark.
      if (withKommuner) {
        expect(meeting.regionNavn).toBe('Region Sjælland');
        expect((await regionOn(app.db, d.koegeId, '2027-02-01'))?.navn).toBe('Region Østdanmark');
        expect((await listRegions(app.db, '2027-02-01')).length).toBe(4);
      }
      // Aftaler and dated kredse (written from 0019 on) read back, and aftaler are found by search.
      if (version >= migrationNames.indexOf('0019-dated-regions-and-aftaler') + 1) {
        expect(await getAftale(app.db, d.aftaleId, '2026-12-07')).toMatchObject({
          title: 'Udlejningsaftale Køge 2026–2029',
          organisations: [{ id: d.organisationId, name: 'Køge Boligselskab' }],
          goals: [{ text: 'Færre udsættelser i Ølby', indicator: 'Fogedsager pr. år', status: 'i_gang' }],
          nextDeadline: { kind: 'bilagReview', date: '2026-12-15' },
        });
        expect((await search(app.db, 'udsaettelser')).hits.map((h) => [h.kind, h.id])).toEqual([['aftale', d.aftaleId]]);
        expect((await getKommune(app.db, d.koegeId, '2026-12-07')).kredsNumber).toBe(11);
      }
      // Boligområder (written from 0020 on) read back with their organisation and history, and are found by search.
      if (version >= migrationNames.indexOf('0020-boligomraader') + 1) {
        expect(await getBoligomraade(app.db, d.boligomraadeId)).toMatchObject({
          name: 'Ellemarken',
          kommuneNavn: 'Køge',
          organisations: [{ id: d.organisationId, name: 'Køge Boligselskab' }],
          history: [
            { year: 2025, categories: ['forebyggelsesomraade'] },
            { year: 2024, categories: ['udsat_boligomraade'] },
          ],
        });
        expect((await search(app.db, 'ellemarken')).hits.filter((h) => h.kind === 'boligomraade').map((h) => h.id)).toEqual([d.boligomraadeId]);
      }

      // The styringsdialog cycle (0021) reads back with its meeting and step, and is found by its notes.
      if (version >= migrationNames.indexOf('0021-styringsdialog') + 1) {
        const cycle = await getStyringsdialog(app.db, { kommuneId: d.koegeId, organisationId: d.organisationId, year: 2026 }, '2026-12-07');
        expect(cycle).toMatchObject({ stored: true, meeting: { id: d.meetingId, source: 'record' }, aftale: { id: d.aftaleId }, notes: 'Styringsrapporten nævner ønsket om en ny aftale om grønne arealer.' });
        expect(cycle.steps.pakke).toEqual({ date: '2026-02-20', contact: { id: d.contacts[0].id, name: d.contacts[0].name }, who: 'Via Landsbyggefondens portal' });
        expect((await search(app.db, 'grønne arealer')).hits.map((h) => [h.kind, h.id])).toEqual([['styringsdialog', cycle.id]]);
      }

      // Helhedsplaner (0022): every file gains the four indsatsområder of 2019–26; one written at 0022 reads its plan back.
      if (version >= migrationNames.indexOf('0022-helhedsplaner') + 1) {
        expect(await getHelhedsplan(app.db, d.helhedsplanId, '2026-12-07')).toMatchObject({
          name: 'Helhedsplan Ellemarken 2023–2026',
          kommuneNavn: 'Køge',
          journalNumber: 'LBF 2022-0417',
          organisations: [{ id: d.organisationId, name: 'Køge Boligselskab' }],
          boligomraader: [{ id: d.boligomraadeId, name: 'Ellemarken' }],
          indsatsomraader: [{ name: 'Uddannelse og livschancer' }],
          series: [{ id: d.seriesId }],
          roles: [{ id: d.helhedsplanRoleId, contactName: 'Åse Ørum', body: 'bestyrelse', title: 'Formand', current: true }],
          nextDeadline: { kind: 'aarsstatus', date: '2027-03-01' },
        });
        expect((await search(app.db, 'lektiecafe')).hits.map((h) => [h.kind, h.id])).toEqual([['helhedsplan', d.helhedsplanId]]);
      }
      expect((await listIndsatsomraader(app.db)).map((a) => a.name)).toContain('Sammenhængskraft og medborgerskab');

      // Its operation log (from 0004) is kept, and new edits go on from its clock.
      if (version >= 4) expect(Object.keys(versionVector(app))).toEqual([d.installationId]);
      const created = await createContact(app.db, { name: 'Ny Næstformand', emails: [], phones: [], notes: '' }, []);
      expect((await listContacts(app.db)).map((c) => c.id)).toContain(created.id);
      expect(checkDatabase(app.sqlite).ok).toBe(true);
    } finally {
      await app.close();
    }
  });
});
