import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { affiliationFieldsSchema, organisationCreateInputSchema } from '../../common/domain';
import { followUpFieldsSchema, meetingCreateInputSchema, seriesFieldsSchema } from '../../common/meetings.domain';
import { contactLogInputSchema } from '../../common/relationships.domain';
import type { AppDatabase } from '../connection';
import { markExported } from '../sync/clock';
import { createAffiliation, createContact, deleteAffiliation, deleteContact, updateContact } from '../contacts/contacts.repository';
import { mergeRecords } from '../duplicates/duplicates.repository';
import { createContactLog } from '../contact-log/contact-log.repository';
import { createFollowUp } from '../follow-ups/follow-ups.repository';
import { derivedId } from '../ids';
import { createMeeting, getMeeting, setAttendance } from '../meetings/meetings.repository';
import { createSeries } from '../meetings/series.repository';
import { createOrganisation } from '../organisations/organisations.repository';
import { syncedTables } from '../schema';
import { listConflicts } from '../sync/conflicts';
import { recordHistory } from '../sync/history';
import { asInstallation, digest, exportFrom, importInto, installation, type TestInstallation } from '../sync/sync-testing';
import { assertNotErased, collectPersonData, eraseContact, personDataFileName, personDataZip } from './gdpr.repository';

const koege = derivedId('kommune', 259);
/** Every personal value the fixture stores; none may survive an erasure anywhere. */
const secrets = ['Søren Ærbøl', 'Ærbøl', 'soeren@koege.dk', '20 30 40 50', 'morgenen', 'Udlejningschef', 'Byrådsmedlem', 'Ærøvej', 'Privat', 'Kolonihave'];

const opened: TestInstallation[] = [];
async function laptop(name: string): Promise<TestInstallation> {
  const who = await installation(name);
  opened.push(who);
  return who;
}
afterEach(async () => {
  for (const who of opened.splice(0)) await who.app.close();
});

/** A person with roles (current, ended, deleted), past and future meetings, a series, a follow-up and a rename in the history. */
async function seedPerson(app: AppDatabase) {
  const db = app.db;
  const org = await createOrganisation(db, organisationCreateInputSchema.parse({ name: 'KAB', kind: 'boligorganisation' }));
  const contact = await createContact(db, { name: 'Søren Ærbøl', emails: ['soeren@koege.dk'], phones: ['+45 20 30 40 50'], notes: 'Foretrækker møder om morgenen' }, []);
  // A sync file carried the contact before the rename, so the rename is a change of its own in the history.
  markExported(app.sqlite);
  await updateContact(db, contact.id, { name: 'Søren Ærbøl-Hansen' });
  await createAffiliation(db, contact.id, affiliationFieldsSchema.parse({ organisationId: org.id, title: 'Udlejningschef', kind: 'boligorganisation', fromDate: '2020-01-01' }));
  await createAffiliation(db, contact.id, affiliationFieldsSchema.parse({ kommuneId: koege, title: 'Byrådsmedlem', kind: 'politiker', fromDate: '2010-01-01', toDate: '2013-12-31' }));
  const deleted = await createAffiliation(db, contact.id, affiliationFieldsSchema.parse({ organisationId: org.id, title: 'Formand, Ærøvej afdeling', kind: 'beboerdemokrat' }));
  await deleteAffiliation(db, deleted.id);
  await createSeries(db, seriesFieldsSchema.parse({ title: 'Kommunesamarbejde Køge', kind: 'kommunesamarbejde', kommuneId: koege, memberIds: [contact.id] }));
  const past = await createMeeting(db, meetingCreateInputSchema.parse({ title: 'Dialogmøde i Køge', startsAt: '2024-03-05T09:00:00.000Z', kommuneId: koege, inviteeIds: [contact.id] }));
  await setAttendance(db, past.id, contact.id, 'deltog', 'referent');
  const future = await createMeeting(db, meetingCreateInputSchema.parse({ title: 'Styringsdialog 2099', startsAt: '2099-01-05T09:00:00.000Z', kommuneId: koege, inviteeIds: [contact.id] }));
  const followUp = await createFollowUp(db, followUpFieldsSchema.parse({ title: 'Send udlejningstal', ownerContactId: contact.id }));
  const other = await createContact(db, { name: 'Anden Person', emails: [], phones: [], notes: '' }, []);
  const logged = await createContactLog(db, contactLogInputSchema.parse({ date: '2024-03-06', kind: 'telefon', note: 'Kolonihave i Ærøvej', contactIds: [contact.id, other.id], kommuneId: koege }));
  return { contactId: contact.id, orgId: org.id, pastId: past.id, futureId: future.id, followUpId: followUp.id, logId: logged.id };
}

/** Secrets still present in the domain tables and in the operation log. */
function leaks(app: AppDatabase): { tables: string[]; log: string[] } {
  const tables = syncedTables.map((t) => JSON.stringify(app.sqlite.prepare(`SELECT * FROM ${t}`).all())).join('\n');
  const log = (app.sqlite.prepare('SELECT value FROM sync_op').pluck().all() as (string | null)[]).join('\n');
  return { tables: secrets.filter((s) => tables.includes(s)), log: secrets.filter((s) => log.includes(s)) };
}

const noLeaks = { tables: [], log: [] };

describe('Indsigt (GDPR access)', () => {
  it('collects the contact, all roles, attendance, follow-ups, series, mentions and the record history', async () => {
    const a = await laptop('a');
    const { contactId, pastId, futureId, followUpId } = await seedPerson(a.app);
    const data = await collectPersonData(a.app.db, contactId);
    expect(data.contact).toMatchObject({ name: 'Søren Ærbøl-Hansen', emails: ['soeren@koege.dk'], phones: ['+45 20 30 40 50'], erasedAt: null });
    expect(data.roles.map((r) => [r.title, r.deletedAt !== null])).toEqual(
      expect.arrayContaining([
        ['Udlejningschef', false],
        ['Byrådsmedlem', false],
        ['Formand, Ærøvej afdeling', true],
      ]),
    );
    expect(data.roles.find((r) => r.title === 'Byrådsmedlem')).toMatchObject({ kommuneNavn: 'Køge', toDate: '2013-12-31' });
    expect(data.attendance.map((x) => [x.meetingId, x.meetingTitle, x.status, x.role])).toEqual([
      [pastId, 'Dialogmøde i Køge', 'deltog', 'referent'],
      [futureId, 'Styringsdialog 2099', 'inviteret', null],
    ]);
    expect(data.followUps).toEqual([expect.objectContaining({ id: followUpId, title: 'Send udlejningstal', status: 'aaben' })]);
    expect(data.seriesMemberships).toEqual([expect.objectContaining({ seriesTitle: 'Kommunesamarbejde Køge', deletedAt: null })]);
    expect(new Set(data.mentions.map((m) => m.table))).toEqual(new Set(['affiliation', 'attendance', 'meeting_series_member', 'follow_up', 'contact_log_contact']));
    expect(data.contactLog).toEqual([expect.objectContaining({ date: '2024-03-06', kind: 'telefon', note: 'Kolonihave i Ærøvej', kommuneNavn: 'Køge', deletedAt: null })]);
    expect(data.mentions).toContainEqual({ table: 'follow_up', rowId: followUpId, field: 'owner_contact_id', current: true });
    const renames = data.history.flatMap((h) => h.changes).filter((c) => c.field === 'name');
    expect(renames.map((c) => c.after)).toEqual(['Søren Ærbøl-Hansen', 'Søren Ærbøl']);
  });

  it('zips indsigt.json, a UTF-8 CSV with BOM per section and LæsMig.txt', async () => {
    const a = await laptop('a');
    const { contactId } = await seedPerson(a.app);
    const files = unzipSync(await personDataZip(a.app.db, contactId));
    expect(Object.keys(files).sort()).toEqual(
      ['LæsMig.txt', 'helhedsplaner.csv', 'historik.csv', 'indsigt.json', 'kontakt.csv', 'kontaktlog.csv', 'mødedeltagelse.csv', 'mødeserier.csv', 'omtaler.csv', 'opfølgningspunkter.csv', 'roller.csv', 'styringsdialog.csv'].sort(),
    );
    const json = JSON.parse(strFromU8(files['indsigt.json']!)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['contact', 'roles', 'attendance', 'followUps', 'seriesMemberships', 'mentions', 'history']));
    const read = (name: string) => {
      const bytes = files[name]!;
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      // TextDecoder (strFromU8) drops the BOM, as Excel does.
      const parsed = Papa.parse<Record<string, string>>(strFromU8(bytes), { header: true, delimiter: ';', skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      return parsed.data;
    };
    expect(read('kontakt.csv')).toEqual([expect.objectContaining({ Navn: 'Søren Ærbøl-Hansen', 'E-mails': 'soeren@koege.dk', Noter: 'Foretrækker møder om morgenen' })]);
    expect(read('roller.csv')).toContainEqual(expect.objectContaining({ Titel: 'Byrådsmedlem', Kommune: 'Køge', Til: '2013-12-31', Slettet: 'nej' }));
    expect(read('mødedeltagelse.csv')).toContainEqual(expect.objectContaining({ Møde: 'Dialogmøde i Køge', Tidspunkt: '2024-03-05 10:00', Deltagelse: 'Deltog', Rolle: 'Referent' }));
    expect(read('opfølgningspunkter.csv')).toEqual([expect.objectContaining({ Titel: 'Send udlejningstal', Status: 'Åben' })]);
    expect(read('mødeserier.csv')).toEqual([{ Mødeserie: 'Kommunesamarbejde Køge', Slettet: 'nej' }]);
    expect(read('omtaler.csv').length).toBeGreaterThanOrEqual(6);
    expect(read('kontaktlog.csv')).toEqual([expect.objectContaining({ Dato: '2024-03-06', Type: 'Telefon', Note: 'Kolonihave i Ærøvej', Kommune: 'Køge', Slettet: 'nej' })]);
    expect(read('historik.csv')).toContainEqual(expect.objectContaining({ Felt: 'navn', Før: 'Søren Ærbøl', Efter: 'Søren Ærbøl-Hansen' }));
    expect(strFromU8(files['LæsMig.txt']!)).toContain('Indsigt i personoplysninger');
  });

  it('names the file after the person and the Danish date', () => {
    expect(personDataFileName('Søren / Ærbøl', new Date('2026-03-04T23:30:00Z'))).toBe('Indsigt Søren Ærbøl 2026-03-05.zip');
  });
});

describe('Slet person (GDPR erasure)', () => {
  it('previews what it removes and changes nothing in a dry run', async () => {
    const a = await laptop('a');
    const { contactId, futureId } = await seedPerson(a.app);
    const before = digest(a);
    const ops = a.app.sqlite.prepare('SELECT count(*) FROM sync_op').pluck().get();
    const summary = await eraseContact(a.app, contactId, { dryRun: true });
    expect(summary).toMatchObject({
      name: 'Søren Ærbøl-Hansen',
      fields: { name: true, emails: 1, phones: 1, notes: true },
      futureMeetings: [{ meetingId: futureId, title: 'Styringsdialog 2099' }],
      pastMeetingsKept: 1,
      followUps: [{ title: 'Send udlejningstal' }],
      seriesMemberships: [{ title: 'Kommunesamarbejde Køge' }],
      contactLogEntries: 1,
      erased: false,
    });
    expect(summary.roles.map((r) => [r.description, r.deleted])).toEqual(
      expect.arrayContaining([
        ['Udlejningschef, KAB', false],
        ['Byrådsmedlem, Køge Kommune', false],
        ['Formand, Ærøvej afdeling, KAB', true],
      ]),
    );
    expect(summary.historyOperations).toBeGreaterThan(0);
    expect(digest(a)).toBe(before);
    expect(a.app.sqlite.prepare('SELECT count(*) FROM sync_op').pluck().get()).toBe(ops);
    expect(leaks(a.app).log).toContain('soeren@koege.dk');
  });

  it('removes the personal data from the tables and from the operation log, keeping past attendance as "Slettet person"', async () => {
    const a = await laptop('a');
    const { contactId, pastId, futureId, followUpId, logId } = await seedPerson(a.app);
    const summary = await eraseContact(a.app, contactId);
    expect(summary.erased).toBe(true);
    expect(leaks(a.app)).toEqual(noLeaks);

    const contact = a.app.sqlite.prepare('SELECT * FROM contact WHERE id = ?').get(contactId) as Record<string, unknown>;
    expect(contact).toMatchObject({ name: 'Slettet person', emails: '[]', phones: '[]', notes: '' });
    expect(contact.erased_at).not.toBeNull();
    expect(contact.deleted_at).not.toBeNull();
    expect(a.app.sqlite.prepare('SELECT count(*) FROM affiliation WHERE contact_id = ? AND (deleted_at IS NULL OR title <> \'\')').pluck().get(contactId)).toBe(0);
    expect((await getMeeting(a.app.db, pastId)).attendance).toEqual([expect.objectContaining({ contactId, contactName: 'Slettet person', status: 'deltog' })]);
    expect((await getMeeting(a.app.db, futureId)).attendance).toEqual([]);
    expect(a.app.sqlite.prepare('SELECT owner_contact_id FROM follow_up WHERE id = ?').pluck().get(followUpId)).toBeNull();
    expect(a.app.sqlite.prepare('SELECT count(*) FROM meeting_series_member WHERE contact_id = ? AND deleted_at IS NULL').pluck().get(contactId)).toBe(0);
    // The logged call with the person: its note is gone and it is deleted, as is the person's link to it.
    expect(a.app.sqlite.prepare('SELECT note, deleted_at IS NOT NULL AS deleted FROM contact_log WHERE id = ?').get(logId)).toEqual({ note: '', deleted: 1 });
    expect(a.app.sqlite.prepare('SELECT count(*) FROM contact_log_contact WHERE contact_id = ? AND deleted_at IS NULL').pluck().get(contactId)).toBe(0);
    const history = JSON.stringify(await recordHistory(a.app.db, 'contact', contactId));
    expect(secrets.filter((s) => history.includes(s))).toEqual([]);
  });

  it('stays erased on another installation, also after an old file is imported there and here', async () => {
    const a = await laptop('a');
    const b = await laptop('b');
    const { contactId } = await seedPerson(a.app);
    const old = await exportFrom(a);
    await importInto(b, old);
    expect(leaks(b.app).tables).toContain('soeren@koege.dk');
    // The same old values as B sends them (A cannot import its own file).
    const oldFromB = await exportFrom(b);

    await eraseContact(a.app, contactId);
    await importInto(b, await exportFrom(a));
    expect(leaks(b.app)).toEqual(noLeaks);
    expect(digest(b)).toBe(digest(a));

    await importInto(b, old);
    await importInto(a, oldFromB);
    expect(leaks(a.app)).toEqual(noLeaks);
    expect(leaks(b.app)).toEqual(noLeaks);
    expect(digest(b)).toBe(digest(a));
    expect(a.app.sqlite.prepare('SELECT deleted_at IS NOT NULL FROM contact WHERE id = ?').pluck().get(contactId)).toBe(1);

    // A third laptop that hears of the erasure first and gets the old file afterwards never holds the old values.
    const c = await laptop('c');
    await importInto(c, await exportFrom(a));
    await importInto(c, old);
    expect(leaks(c.app)).toEqual(noLeaks);
    expect(digest(c)).toBe(digest(a));
  });

  it('wins over edits and new roles made elsewhere before the erasure was heard of, in either import order', async () => {
    const a = await laptop('a');
    const b = await laptop('b');
    const c = await laptop('c');
    const { contactId, orgId } = await seedPerson(a.app);
    const base = await exportFrom(a);
    await importInto(b, base);
    await importInto(c, base);

    await eraseContact(a.app, contactId);
    // B edits later by the clock than the erasure, never having heard of it.
    b.skew = 60_000;
    await asInstallation(b, async () => {
      await updateContact(b.app.db, contactId, { name: 'Søren Ærbøl', emails: ['soeren@koege.dk', 'privat@soeren.dk'], notes: 'Privat mobil: 20 30 40 50' });
      await createAffiliation(b.app.db, contactId, affiliationFieldsSchema.parse({ organisationId: orgId, title: 'Udlejningschef', kind: 'boligorganisation' }));
    });
    const erasure = await exportFrom(a);
    const edits = await exportFrom(b);

    await importInto(a, edits);
    await importInto(b, erasure);
    await importInto(c, edits);
    expect(leaks(c.app).tables).toContain('Privat');
    await importInto(c, erasure);

    for (const who of [a, b, c]) {
      expect(leaks(who.app)).toEqual(noLeaks);
      expect(who.app.sqlite.prepare('SELECT count(*) FROM contact WHERE id = ? AND deleted_at IS NULL').pluck().get(contactId)).toBe(0);
      expect(who.app.sqlite.prepare('SELECT count(*) FROM affiliation WHERE contact_id = ? AND deleted_at IS NULL').pluck().get(contactId)).toBe(0);
      const conflicts = JSON.stringify(await listConflicts(who.app.db));
      expect(secrets.filter((s) => conflicts.includes(s))).toEqual([]);
    }
    expect(digest(b)).toBe(digest(a));
    expect(digest(c)).toBe(digest(a));
  });

  it('also redacts a contact that was merged into the erased one', async () => {
    const a = await laptop('a');
    const keep = await createContact(a.app.db, { name: 'Søren Ærbøl', emails: ['soeren@koege.dk'], phones: [], notes: '' }, []);
    const other = await createContact(a.app.db, { name: 'S. Ærbøl', emails: [], phones: ['+45 20 30 40 50'], notes: 'Privat nummer' }, []);
    await mergeRecords(a.app.db, { table: 'contact', survivorId: keep.id, mergedId: other.id });
    const b = await laptop('b');
    const old = await exportFrom(a);
    await importInto(b, old);
    await eraseContact(a.app, keep.id);
    await importInto(b, await exportFrom(a));
    await importInto(b, old);
    expect(leaks(a.app)).toEqual(noLeaks);
    expect(leaks(b.app)).toEqual(noLeaks);
    expect(digest(b)).toBe(digest(a));
  });

  it('erases a contact that is already in the bin', async () => {
    const a = await laptop('a');
    const { contactId } = await seedPerson(a.app);
    await deleteContact(a.app.db, contactId);
    await eraseContact(a.app, contactId);
    expect(leaks(a.app)).toEqual(noLeaks);
    expect(a.app.sqlite.prepare('SELECT deleted_at IS NOT NULL FROM contact WHERE id = ?').pluck().get(contactId)).toBe(1);
  });

  it('refuses a wrong confirmation name, a second erasure and a restore', async () => {
    const a = await laptop('a');
    const { contactId } = await seedPerson(a.app);
    await expect(eraseContact(a.app, contactId, { confirmName: 'Søren' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Søren Ærbøl-Hansen') });
    expect(leaks(a.app).tables).toContain('Ærbøl');
    await eraseContact(a.app, contactId, { confirmName: ' Søren  Ærbøl-Hansen ' });
    await expect(eraseContact(a.app, contactId)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(assertNotErased(a.app.db, contactId)).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('GDPR for a contact that does not exist', () => {
  it('answers NOT_FOUND in every stage: collect, export and erase (also as a dry run)', async () => {
    const t = await laptop('A');
    {
      const missing = '01890000-0000-7000-8000-000000000000';
      await expect(collectPersonData(t.app.db, missing)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(personDataZip(t.app.db, missing)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(eraseContact(t.app, missing, { dryRun: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(eraseContact(t.app, missing, { confirmName: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});
