import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { derivedId } from '../ids';
import { createTestDatabase } from '../testing/test-database';
import { createOrganisation, deleteOrganisation, getOrganisation, listOrganisations, restoreOrganisation, updateOrganisation } from './organisations.repository';

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
