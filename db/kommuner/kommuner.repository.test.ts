import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { derivedId } from '../ids';
import { createContact } from '../contacts/contacts.repository';
import { createOrganisation } from '../organisations/organisations.repository';
import { countOperations } from '../sync/op-log';
import { createTestDatabase } from '../testing/test-database';
import { collectStats } from '../maintenance';
import { getKommune, listKommuner, listKredse, listRegions, regionOn, setKommunerKreds, updateKommune } from './kommuner.repository';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const aarhusId = derivedId('kommune', 751);

describe('kommuner', () => {
  it('lists all 98 in Danish alphabetical order (Æ, Ø, Å and Aa last)', async () => {
    const names = (await listKommuner(t.db)).map((k) => k.navn);
    expect(names).toHaveLength(98);
    expect(names[0]).toBe('Albertslund');
    expect(names.indexOf('Ærø')).toBeGreaterThan(names.indexOf('Vordingborg'));
    expect(names.indexOf('Aarhus')).toBeGreaterThan(names.indexOf('Ærø'));
  });

  it('derives kommune ids from the kode so every installation agrees', async () => {
    const [aarhus] = await listKommuner(t.db, { query: 'Aarhus' });
    expect(aarhus?.id).toBe(aarhusId);
    expect(aarhus?.kode).toBe(751);
  });

  it.each([
    ['aarhus', 'Aarhus'],
    ['århus', 'Aarhus'],
    ['koge', 'Køge'],
    ['koege', 'Køge'],
    ['KØGE', 'Køge'],
    ['ålborg', 'Aalborg'],
    ['aero', 'Ærø'],
    ['ærø', 'Ærø'],
    ['751', 'Aarhus'],
  ])('finds %s as %s', async (query, expected) => {
    const names = (await listKommuner(t.db, { query })).map((k) => k.navn);
    expect(names).toContain(expected);
  });

  it('filters by region and by kreds', async () => {
    const regions = await listRegions(t.db);
    expect(regions.map((r) => r.navn)).toEqual(['Region Nordjylland', 'Region Midtjylland', 'Region Syddanmark', 'Region Hovedstaden', 'Region Sjælland']);
    const nord = await listKommuner(t.db, { regionId: regions[0]!.id });
    expect(nord).toHaveLength(11);
    expect(nord.every((k) => k.regionNavn === 'Region Nordjylland')).toBe(true);
    const fyn = (await listKommuner(t.db, { kredsNumber: 3 })).map((k) => k.navn);
    expect(fyn).toEqual(['Assens', 'Faaborg-Midtfyn', 'Kerteminde', 'Langeland', 'Middelfart', 'Nordfyns', 'Nyborg', 'Odense', 'Svendborg', 'Ærø']);
    expect((await listKommuner(t.db, { kredse: [1, 11] })).map((k) => k.navn)).toEqual(['København', 'Vordingborg']);
    expect(await listKommuner(t.db, { kredse: [] })).toEqual([]);
  });

  it('has kredse 1–11', async () => {
    expect((await listKredse(t.db)).map((k) => k.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('edits kreds assignment and notes', async () => {
    const kreds5 = (await listKredse(t.db)).find((k) => k.number === 5)!;
    const updated = await updateKommune(t.db, { id: aarhusId, kredsId: kreds5.id, notes: 'Kommunesamarbejde hvert kvartal' });
    expect(updated).toMatchObject({ kredsNumber: 5, notes: 'Kommunesamarbejde hvert kvartal' });
    const cleared = await updateKommune(t.db, { id: aarhusId, kredsId: null });
    expect(cleared).toMatchObject({ kredsNumber: null, notes: 'Kommunesamarbejde hvert kvartal' });
  });

  it('rejects an unknown kreds and changes nothing', async () => {
    const error = await updateKommune(t.db, { id: aarhusId, kredsId: derivedId('kreds', 99), notes: 'ny' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION' });
    expect((await getKommune(t.db, aarhusId)).notes).toBe('');
  });

  it('shows the organisations and the people with roles there, directly or through an organisation', async () => {
    const organisation = await createOrganisation(t.db, { name: 'Brabrand Boligforening', kind: 'boligorganisation', notes: '', kommuneIds: [aarhusId] });
    await createContact(t.db, { name: 'Anne Direktør', emails: [], phones: [], notes: '' }, [
      { title: 'Direktør', kind: 'boligorganisation', organisationId: organisation.id, kommuneId: null, fromDate: '2020-01-01', toDate: null },
    ]);
    await createContact(t.db, { name: 'Bo Borgmester', emails: [], phones: [], notes: '' }, [
      { title: 'Borgmester', kind: 'politiker', organisationId: null, kommuneId: aarhusId, fromDate: '2022-01-01', toDate: '2025-12-31' },
    ]);
    const kommune = await getKommune(t.db, aarhusId);
    expect(kommune.organisations.map((o) => o.name)).toEqual(['Brabrand Boligforening']);
    expect(kommune.roles.map((r) => [r.contactName, r.title, r.current])).toEqual([
      ['Anne Direktør', 'Direktør', true],
      ['Bo Borgmester', 'Borgmester', false],
    ]);
    const [summary] = await listKommuner(t.db, { id: aarhusId });
    expect(summary).toMatchObject({ organisationCount: 1, contactCount: 1 });
  });

  it('sets the kreds of several kommuner at once with one operation per kommune that changes, undone by setting it back', async () => {
    const kredse = await listKredse(t.db);
    const seventh = kredse.find((k) => k.number === 7)!;
    const ids = [aarhusId, derivedId('kommune', 727), derivedId('kommune', 101)];
    const opsBefore = countOperations(t.sqlite);
    expect(await setKommunerKreds(t.db, { ids, kredsId: seventh.id })).toEqual({ changed: 3 });
    // Per kommune: kreds_id on the kommune (1) and the dated rows (4 fields each): the earlier kreds kept from 2007, the new one from today.
    expect(countOperations(t.sqlite) - opsBefore).toBe(27);
    expect((await listKommuner(t.db, { kredsNumber: 7 })).map((k) => k.navn)).toEqual(['København', 'Odder', 'Aarhus']);
    // Setting the same kreds again changes nothing and writes nothing.
    expect(await setKommunerKreds(t.db, { ids, kredsId: seventh.id })).toEqual({ changed: 0 });
    expect(countOperations(t.sqlite) - opsBefore).toBe(27);
    // Undo = edit back: København returns to 1. kreds, the others to none.
    await setKommunerKreds(t.db, { ids: [derivedId('kommune', 101)], kredsId: kredse.find((k) => k.number === 1)!.id });
    await setKommunerKreds(t.db, { ids: [aarhusId, derivedId('kommune', 727)], kredsId: null });
    expect(await listKommuner(t.db, { kredsNumber: 7 })).toEqual([]);
    expect((await getKommune(t.db, derivedId('kommune', 101))).kredsNumber).toBe(1);
  });

  it('refuses an unknown kreds and changes no kommune', async () => {
    await expect(setKommunerKreds(t.db, { ids: [aarhusId], kredsId: derivedId('kreds', 99) })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await getKommune(t.db, aarhusId)).kredsId).toBeNull();
  });
});

describe('dated regions and kredse (migration 0019)', () => {
  const koegeId = derivedId('kommune', 259);
  const eastId = derivedId('region', 1086);

  it('lists five regions until 2026-12-31 and four from 2027-01-01, with Region Østdanmark', async () => {
    expect((await listRegions(t.db, '2026-12-31')).map((r) => r.navn)).toEqual(['Region Nordjylland', 'Region Midtjylland', 'Region Syddanmark', 'Region Hovedstaden', 'Region Sjælland']);
    expect((await listRegions(t.db, '2027-01-01')).map((r) => r.navn)).toEqual(['Region Nordjylland', 'Region Midtjylland', 'Region Syddanmark', 'Region Østdanmark']);
    expect((await listRegions(t.db, '2027-01-01')).find((r) => r.navn === 'Region Østdanmark')?.id).toBe(eastId);
  });

  it('answers the region of Køge as of a day: Region Sjælland on 2026-11-01, Region Østdanmark on 2027-02-01', async () => {
    expect((await regionOn(t.db, koegeId, '2026-11-01'))?.navn).toBe('Region Sjælland');
    expect((await regionOn(t.db, koegeId, '2026-12-31'))?.navn).toBe('Region Sjælland');
    expect((await regionOn(t.db, koegeId, '2027-01-01'))?.navn).toBe('Region Østdanmark');
    expect((await regionOn(t.db, koegeId, '2027-02-01'))?.navn).toBe('Region Østdanmark');
    expect((await regionOn(t.db, aarhusId, '2027-02-01'))?.navn).toBe('Region Midtjylland');
    expect((await getKommune(t.db, koegeId, '2027-02-01')).regionPeriods.map((p) => [p.validFrom, p.regionNavn])).toEqual([
      ['2007-01-01', 'Region Sjælland'],
      ['2027-01-01', 'Region Østdanmark'],
    ]);
  });

  it('lists and filters kommuner by the region of the given day', async () => {
    const before = await listKommuner(t.db, {}, '2026-11-01');
    expect(before.find((k) => k.id === koegeId)?.regionNavn).toBe('Region Sjælland');
    const after = await listKommuner(t.db, {}, '2027-02-01');
    expect(after.find((k) => k.id === koegeId)?.regionNavn).toBe('Region Østdanmark');
    const east = await listKommuner(t.db, { regionId: eastId }, '2027-02-01');
    expect(east).toHaveLength(46);
    expect(east.map((k) => k.navn)).toEqual(expect.arrayContaining(['København', 'Bornholm', 'Køge', 'Vordingborg']));
    expect(await listKommuner(t.db, { regionId: eastId }, '2026-11-01')).toEqual([]);
  });

  it('counts the regions of the given day in stats', () => {
    expect(collectStats(t.sqlite, '2026-12-07').regions).toBe(5);
    expect(collectStats(t.sqlite, '2027-01-01').regions).toBe(4);
  });

  it('dates a kreds change from the day it is set, keeping the earlier kreds for earlier days', async () => {
    const kredse = await listKredse(t.db);
    const k = (n: number) => kredse.find((x) => x.number === n)!.id;
    // Vordingborg is seeded in 11. kreds; it moves to 10. kreds on 2026-06-01 and to 9. on 2027-01-05.
    const vordingborgId = derivedId('kommune', 390);
    await setKommunerKreds(t.db, { ids: [vordingborgId], kredsId: k(10) }, '2026-06-01');
    await setKommunerKreds(t.db, { ids: [vordingborgId], kredsId: k(9) }, '2027-01-05');
    expect((await getKommune(t.db, vordingborgId, '2026-01-01')).kredsNumber).toBe(11);
    expect((await getKommune(t.db, vordingborgId, '2026-12-01')).kredsNumber).toBe(10);
    expect((await getKommune(t.db, vordingborgId, '2027-02-01')).kredsNumber).toBe(9);
    expect((await getKommune(t.db, vordingborgId, '2027-02-01')).kredsPeriods.map((p) => [p.validFrom, p.kredsNumber])).toEqual([
      ['2007-01-01', 11],
      ['2026-06-01', 10],
      ['2027-01-05', 9],
    ]);
    expect((await listKommuner(t.db, { kredsNumber: 11 }, '2026-05-31')).map((x) => x.navn)).toEqual(['Vordingborg']);
    expect(await listKommuner(t.db, { kredsNumber: 11 }, '2026-06-01')).toEqual([]);
    // Changing it twice the same day keeps one row for that day.
    await setKommunerKreds(t.db, { ids: [vordingborgId], kredsId: k(8) }, '2027-01-05');
    expect((await getKommune(t.db, vordingborgId, '2027-02-01')).kredsPeriods).toHaveLength(3);
    expect((await getKommune(t.db, vordingborgId, '2027-02-01')).kredsNumber).toBe(8);
  });

  it('gives the same dated kreds row on two installations that set it the same day, so they converge', async () => {
    const other = await createTestDatabase();
    try {
      const kreds = (await listKredse(t.db)).find((x) => x.number === 4)!.id;
      for (const db of [t.db, other.db]) await setKommunerKreds(db, { ids: [aarhusId], kredsId: kreds }, '2026-12-07');
      const rows = (sqlite: typeof t.sqlite) => sqlite.prepare('SELECT id, kommune_id, kreds_id, valid_from FROM kommune_kreds_period ORDER BY id').all();
      expect(rows(other.sqlite)).toEqual(rows(t.sqlite));
      expect(rows(t.sqlite)).toHaveLength(2);
      // Reference rows (regions and their dates) are byte-identical on two fresh installations.
      const reference = (sqlite: typeof t.sqlite) => sqlite.prepare('SELECT * FROM kommune_region_period ORDER BY id').all().concat(sqlite.prepare('SELECT * FROM region ORDER BY id').all());
      expect(reference(other.sqlite)).toEqual(reference(t.sqlite));
    } finally {
      await other.dispose();
    }
  });
});
