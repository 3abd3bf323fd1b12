import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../common/result';
import type { Database } from '../schema';
import { observeClock } from './clock';
import { incomingRedaction, settleErasures } from './erasure';
import { countDuplicatesAmong } from '../duplicates/duplicates.finder';
import { isSyncedTable, materializeRow, tableInfo, type MaterializeOutcome } from './materialize';
import { clockParts, clockText, OpLogSession } from './op-log';
import { forwardLateEdits, isMergeable, mergeFollowingReferences, type MergeableTable } from './merge-forward';

/** One operation as it travels in a sync file. `value` is JSON text of a string, number or null. */
export interface SyncOperation {
  readonly hlc: string;
  readonly tbl: string;
  readonly row_id: string;
  readonly field: string;
  readonly value: string | null;
  readonly prev: string | null;
  readonly origin: string;
}

export interface TableChanges {
  created: number;
  changed: number;
  deleted: number;
  restored: number;
  /** Live rows of this table before the import, for the "more than 20 % deleted" guard. */
  liveBefore: number;
}

export interface ImportReport {
  readonly operations: number;
  readonly alreadyPresent: number;
  readonly applied: number;
  /** Operations for tables or fields this version does not know, or rows still incomplete: stored, re-exported, applied after an upgrade. */
  readonly held: number;
  readonly conflicts: number;
  readonly editsToDeleted: number;
  /** Contacts and organisations this import created or changed that look like duplicates of others (never merged automatically). */
  readonly possibleDuplicates: number;
  readonly tables: Record<string, TableChanges>;
  /** Up to 200 examples of changed fields (before → after), for the preview. */
  readonly samples: { table: string; rowId: string; kind: 'created' | 'changed' | 'deleted' | 'restored'; fields: Record<string, { before: unknown; after: unknown }> }[];
  readonly nothingToDo: boolean;
}

class PreviewRollback extends Error {
  constructor(readonly report: ImportReport) {
    super('preview');
  }
}

/**
 * Applies operations from another installation: stores each one not seen
 * before, notes concurrent edits of the same field as conflicts (the later
 * clock wins, the other value is kept), then brings every touched row in
 * line with the log. All in the caller's transaction.
 */
/** Told how far an import has come: storing operations counts the first half, bringing rows in line the second. */
export type ProgressReporter = (done: number, total: number) => void;

/**
 * What an import did to one record, for "Fortryd import" (db/sync/import-undo.ts):
 * the import created it, or changed these fields from `before` to `after`.
 */
export type RowChange =
  | { readonly kind: 'created'; readonly table: string; readonly rowId: string }
  | { readonly kind: 'changed'; readonly table: string; readonly rowId: string; readonly before: Readonly<Record<string, string | number | null>>; readonly after: Readonly<Record<string, string | number | null>> };

export async function applyOperations(
  trx: Transaction<Database>,
  operations: readonly SyncOperation[],
  sqlite: BetterSqlite3.Database,
  onProgress?: ProgressReporter,
  onRowChange?: (change: RowChange) => void,
): Promise<ImportReport> {
  // Raw prepared statements on the connection the Kysely transaction holds: same transaction, far fewer round trips.
  // The operation is stored first (OR IGNORE: already present → nothing changes), so the current winner is looked up without it.
  // Callers pass only operations this installation lacks (sync.service.ts newOperations, one lookup per clock); OR IGNORE
  // keeps a duplicate inside one file, or a caller that did not filter, from failing the whole import.
  const session = new OpLogSession(sqlite);
  const insertConflict = sqlite.prepare('INSERT OR IGNORE INTO sync_conflict (tbl, row_id, field, winner_hlc, loser_hlc) VALUES (?, ?, ?, ?, ?)');
  const resolveConflicts = sqlite.prepare('UPDATE sync_conflict SET resolved_hlc = ? WHERE tbl = ? AND row_id = ? AND field = ? AND winner_hlc = ? AND resolved_hlc IS NULL');
  const deletedRow = new Map<string, BetterSqlite3.Statement>();
  const redacted = incomingRedaction(sqlite);
  const now = new Date().toISOString();
  let alreadyPresent = 0;
  let held = 0;
  let conflicts = 0;
  let editsToDeleted = 0;
  const touched = new Map<string, { table: string; rowId: string }>();
  // Whether a touched row was deleted before the import: looked up once per row, not once per operation.
  const deletedBefore = new Map<string, boolean>();
  let maxClock = '';
  // Records no operation named before this import: every operation of theirs passes through here, so their
  // winners are kept as they arrive and never read back from the log (the fast path of a first import).
  // The operations themselves are kept (no copies: a first import holds millions).
  const firstSeen = new Map<string, Map<string, SyncOperation>>();

  const total = operations.length * 2;
  let step = 0;
  const tick = () => {
    step++;
    if (onProgress && step % 2000 === 0) onProgress(step, total);
  };
  for (const op of operations) {
    tick();
    // An erased person's personal fields arrive redacted (erasure.ts), whatever an older file carries.
    const value = redacted(op);
    const clock = clockParts(op.hlc);
    // The log keys an operation by its clock, whose last part is its origin: a file that says otherwise is not ours.
    if (clock.origin !== op.origin) throw new AppError('VALIDATION', 'Filen kan ikke importeres: en ændring har en afsender, der ikke passer til dens tidsstempel. Intet er ændret.');
    const row = session.rowId(op.tbl, op.row_id, true);
    const fieldId = session.symbolId(op.field, true);
    if (!session.insert(clock, row.id, fieldId, value, op.prev)) {
      alreadyPresent++;
      continue;
    }
    if (op.hlc > maxClock) maxClock = op.hlc;
    const key = `${op.tbl}\u0000${op.row_id}`;
    let known = firstSeen.get(key);
    if (row.created) firstSeen.set(key, (known = new Map()));
    // The winner this operation competes with: for a record first named in this import, the one kept in memory.
    let current: Pick<SyncOperation, 'hlc' | 'value' | 'prev' | 'origin'> | undefined;
    if (known) {
      current = known.get(op.field);
      if (!current || op.hlc > current.hlc) known.set(op.field, value === op.value ? op : { ...op, value });
    } else {
      const found = session.otherHead(row.id, fieldId, clock);
      current = found && { ...found, hlc: clockText(found) };
    }
    if (current && current.origin !== op.origin && current.value !== value && op.prev !== current.hlc && current.prev !== op.hlc) {
      const [won, lost] = op.hlc > current.hlc ? [op.hlc, current.hlc] : [current.hlc, op.hlc];
      insertConflict.run(op.tbl, op.row_id, op.field, won, lost);
      conflicts++;
    }
    // An operation made on top of a conflict's winner resolves that conflict everywhere.
    if (op.prev) resolveConflicts.run(op.hlc, op.tbl, op.row_id, op.field, op.prev);
    if (!isSyncedTable(op.tbl)) {
      held++;
      continue;
    }
    if (!tableInfo(sqlite, op.tbl).known.has(op.field)) held++;
    if (op.field !== 'deleted_at') {
      let deleted = deletedBefore.get(key);
      if (deleted === undefined) {
        let statement = deletedRow.get(op.tbl);
        if (!statement) {
          statement = sqlite.prepare(`SELECT deleted_at FROM "${op.tbl}" WHERE id = ?`).pluck();
          deletedRow.set(op.tbl, statement);
        }
        deleted = Boolean(statement.get(op.row_id));
        deletedBefore.set(key, deleted);
      }
      if (deleted) editsToDeleted++;
    }
    touched.set(key, { table: op.tbl, rowId: op.row_id });
  }

  // Late edits to merged-away rows land on their survivors (merge-forward.ts).
  for (const { table, rowId } of [...touched.values()]) {
    if (!isMergeable(table)) continue;
    for (const survivor of forwardLateEdits(sqlite, table, rowId)) {
      touched.set(`${table}\u0000${survivor}`, { table, rowId: survivor });
      firstSeen.delete(`${table}\u0000${survivor}`);
    }
  }
  // Erased people stay erased: their log is redacted and their rows stay deleted (erasure.ts).
  for (const row of settleErasures(sqlite, [...touched.values()]).rows) {
    touched.set(`${row.table}\u0000${row.rowId}`, row);
    // The log of these records was changed after the operations passed here: read it back.
    firstSeen.delete(`${row.table}\u0000${row.rowId}`);
  }

  const tables: Record<string, TableChanges> = {};
  const samples: ImportReport['samples'][number][] = [];
  const createdOrChanged: Record<MergeableTable, string[]> = { contact: [], organisation: [] };
  let rowsDone = 0;
  const rowsTotal = Math.max(1, touched.size);
  const materialize = (table: string, rowId: string): MaterializeOutcome => {
    rowsDone++;
    if (onProgress && rowsDone % 1000 === 0) onProgress(operations.length + Math.min(operations.length, Math.floor((rowsDone / rowsTotal) * operations.length)), total);
    if (!tables[table]) {
      const liveBefore = sqlite.prepare(`SELECT count(*) FROM "${table}" WHERE deleted_at IS NULL`).pluck().get() as number;
      tables[table] = { created: 0, changed: 0, deleted: 0, restored: 0, liveBefore };
    }
    const counts = tables[table]!;
    const outcome = materializeRow(sqlite, table, rowId, now, session, firstSeen.get(`${table}\u0000${rowId}`));
    if (outcome.kind === 'held') held++;
    if (outcome.kind === 'unchanged' || outcome.kind === 'held') return outcome;
    onRowChange?.(outcome.kind === 'created' ? { kind: 'created', table, rowId } : { kind: 'changed', table, rowId, before: outcome.before, after: outcome.after });
    const kind = outcome.kind === 'created' ? 'created' : 'deleted_at' in outcome.after ? (outcome.after.deleted_at === null ? 'restored' : 'deleted') : 'changed';
    counts[kind]++;
    if (samples.length < 200) {
      const fields: Record<string, { before: unknown; after: unknown }> = {};
      for (const [field, after] of Object.entries(outcome.after)) fields[field] = { before: outcome.kind === 'changed' ? outcome.before[field] : null, after };
      samples.push({ table, rowId, kind, fields });
    }
    return outcome;
  };

  // Contacts and organisations first: references that follow a merge read their merge pointers.
  const rest = new Map<string, { table: string; rowId: string }>();
  for (const [key, entry] of touched) {
    if (!isMergeable(entry.table)) {
      rest.set(key, entry);
      continue;
    }
    const outcome = materialize(entry.table, entry.rowId);
    if (outcome.kind !== 'created' && outcome.kind !== 'changed') continue;
    if (outcome.after.merged_into) {
      // Newly merged: rows that still name it follow it to the survivor.
      for (const [referencing, fields] of Object.entries(mergeFollowingReferences)) {
        for (const [field, target] of Object.entries(fields)) {
          if (target !== entry.table) continue;
          const ids = sqlite.prepare(`SELECT id FROM "${referencing}" WHERE "${field}" = ?`).pluck().all(entry.rowId) as string[];
          for (const id of ids) rest.set(`${referencing}\u0000${id}`, { table: referencing, rowId: id });
        }
      }
    } else if (outcome.kind === 'created' || !outcome.after.deleted_at) {
      createdOrChanged[entry.table].push(entry.rowId);
    }
  }
  for (const { table, rowId } of rest.values()) materialize(table, rowId);
  onProgress?.(total, total);
  session.flush();
  const possibleDuplicates = await countDuplicatesAmong(trx, createdOrChanged);
  if (maxClock) await observeClock(trx, maxClock);
  const applied = operations.length - alreadyPresent;
  const changedRows = Object.values(tables).reduce((n, t) => n + t.created + t.changed + t.deleted + t.restored, 0);
  return { operations: operations.length, alreadyPresent, applied, held, conflicts, editsToDeleted, possibleDuplicates, tables, samples, nothingToDo: applied === 0 && changedRows === 0 };
}

/** The report an import would give, computed inside a transaction that is then rolled back. */
export async function previewOperations(db: Kysely<Database>, operations: readonly SyncOperation[], sqlite: BetterSqlite3.Database, onProgress?: ProgressReporter): Promise<ImportReport> {
  try {
    await db.transaction().execute(async (trx) => {
      const report = await applyOperations(trx, operations, sqlite, onProgress);
      throw new PreviewRollback(report);
    });
  } catch (error) {
    if (error instanceof PreviewRollback) return error.report;
    throw error;
  }
  throw new AppError('INTERNAL', 'Forhåndsvisningen kunne ikke beregnes.');
}
