import { sql, type Transaction } from 'kysely';
import type { Database, SyncedTable } from '../schema';
import { syncedTables } from '../schema';

/**
 * Makes a domain row what its operations say: for every field the value of
 * the operation with the highest clock. The result depends only on the set
 * of operations, never on the order they arrived in — which is what makes
 * import idempotent, commutative and convergent.
 *
 * Deletes are the `deleted_at` field like any other, with one rule: a row is
 * deleted only if no other field was changed with a later clock. Nobody can
 * edit a deleted record in the app, so a later edit was made without seeing
 * the delete, and it keeps the record visible (edit beats concurrent delete).
 *
 * This module (with db/mutations.ts) is the only writer of domain tables.
 */
type Value = string | number | null;

interface ColumnInfo {
  readonly name: string;
  readonly notNull: boolean;
  readonly hasDefault: boolean;
}

const columnCache = new WeakMap<object, Map<string, ColumnInfo[]>>();

export async function columnsOf(trx: Transaction<Database>, table: string, cacheKey: object): Promise<ColumnInfo[]> {
  let perDb = columnCache.get(cacheKey);
  if (!perDb) {
    perDb = new Map();
    columnCache.set(cacheKey, perDb);
  }
  const cached = perDb.get(table);
  if (cached) return cached;
  const { rows } = await sql<{ name: string; notnull: number; dflt_value: unknown }>`SELECT name, "notnull", dflt_value FROM pragma_table_info(${table})`.execute(trx);
  const info = rows.map((r) => ({ name: r.name, notNull: r.notnull === 1, hasDefault: r.dflt_value !== null }));
  perDb.set(table, info);
  return info;
}

export function isSyncedTable(table: string): table is SyncedTable {
  return (syncedTables as readonly string[]).includes(table);
}

export type MaterializeOutcome =
  | { kind: 'created'; after: Record<string, Value> }
  | { kind: 'changed'; before: Record<string, Value>; after: Record<string, Value> }
  | { kind: 'unchanged' }
  | { kind: 'held' };

/** Brings one row in line with the log; returns what happened, for the import preview. */
export async function materializeRow(trx: Transaction<Database>, table: string, rowId: string, now: string, cacheKey: object): Promise<MaterializeOutcome> {
  if (!isSyncedTable(table)) return { kind: 'held' };
  const columns = await columnsOf(trx, table, cacheKey);
  const known = new Set(columns.map((c) => c.name));
  const { rows: winners } = await sql<{ field: string; value: string | null; hlc: string }>`
    SELECT o.field, o.value, o.hlc FROM sync_op o
    WHERE o.tbl = ${table} AND o.row_id = ${rowId}
      AND o.hlc = (SELECT max(hlc) FROM sync_op i WHERE i.tbl = o.tbl AND i.row_id = o.row_id AND i.field = o.field)`.execute(trx);
  const state: Record<string, Value> = {};
  let deleteClock: string | null = null;
  let latestEdit = '';
  for (const w of winners) {
    if (!known.has(w.field) || w.field === 'id' || w.field === 'created_at' || w.field === 'updated_at') continue;
    state[w.field] = w.value === null ? null : (JSON.parse(w.value) as Value);
    if (w.field === 'deleted_at') deleteClock = w.hlc;
    else if (w.hlc > latestEdit) latestEdit = w.hlc;
  }
  if (deleteClock !== null && state.deleted_at !== null && latestEdit > deleteClock) state.deleted_at = null;

  const { rows: existingRows } = await sql<Record<string, Value>>`SELECT * FROM ${sql.table(table)} WHERE id = ${rowId}`.execute(trx);
  const existing = existingRows[0];
  if (!existing) {
    const missing = columns.filter((c) => c.notNull && !c.hasDefault && !['id', 'created_at', 'updated_at'].includes(c.name) && !(c.name in state));
    if (missing.length > 0) return { kind: 'held' };
    const values: [string, Value][] = [['id', rowId], ['created_at', now], ['updated_at', now], ...Object.entries(state)];
    await sql`INSERT INTO ${sql.table(table)} (${sql.join(values.map(([c]) => sql.ref(c)))}) VALUES (${sql.join(values.map(([, v]) => sql.val(v)))})`.execute(trx);
    return { kind: 'created', after: state };
  }
  const changed = Object.entries(state).filter(([field, value]) => existing[field] !== value);
  if (changed.length === 0) return { kind: 'unchanged' };
  await sql`UPDATE ${sql.table(table)} SET ${sql.join([...changed, ['updated_at', now] as [string, Value]].map(([c, v]) => sql`${sql.ref(c)} = ${v}`))} WHERE id = ${rowId}`.execute(trx);
  const before: Record<string, Value> = {};
  for (const [field] of changed) before[field] = existing[field] ?? null;
  return { kind: 'changed', before, after: Object.fromEntries(changed) };
}

/**
 * After a migration adds a synced column, operations that were held for it
 * (received from a newer app) take effect: every row of the table that has
 * operations is brought in line with the log again.
 * Migrations that add a synced column must call this.
 */
export async function rematerializeTable(trx: Transaction<Database>, table: SyncedTable, cacheKey: object): Promise<number> {
  columnCache.get(cacheKey)?.delete(table);
  const rows = await trx.selectFrom('sync_op').select('row_id').distinct().where('tbl', '=', table).execute();
  const now = new Date().toISOString();
  let changed = 0;
  for (const { row_id } of rows) {
    const outcome = await materializeRow(trx, table, row_id, now, cacheKey);
    if (outcome.kind === 'changed' || outcome.kind === 'created') changed++;
  }
  return changed;
}
