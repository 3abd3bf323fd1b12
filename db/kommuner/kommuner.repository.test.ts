import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { derivedId } from '../ids';
import { createContact } from '../contacts/contacts.repository';
import { createOrganisation } from '../organisations/organisations.repository';
import { countOperations } from '../sync/op-log';
import { createTestDatabase } from '../testing/test-database';
import { getKommune, listKommuner, listKredse, listRegions, setKommunerKreds, updateKommune } from './kommuner.repository';

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
    expect(countOperations(t.sqlite) - opsBefore).toBe(3);
    expect((await listKommuner(t.db, { kredsNumber: 7 })).map((k) => k.navn)).toEqual(['København', 'Odder', 'Aarhus']);
    // Setting the same kreds again changes nothing and writes nothing.
    expect(await setKommunerKreds(t.db, { ids, kredsId: seventh.id })).toEqual({ changed: 0 });
    expect(countOperations(t.sqlite) - opsBefore).toBe(3);
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
