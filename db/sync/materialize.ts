import type BetterSqlite3 from 'better-sqlite3';
import type { Transaction } from 'kysely';
import type { Database, SyncedTable } from '../schema';
import { syncedTables } from '../schema';
import { mergeFollowingReferences, resolveMerged } from './merge-forward';
import { clockText, OpLogSession } from './op-log';

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
 * It runs on the raw connection with prepared statements (imports apply
 * hundreds of thousands of operations), always inside the caller's Kysely
 * transaction, which holds that same single connection.
 */
type Value = string | number | null;

export interface ColumnInfo {
  readonly name: string;
  readonly notNull: boolean;
  readonly hasDefault: boolean;
}

interface TableStatements {
  readonly columns: ColumnInfo[];
  readonly known: ReadonlySet<string>;
  readonly select: BetterSqlite3.Statement;
}

const cache = new WeakMap<BetterSqlite3.Database, { writes: Map<string, BetterSqlite3.Statement>; tables: Map<string, TableStatements> }>();

function statementsFor(sqlite: BetterSqlite3.Database) {
  let entry = cache.get(sqlite);
  if (!entry) {
    entry = {
      writes: new Map(),
      tables: new Map(),
    };
    cache.set(sqlite, entry);
  }
  return entry;
}

/** Prepared once per distinct statement text (a table and a set of columns): imports write hundreds of thousands of rows. */
function writeStatement(sqlite: BetterSqlite3.Database, text: string): BetterSqlite3.Statement {
  const writes = statementsFor(sqlite).writes;
  let statement = writes.get(text);
  if (!statement) writes.set(text, (statement = sqlite.prepare(text)));
  return statement;
}

export function tableInfo(sqlite: BetterSqlite3.Database, table: SyncedTable): TableStatements {
  const entry = statementsFor(sqlite);
  let info = entry.tables.get(table);
  if (!info) {
    const rows = sqlite.prepare(`SELECT name, "notnull" AS not_null, dflt_value FROM pragma_table_info(?)`).all(table) as { name: string; not_null: number; dflt_value: unknown }[];
    const columns = rows.map((r) => ({ name: r.name, notNull: r.not_null === 1, hasDefault: r.dflt_value !== null }));
    info = { columns, known: new Set(columns.map((c) => c.name)), select: sqlite.prepare(`SELECT * FROM "${table}" WHERE id = ?`) };
    entry.tables.set(table, info);
  }
  return info;
}

/** Forget cached column lists (after a migration adds a column). */
export function forgetTableInfo(sqlite: BetterSqlite3.Database, table: string): void {
  cache.get(sqlite)?.tables.delete(table);
}

export function isSyncedTable(table: string): table is SyncedTable {
  return (syncedTables as readonly string[]).includes(table);
}

export type MaterializeOutcome =
  | { kind: 'created'; after: Record<string, Value> }
  | { kind: 'changed'; before: Record<string, Value>; after: Record<string, Value> }
  | { kind: 'unchanged' }
  | { kind: 'held' };

const bookkeeping = new Set(['id', 'created_at', 'updated_at']);


/**
 * The winning operation of each field of a record: its clock text (whose
 * string order is clock order) and the JSON text of its value.
 */
export type RecordState = ReadonlyMap<string, { readonly hlc: string; readonly value: string | null }>;

/** A record's winners, read from the log. */
function stateFromLog(session: OpLogSession, table: string, rowId: string): RecordState {
  const row = session.rowId(table, rowId, false);
  const state = new Map<string, { hlc: string; value: string | null }>();
  if (!row) return state;
  for (const [field, head] of session.heads(row.id)) state.set(field, { hlc: clockText(head), value: session.valueOf(head, row.id, session.symbolId(field, true)) });
  return state;
}

/**
 * Brings one row in line with the log; returns what happened, for the import
 * preview. Pass the caller's session when materialising many rows in one
 * transaction (never one kept across transactions: op-log.ts), and `known`
 * when the caller holds every operation of the record (a record an import
 * is the first to name: apply.ts), so the log is not read back.
 */
export function materializeRow(
  sqlite: BetterSqlite3.Database,
  table: string,
  rowId: string,
  now: string,
  session: OpLogSession = new OpLogSession(sqlite),
  known?: RecordState,
): MaterializeOutcome {
  if (!isSyncedTable(table)) return { kind: 'held' };
  const info = tableInfo(sqlite, table);
  const winners = known ?? stateFromLog(session, table, rowId);
  const state: Record<string, Value> = {};
  let deleteClock: string | null = null;
  let latestEdit = '';
  for (const [field, winner] of winners) {
    if (!info.known.has(field) || bookkeeping.has(field)) continue;
    state[field] = winner.value === null ? null : (JSON.parse(winner.value) as Value);
    if (field === 'deleted_at') deleteClock = winner.hlc;
    else if (winner.hlc > latestEdit) latestEdit = winner.hlc;
  }
  // A merged-away row stays deleted for good: its late edits are forwarded to the survivor instead (merge-forward.ts).
  if (deleteClock !== null && state.deleted_at !== null && latestEdit > deleteClock && !state.merged_into) state.deleted_at = null;
  const references = mergeFollowingReferences[table];
  if (references) {
    for (const [field, target] of Object.entries(references)) {
      const value = state[field];
      if (typeof value === 'string') state[field] = resolveMerged(sqlite, target, value);
    }
  }

  const existing = info.select.get(rowId) as Record<string, Value> | undefined;
  if (!existing) {
    const missing = info.columns.filter((c) => c.notNull && !c.hasDefault && !bookkeeping.has(c.name) && !(c.name in state));
    if (missing.length > 0) return { kind: 'held' };
    const entries: [string, Value][] = [['id', rowId], ['created_at', now], ['updated_at', now], ...Object.entries(state)];
    writeStatement(sqlite, `INSERT INTO "${table}" (${entries.map(([c]) => `"${c}"`).join(', ')}) VALUES (${entries.map(() => '?').join(', ')})`).run(...entries.map(([, v]) => v));
    return { kind: 'created', after: state };
  }
  const changed = Object.entries(state).filter(([field, value]) => existing[field] !== value);
  if (changed.length === 0) return { kind: 'unchanged' };
  writeStatement(sqlite, `UPDATE "${table}" SET ${changed.map(([c]) => `"${c}" = ?`).join(', ')}, updated_at = ? WHERE id = ?`).run(...changed.map(([, v]) => v), now, rowId);
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
export async function rematerializeTable(_trx: Transaction<Database>, table: SyncedTable, sqlite: BetterSqlite3.Database): Promise<number> {
  forgetTableInfo(sqlite, table);
  const rows = sqlite.prepare('SELECT r.uuid AS row_id FROM sync_row r JOIN sync_symbol t ON t.id = r.tbl WHERE t.name = ?').all(table) as { row_id: string }[];
  const now = new Date().toISOString();
  const session = new OpLogSession(sqlite);
  let changed = 0;
  for (const { row_id } of rows) {
    const outcome = materializeRow(sqlite, table, row_id, now, session);
    if (outcome.kind === 'changed' || outcome.kind === 'created') changed++;
  }
  return changed;
}
