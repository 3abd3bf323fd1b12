import { afterEach, describe, expect, it } from 'vitest';
import { affiliationFieldsSchema, organisationCreateInputSchema } from '../../common/domain';
import { followUpFieldsSchema, meetingCreateInputSchema, seriesFieldsSchema } from '../../common/meetings.domain';
import { readChannelProblems } from '../../server/ipc/read-channels.testing';
import { createContact, getContact, restoreContact, updateContact } from '../contacts/contacts.repository';
import { createFollowUp, getFollowUp } from '../follow-ups/follow-ups.repository';
import { eraseContact } from '../gdpr/gdpr.repository';
import { derivedId } from '../ids';
import { checkDatabase } from '../maintenance';
import { createMeeting, getMeeting } from '../meetings/meetings.repository';
import { createSeries, getSeries } from '../meetings/series.repository';
import { createOrganisation, getOrganisation } from '../organisations/organisations.repository';
import { asInstallation, digest, exportFrom, importInto, installation, type TestInstallation } from '../sync/sync-testing';
import { mergeRecords } from './duplicates.repository';

/**
 * Two laptops see the same pair under Mulige dubletter and merge it at the
 * same time — the opposite way round, into different survivors, or while the
 * person is erased elsewhere. Every installation must come to the same
 * answer, from the set of operations alone: the merge with the higher clock
 * wins, exactly one record survives with everything of both, and no erased
 * person's data survives in someone else.
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
const person = (name: string, emails: string[], phones: string[] = [], notes = '') => ({ name, emails, phones, notes });

/** Two records of one person, each with a role, an attendance, a series membership and a follow-up of its own. */
async function twins(who: TestInstallation) {
  const db = who.app.db;
  const org = await createOrganisation(db, organisationCreateInputSchema.parse({ name: 'KAB', kind: 'boligorganisation', kommuneIds: [koege] }));
  const x = await createContact(db, person('Mette Ørsted', ['mette@kab.dk'], ['+45 20 30 40 50'], 'Foretrækker mail'), [affiliationFieldsSchema.parse({ organisationId: org.id, title: 'Direktør', kind: 'boligorganisation' })]);
  const y = await createContact(db, person('Mette Oersted', ['mo@privat.dk'], [], 'Formand i afd. 12'), [affiliationFieldsSchema.parse({ kommuneId: koege, title: 'Byrådsmedlem', kind: 'politiker' })]);
  const series = await createSeries(db, seriesFieldsSchema.parse({ title: 'Kommunesamarbejde Køge', kind: 'kommunesamarbejde', kommuneId: koege, memberIds: [y.id] }));
  const m1 = await createMeeting(db, meetingCreateInputSchema.parse({ title: 'Møde 1', startsAt: '2026-03-05T09:00:00.000Z', kommuneId: koege, inviteeIds: [x.id] }));
  const m2 = await createMeeting(db, meetingCreateInputSchema.parse({ title: 'Møde 2', startsAt: '2026-04-05T09:00:00.000Z', kommuneId: koege, inviteeIds: [y.id] }));
  const fx = await createFollowUp(db, followUpFieldsSchema.parse({ title: 'Opfølgning X', ownerContactId: x.id }));
  const fy = await createFollowUp(db, followUpFieldsSchema.parse({ title: 'Opfølgning Y', ownerContactId: y.id }));
  return { org, x: x.id, y: y.id, series: series.id, m1: m1.id, m2: m2.id, fx: fx.id, fy: fy.id };
}

async function exchangeAll(...who: TestInstallation[]): Promise<void> {
  for (const order of [who, [...who].reverse()]) {
    for (const from of order) {
      const file = await exportFrom(from);
      for (const to of order) if (to !== from) await importInto(to, file);
    }
  }
}

async function expectSound(...who: TestInstallation[]): Promise<void> {
  expect(new Set(who.map(digest)).size).toBe(1);
  for (const inst of who) {
    expect(checkDatabase(inst.app.sqlite).ok).toBe(true);
    expect(await readChannelProblems(inst.app)).toEqual([]);
  }
}

/** Everything both records had is on the survivor; the other is deleted, merged into it, and cannot be restored. */
async function expectOneSurvivor(who: TestInstallation, ids: Awaited<ReturnType<typeof twins>>, survivor: string, loser: string): Promise<void> {
  const kept = await getContact(who.app.db, survivor);
  expect(kept.deletedAt).toBeNull();
  expect(kept.mergedInto).toBeNull();
  expect([...kept.emails].sort()).toEqual(['mette@kab.dk', 'mo@privat.dk']);
  expect(kept.phones).toEqual(['+45 20 30 40 50']);
  expect(kept.affiliations.map((a) => a.title).sort()).toEqual(['Byrådsmedlem', 'Direktør']);
  const gone = await getContact(who.app.db, loser);
  expect(gone.deletedAt).not.toBeNull();
  expect(gone.mergedInto).toBe(survivor);
  await expect(restoreContact(who.app.db, loser)).rejects.toMatchObject({ code: 'VALIDATION' });
  for (const meeting of [ids.m1, ids.m2]) expect((await getMeeting(who.app.db, meeting)).attendance.map((a) => a.contactId)).toEqual([survivor]);
  expect((await getSeries(who.app.db, ids.series)).members.map((m) => m.id)).toEqual([survivor]);
  for (const followUp of [ids.fx, ids.fy]) expect((await getFollowUp(who.app.db, followUp)).ownerContactId).toBe(survivor);
}

describe('concurrent merges of one pair', () => {
  it('opposite merges on two laptops: the later merge wins everywhere, one record survives with everything of both', async () => {
    const [a, b] = [await laptop('a'), await laptop('b')];
    const ids = await twins(a);
    await importInto(b, await exportFrom(a));
    // a keeps X; b, a little later, keeps Y. Neither has heard of the other's merge.
    await asInstallation(a, () => mergeRecords(a.app.db, { table: 'contact', survivorId: ids.x, mergedId: ids.y }));
    b.skew = 2_000;
    await asInstallation(b, () => mergeRecords(b.app.db, { table: 'contact', survivorId: ids.y, mergedId: ids.x }));
    const fromA = await exportFrom(a);
    const fromB = await exportFrom(b);
    // A third laptop receives them in the other order.
    const c = await laptop('c');
    await importInto(c, fromB);
    await importInto(c, fromA);
    await asInstallation(a, () => importInto(a, fromB));
    await asInstallation(b, () => importInto(b, fromA));
    for (const who of [a, b, c]) await expectOneSurvivor(who, ids, ids.y, ids.x);
    await expectSound(a, b, c);
    // Re-importing either file changes nothing.
    expect((await importInto(c, fromA)).report.nothingToDo).toBe(true);
    expect((await importInto(c, fromB)).report.nothingToDo).toBe(true);
  });

  it('edits made on the losing merge’s laptop after it merged land on the record that survives', async () => {
    const [a, b] = [await laptop('a'), await laptop('b')];
    const ids = await twins(a);
    await importInto(b, await exportFrom(a));
    await asInstallation(a, () => mergeRecords(a.app.db, { table: 'contact', survivorId: ids.x, mergedId: ids.y }));
    b.skew = 2_000;
    await asInstallation(b, () => mergeRecords(b.app.db, { table: 'contact', survivorId: ids.y, mergedId: ids.x }));
    // Later still, a (which knows X as the survivor) adds a number to X: an edit b's merge had not seen.
    a.skew = 10_000;
    await asInstallation(a, () => updateContact(a.app.db, ids.x, { phones: ['+45 20 30 40 50', '+45 70 10 20 30'] }));
    await exchangeAll(a, b);
    for (const who of [a, b]) expect((await getContact(who.app.db, ids.y)).phones).toEqual(['+45 20 30 40 50', '+45 70 10 20 30']);
    await expectSound(a, b);
  });

  it('one record merged into two different survivors: the later merge holds, the other survivor keeps only its own', async () => {
    const [a, b] = [await laptop('a'), await laptop('b')];
    const ids = await twins(a);
    const z = await createContact(a.app.db, person('M. Ørsted', ['m@oersted.dk']), []);
    await importInto(b, await exportFrom(a));
    await asInstallation(a, () => mergeRecords(a.app.db, { table: 'contact', survivorId: z.id, mergedId: ids.y }));
    b.skew = 2_000;
    await asInstallation(b, () => mergeRecords(b.app.db, { table: 'contact', survivorId: ids.x, mergedId: ids.y }));
    await exchangeAll(a, b);
    for (const who of [a, b]) {
      await expectOneSurvivor(who, ids, ids.x, ids.y);
      expect(await getContact(who.app.db, z.id)).toMatchObject({ emails: ['m@oersted.dk'], notes: '', deletedAt: null, affiliations: [] });
    }
    await expectSound(a, b);
  });

  it('opposite merges of organisations: kommuner and roles of both end on the survivor', async () => {
    const [a, b] = [await laptop('a'), await laptop('b')];
    const roskilde = derivedId('kommune', 265);
    const x = await createOrganisation(a.app.db, organisationCreateInputSchema.parse({ name: 'Lejerbo', kind: 'boligorganisation', kommuneIds: [koege] }));
    const y = await createOrganisation(a.app.db, organisationCreateInputSchema.parse({ name: 'Lejerbo.', kind: 'boligorganisation', kommuneIds: [roskilde] }));
    const ib = await createContact(a.app.db, person('Ib', []), [affiliationFieldsSchema.parse({ organisationId: y.id, title: 'Direktør', kind: 'boligorganisation' })]);
    await importInto(b, await exportFrom(a));
    await asInstallation(a, () => mergeRecords(a.app.db, { table: 'organisation', survivorId: y.id, mergedId: x.id }));
    b.skew = 2_000;
    await asInstallation(b, () => mergeRecords(b.app.db, { table: 'organisation', survivorId: x.id, mergedId: y.id }));
    await exchangeAll(a, b);
    for (const who of [a, b]) {
      const kept = await getOrganisation(who.app.db, x.id);
      expect(kept.deletedAt).toBeNull();
      expect(kept.kommuner.map((k) => k.navn).sort()).toEqual(['Køge', 'Roskilde']);
      expect((await getContact(who.app.db, ib.id)).affiliations[0]!.organisationId).toBe(x.id);
      expect((await getOrganisation(who.app.db, y.id)).deletedAt).not.toBeNull();
    }
    await expectSound(a, b);
  });
});

describe('a merge racing an erasure', () => {
  it('erasing the survivor of a merge that beat another also clears what the losing merge copied onto its own survivor', async () => {
    const [a, b] = [await laptop('a'), await laptop('b')];
    const ids = await twins(a);
    const z = await createContact(a.app.db, person('M. Ørsted', ['m@oersted.dk']), []);
    await importInto(b, await exportFrom(a));
    // a merges Y into Z (copying Y's e-mail onto Z); b, later, merges Y into X — b's merge holds, a's is void.
    await asInstallation(a, () => mergeRecords(a.app.db, { table: 'contact', survivorId: z.id, mergedId: ids.y }));
    b.skew = 2_000;
    await asInstallation(b, () => mergeRecords(b.app.db, { table: 'contact', survivorId: ids.x, mergedId: ids.y }));
    await exchangeAll(a, b);
    // Then X — and with it Y, merged into X — is erased.
    await eraseContact(a.app, ids.x);
    await exchangeAll(a, b);
    for (const who of [a, b]) {
      expect(await getContact(who.app.db, z.id)).toMatchObject({ emails: ['m@oersted.dk'], deletedAt: null });
      const log = (who.app.sqlite.prepare('SELECT value FROM sync_op').pluck().all() as (string | null)[]).join('\n');
      for (const secret of ['mo@privat.dk', 'mette@kab.dk', 'Formand i afd. 12']) expect(log).not.toContain(secret);
    }
    await expectSound(a, b);
  });

  it('the erased person’s data does not survive in the record it was merged into, on any installation, in any order', async () => {
    const [a, b] = [await laptop('a'), await laptop('b')];
    const ids = await twins(a);
    await importInto(b, await exportFrom(a));
    await asInstallation(a, () => mergeRecords(a.app.db, { table: 'contact', survivorId: ids.x, mergedId: ids.y }));
    b.skew = 2_000;
    await asInstallation(b, () => eraseContact(b.app, ids.y));
    const fromA = await exportFrom(a);
    const fromB = await exportFrom(b);
    const c = await laptop('c');
    await importInto(c, fromA);
    await importInto(c, fromB);
    await exchangeAll(a, b);
    for (const who of [a, b, c]) {
      const kept = await getContact(who.app.db, ids.x);
      expect(kept).toMatchObject({ name: 'Mette Ørsted', emails: ['mette@kab.dk'], notes: 'Foretrækker mail', deletedAt: null });
      expect(kept.affiliations.map((r) => r.title)).toEqual(['Direktør']);
      const erased = await getContact(who.app.db, ids.y);
      expect(erased).toMatchObject({ name: 'Slettet person', emails: [], mergedInto: null });
      expect(erased.erasedAt).not.toBeNull();
      const log = (who.app.sqlite.prepare('SELECT value FROM sync_op').pluck().all() as (string | null)[]).join('\n');
      for (const secret of ['mo@privat.dk', 'Formand i afd. 12', 'Oersted', 'Byrådsmedlem']) expect(log).not.toContain(secret);
    }
    await expectSound(a, b, c);
  });
});
