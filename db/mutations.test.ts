import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../common/result';
import { derivedId } from './ids';
import { createRow, deleteRow, ensureLink, restoreRow, updateRow } from './mutations';
import { markExported } from './sync/clock';
import { createTestDatabase } from './testing/test-database';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const clock = (iso: string) => ({ now: () => iso });
const row = (id: string) => t.sqlite.prepare('SELECT * FROM organisation WHERE id = ?').get(id) as Record<string, unknown>;

describe('mutations', () => {
  it('creates a row with a UUIDv7 id and equal created/updated stamps', async () => {
    const id = await t.db.transaction().execute((trx) => createRow(trx, 'organisation', { name: 'Boligselskabet Sjælland', kind: 'boligorganisation', notes: '' }, clock('2026-01-01T10:00:00.000Z')));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(row(id)).toMatchObject({ name: 'Boligselskabet Sjælland', created_at: '2026-01-01T10:00:00.000Z', updated_at: '2026-01-01T10:00:00.000Z', deleted_at: null });
  });

  it('updates only changed fields and stamps updated_at, answering the stamp; an unchanged update is a no-op', async () => {
    const id = await t.db.transaction().execute((trx) => createRow(trx, 'organisation', { name: 'A', kind: 'andet', notes: '' }, clock('2026-01-01T10:00:00.000Z')));
    const same = await t.db.transaction().execute((trx) => updateRow(trx, 'organisation', id, { name: 'A' }, clock('2026-01-02T10:00:00.000Z')));
    expect(same).toEqual({ changed: false, updatedAt: '2026-01-01T10:00:00.000Z' });
    expect(row(id).updated_at).toBe('2026-01-01T10:00:00.000Z');
    const changed = await t.db.transaction().execute((trx) => updateRow(trx, 'organisation', id, { name: 'B', notes: undefined }, clock('2026-01-03T10:00:00.000Z')));
    expect(changed).toEqual({ changed: true, updatedAt: '2026-01-03T10:00:00.000Z' });
    expect(row(id)).toMatchObject({ name: 'B', notes: '', updated_at: '2026-01-03T10:00:00.000Z', created_at: '2026-01-01T10:00:00.000Z' });
  });

  it('deletes by tombstone, keeps the row, and restores it', async () => {
    const id = await t.db.transaction().execute((trx) => createRow(trx, 'organisation', { name: 'A', kind: 'andet', notes: '' }));
    await t.db.transaction().execute((trx) => deleteRow(trx, 'organisation', id, clock('2026-02-01T00:00:00.000Z')));
    expect(row(id).deleted_at).toBe('2026-02-01T00:00:00.000Z');
    await t.db.transaction().execute((trx) => deleteRow(trx, 'organisation', id, clock('2026-03-01T00:00:00.000Z')));
    expect(row(id).deleted_at).toBe('2026-02-01T00:00:00.000Z');
    await t.db.transaction().execute((trx) => restoreRow(trx, 'organisation', id));
    expect(row(id).deleted_at).toBeNull();
  });

  it('refuses to update a deleted or unknown row with NOT_FOUND', async () => {
    const id = await t.db.transaction().execute((trx) => createRow(trx, 'organisation', { name: 'A', kind: 'andet', notes: '' }));
    await t.db.transaction().execute((trx) => deleteRow(trx, 'organisation', id));
    for (const target of [id, '01890000-0000-7000-8000-00000000dead']) {
      const error = await t.db.transaction().execute((trx) => updateRow(trx, 'organisation', target, { name: 'X' })).catch((e: unknown) => e);
      expect((error as AppError).code).toBe('NOT_FOUND');
    }
    expect(row(id).name).toBe('A');
  });

  it('rolls back every write of a transaction that fails', async () => {
    const error = await t.db
      .transaction()
      .execute(async (trx) => {
        await createRow(trx, 'organisation', { name: 'Skal ikke gemmes', kind: 'andet', notes: '' });
        await updateRow(trx, 'organisation', '01890000-0000-7000-8000-00000000dead', { name: 'X' });
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(t.sqlite.prepare('SELECT count(*) AS n FROM organisation').get()).toEqual({ n: 0 });
  });

  it('makes a derived link live once, however often it is ensured', async () => {
    const organisationId = await t.db.transaction().execute((trx) => createRow(trx, 'organisation', { name: 'A', kind: 'andet', notes: '' }));
    const kommuneId = derivedId('kommune', 101);
    const linkId = derivedId('organisation_kommune', organisationId, kommuneId);
    const fields = { organisation_id: organisationId, kommune_id: kommuneId };
    await t.db.transaction().execute((trx) => ensureLink(trx, 'organisation_kommune', linkId, fields));
    await t.db.transaction().execute((trx) => ensureLink(trx, 'organisation_kommune', linkId, fields));
    await t.db.transaction().execute((trx) => deleteRow(trx, 'organisation_kommune', linkId));
    await t.db.transaction().execute((trx) => ensureLink(trx, 'organisation_kommune', linkId, fields));
    expect(t.sqlite.prepare('SELECT id, deleted_at FROM organisation_kommune').all()).toEqual([{ id: linkId, deleted_at: null }]);
  });
});

describe('operation log', () => {
  const ops = () => t.sqlite.prepare('SELECT hlc, field, value, prev FROM sync_op ORDER BY hlc, field').all() as { hlc: string; field: string; value: string; prev: string | null }[];

  it('records a create as one clock with an operation per field, and an update with the clock it replaced', async () => {
    const id = await t.db.transaction().execute((trx) => createRow(trx, 'organisation', { name: 'A', kind: 'andet', notes: '' }));
    const created = ops();
    expect(created.map((o) => [o.field, o.value])).toEqual([
      ['deleted_at', 'null'],
      ['kind', '"andet"'],
      ['name', '"A"'],
      ['notes', '""'],
    ]);
    expect(new Set(created.map((o) => o.hlc)).size).toBe(1);
    // As if a file had carried the create: from now on its operations never change.
    markExported(t.sqlite);
    await t.db.transaction().execute((trx) => updateRow(trx, 'organisation', id, { name: 'B', notes: '' }));
    const update = ops().filter((o) => o.hlc !== created[0]!.hlc);
    expect(update).toEqual([{ hlc: expect.any(String), field: 'name', value: '"B"', prev: created[0]!.hlc }]);
    expect(update[0]!.hlc > created[0]!.hlc).toBe(true);
    await t.db.transaction().execute((trx) => deleteRow(trx, 'organisation', id));
    expect(ops().at(-1)).toMatchObject({ field: 'deleted_at', prev: created[0]!.hlc });
  });

  it('writes no operation when nothing changed, and none when the transaction rolls back', async () => {
    const id = await t.db.transaction().execute((trx) => createRow(trx, 'organisation', { name: 'A', kind: 'andet', notes: '' }));
    const before = ops().length;
    await t.db.transaction().execute((trx) => updateRow(trx, 'organisation', id, { name: 'A' }));
    await t.db
      .transaction()
      .execute(async (trx) => {
        await updateRow(trx, 'organisation', id, { name: 'Rulles tilbage' });
        throw new Error('stop');
      })
      .catch(() => undefined);
    expect(ops().length).toBe(before);
  });

  it('coalesces edits of a field that no file has carried into one operation that keeps what the first replaced', async () => {
    const id = await t.db.transaction().execute((trx) => createRow(trx, 'organisation', { name: 'A', kind: 'andet', notes: '' }));
    markExported(t.sqlite);
    const created = ops()[0]!.hlc;
    for (let i = 1; i <= 50; i++) await t.db.transaction().execute((trx) => updateRow(trx, 'organisation', id, { notes: 'Referat '.repeat(i) }));
    const notes = ops().filter((o) => o.field === 'notes');
    // The create's operation (carried by a file) and one for the whole burst.
    expect(notes).toHaveLength(2);
    expect(notes[1]).toMatchObject({ value: JSON.stringify('Referat '.repeat(50)), prev: created });
    expect(row(id).notes).toBe('Referat '.repeat(50));
  });

  it('coalesces a new record with its first edits until a file carries it', async () => {
    const id = await t.db.transaction().execute((trx) => createRow(trx, 'organisation', { name: 'A', kind: 'andet', notes: '' }));
    await t.db.transaction().execute((trx) => updateRow(trx, 'organisation', id, { name: 'B' }));
    await t.db.transaction().execute((trx) => updateRow(trx, 'organisation', id, { name: 'C' }));
    expect(ops().filter((o) => o.field === 'name')).toEqual([{ hlc: expect.any(String), field: 'name', value: '"C"', prev: null }]);
    expect(ops()).toHaveLength(4);
  });

  it('never rewrites an operation a file has carried, and coalesces again after it', async () => {
    const id = await t.db.transaction().execute((trx) => createRow(trx, 'organisation', { name: 'A', kind: 'andet', notes: '' }));
    await t.db.transaction().execute((trx) => updateRow(trx, 'organisation', id, { name: 'B' }));
    markExported(t.sqlite);
    const carried = ops();
    await t.db.transaction().execute((trx) => updateRow(trx, 'organisation', id, { name: 'C' }));
    await t.db.transaction().execute((trx) => updateRow(trx, 'organisation', id, { name: 'D' }));
    const after = ops();
    // Every carried operation is still there, unchanged.
    for (const op of carried) expect(after).toContainEqual(op);
    const names = after.filter((o) => o.field === 'name');
    expect(names.map((o) => o.value)).toEqual(['"B"', '"D"']);
    expect(names[1]!.prev).toBe(names[0]!.hlc);
  });

  it('repoints an open conflict at the operation that replaced its winner', async () => {
    const id = await t.db.transaction().execute((trx) => createRow(trx, 'organisation', { name: 'A', kind: 'andet', notes: '' }));
    markExported(t.sqlite);
    await t.db.transaction().execute((trx) => updateRow(trx, 'organisation', id, { name: 'B' }));
    const winner = ops().find((o) => o.value === '"B"')!.hlc;
    t.sqlite.prepare('INSERT INTO sync_conflict (tbl, row_id, field, winner_hlc, loser_hlc) VALUES (?, ?, ?, ?, ?)').run('organisation', id, 'name', winner, '0000000000000001-0000-andenmaskine');
    await t.db.transaction().execute((trx) => updateRow(trx, 'organisation', id, { name: 'C' }));
    const replaced = ops().find((o) => o.value === '"C"')!.hlc;
    expect(t.sqlite.prepare('SELECT winner_hlc FROM sync_conflict').pluck().get()).toBe(replaced);
  });
});
