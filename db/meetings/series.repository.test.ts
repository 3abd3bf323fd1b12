import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seriesFieldsSchema, type SeriesFields } from '../../common/meetings.domain';
import { derivedId } from '../ids';
import { createOrganisation } from '../organisations/organisations.repository';
import { createTestDatabase } from '../testing/test-database';
import { archiveSeries, createSeries, deleteSeries, pageSeries } from './series.repository';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const aabenraa = derivedId('kommune', 580);
const aarhus = derivedId('kommune', 751);
const koege = derivedId('kommune', 259);
const series = (fields: SeriesFields) => createSeries(t.db, seriesFieldsSchema.parse(fields));
const label = (s: { readonly title: string; readonly kommune: { readonly name: string } | null }) => `${s.kommune?.name ?? '–'} | ${s.title}`;

describe('pageSeries', () => {
  it('pages in Danish order of kommune then title (Aa as Å, after Z), series without a kommune last, with the total and the years', async () => {
    await series({ title: 'Netværk for boligsociale medarbejdere', kind: 'netvaerk' });
    await series({ title: 'Styringsdialog 2025', kind: 'styringsdialog', kommuneId: aarhus, year: 2025 });
    await series({ title: 'Kommunesamarbejde Køge', kind: 'kommunesamarbejde', kommuneId: koege });
    await series({ title: 'Ældrerådet', kind: 'andet', kommuneId: koege });
    await series({ title: 'Styringsdialog 2024', kind: 'styringsdialog', kommuneId: koege, year: 2024 });
    await series({ title: 'Helhedsplan Kolstrup', kind: 'helhedsplan', kommuneId: aabenraa });
    const all = await pageSeries(t.db, {}, 0, 200);
    expect(all.rows.map(label)).toEqual([
      'Køge | Kommunesamarbejde Køge',
      'Køge | Styringsdialog 2024',
      'Køge | Ældrerådet',
      'Aabenraa | Helhedsplan Kolstrup',
      'Aarhus | Styringsdialog 2025',
      '– | Netværk for boligsociale medarbejdere',
    ]);
    expect(all.total).toBe(6);
    expect(all.years).toEqual([2025, 2024]);
    // Pages are slices of the same order, also across the series without a kommune.
    const pages = [await pageSeries(t.db, {}, 0, 4), await pageSeries(t.db, {}, 4, 4)];
    expect(pages.flatMap((p) => p.rows.map(label))).toEqual(all.rows.map(label));
    expect((await pageSeries(t.db, {}, 5, 4)).rows.map(label)).toEqual(['– | Netværk for boligsociale medarbejdere']);
    expect((await pageSeries(t.db, {}, 6, 4)).rows).toEqual([]);
  });

  it('filters by kommune, kind, organisation, year and archived, and searches title, kommune and organisation together', async () => {
    const brabrand = await createOrganisation(t.db, { name: 'Brabrand Boligforening', kind: 'boligorganisation', notes: '', kommuneIds: [aarhus] });
    const aab = await createOrganisation(t.db, { name: 'Århus Omegn', kind: 'boligorganisation', notes: '', kommuneIds: [aarhus] });
    const one = await series({ title: 'Styringsdialog 2025', kind: 'styringsdialog', kommuneId: aarhus, year: 2025, organisationIds: [brabrand.id] });
    const two = await series({ title: 'Styringsdialog 2025', kind: 'styringsdialog', kommuneId: aarhus, year: 2025, organisationIds: [aab.id] });
    const old = await series({ title: 'Styringsdialog 2024', kind: 'styringsdialog', kommuneId: aarhus, year: 2024, organisationIds: [brabrand.id] });
    const koegeSeries = await series({ title: 'Kommunesamarbejde Køge', kind: 'kommunesamarbejde', kommuneId: koege });
    const gone = await series({ title: 'Styringsdialog 2025', kind: 'styringsdialog', kommuneId: aarhus, year: 2025 });
    await deleteSeries(t.db, gone.id);
    await archiveSeries(t.db, old.id, true);
    const ids = async (filter: Parameters<typeof pageSeries>[1]) => (await pageSeries(t.db, filter, 0, 50)).rows.map((s) => s.id).sort();

    expect(await ids({})).toEqual([one.id, two.id, koegeSeries.id].sort());
    expect(await ids({ includeArchived: true })).toEqual([one.id, two.id, old.id, koegeSeries.id].sort());
    expect(await ids({ kommuneId: koege })).toEqual([koegeSeries.id]);
    expect(await ids({ kind: 'styringsdialog', year: 2025 })).toEqual([one.id, two.id].sort());
    expect(await ids({ organisationId: brabrand.id, includeArchived: true })).toEqual([one.id, old.id].sort());
    // Words are folded Danish and may come from the title, the kommune or an organisation.
    expect(await ids({ query: 'styringsdialog aarhus brabrand' })).toEqual([one.id]);
    expect(await ids({ query: 'arhus omegn 2025' })).toEqual([two.id]);
    expect(await ids({ query: 'koege' })).toEqual([koegeSeries.id]);
    expect(await ids({ query: 'findes ikke' })).toEqual([]);
    const page = await pageSeries(t.db, { organisationId: aab.id }, 0, 50);
    expect(page).toMatchObject({ total: 1, rows: [{ id: two.id, organisations: [{ id: aab.id, name: 'Århus Omegn' }], kommune: { name: 'Aarhus' } }] });
  });
});
