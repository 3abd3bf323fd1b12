import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { derivedId } from '../ids';
import { createOrganisation } from '../organisations/organisations.repository';
import { search } from '../search/search.repository';
import { countOperations } from '../sync/op-log';
import { createTestDatabase } from '../testing/test-database';
import {
  compareListYears,
  createBoligomraade,
  deleteBoligomraade,
  getBoligomraade,
  kommuneStatuses,
  listBoligomraader,
  restoreBoligomraade,
  setBoligomraadeStatus,
  updateBoligomraade,
} from './boligomraader.repository';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const aarhusId = derivedId('kommune', 751);
const odenseId = derivedId('kommune', 461);

describe('boligområder', () => {
  it('creates an area with organisations, sets its lists per year, and reads back its history newest first', async () => {
    const brabrand = await createOrganisation(t.db, { name: 'Brabrand Boligforening', kind: 'boligorganisation', notes: '', kommuneIds: [aarhusId] });
    const area = await createBoligomraade(t.db, { name: 'Gellerupparken/Toveshøj', kommuneId: aarhusId, organisationIds: [brabrand.id], notes: 'Udviklingsplan vedtaget 2019.' });
    await setBoligomraadeStatus(t.db, { id: area.id, year: 2023, categories: ['parallelsamfund', 'omdannelsesomraade', 'udsat_boligomraade'] });
    await setBoligomraadeStatus(t.db, { id: area.id, year: 2024, categories: ['omdannelsesomraade', 'udsat_boligomraade'] });
    expect(await getBoligomraade(t.db, area.id)).toMatchObject({
      name: 'Gellerupparken/Toveshøj',
      kommuneNavn: 'Aarhus',
      organisations: [{ id: brabrand.id, name: 'Brabrand Boligforening' }],
      history: [
        { year: 2024, categories: ['udsat_boligomraade', 'omdannelsesomraade'] },
        { year: 2023, categories: ['udsat_boligomraade', 'parallelsamfund', 'omdannelsesomraade'] },
      ],
      categories: ['udsat_boligomraade', 'omdannelsesomraade'],
    });
    // Every write went through the operation log.
    expect(countOperations(t.sqlite)).toBeGreaterThan(0);
  });

  it('reads an area that left the lists as on no list now, with its earlier years kept in its history', async () => {
    const left = await createBoligomraade(t.db, { name: 'Mjølnerparken', kommuneId: derivedId('kommune', 101) });
    const still = await createBoligomraade(t.db, { name: 'Vollsmose', kommuneId: odenseId });
    await setBoligomraadeStatus(t.db, { id: left.id, year: 2022, categories: ['parallelsamfund'] });
    await setBoligomraadeStatus(t.db, { id: still.id, year: 2023, categories: ['parallelsamfund'] });
    expect(await getBoligomraade(t.db, left.id)).toMatchObject({ history: [{ year: 2022, categories: ['parallelsamfund'] }], categories: [] });
    expect((await getBoligomraade(t.db, still.id)).categories).toEqual(['parallelsamfund']);
  });

  it('lists by year, category and kommune, and finds an area by search', async () => {
    const vollsmose = await createBoligomraade(t.db, { name: 'Vollsmose', kommuneId: odenseId });
    const bispehaven = await createBoligomraade(t.db, { name: 'Bispehaven', kommuneId: aarhusId });
    await setBoligomraadeStatus(t.db, { id: vollsmose.id, year: 2024, categories: ['parallelsamfund'] });
    await setBoligomraadeStatus(t.db, { id: bispehaven.id, year: 2024, categories: ['forebyggelsesomraade'] });
    await setBoligomraadeStatus(t.db, { id: bispehaven.id, year: 2023, categories: ['parallelsamfund'] });
    const all = await listBoligomraader(t.db);
    expect(all).toMatchObject({ year: 2024, years: [2024, 2023], total: 2 });
    expect(all.items.map((a) => a.name)).toEqual(['Bispehaven', 'Vollsmose']);
    expect((await listBoligomraader(t.db, { category: 'parallelsamfund' })).items.map((a) => a.name)).toEqual(['Vollsmose']);
    expect((await listBoligomraader(t.db, { year: 2023, category: 'parallelsamfund' })).items.map((a) => a.name)).toEqual(['Bispehaven']);
    expect((await listBoligomraader(t.db, { kommuneId: odenseId })).items.map((a) => a.name)).toEqual(['Vollsmose']);
    expect((await listBoligomraader(t.db, { query: 'odense' })).items.map((a) => a.name)).toEqual(['Vollsmose']);
    expect((await search(t.db, 'vollsmose')).hits.map((h) => [h.kind, h.id])).toEqual([['boligomraade', vollsmose.id]]);
  });

  it('compares a year with the year before: new, moved, off, and colours each kommune by its gravest category', async () => {
    const a = await createBoligomraade(t.db, { name: 'Vollsmose', kommuneId: odenseId });
    const b = await createBoligomraade(t.db, { name: 'Bispehaven', kommuneId: aarhusId });
    const c = await createBoligomraade(t.db, { name: 'Herredsvang', kommuneId: aarhusId });
    await setBoligomraadeStatus(t.db, { id: a.id, year: 2024, categories: ['parallelsamfund'] });
    await setBoligomraadeStatus(t.db, { id: b.id, year: 2024, categories: ['forebyggelsesomraade'] });
    await setBoligomraadeStatus(t.db, { id: a.id, year: 2025, categories: ['forebyggelsesomraade'] });
    await setBoligomraadeStatus(t.db, { id: c.id, year: 2025, categories: ['udsat_boligomraade'] });
    const comparison = await compareListYears(t.db, 2025);
    expect(comparison.previousYear).toBe(2024);
    expect(comparison.changes.map((ch) => [ch.kind, ch.name])).toEqual([
      ['new', 'Herredsvang'],
      ['moved', 'Vollsmose'],
      ['off', 'Bispehaven'],
    ]);
    expect(comparison.kommuner.map((k) => k.navn)).toEqual(['Odense', 'Aarhus']); // Danish order: Aa is Å, last
    expect((await compareListYears(t.db, 2025, { kommuneIds: [odenseId] })).changes.map((ch) => ch.name)).toEqual(['Vollsmose']);
    expect((await kommuneStatuses(t.db, 2025)).sort((x, y) => x.kode - y.kode)).toEqual([
      { kommuneId: odenseId, kode: 461, category: 'forebyggelsesomraade', areas: 1 },
      { kommuneId: aarhusId, kode: 751, category: 'udsat_boligomraade', areas: 1 },
    ]);
  });

  it('renames, deletes and restores an area; a deleted area is not listed', async () => {
    const area = await createBoligomraade(t.db, { name: 'Vollsmose', kommuneId: odenseId });
    await updateBoligomraade(t.db, { id: area.id, name: 'Vollsmose (Bøgeparken m.fl.)' });
    await deleteBoligomraade(t.db, area.id);
    expect((await listBoligomraader(t.db)).total).toBe(0);
    expect((await restoreBoligomraade(t.db, area.id)).name).toBe('Vollsmose (Bøgeparken m.fl.)');
  });

  it('refuses an unknown kommune and changes nothing', async () => {
    await expect(createBoligomraade(t.db, { name: 'X', kommuneId: derivedId('kommune', 9999) })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await listBoligomraader(t.db)).total).toBe(0);
  });
});
