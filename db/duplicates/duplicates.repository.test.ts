import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalisePhone } from '../../common/duplicates';
import { followUpFieldsSchema, seriesFieldsSchema } from '../../common/meetings.domain';
import { createContact, getContact, restoreContact, updateContact } from '../contacts/contacts.repository';
import { createFollowUp, getFollowUp } from '../follow-ups/follow-ups.repository';
import { derivedId } from '../ids';
import { databaseDigest } from '../maintenance';
import { createMeeting, getMeeting, setAttendance } from '../meetings/meetings.repository';
import { createSeries, getSeries } from '../meetings/series.repository';
import { createOrganisation, getOrganisation } from '../organisations/organisations.repository';
import { asInstallation, digest, exportFrom, importInto, installation, type TestInstallation } from '../sync/sync-testing';
import { previewImport } from '../sync/sync.service';
import { createTestDatabase } from '../testing/test-database';
import { dismissPair, findContactDuplicates, findOrganisationDuplicates } from './duplicates.finder';
import { listDuplicateSuggestions, mergeRecords } from './duplicates.repository';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const koege = derivedId('kommune', 259);
const roskilde = derivedId('kommune', 265);
const person = (name: string, emails: string[] = [], phones: string[] = [], notes = '') => ({ name, emails, phones, notes });
const role = (organisationId: string) => ({ organisationId, kommuneId: null, title: 'Direktør', kind: 'boligorganisation' as const, fromDate: null, toDate: null });

describe('duplicate suggestions', () => {
  it('normalises Danish phone numbers with and without +45 and spaces', () => {
    expect(normalisePhone('+45 12 34 56 78')).toBe('12345678');
    expect(normalisePhone('0045 1234 5678')).toBe('12345678');
    expect(normalisePhone('12-34-56-78')).toBe('12345678');
    expect(normalisePhone('+46 8 123 456 78')).toBe('46812345678');
  });

  it('suggests contacts sharing an e-mail, a phone, or a name within one organisation — and not mere namesakes', async () => {
    const kab = await createOrganisation(t.db, { name: 'KAB', kind: 'boligorganisation', notes: '', kommuneIds: [koege] });
    const a = await createContact(t.db, person('Mette Ørsted', ['Mette@KAB.dk']), []);
    const b = await createContact(t.db, person('Mette Oersted', ['mette@kab.dk ']), []);
    const c = await createContact(t.db, person('Jens Hansen', [], ['+45 20 30 40 50']), []);
    const d = await createContact(t.db, person('J. Hansen', [], ['20304050']), []);
    const e = await createContact(t.db, person('Åse Holm'), [role(kab.id)]);
    const f = await createContact(t.db, person('Aase Holm'), [role(kab.id)]);
    await createContact(t.db, person('Åse Holm'), []);
    const pairs = await findContactDuplicates(t.db);
    const describe = pairs.map((p) => [[p.a, p.b].sort().join(), p.reasons.join()]).sort();
    expect(describe).toEqual(
      [
        [[a.id, b.id].sort().join(), 'email'],
        [[c.id, d.id].sort().join(), 'phone'],
        [[e.id, f.id].sort().join(), 'name_organisation'],
      ].sort(),
    );
  });

  it('does not pair colleagues who share a switchboard number, but pairs a name typed twice on it', async () => {
    const switchboard = '+45 56 67 80 00';
    const colleagues = [];
    for (const [name, email] of [['Anne Holm', 'anh@koege.dk'], ['Lars Kjær', 'lak@koege.dk'], ['Ida Berg', 'idb@koege.dk'], ['Eva Berg', 'evb@koege.dk']] as const) {
      colleagues.push(await createContact(t.db, person(name, [email], [switchboard]), []));
    }
    const typo = await createContact(t.db, person('Anne Hollm', ['anne.holm@privat.dk'], ['56678000']), []);
    const pairs = await findContactDuplicates(t.db);
    expect(pairs.map((p) => [[p.a, p.b].sort().join(), p.reasons.join()])).toEqual([[[colleagues[0]!.id, typo.id].sort().join(), 'phone']]);
  });

  it('finds for a few contacts exactly the pairs a search of everyone finds that involve them', async () => {
    const kab = await createOrganisation(t.db, { name: 'KAB', kind: 'boligorganisation', notes: '', kommuneIds: [koege] });
    const fsb = await createOrganisation(t.db, { name: 'fsb', kind: 'boligorganisation', notes: '', kommuneIds: [roskilde] });
    const names = ['Mette Ørsted', 'Mette Oersted', 'Jens Hansen', 'J. Hansen', 'Åse Holm', 'Aase Holm', 'Anne Hollm', 'Anne Holm'];
    const emails = ['mette@kab.dk', ' Mette@KAB.dk', 'jh@fsb.dk', 'anne@koege.dk', 'o"brien@kab.dk'];
    const phones = ['+45 20 30 40 50', '20304050', '0045 5667 8000', '56 67 80 00', '112'];
    const ids: string[] = [];
    // A deterministic mix of shared and unshared keys: every contact draws from the same few names, addresses, numbers and organisations.
    for (let i = 0; i < 40; i++) {
      const contact = await createContact(
        t.db,
        person(names[i % names.length]!, i % 3 === 0 ? [emails[i % emails.length]!] : [], i % 4 === 1 ? [phones[i % phones.length]!] : []),
        i % 5 === 0 ? [role(kab.id)] : i % 5 === 2 ? [role(fsb.id)] : [],
      );
      ids.push(contact.id);
    }
    const all = await findContactDuplicates(t.db);
    const describe = (pairs: typeof all) => pairs.map((p) => `${[p.a, p.b].sort().join()} ${p.reasons.join()}`).sort();
    for (const only of [[ids[0]!], [ids[1]!, ids[7]!], ids.slice(10, 16), [ids[39]!]]) {
      const set = new Set(only);
      expect(describe(await findContactDuplicates(t.db, set))).toEqual(describe(all.filter((p) => set.has(p.a) || set.has(p.b))));
    }
    expect(all.length).toBeGreaterThan(10);
  });

  it('suggests organisations whose names differ only in case, punctuation or Danish spelling, and forgets dismissed pairs', async () => {
    const a = await createOrganisation(t.db, { name: 'Boligselskabet Ærø', kind: 'boligorganisation', notes: '', kommuneIds: [koege] });
    const b = await createOrganisation(t.db, { name: 'boligselskabet aero.', kind: 'boligorganisation', notes: '', kommuneIds: [roskilde] });
    await createOrganisation(t.db, { name: 'Boligselskabet Sjælland', kind: 'boligorganisation', notes: '', kommuneIds: [] });
    const suggestions = await listDuplicateSuggestions(t.db, 'organisation');
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]!.records.map((r) => r.kommuner)).toEqual(expect.arrayContaining([['Køge'], ['Roskilde']]));
    await dismissPair(t.db, b.id, a.id);
    expect(await findOrganisationDuplicates(t.db)).toEqual([]);
  });
});

describe('merging', () => {
  it('moves roles, attendance, series membership and follow-ups to the survivor and tombstones the other with a pointer', async () => {
    const kab = await createOrganisation(t.db, { name: 'KAB', kind: 'boligorganisation', notes: '', kommuneIds: [koege] });
    const survivor = await createContact(t.db, person('Mette Ørsted', ['mette@kab.dk'], [], 'Foretrækker mail'), []);
    const merged = await createContact(t.db, person('Mette Oersted', ['mette@kab.dk', 'mo@privat.dk'], ['+45 20 30 40 50'], 'Formand i afd. 12'), [role(kab.id)]);
    const series = await createSeries(t.db, seriesFieldsSchema.parse({ title: 'Styringsdialog Køge', kind: 'styringsdialog', kommuneId: koege, memberIds: [merged.id] }));
    const meeting = await createMeeting(t.db, { seriesId: null, kommuneId: koege, title: 'Kommunesamarbejde', startsAt: '2026-03-02T08:00:00.000Z', endsAt: null, place: '', status: 'planlagt', notes: '', inviteeIds: [survivor.id, merged.id], agenda: [] });
    await setAttendance(t.db, meeting.id, merged.id, 'deltog', 'referent');
    const followUp = await createFollowUp(t.db, followUpFieldsSchema.parse({ title: 'Send tal for udlejning', ownerContactId: merged.id }));

    const before = databaseDigest(t.sqlite);
    const preview = await mergeRecords(t.db, { table: 'contact', survivorId: survivor.id, mergedId: merged.id }, { dryRun: true });
    expect(preview).toMatchObject({ roles: 1, followUps: 1, attendance: 1, seriesLinks: 1, survivorName: 'Mette Ørsted', mergedName: 'Mette Oersted' });
    expect(databaseDigest(t.sqlite)).toBe(before);

    await mergeRecords(t.db, { table: 'contact', survivorId: survivor.id, mergedId: merged.id });
    const after = await getContact(t.db, survivor.id);
    expect(after.emails).toEqual(['mette@kab.dk', 'mo@privat.dk']);
    expect(after.phones).toEqual(['+45 20 30 40 50']);
    expect(after.notes).toContain('Foretrækker mail');
    expect(after.notes).toContain('Formand i afd. 12');
    expect(after.affiliations.map((a) => a.organisationName)).toEqual(['KAB']);
    expect((await getFollowUp(t.db, followUp.id)).ownerContactId).toBe(survivor.id);
    const attendance = (await getMeeting(t.db, meeting.id)).attendance;
    expect(attendance.map((a) => [a.contactId, a.status, a.role])).toEqual([[survivor.id, 'deltog', 'referent']]);
    expect((await getSeries(t.db, series.id)).members.map((m) => m.id)).toEqual([survivor.id]);
    const gone = t.sqlite.prepare('SELECT deleted_at, merged_into FROM contact WHERE id = ?').get(merged.id) as { deleted_at: string | null; merged_into: string };
    expect(gone.deleted_at).not.toBeNull();
    expect(gone.merged_into).toBe(survivor.id);
    await expect(restoreContact(t.db, merged.id)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await findContactDuplicates(t.db)).toEqual([]);
  });

  it('refuses to merge a record with itself or with a deleted record, changing nothing', async () => {
    const a = await createContact(t.db, person('Per'), []);
    const before = databaseDigest(t.sqlite);
    await expect(mergeRecords(t.db, { table: 'contact', survivorId: a.id, mergedId: a.id })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(mergeRecords(t.db, { table: 'contact', survivorId: a.id, mergedId: derivedId('x', 1) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(databaseDigest(t.sqlite)).toBe(before);
  });

  it('merges organisations: kommuner and roles move to the survivor', async () => {
    const survivor = await createOrganisation(t.db, { name: 'Lejerbo', kind: 'boligorganisation', notes: '', kommuneIds: [koege] });
    const merged = await createOrganisation(t.db, { name: 'Lejerbo.', kind: 'boligorganisation', notes: '', kommuneIds: [koege, roskilde] });
    const contact = await createContact(t.db, person('Ib'), [role(merged.id)]);
    const summary = await mergeRecords(t.db, { table: 'organisation', survivorId: survivor.id, mergedId: merged.id });
    expect(summary).toMatchObject({ kommuner: 2, roles: 1 });
    const after = await getOrganisation(t.db, survivor.id);
    expect(after.kommuner.map((k) => k.navn).sort()).toEqual(['Køge', 'Roskilde']);
    expect((await getContact(t.db, contact.id)).affiliations[0]!.organisationId).toBe(survivor.id);
  });
});

describe('merging across installations', () => {
  let x: TestInstallation;
  let y: TestInstallation;
  beforeEach(async () => {
    [x, y] = [await installation('x'), await installation('y')];
  });
  afterEach(async () => {
    await x.app.close();
    await y.app.close();
  });

  it('late edits and new follow-ups for the merged-away contact land on the survivor, in either import order', async () => {
    const survivor = await createContact(x.app.db, person('Mette Ørsted', ['mette@kab.dk']), []);
    const merged = await createContact(x.app.db, person('Mette Oersted', ['mette@kab.dk']), []);
    await importInto(y, await exportFrom(x));
    // y's clock runs a day behind: its late edit has the smaller clock, and must still land.
    y.skew = -86_000_000;
    await asInstallation(y, async () => {
      await updateContact(y.app.db, merged.id, { phones: ['+45 20 30 40 50'] });
      await createFollowUp(y.app.db, followUpFieldsSchema.parse({ title: 'Ring om helhedsplanen', ownerContactId: merged.id }));
    });
    await asInstallation(x, () => mergeRecords(x.app.db, { table: 'contact', survivorId: survivor.id, mergedId: merged.id }));

    const fromX = await exportFrom(x);
    const fromY = await exportFrom(y);
    await importInto(x, fromY);
    await importInto(y, fromX);
    expect(digest(x)).toBe(digest(y));
    for (const inst of [x, y]) {
      expect((await getContact(inst.app.db, survivor.id)).phones).toEqual(['+45 20 30 40 50']);
      const owners = inst.app.sqlite.prepare('SELECT owner_contact_id FROM follow_up').pluck().all();
      expect(owners).toEqual([survivor.id]);
      expect((await getContact(inst.app.db, merged.id)).deletedAt).not.toBeNull();
    }
    // Re-importing either file changes nothing.
    expect((await importInto(x, fromY)).report.nothingToDo).toBe(true);
    expect((await importInto(y, fromX)).report.nothingToDo).toBe(true);
  });

  it('the import preview counts possible duplicates the file brings in', async () => {
    await createContact(x.app.db, person('Mette Ørsted', ['mette@kab.dk']), []);
    await createContact(y.app.db, person('Mette Ørsted', ['METTE@kab.dk']), []);
    await createContact(y.app.db, person('Ib Holm', ['ib@bl.dk']), []);
    const file = await exportFrom(y);
    const preview = await previewImport(x.app, file);
    expect(preview.report.possibleDuplicates).toBe(1);
    expect((await importInto(x, file)).report.possibleDuplicates).toBe(1);
  });
});
