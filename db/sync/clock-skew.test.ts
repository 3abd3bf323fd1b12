import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeHlc } from '../../common/hlc';
import { createContact } from '../contacts/contacts.repository';
import { derivedId } from '../ids';
import { checkDatabase } from '../maintenance';
import { updateKommune } from '../kommuner/kommuner.repository';
import { createOrganisation, getOrganisation, updateOrganisation } from '../organisations/organisations.repository';
import { currentClock, maxClockLead, nextClock } from './clock';
import { materializeRow } from './materialize';
import { asInstallation, digest, exportFrom, importInto, installation, type TestInstallation } from './sync-testing';

/**
 * One wrong clock must not poison the team (issue 13): a colleague whose
 * clock runs almost a day fast is imported with a warning and their
 * operations keep their clocks, but nobody's clock follows them more than
 * five minutes past its own wall clock — so the importer's later files are
 * not "from the future" to a third laptop a minute behind. Local clocks stay
 * monotonic and unique, and every installation still converges.
 */
const opened: TestInstallation[] = [];
async function laptop(name: string): Promise<TestInstallation> {
  const who = await installation(name);
  opened.push(who);
  return who;
}
afterEach(async () => {
  vi.restoreAllMocks();
  for (const who of opened.splice(0)) await who.app.close();
});

/** Just inside what the reader accepts (more than 24 h ahead is refused). */
const almostADay = 24 * 60 * 60 * 1000 - 5_000;
const wallOf = (hlc: string | null) => (hlc ? decodeHlc(hlc).wall : 0);

function expectRowsMatchLog(who: TestInstallation): void {
  const { sqlite } = who.app;
  sqlite.exec('SAVEPOINT check_rows');
  try {
    for (const table of ['organisation', 'contact', 'kommune'] as const) {
      for (const id of sqlite.prepare(`SELECT id FROM ${table}`).pluck().all() as string[]) expect(['unchanged', 'held']).toContain(materializeRow(sqlite, table, id, new Date().toISOString()).kind);
    }
  } finally {
    sqlite.exec('ROLLBACK TO check_rows; RELEASE check_rows');
  }
}

describe('a colleague whose clock runs a day fast', () => {
  it('is imported with a warning, keeps its clocks, and does not move the importer’s clock more than five minutes ahead', async () => {
    const [a, b] = [await laptop('a'), await laptop('b')];
    a.skew = almostADay;
    const org = await asInstallation(a, () => createOrganisation(a.app.db, { name: 'Fremtidsboliger', kind: 'boligorganisation', notes: '', kommuneIds: [] }));
    const result = await importInto(b, await exportFrom(a));
    expect(result.warnings.some((w) => /^Afsenderens ændringer er dateret op til ca\. 14(39|40) minutter ude i fremtiden/.test(w))).toBe(true);
    // Kept, with the clocks they carry.
    expect((await getOrganisation(b.app.db, org.id)).name).toBe('Fremtidsboliger');
    const stored = b.app.sqlite.prepare(`SELECT hlc FROM sync_op WHERE tbl = 'organisation' AND row_id = ? AND field = 'name'`).pluck().get(org.id) as string;
    expect(wallOf(stored)).toBeGreaterThan(Date.now() + almostADay - 10_000);
    // Not followed past the bound.
    expect(wallOf(await currentClock(b.app.db))).toBeLessThanOrEqual(Date.now() + maxClockLead);
    const contact = await createContact(b.app.db, { name: 'Ny kontakt', emails: [], phones: [], notes: '' }, []);
    const own = b.app.sqlite.prepare(`SELECT hlc FROM sync_op WHERE tbl = 'contact' AND row_id = ? AND field = 'name'`).pluck().get(contact.id) as string;
    expect(wallOf(own)).toBeLessThanOrEqual(Date.now() + maxClockLead);
  });

  it('the importer’s later files are accepted by a third laptop whose clock is a minute behind', async () => {
    const [a, b, c] = [await laptop('a'), await laptop('b'), await laptop('c')];
    a.skew = almostADay;
    await asInstallation(a, () => updateKommune(a.app.db, { id: derivedId('kommune', 259), notes: 'Skrevet i morgen' }));
    const fromA = await exportFrom(a);
    await importInto(b, fromA);
    await importInto(c, fromA);
    // b learns what c has, then writes only what c lacks: b's own later edits.
    await importInto(b, await exportFrom(c));
    await createContact(b.app.db, { name: 'Karen Kredskonsulent', emails: [], phones: [], notes: '' }, []);
    const fromB = await exportFrom(b, { peer: c });
    // c's device clock is now a minute behind real time.
    const real = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => real() - 60_000);
    c.skew = -60_000;
    const imported = await importInto(c, fromB);
    expect(imported.report.applied).toBeGreaterThan(0);
    vi.restoreAllMocks();
    c.skew = 0;
    for (const who of [b, c]) expect(checkDatabase(who.app.sqlite).ok).toBe(true);
    expect(digest(c)).toBe(digest(b));
  });

  it('a file that relays the fast colleague’s operations is accepted by a laptop a minute behind, and all three converge', async () => {
    const [a, b, c] = [await laptop('a'), await laptop('b'), await laptop('c')];
    a.skew = almostADay;
    const org = await asInstallation(a, () => createOrganisation(a.app.db, { name: 'Fremtidsboliger', kind: 'boligorganisation', notes: '', kommuneIds: [] }));
    await asInstallation(a, () => updateKommune(a.app.db, { id: derivedId('kommune', 259), notes: 'Skrevet i morgen' }));
    const fromA = await exportFrom(a);
    await importInto(b, fromA);
    await createContact(b.app.db, { name: 'Karen Kredskonsulent', emails: [], phones: [], notes: '' }, []);
    // b's full file carries a's operations (23 h 59 min ahead when b took them) beside b's own.
    const fromB = await exportFrom(b);
    c.skew = -60_000;
    // a's own file is more than a day ahead of c's clock: refused, for a's clock, and c is unchanged.
    const untouched = digest(c);
    await expect(importInto(c, fromA)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/mere end et døgn ude i fremtiden \(afsenderens ur går forkert\)/) });
    expect(digest(c)).toBe(untouched);
    // b's file is judged by b's clock: accepted, a's operations kept with their clocks.
    const relayed = await importInto(c, fromB);
    expect(relayed.report.applied).toBeGreaterThan(0);
    expect(relayed.warnings.some((w) => /^Filen videregiver ændringer fra andre installationer, dateret op til ca\. 14(39|40|41) minutter ude i fremtiden/.test(w))).toBe(true);
    // b's own clock followed a's by at most five minutes: nothing blames b for a's day.
    expect(relayed.warnings.filter((w) => w.startsWith('Afsenderens')).every((w) => /ca\. [0-9] minutter/.test(w))).toBe(true);
    expect((await getOrganisation(c.app.db, org.id)).name).toBe('Fremtidsboliger');
    const stored = (who: TestInstallation) => who.app.sqlite.prepare(`SELECT hlc FROM sync_op WHERE tbl = 'organisation' AND row_id = ? AND field = 'name'`).pluck().get(org.id) as string;
    expect(stored(c)).toBe(stored(a));
    expect(wallOf(await currentClock(c.app.db))).toBeLessThanOrEqual(Date.now() - 60_000 + maxClockLead);
    // c's changes reach a and b, and c keeps receiving b's.
    await asInstallation(c, () => updateOrganisation(c.app.db, { id: org.id, notes: 'Fra c' }));
    const fromC = await exportFrom(c);
    await importInto(a, fromC);
    await importInto(b, fromC);
    await createContact(b.app.db, { name: 'Senere kontakt', emails: [], phones: [], notes: '' }, []);
    const later = await exportFrom(b, { peer: c });
    expect((await importInto(c, later)).report.applied).toBeGreaterThan(0);
    await importInto(a, later);
    for (const who of [a, b, c]) expect(checkDatabase(who.app.sqlite).ok).toBe(true);
    expect(digest(c)).toBe(digest(a));
    expect(digest(c)).toBe(digest(b));
    expectRowsMatchLog(c);
  });

  it('refuses a relay of operations more than two days ahead of its clock, changing nothing', async () => {
    const [a, b, c] = [await laptop('a'), await laptop('b'), await laptop('c')];
    const day = 24 * 60 * 60 * 1000;
    // a runs two days and half an hour fast, b a day and 31 minutes: b is within a day of a and accepts its operations.
    a.skew = 2 * day + 30 * 60_000;
    b.skew = day + 31 * 60_000;
    await asInstallation(a, () => createOrganisation(a.app.db, { name: 'Fremtidsboliger', kind: 'boligorganisation', notes: '', kommuneIds: [] }));
    await importInto(b, await exportFrom(a));
    const fromB = await exportFrom(b);
    // b's file carries none of b's own operations, only a's: to c, whose clock is right, they are more than two days ahead.
    const untouched = digest(c);
    await expect(importInto(c, fromB)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/videregiver ændringer dateret mere end to døgn ude i fremtiden/) });
    expect(digest(c)).toBe(untouched);
    // Once c's clock is within a day of b's, the relay is within two days of it and is accepted.
    c.skew = day;
    expect((await importInto(c, fromB)).report.applied).toBeGreaterThan(0);
  });

  it('an edit made here to a field the fast colleague wrote loses to it everywhere alike, and every row still says what its log says', async () => {
    const [a, b] = [await laptop('a'), await laptop('b')];
    a.skew = almostADay;
    const org = await asInstallation(a, () => createOrganisation(a.app.db, { name: 'Fra i morgen', kind: 'boligorganisation', notes: '', kommuneIds: [] }));
    await importInto(b, await exportFrom(a));
    await updateOrganisation(b.app.db, { id: org.id, name: 'Rettet i dag', notes: 'Note i dag' });
    expectRowsMatchLog(b);
    const after = await getOrganisation(b.app.db, org.id);
    expect(after.name).toBe('Fra i morgen');
    expect(after.notes).toBe('');
    await importInto(a, await exportFrom(b));
    expect(digest(a)).toBe(digest(b));
    expectRowsMatchLog(a);
  });

  it('keeps local clocks monotonic and unique when the wall clock jumps back, and after a far-future file', async () => {
    const [a, b] = [await laptop('a'), await laptop('b')];
    a.skew = almostADay;
    await asInstallation(a, () => createOrganisation(a.app.db, { name: 'X', kind: 'andet', notes: '', kommuneIds: [] }));
    const clocks: string[] = [];
    clocks.push(await asInstallation(b, () => b.app.db.transaction().execute((trx) => nextClock(trx))));
    await importInto(b, await exportFrom(a));
    for (const skew of [0, -10 * 60_000, -60 * 60_000, 0, 5 * 60_000]) {
      b.skew = skew;
      for (let i = 0; i < 5; i++) clocks.push(await asInstallation(b, () => b.app.db.transaction().execute((trx) => nextClock(trx))));
    }
    const sorted = [...clocks].sort();
    expect(clocks).toEqual(sorted);
    expect(new Set(clocks).size).toBe(clocks.length);
    expect(Math.max(...clocks.map(wallOf))).toBeLessThanOrEqual(Date.now() + 2 * maxClockLead);
  });
});
