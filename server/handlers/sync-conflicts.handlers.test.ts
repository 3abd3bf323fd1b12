import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgedClock, forgedOp, forgedRow, forgeFile } from '../../db/sync/forge.testing';
import { importSync } from '../../db/sync/sync.service';
import { createTestDatabase } from '../../db/testing/test-database';
import { createDispatcher, type Dispatch } from '../ipc/dispatch';
import { handlers } from '.';

/**
 * sync.conflicts answers a page, not every open conflict at once (a database
 * with 100,000 of them answered 49 MB): here 3,000 conflicts — the same field
 * renamed on two installations on top of the same version — are paged
 * through, each once, and resolving one shortens the list.
 */
const count = 3_000;
let t: Awaited<ReturnType<typeof createTestDatabase>>;
let dispatch: Dispatch;
const internal: unknown[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  dispatch = createDispatcher(handlers, { app: t, host: 'browser', version: '9.9.9' }, { checkOutput: true, onInternalError: (_c, e) => internal.push(e) });
  const ids = Array.from({ length: count }, (_, i) => `01900000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`);
  const created = forgedClock(-60_000, 0, 'a0a0a0a0a0a0a0a0');
  await importSync(t, forgeFile(ids.flatMap((id, i) => forgedRow(created, 'organisation', id, { name: `Boligselskab ${i}`, kind: 'boligorganisation', notes: '' })), { installationId: 'a0a0a0a0a0a0a0a0' }));
  for (const [origin, name] of [['b0b0b0b0b0b0b0b0', 'B'], ['c0c0c0c0c0c0c0c0', 'C']] as const) {
    const renamed = forgedClock(-30_000, 0, origin);
    await importSync(t, forgeFile(ids.map((id, i) => forgedOp(renamed, 'organisation', id, 'name', `Boligselskab ${i} (${name})`, { prev: created })), { installationId: origin }));
  }
}, 120_000);
afterAll(() => t.dispose());

describe('sync.conflicts in pages', () => {
  it('answers the first 50 with the total, small however many are open', async () => {
    const result = await dispatch('sync.conflicts', undefined);
    expect(result.ok).toBe(true);
    const page = (result as { value: { rows: unknown[]; total: number; offset: number } }).value;
    expect(page.total).toBe(count);
    expect(page.rows).toHaveLength(50);
    expect(JSON.stringify(page).length).toBeLessThan(50 * 1_000);
  });

  it('walks every open conflict exactly once, a page of at most 200 at a time', async () => {
    const seen = new Set<number>();
    for (let offset = 0; offset < count; offset += 200) {
      const result = await dispatch('sync.conflicts', { offset, limit: 200 });
      const page = (result as { value: { rows: { id: number; label: string; current: { value: unknown }; other: { value: unknown } }[] } }).value;
      for (const row of page.rows) {
        expect(seen.has(row.id)).toBe(false);
        seen.add(row.id);
        expect([row.current.value, row.other.value].sort()).toEqual([`${row.label.replace(/ \(.\)$/, '')} (B)`, `${row.label.replace(/ \(.\)$/, '')} (C)`].sort());
      }
    }
    expect(seen.size).toBe(count);
    expect(await dispatch('sync.conflicts', { offset: 0, limit: 201 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('resolving one answers the first page of those still open', async () => {
    const first = (await dispatch('sync.conflicts', { offset: 0, limit: 1 })) as { value: { rows: { id: number }[] } };
    const result = await dispatch('sync.resolve', { id: first.value.rows[0]!.id, keep: 'other' });
    expect(result).toMatchObject({ ok: true, value: { total: count - 1, offset: 0 } });
    expect(internal).toEqual([]);
  });
});
