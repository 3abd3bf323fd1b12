import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { derivedId } from '../ids';
import { createTestDatabase } from '../testing/test-database';
import { createOrganisation, deleteOrganisation, getOrganisation, listOrganisations, pageOrganisations, restoreOrganisation, updateOrganisation, type OrganisationFilter } from './organisations.repository';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const koege = derivedId('kommune', 259);
const stevns = derivedId('kommune', 336);

describe('organisations', () => {
  it('creates an organisation linked to kommuner', async () => {
    const o = await createOrganisation(t.db, { name: 'KAB', kind: 'boligorganisation', notes: 'Administrerer mange afdelinger', kommuneIds: [stevns, koege] });
    expect(o.kommuner.map((k) => k.navn)).toEqual(['Køge', 'Stevns']);
    expect((await listOrganisations(t.db, { kommuneId: koege })).map((x) => x.name)).toEqual(['KAB']);
  });

  it('relinks through the same derived link row instead of creating a new one', async () => {
    const o = await createOrganisation(t.db, { name: 'KAB', kind: 'boligorganisation', notes: '', kommuneIds: [koege] });
    await updateOrganisation(t.db, { id: o.id, kommuneIds: [stevns] });
    expect((await getOrganisation(t.db, o.id)).kommuner.map((k) => k.navn)).toEqual(['Stevns']);
    await updateOrganisation(t.db, { id: o.id, kommuneIds: [koege, stevns] });
    const links = t.sqlite.prepare('SELECT kommune_id, deleted_at FROM organisation_kommune ORDER BY kommune_id').all();
    expect(links).toHaveLength(2);
    expect(links.every((l) => (l as { deleted_at: unknown }).deleted_at === null)).toBe(true);
  });

  it('rejects an unknown kommune and creates nothing', async () => {
    const error = await createOrganisation(t.db, { name: 'X', kind: 'andet', notes: '', kommuneIds: [derivedId('kommune', 1)] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION' });
    expect(await listOrganisations(t.db)).toEqual([]);
  });

  it('deletes by tombstone, hides it from lists, and undo brings it back with its links', async () => {
    const o = await createOrganisation(t.db, { name: 'Domea', kind: 'boligorganisation', notes: '', kommuneIds: [koege] });
    const deleted = await deleteOrganisation(t.db, o.id);
    expect(deleted.deletedAt).not.toBeNull();
    expect(await listOrganisations(t.db)).toEqual([]);
    await restoreOrganisation(t.db, o.id);
    expect((await listOrganisations(t.db)).map((x) => [x.name, x.kommuner.length])).toEqual([['Domea', 1]]);
  });

  it('filters by kind and by folded name', async () => {
    await createOrganisation(t.db, { name: 'Økonomiudvalget i Køge', kind: 'politisk_udvalg', notes: '', kommuneIds: [] });
    await createOrganisation(t.db, { name: 'Lejerbo', kind: 'boligorganisation', notes: '', kommuneIds: [] });
    expect((await listOrganisations(t.db, { kind: 'politisk_udvalg' })).map((o) => o.name)).toEqual(['Økonomiudvalget i Køge']);
    expect((await listOrganisations(t.db, { query: 'oekonomi' })).map((o) => o.name)).toEqual(['Økonomiudvalget i Køge']);
  });
});

describe('organisation pages', () => {
  /** Every page of `size`, concatenated, with the total each page reported. */
  async function allPages(filter: OrganisationFilter, size: number) {
    const names: string[] = [];
    const totals = new Set<number>();
    for (let offset = 0; ; offset += size) {
      const page = await pageOrganisations(t.db, filter, offset, size);
      totals.add(page.total);
      names.push(...page.rows.map((o) => o.name));
      if (page.rows.length < size) break;
    }
    return { names, totals: [...totals] };
  }

  it('pages in Danish order (æ, ø, å and aa after z) with a total, without repeating or skipping an organisation', async () => {
    const names = ['Åbyhøj Boligforening', 'Ældresagen', 'Østerbo', 'Aalborg Boligselskab', 'Zealand Bolig', 'AAB', 'Boligkontoret Danmark', 'ØBO', 'Æblehaven'];
    for (const name of names) await createOrganisation(t.db, { name, kind: 'boligorganisation', notes: '', kommuneIds: [] });
    // Two with the same name: the id breaks the tie, so each is on exactly one page.
    await createOrganisation(t.db, { name: 'KAB', kind: 'boligorganisation', notes: '', kommuneIds: [koege] });
    await createOrganisation(t.db, { name: 'KAB', kind: 'boligorganisation', notes: '', kommuneIds: [] });
    const expected = ['Boligkontoret Danmark', 'KAB', 'KAB', 'Zealand Bolig', 'Æblehaven', 'Ældresagen', 'ØBO', 'Østerbo', 'AAB', 'Åbyhøj Boligforening', 'Aalborg Boligselskab'];
    for (const size of [1, 3, 4, 200]) {
      const { names: paged, totals } = await allPages({}, size);
      expect(paged).toEqual(expected);
      expect(totals).toEqual([11]);
    }
    const first = await pageOrganisations(t.db, {}, 0, 2);
    const second = await pageOrganisations(t.db, {}, 2, 2);
    expect(new Set([...first.rows, ...second.rows].map((o) => o.id)).size).toBe(4);
    expect(first.rows.find((o) => o.kommuner.length > 0)?.kommuner.map((k) => k.navn)).toEqual(['Køge']);
    expect(await pageOrganisations(t.db, {}, 11, 5)).toEqual({ rows: [], total: 11 });
  });

  it('filters by kind, kommune and folded name in SQL, counting only the matches, and leaves out deleted ones', async () => {
    await createOrganisation(t.db, { name: 'Økonomiudvalget i Køge', kind: 'politisk_udvalg', notes: '', kommuneIds: [koege] });
    await createOrganisation(t.db, { name: 'Køge Boligselskab', kind: 'boligorganisation', notes: '', kommuneIds: [koege] });
    await createOrganisation(t.db, { name: 'Stevns Boligselskab', kind: 'boligorganisation', notes: '', kommuneIds: [stevns] });
    const gone = await createOrganisation(t.db, { name: 'Køge Almennyttige', kind: 'boligorganisation', notes: '', kommuneIds: [koege] });
    await deleteOrganisation(t.db, gone.id);
    const names = async (filter: OrganisationFilter) => {
      const page = await pageOrganisations(t.db, filter, 0, 200);
      return [page.total, page.rows.map((o) => o.name)];
    };
    expect(await names({ kind: 'boligorganisation' })).toEqual([2, ['Køge Boligselskab', 'Stevns Boligselskab']]);
    expect(await names({ kommuneId: koege })).toEqual([2, ['Køge Boligselskab', 'Økonomiudvalget i Køge']]);
    expect(await names({ query: 'koege bolig' })).toEqual([1, ['Køge Boligselskab']]);
    expect(await names({ query: 'oekonomi', kind: 'boligorganisation' })).toEqual([0, []]);
  });
});
