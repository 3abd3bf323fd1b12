import type BetterSqlite3 from 'better-sqlite3';
import { clockParts, OpLogSession } from './op-log';

/**
 * Late edits to a merged-away record land on its survivor.
 *
 * A merge tombstones the loser and records `merged_into` (the survivor) and
 * `merged_seen` (per origin, the highest clock of the loser's operations the
 * merging installation had). An operation on the loser that the merge had not
 * seen — made on another laptop before it heard of the merge — is copied to
 * the survivor as the same operation (same clock, origin and value) on the
 * survivor's row. Whether an operation is "unseen" depends only on the set of
 * operations, never on arrival order, so every installation derives exactly
 * the same forwarded operations: convergence holds, and a forwarded operation
 * that arrives in a file is simply "already present".
 *
 * Correct because files carry, per origin, every operation above what the
 * receiver is known to have: an installation's operations from one origin
 * are always a prefix of that origin's history.
 *
 * Mergeable tables are contact and organisation; adding one? Give it the two
 * columns (a migration) and list it here.
 */
export const mergeableTables = ['contact', 'organisation'] as const;
export type MergeableTable = (typeof mergeableTables)[number];

/**
 * References that follow a merge: a role or follow-up that names a
 * merged-away contact or organisation (made on a laptop that had not yet
 * heard of the merge) is shown on the survivor. Link tables with a unique
 * pair (attendance, series members, organisation ↔ kommune) are repointed by
 * the merge itself and are not listed: mapping them could collide with the
 * survivor's own link. Adding a reference column to contact/organisation?
 * List it here if it has no unique constraint.
 * Local writes resolve these the same way (db/mutations.ts), so a row reads
 * the same on every installation however its reference arrived.
 */
export const mergeFollowingReferences: Readonly<Record<string, Readonly<Record<string, MergeableTable>>>> = {
  affiliation: { contact_id: 'contact', organisation_id: 'organisation' },
  follow_up: { owner_contact_id: 'contact' },
};

const notForwarded = new Set(['id', 'created_at', 'updated_at', 'deleted_at', 'merged_into', 'merged_seen']);

export function isMergeable(table: string): table is MergeableTable {
  return (mergeableTables as readonly string[]).includes(table);
}

interface Op {
  readonly hlc: string;
  readonly field: string;
  readonly value: string | null;
  readonly origin: string;
}

function winningValue(sqlite: BetterSqlite3.Database, table: string, rowId: string, field: string): string | null {
  const row = sqlite.prepare('SELECT value FROM sync_op WHERE tbl = ? AND row_id = ? AND field = ? ORDER BY hlc DESC LIMIT 1').get(table, rowId, field) as { value: string | null } | undefined;
  if (!row || row.value === null) return null;
  const parsed = JSON.parse(row.value) as unknown;
  return typeof parsed === 'string' ? parsed : null;
}

/**
 * Forwards the unseen operations of a merged-away row to its survivor (and on,
 * if the survivor was itself merged). Returns every row that received
 * operations, so the caller can bring them in line with the log.
 */
export function forwardLateEdits(sqlite: BetterSqlite3.Database, table: MergeableTable, loserId: string): string[] {
  const touched: string[] = [];
  const visited = new Set<string>();
  let current = loserId;
  while (!visited.has(current)) {
    visited.add(current);
    const survivor = winningValue(sqlite, table, current, 'merged_into');
    if (!survivor) break;
    let seen: Record<string, string> = {};
    try {
      seen = JSON.parse(winningValue(sqlite, table, current, 'merged_seen') ?? '{}') as Record<string, string>;
    } catch {
      // A malformed vector (only possible from a foreign writer) forwards everything: nothing is lost.
    }
    const ops = sqlite.prepare('SELECT hlc, field, value, origin FROM sync_op WHERE tbl = ? AND row_id = ?').all(table, current) as Op[];
    const log = new OpLogSession(sqlite);
    const survivorRow = log.rowId(table, survivor, true).id;
    let forwarded = 0;
    for (const op of ops) {
      if (notForwarded.has(op.field)) continue;
      if (op.hlc <= (seen[op.origin] ?? '')) continue;
      if (log.insert(clockParts(op.hlc), survivorRow, log.symbolId(op.field, true), op.value, null)) forwarded++;
    }
    log.flush();
    if (forwarded > 0) touched.push(survivor);
    current = survivor;
  }
  return touched;
}

const pointerStatements = new WeakMap<BetterSqlite3.Database, Map<MergeableTable, BetterSqlite3.Statement>>();

/** Follows merge pointers in the domain table to the live survivor (or the last row of the chain). */
export function resolveMerged(sqlite: BetterSqlite3.Database, table: MergeableTable, id: string): string {
  let statements = pointerStatements.get(sqlite);
  if (!statements) pointerStatements.set(sqlite, (statements = new Map()));
  let statement = statements.get(table);
  if (!statement) statements.set(table, (statement = sqlite.prepare(`SELECT merged_into FROM "${table}" WHERE id = ?`).pluck()));
  const visited = new Set<string>();
  let current = id;
  while (!visited.has(current)) {
    visited.add(current);
    const next = statement.get(current) as string | null | undefined;
    if (!next) return current;
    current = next;
  }
  return current;
}
