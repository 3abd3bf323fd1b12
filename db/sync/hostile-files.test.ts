import { afterEach, describe, expect, it } from 'vitest';
import { affiliationFieldsSchema, organisationCreateInputSchema } from '../../common/domain';
import { followUpFieldsSchema, meetingCreateInputSchema, seriesFieldsSchema } from '../../common/meetings.domain';
import { AppError } from '../../common/result';
import { readChannelProblems } from '../../server/ipc/read-channels.testing';
import { createContact, getContact, listContacts, pageContacts } from '../contacts/contacts.repository';
import { createFollowUp } from '../follow-ups/follow-ups.repository';
import { derivedId } from '../ids';
import { checkDatabase } from '../maintenance';
import { createMeeting, getMeeting, listMeetings } from '../meetings/meetings.repository';
import { createSeries } from '../meetings/series.repository';
import { createOrganisation, getOrganisation } from '../organisations/organisations.repository';
import { forgedClock, forgedOp, forgedRow, forgeFile } from './forge.testing';
import { digest, exportFrom, importInto, installation, type TestInstallation } from './sync-testing';

/**
 * Files that are valid on the outside and wrong on the inside (issue 13):
 * checksum-valid files whose operations break the schema, reference data,
 * unique pairs or foreign keys, or repeat an operation with another value.
 * Each is either refused whole with a clean Danish reason (nothing changes)
 * or accepted safely: the wrong operations are held, every page still reads,
 * the database checks out, and two installations that receive the same files
 * in opposite orders end up equal.
 */
const opened: TestInstallation[] = [];
async function laptop(name: string): Promise<TestInstallation> {
  const who = await installation(name);
  opened.push(who);
  return who;
}
afterEach(async () => {
  for (const who of opened.splice(0)) await who.app.close();
});

const koege = derivedId('kommune', 259);
const roskilde = derivedId('kommune', 265);

/** A small real history on one installation: the rows the forged operations aim at. */
async function seed(who: TestInstallation) {
  const db = who.app.db;
  const org = await createOrganisation(db, organisationCreateInputSchema.parse({ name: 'KAB', kind: 'boligorganisation', kommuneIds: [koege] }));
  const contact = await createContact(db, { name: 'Mette Ørsted', emails: ['mette@kab.dk'], phones: ['+45 20 30 40 50'], notes: '' }, [
    affiliationFieldsSchema.parse({ organisationId: org.id, title: 'Direktør', kind: 'boligorganisation' }),
  ]);
  const series = await createSeries(db, seriesFieldsSchema.parse({ title: 'Kommunesamarbejde Køge', kind: 'kommunesamarbejde', kommuneId: koege, memberIds: [contact.id] }));
  const meeting = await createMeeting(db, meetingCreateInputSchema.parse({ title: 'Dialogmøde', startsAt: '2026-03-05T09:00:00.000Z', seriesId: series.id, kommuneId: koege, inviteeIds: [contact.id], agenda: [{ title: 'Boligsocial anvisning' }] }));
  const followUp = await createFollowUp(db, followUpFieldsSchema.parse({ title: 'Send tal', ownerContactId: contact.id, sourceMeetingId: meeting.id }));
  return { org, contact, series, meeting, followUp };
}

type Outcome = 'accepted' | 'rejected';

/** Imports; a refusal must be a VALIDATION AppError of one Danish sentence ending "Intet er ændret.", quoting nothing of the file, and change nothing. */
async function tryImport(who: TestInstallation, file: string, secrets: readonly string[] = []): Promise<Outcome> {
  const before = digest(who);
  try {
    await importInto(who, file);
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const { code, message } = error as AppError;
    expect(code).toBe('VALIDATION');
    expect(message).toMatch(/^Filen kan ikke importeres: [^.]*(\([^)]*\))?\. Intet er ændret\.$/);
    for (const secret of secrets) expect(message).not.toContain(secret);
    expect(digest(who)).toBe(before);
    expect(checkDatabase(who.app.sqlite).ok).toBe(true);
    return 'rejected';
  }
}

/** Two installations that start from `base` receive `files` in opposite orders: same outcomes, sound databases, equal digests, every page reads. */
async function expectConvergence(base: string, files: readonly string[]): Promise<{ p: TestInstallation; q: TestInstallation; outcomes: Outcome[] }> {
  const [p, q] = [await laptop('p'), await laptop('q')];
  await importInto(p, base);
  await importInto(q, base);
  const outcomes: Outcome[] = [];
  for (const file of files) outcomes.push(await tryImport(p, file));
  const reversed: Outcome[] = [];
  for (const file of [...files].reverse()) reversed.push(await tryImport(q, file));
  expect(reversed.reverse()).toEqual(outcomes);
  for (const who of [p, q]) {
    expect(checkDatabase(who.app.sqlite)).toMatchObject({ ok: true });
    expect(await readChannelProblems(who.app)).toEqual([]);
  }
  expect(digest(p)).toBe(digest(q));
  // Every accepted file again: nothing to do.
  for (const [i, file] of files.entries()) if (outcomes[i] === 'accepted') expect((await importInto(p, file)).report.nothingToDo).toBe(true);
  return { p, q, outcomes };
}

describe('values that break the schema are held, never shown', () => {
  it('holds unknown kinds and statuses, nulls in required fields, non-dates, non-JSON lists and kreds 99, and every page still reads', async () => {
    const a = await laptop('a');
    const s = await seed(a);
    const base = await exportFrom(a);
    const t = (n: number) => forgedClock(1000 + n);
    const kreds1 = derivedId('kreds', 1);
    const files = [
      forgeFile([forgedOp(t(1), 'organisation', s.org.id, 'kind', 'andelsboligforening')]),
      forgeFile([forgedOp(t(2), 'meeting', s.meeting.id, 'status', 'udsat')]),
      forgeFile([forgedOp(t(3), 'contact', s.contact.id, 'name', null)]),
      forgeFile([forgedOp(t(4), 'contact', s.contact.id, 'emails', 'ikke json')]),
      forgeFile([forgedOp(t(5), 'meeting', s.meeting.id, 'starts_at', 'i morgen kl. 9')]),
      forgeFile([forgedOp(t(6), 'kreds', kreds1, 'number', 99)]),
      forgeFile([forgedOp(t(7), 'kommune', koege, 'kode', 101), forgedOp(t(7), 'kommune', koege, 'navn', 'København'), forgedOp(t(7), 'kommune', koege, 'region_id', derivedId('region', 1081))]),
      forgeFile([forgedOp(t(8), 'kommune', roskilde, 'deleted_at', new Date().toISOString())]),
      forgeFile([forgedOp(t(9), 'meeting_series', s.series.id, 'archived', 7), forgedOp(t(9), 'meeting_series', s.series.id, 'year', 'i år')]),
      forgeFile([forgedOp(t(10), 'follow_up', s.followUp.id, 'due_date', '2026-02-30'), forgedOp(t(10), 'follow_up', s.followUp.id, 'owner_is_me', 2)]),
      forgeFile([forgedOp(t(11), 'contact', s.contact.id, 'phones', JSON.stringify({ not: 'a list' }))]),
      forgeFile([forgedOp(t(12), 'affiliation', s.contact.affiliations[0]!.id, 'kind', 'konge')]),
      forgeFile([forgedOp(t(13), 'region', derivedId('region', 1084), 'navn', 'Region Nonsens')]),
      // København's seeded kreds (no operation of its own yet) is not wiped by a kreds id that is no id.
      forgeFile([forgedOp(t(13), 'kommune', derivedId('kommune', 101), 'kreds_id', 'ikke-en-kreds'), forgedOp(t(13), 'kommune', derivedId('kommune', 101), 'notes', 'Gyldig note')]),
      // A new kommune, region and kreds: reference data has exactly its seeded rows.
      forgeFile([
        ...forgedRow(t(14), 'kommune', derivedId('kommune', 999), { kode: 999, navn: 'Atlantis', region_id: derivedId('region', 1084), kreds_id: null, notes: '' }),
        ...forgedRow(t(14), 'kreds', derivedId('kreds', 12), { number: 12, name: '12. kreds' }),
      ]),
      // A record whose id is no UUID: it could never be opened or erased.
      forgeFile(forgedRow(t(15), 'contact', 'ikke-et-uuid', { name: 'Hr. Ugyldig', emails: '[]', phones: '[]', notes: '' })),
    ];
    const { p } = await expectConvergence(base, files);

    const org = await getOrganisation(p.app.db, s.org.id);
    expect(org.kind).toBe('boligorganisation');
    const contact = await getContact(p.app.db, s.contact.id);
    expect(contact).toMatchObject({ name: 'Mette Ørsted', emails: ['mette@kab.dk'], phones: ['+45 20 30 40 50'] });
    expect(contact.affiliations[0]!.kind).toBe('boligorganisation');
    const meeting = await getMeeting(p.app.db, s.meeting.id);
    expect(meeting).toMatchObject({ status: 'planlagt', startsAt: '2026-03-05T09:00:00.000Z' });
    expect(p.app.sqlite.prepare('SELECT number FROM kreds WHERE id = ?').pluck().get(kreds1)).toBe(1);
    expect(p.app.sqlite.prepare('SELECT kode, navn, deleted_at FROM kommune WHERE id IN (?, ?) ORDER BY kode').all(koege, roskilde)).toEqual([
      { kode: 259, navn: 'Køge', deleted_at: null },
      { kode: 265, navn: 'Roskilde', deleted_at: null },
    ]);
    expect(p.app.sqlite.prepare('SELECT count(*) FROM kommune').pluck().get()).toBe(98);
    expect(p.app.sqlite.prepare('SELECT kreds_id, notes FROM kommune WHERE id = ?').get(derivedId('kommune', 101))).toEqual({ kreds_id: derivedId('kreds', 1), notes: 'Gyldig note' });
    expect(p.app.sqlite.prepare('SELECT count(*) FROM kreds').pluck().get()).toBe(11);
    expect(p.app.sqlite.prepare("SELECT count(*) FROM contact WHERE id = 'ikke-et-uuid'").pluck().get()).toBe(0);
    expect((await listContacts(p.app.db)).map((c) => c.name)).toEqual(['Mette Ørsted']);
    expect((await pageContacts(p.app.db, {}, 0, 50)).total).toBe(1);
    expect((await listMeetings(p.app.db)).map((m) => m.status)).toEqual(['planlagt']);
    // Held, not lost: the operations are stored and passed on.
    expect(p.app.sqlite.prepare(`SELECT count(*) FROM sync_op WHERE value = '"andelsboligforening"'`).pluck().get()).toBe(1);
  });

  it('a record first named with a wrong value is not created until a valid value arrives; the same field later made valid shows', async () => {
    const a = await laptop('a');
    const base = await exportFrom(a);
    const id = '01900000-0000-7000-8000-0000000000aa';
    const first = forgeFile(forgedRow(forgedClock(1000), 'organisation', id, { name: 'Lejerbo', kind: 'andelsboligforening', notes: '' }));
    const fixed = forgeFile([forgedOp(forgedClock(2000), 'organisation', id, 'kind', 'boligorganisation')]);
    const { p, outcomes } = await expectConvergence(base, [first, fixed]);
    expect(outcomes).toEqual(['accepted', 'accepted']);
    expect((await getOrganisation(p.app.db, id)).kind).toBe('boligorganisation');
  });
});

describe('references, unique pairs and link ids', () => {
  it('holds a role whose contact never arrives (no failed COMMIT), and shows it once the contact comes', async () => {
    const a = await laptop('a');
    const s = await seed(a);
    const base = await exportFrom(a);
    const contactId = '01900000-0000-7000-8000-0000000000c1';
    const roleId = '01900000-0000-7000-8000-0000000000c2';
    const role = forgeFile(forgedRow(forgedClock(1000), 'affiliation', roleId, { contact_id: contactId, organisation_id: s.org.id, kommune_id: null, title: 'Formand', kind: 'beboerdemokrat', from_date: null, to_date: null }));
    const meetingId = '01900000-0000-7000-8000-0000000000c3';
    const orphanMeeting = forgeFile(forgedRow(forgedClock(1100), 'meeting', meetingId, { series_id: '01900000-0000-7000-8000-0000000000c4', kommune_id: koege, title: 'Forældreløst møde', starts_at: '2026-05-01T08:00:00.000Z', ends_at: null, place: '', status: 'planlagt', notes: '', ics_uid: null }));
    const person = forgeFile(forgedRow(forgedClock(2000), 'contact', contactId, { name: 'Ib Holm', emails: '[]', phones: '[]', notes: '' }));

    const p = await laptop('alone');
    await importInto(p, base);
    const held = await importInto(p, role);
    expect(held.report.held).toBeGreaterThan(0);
    expect(p.app.sqlite.prepare('SELECT count(*) FROM affiliation WHERE id = ?').pluck().get(roleId)).toBe(0);
    expect(checkDatabase(p.app.sqlite).ok).toBe(true);

    const { q } = await expectConvergence(base, [role, orphanMeeting, person]);
    expect((await getContact(q.app.db, contactId)).affiliations.map((r) => r.title)).toEqual(['Formand']);
    // The meeting names a series that never came: it shows, without the series, until the series arrives.
    expect(q.app.sqlite.prepare('SELECT series_id, title FROM meeting WHERE id = ?').get(meetingId)).toEqual({ series_id: null, title: 'Forældreløst møde' });
  });

  it('holds a link row that copies an existing pair under another id, and a pair rewritten under a link’s id', async () => {
    const a = await laptop('a');
    const s = await seed(a);
    const base = await exportFrom(a);
    const copy = forgeFile(forgedRow(forgedClock(1000), 'organisation_kommune', '01900000-0000-7000-8000-0000000000d1', { organisation_id: s.org.id, kommune_id: koege }));
    const link = derivedId('organisation_kommune', s.org.id, koege);
    const rewrite = forgeFile([forgedOp(forgedClock(1100), 'organisation_kommune', link, 'kommune_id', roskilde)]);
    const attendance = derivedId('attendance', s.meeting.id, s.contact.id);
    const moved = forgeFile([forgedOp(forgedClock(1200), 'attendance', attendance, 'contact_id', '01900000-0000-7000-8000-0000000000d2')]);
    const { p } = await expectConvergence(base, [copy, rewrite, moved]);
    expect((await getOrganisation(p.app.db, s.org.id)).kommuner.map((k) => k.navn)).toEqual(['Køge']);
    expect(p.app.sqlite.prepare('SELECT count(*) FROM organisation_kommune').pluck().get()).toBe(1);
    expect((await getMeeting(p.app.db, s.meeting.id)).attendance.map((x) => x.contactId)).toEqual([s.contact.id]);
  });
});

describe('the same operation with another value', () => {
  it('refuses a file that repeats an operation already here with another value, in one sentence that quotes nothing', async () => {
    const a = await laptop('a');
    const s = await seed(a);
    const b = await laptop('b');
    await importInto(b, await exportFrom(a));
    const ops = a.app.sqlite.prepare(`SELECT hlc, tbl, row_id, field, value, prev, origin FROM sync_op WHERE tbl = 'contact' AND row_id = ? AND field = 'name'`).all(s.contact.id) as { hlc: string; tbl: string; row_id: string; field: string; value: string; prev: string | null; origin: string }[];
    const forged = forgeFile(ops.map((op) => ({ ...op, value: JSON.stringify('Hemmelig Forfalskning') })), { installationId: 'e0e0e0e0e0e0e0e0' });
    expect(await tryImport(b, forged, ['Hemmelig Forfalskning', s.contact.id])).toBe('rejected');
    // Two copies of one operation inside one new file, with different values: refused too.
    const hlc = forgedClock(1000);
    const twice = forgeFile([forgedOp(hlc, 'contact', s.contact.id, 'notes', 'én'), forgedOp(hlc, 'contact', s.contact.id, 'notes', 'to')]);
    expect(await tryImport(b, twice, ['én'])).toBe('rejected');
    expect((await getContact(b.app.db, s.contact.id)).name).toBe('Mette Ørsted');
  });
});

describe('a first import, which interns records without looking them up (op-log.ts assumeNewRecords)', () => {
  type Op = { hlc: string; tbl: string; row_id: string; field: string; value: string | null; prev: string | null; origin: string };
  /** Over a thousand operations into an empty log. */
  async function history(): Promise<{ a: TestInstallation; ops: Op[] }> {
    const a = await laptop('a');
    for (let i = 0; i < 230; i++) await createContact(a.app.db, { name: `Person ${i}`, emails: [`p${i}@eksempel.dk`], phones: [], notes: `Note ${i}` }, []);
    const ops = a.app.sqlite.prepare('SELECT hlc, tbl, row_id, field, value, prev, origin FROM sync_op ORDER BY hlc, tbl, row_id, field').all() as Op[];
    expect(ops.length).toBeGreaterThan(1000);
    return { a, ops };
  }
  const logSize = (who: TestInstallation) => who.app.sqlite.prepare('SELECT count(*) FROM sync_log').pluck().get() as number;

  it('stores every operation of a first import and gives the same database as its source', async () => {
    const { a, ops } = await history();
    const b = await laptop('b');
    const result = await importInto(b, await exportFrom(a));
    expect(result.report).toMatchObject({ operations: ops.length, alreadyPresent: 0 });
    expect(logSize(b)).toBe(ops.length);
    expect(digest(b)).toBe(digest(a));
  });

  it('keeps an operation once when a first import carries it twice', async () => {
    const { a, ops } = await history();
    const twice = [...ops.slice(0, 700), ops[699]!, ...ops.slice(700)];
    const b = await laptop('b');
    const result = await importInto(b, forgeFile(twice, { installationId: 'e0e0e0e0e0e0e0e0' }));
    expect(result.report).toMatchObject({ operations: ops.length + 1, alreadyPresent: 1 });
    expect(logSize(b)).toBe(ops.length);
    expect(digest(b)).toBe(digest(a));
  });

  it('refuses a first import that carries one operation twice with another value, and changes nothing', async () => {
    const { ops } = await history();
    const forged = { ...ops[699]!, value: JSON.stringify('Hemmelig Forfalskning') };
    const b = await laptop('b');
    expect(await tryImport(b, forgeFile([...ops.slice(0, 700), forged, ...ops.slice(700)], { installationId: 'e0e0e0e0e0e0e0e0' }), ['Hemmelig Forfalskning'])).toBe('rejected');
    expect(logSize(b)).toBe(0);
  });
});
