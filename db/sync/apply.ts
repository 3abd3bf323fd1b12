import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import { isHlc } from '../../common/hlc';
import { AppError } from '../../common/result';
import type { Database } from '../schema';
import { observeClock } from './clock';
import { incomingRedaction, redactedFields, settleErasures } from './erasure';
import { countDuplicatesAmong } from '../duplicates/duplicates.finder';
import { syncedTables } from '../schema';
import { isValidRowId, isValidValue } from './field-schemas';
import { anyWaiting, isSyncedTable, materializeRow, tableInfo, takeWaiters, type MaterializeOutcome } from './materialize';
import { clockParts, clockText, OpLogSession, operationsAtClock, type SyncOperation } from './op-log';
import { isMergeable, mergeFollowingReferences, type MergeableTable } from './merge-forward';
import { forgetMerges, mergeView, registerMerge, resolveMerges, type MergeEdge } from './merges';
import { deferIndexes, deferMinimum, tableSize, type DeferredIndexes } from './deferred-indexes';
import { deferDerivedTables } from './derived-tables';

// The operation's type belongs to the log's core (op-log.ts); importers keep naming it here.
export type { SyncOperation } from './op-log';

export interface TableChanges {
  created: number;
  changed: number;
  deleted: number;
  restored: number;
  /**
   * Live rows of this table before the import, for the "more than 20 % deleted" guard: counted only for tables
   * the import deletes from (null otherwise), because counting a large table costs more than a small import.
   */
  liveBefore: number | null;
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
  /** Operations an erasure redacted in the log during this import: after it commits, the WAL is scrubbed (erasure.ts scrubAfterErasure). */
  readonly redacted?: number;
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

/** Operations from which an import gets a larger page cache for its transaction (a first import of a team's years). */
const largeImport = 200_000;
const largeImportCacheKib = 256 * 1024;

export async function applyOperations(
  trx: Transaction<Database>,
  operations: readonly SyncOperation[],
  sqlite: BetterSqlite3.Database,
  onProgress?: ProgressReporter,
  onRowChange?: (change: RowChange) => void,
): Promise<ImportReport> {
  // A large import's working set (the log and its indexes, the tables it fills, the search index) outgrows the
  // connection's 64 MiB page cache, and every page evicted mid-import is written to the WAL and read back. The import
  // already holds its file's operations in memory; a larger cache for its duration costs little beside that.
  if (operations.length < largeImport) return applyAll(trx, operations, sqlite, onProgress, onRowChange);
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma(`cache_size = -${largeImportCacheKib}`);
  try {
    return await applyAll(trx, operations, sqlite, onProgress, onRowChange);
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
  }
}

async function applyAll(
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
  const merged = new Map<string, { tbl: MergeableTable; id: string }>();
  const newMerges: MergeEdge[] = [];
  const touch = (table: string, rowId: string, key = `${table}\u0000${rowId}`) => {
    // Once per record: a first import names each record about eight times.
    if (!touched.has(key) && isSyncedTable(table) && isValidRowId(table, rowId)) touched.set(key, { table, rowId });
  };
  let lastHlc = '';
  let clock: ReturnType<typeof clockParts> = { wall: 0, counter: 0, origin: '' };
  // A first import (no record known here yet) never reads the log's per-record index while it stores operations:
  // every record is new and its winners are kept in memory (firstSeen). So that index is built once, sorted, when
  // storing is done (deferred-indexes.ts) — at scale 10 millions of scattered index inserts become one sort.
  const firstImport = tableSize(sqlite, 'sync_row') === 0;
  if (firstImport) session.assumeNewRecords();
  const logIndexes = operations.length >= deferMinimum && firstImport ? deferIndexes(sqlite, ['sync_log']) : undefined;
  for (const op of operations) {
    tick();
    // An erased person's personal fields arrive redacted (erasure.ts), whatever an older file carries.
    const value = redacted(op);
    // One edit gives several fields the same clock, and operations arrive in clock order: decode each clock once.
    if (op.hlc !== lastHlc) {
      clock = clockParts(op.hlc);
      lastHlc = op.hlc;
    }
    // The log keys an operation by its clock, whose last part is its origin: a file that says otherwise is not ours.
    if (clock.origin !== op.origin) throw new AppError('VALIDATION', 'Filen kan ikke importeres: en ændring har en afsender, der ikke passer til dens tidsstempel. Intet er ændret.');
    const row = session.rowId(op.tbl, op.row_id, true);
    const fieldId = session.symbolId(op.field, true);
    if (!session.insert(clock, row.id, fieldId, value, op.prev)) {
      // The same clock, record and field is the same operation everywhere: another value means a forged or damaged file.
      if (session.valueOf(clock, row.id, fieldId) !== value) throw differentValue();
      alreadyPresent++;
      continue;
    }
    if (op.hlc > maxClock) maxClock = op.hlc;
    // Merges and erasures decide which merges hold (merges.ts): noted now, decided once every operation is stored.
    if (op.field === 'merged_into' && isMergeable(op.tbl) && registerMerge(sqlite, op.tbl, op.row_id, value, op.hlc)) {
      merged.set(`${op.tbl}\u0000${op.row_id}`, { tbl: op.tbl, id: op.row_id });
      newMerges.push({ tbl: op.tbl, loser: op.row_id, survivor: JSON.parse(value!) as string, hlc: op.hlc, voided: false });
    }
    if (op.tbl === 'contact' && op.field === 'erased_at' && value !== null && value !== 'null') merged.set(`contact\u0000${op.row_id}`, { tbl: 'contact', id: op.row_id });
    // Tables, fields or values this version cannot show are held: stored and passed on, never materialised (field-schemas.ts).
    const shown = isSyncedTable(op.tbl) && tableInfo(sqlite, op.tbl).known.has(op.field) && isValidRowId(op.tbl, op.row_id) && isValidValue(op.tbl, op.row_id, op.field, value);
    if (!shown) {
      held++;
      continue;
    }
    const key = `${op.tbl}\u0000${op.row_id}`;
    let known = firstSeen.get(key);
    if (row.created) firstSeen.set(key, (known = new Map()));
    // The winner this operation competes with: for a record first named in this import, the one kept in memory.
    let current: Pick<SyncOperation, 'hlc' | 'value' | 'prev' | 'origin'> | undefined;
    if (known) {
      current = known.get(op.field);
      if (!current || op.hlc > current.hlc) known.set(op.field, value === op.value ? op : { ...op, value });
    } else {
      current = shownHead(session, op.tbl, op.row_id, row.id, fieldId, op.field, clock);
    }
    if (current && current.origin !== op.origin && current.value !== value && op.prev !== current.hlc && current.prev !== op.hlc) {
      const [won, lost] = op.hlc > current.hlc ? [op.hlc, current.hlc] : [current.hlc, op.hlc];
      insertConflict.run(op.tbl, op.row_id, op.field, won, lost);
      conflicts++;
    }
    // An operation made on top of a conflict's winner resolves that conflict everywhere.
    if (op.prev) resolveConflicts.run(op.hlc, op.tbl, op.row_id, op.field, op.prev);
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
    touch(op.tbl, op.row_id, key);
  }

  session.endNewRecords();
  logIndexes?.restore();

  // Which merges hold, decided again wherever a merge or an erasure arrived (merges.ts); whatever a changed verdict wrote is materialised again.
  if (merged.size > 0) {
    const changed = resolveMerges(sqlite, merged.values());
    forgetMerges(session);
    const atClock = operationsAtClock(sqlite);
    const edges = new Map<string, MergeEdge>();
    for (const edge of [...newMerges, ...changed]) edges.set(`${edge.tbl}\u0000${edge.loser}\u0000${edge.hlc}`, edge);
    for (const edge of edges.values()) {
      for (const key of atClock(edge.hlc)) {
        const [table, rowId] = key.split('\u0000') as [string, string];
        touch(table, rowId);
        firstSeen.delete(`${table}\u0000${rowId}`);
      }
      for (const id of [edge.loser, edge.survivor]) {
        touch(edge.tbl, id);
        firstSeen.delete(`${edge.tbl}\u0000${id}`);
        // Rows that name either record follow the merge (or stop following it) when materialised.
        for (const [referencing, fields] of Object.entries(mergeFollowingReferences)) {
          for (const [field, target] of Object.entries(fields)) {
            if (target !== edge.tbl) continue;
            const ids = sqlite.prepare(`SELECT id FROM "${referencing}" WHERE "${field}" = ?`).pluck().all(id) as string[];
            for (const rowId of ids) touch(referencing, rowId);
          }
        }
      }
    }
  }
  // Late edits to merged-away records count on their survivors (merge-forward.ts): the survivors are materialised again.
  const merges = mergeView(sqlite, session);
  for (const { table, rowId } of [...touched.values()]) {
    if (!isMergeable(table)) continue;
    for (const survivor of merges.chain(table, rowId).slice(1)) {
      touch(table, survivor);
      firstSeen.delete(`${table}\u0000${survivor}`);
    }
  }
  // Erased people stay erased: their log is redacted and their rows stay deleted (erasure.ts).
  const settled = settleErasures(sqlite, [...touched.values()]);
  const erasedRows = new Set(settled.rows.map((row) => `${row.table}\u0000${row.rowId}`));
  for (const row of settled.rows) {
    touch(row.table, row.rowId);
    // The log of these records was changed after the operations passed here: read it back.
    firstSeen.delete(`${row.table}\u0000${row.rowId}`);
  }

  checkPresent(sqlite, session, (operations as WithPresent)[presentOperations] ?? []);

  const tables: Record<string, TableChanges> = {};
  const samples: ImportReport['samples'][number][] = [];
  const createdOrChanged: Record<MergeableTable, string[]> = { contact: [], organisation: [] };
  // How many live rows each table gained: with the count after the import, it gives the count before (see liveBefore).
  const liveDelta = new Map<string, number>();
  let rowsDone = 0;
  const rowsTotal = Math.max(1, touched.size);
  let waiting = anyWaiting(sqlite);
  const materialize = (table: string, rowId: string): MaterializeOutcome => {
    rowsDone++;
    if (onProgress && rowsDone % 1000 === 0) onProgress(operations.length + Math.min(operations.length, Math.floor((rowsDone / rowsTotal) * operations.length)), total);
    if (!tables[table]) tables[table] = { created: 0, changed: 0, deleted: 0, restored: 0, liveBefore: null };
    const counts = tables[table]!;
    const outcome = materializeRow(sqlite, table, rowId, now, session, firstSeen.get(`${table}\u0000${rowId}`));
    liveDelta.set(table, (liveDelta.get(table) ?? 0) + liveChange(outcome));
    if (outcome.kind === 'held') {
      held++;
      waiting = true;
    }
    if (outcome.kind === 'unchanged' || outcome.kind === 'held') return outcome;
    if (outcome.kind === 'removed') {
      counts.deleted++;
      if (samples.length < 200) samples.push({ table, rowId, kind: 'deleted', fields: Object.fromEntries(Object.entries(outcome.before).map(([field, before]) => [field, { before, after: null }])) });
      return outcome;
    }
    if (outcome.kind === 'changed' && erasedRows.has(`${table}\u0000${rowId}`)) {
      // What "Fortryd import" keeps of an erased person is redacted like the log: no old value stays in the file.
      onRowChange?.({ kind: 'changed', table, rowId, before: redactedValues(table, outcome.before), after: redactedValues(table, outcome.after) });
    } else {
      onRowChange?.(outcome.kind === 'created' ? { kind: 'created', table, rowId } : { kind: 'changed', table, rowId, before: outcome.before, after: outcome.after });
    }
    const kind = outcome.kind === 'created' ? 'created' : 'deleted_at' in outcome.after ? (outcome.after.deleted_at === null ? 'restored' : 'deleted') : 'changed';
    counts[kind]++;
    if (samples.length < 200) {
      const fields: Record<string, { before: unknown; after: unknown }> = {};
      for (const [field, after] of Object.entries(outcome.after)) fields[field] = { before: outcome.kind === 'changed' ? outcome.before[field] : null, after };
      samples.push({ table, rowId, kind, fields });
    }
    return outcome;
  };

  // Parents before children (syncedTables order), so a reference finds its row; a record that waited for a row created now follows it.
  const queues = syncedTables.map(() => new Map<string, { table: string; rowId: string }>());
  const order = new Map<string, number>(syncedTables.map((table, i) => [table, i]));
  let earliest: number = syncedTables.length;
  const enqueue = (entry: { table: string; rowId: string }) => {
    const i = order.get(entry.table);
    if (i === undefined) return;
    queues[i]!.set(`${entry.table}\u0000${entry.rowId}`, entry);
    if (i < earliest) earliest = i;
  };
  for (const entry of touched.values()) enqueue(entry);
  // Tables this import fills with at least as many rows as they held: their secondary indexes are built once, sorted,
  // after the rows are in (deferred-indexes.ts). Nothing below reads a domain table through them (rows are found by id).
  const domainIndexes = deferDomainIndexes(sqlite, queues.map((queue, i) => [syncedTables[i]!, queue.size] as const));
  while (earliest < syncedTables.length) {
    const i = earliest;
    earliest = syncedTables.length;
    for (let t = i; t < queues.length; t++) {
      const queue = queues[t]!;
      // Entries added while a queue is read are visited in the same pass.
      for (const [key, entry] of queue) {
        queue.delete(key);
        const outcome = materialize(entry.table, entry.rowId);
        if (outcome.kind === 'created' && waiting) for (const waiter of takeWaiters(sqlite, entry.table, entry.rowId)) enqueue(waiter);
        if (isMergeable(entry.table) && (outcome.kind === 'created' || outcome.kind === 'changed') && !outcome.after.merged_into && (outcome.kind === 'created' || !outcome.after.deleted_at)) {
          createdOrChanged[entry.table].push(entry.rowId);
        }
      }
      if (earliest <= t) break;
    }
  }
  domainIndexes?.restore();
  onProgress?.(total, total);
  for (const [table, counts] of Object.entries(tables)) {
    if (counts.deleted === 0) continue;
    const liveAfter = sqlite.prepare(`SELECT count(*) FROM "${table}" WHERE deleted_at IS NULL`).pluck().get() as number;
    counts.liveBefore = liveAfter - (liveDelta.get(table) ?? 0);
  }
  session.flush();
  const possibleDuplicates = await countDuplicatesAmong(trx, createdOrChanged);
  if (maxClock) await observeClock(trx, maxClock);
  const applied = operations.length - alreadyPresent;
  const changedRows = Object.values(tables).reduce((n, t) => n + t.created + t.changed + t.deleted + t.restored, 0);
  return { operations: operations.length, alreadyPresent, applied, held, conflicts, editsToDeleted, possibleDuplicates, tables, samples, nothingToDo: applied === 0 && changedRows === 0, redacted: settled.redactedOperations };
}

/**
 * Defers the indexes of the tables an import fills with at least as many rows as they held (and a good many), and the
 * derived tables they feed (derived-tables.ts); restore() creates the indexes first, as the rebuilds read through them.
 */
function deferDomainIndexes(sqlite: BetterSqlite3.Database, incoming: readonly (readonly [string, number])[]): Pick<DeferredIndexes, 'restore'> | undefined {
  const tables = incoming.filter(([table, rows]) => rows >= deferMinimum / 10 && rows >= tableSize(sqlite, table)).map(([table]) => table);
  if (tables.length === 0) return undefined;
  const indexes = deferIndexes(sqlite, tables);
  const derived = deferDerivedTables(sqlite, tables);
  return {
    restore() {
      indexes.restore();
      derived.restore();
    },
  };
}

/** The winner an arriving operation competes with: the newest other operation of the field that may be shown. */
function shownHead(session: OpLogSession, table: string, rowId: string, row: number, field: number, name: string, except: ReturnType<typeof clockParts>) {
  const head = session.otherHead(row, field, except);
  if (!head || isValidValue(table, rowId, name, head.value)) return head && { ...head, hlc: clockText(head) };
  for (const op of session.fieldHistory(row, field)) {
    if (op.hlc === clockText(except) || !isValidValue(table, rowId, name, op.value)) continue;
    return { hlc: op.hlc, origin: op.origin, value: op.value, prev: null };
  }
  return undefined;
}

/** How a materialised record changed its table's number of live (not deleted) rows: +1, 0 or -1. */
function liveChange(outcome: MaterializeOutcome): number {
  switch (outcome.kind) {
    case 'created':
      return outcome.after.deleted_at == null ? 1 : 0;
    case 'removed':
      return outcome.before.deleted_at == null ? -1 : 0;
    case 'changed':
      if (!('deleted_at' in outcome.after)) return 0;
      return (outcome.after.deleted_at == null ? 1 : 0) - (outcome.before.deleted_at == null ? 1 : 0);
    default:
      return 0;
  }
}

/** A record's values with an erased person's personal fields as erasure.ts stores them. */
function redactedValues(table: string, values: Readonly<Record<string, string | number | null>>): Record<string, string | number | null> {
  const fields = (redactedFields as Readonly<Record<string, Readonly<Record<string, string>>>>)[table] ?? {};
  return Object.fromEntries(Object.entries(values).map(([field, value]) => [field, field in fields && value !== null ? (JSON.parse(fields[field]!) as string) : value]));
}

const differentValue = () =>
  new AppError('VALIDATION', 'Filen kan ikke importeres: en ændring findes her allerede med samme tidsstempel, men med et andet indhold (filen er forfalsket eller beskadiget). Intet er ændret.');

/** Operations of a file that are already here, attached by newOperations to what it returns: applyOperations checks them. */
export const presentOperations: unique symbol = Symbol('presentOperations');
type WithPresent = readonly SyncOperation[] & { readonly [presentOperations]?: readonly SyncOperation[] };

/**
 * The operations of a file this installation does not have yet. Operations
 * come sorted by clock and one edit gives several fields the same clock, so
 * one lookup per clock (≈ 8 operations) answers for all of them, with the
 * values stored. One already here with another value rides along
 * (`presentOperations`): applyOperations refuses the file unless the
 * redaction of an erasure explains the difference — compared once this
 * file's erasures are applied, because an erased person's values are stored
 * redacted on purpose, here or at the sender.
 */
export function newOperations(sqlite: BetterSqlite3.Database, operations: readonly SyncOperation[]): SyncOperation[] {
  const findOrigin = sqlite.prepare('SELECT id FROM sync_origin WHERE installation = ?').pluck();
  // A file carries few origins and one lookup per clock adds up over a first import's hundreds of thousands of clocks.
  const origins = new Map<string, number | undefined>();
  const originOf = (installation: string) => {
    if (!origins.has(installation)) origins.set(installation, findOrigin.get(installation) as number | undefined);
    return origins.get(installation);
  };
  const atClock = sqlite.prepare('SELECT t.name, r.uuid, f.name, l.value FROM sync_log l JOIN sync_row r ON r.id = l.row JOIN sync_symbol t ON t.id = r.tbl JOIN sync_symbol f ON f.id = l.field WHERE l.wall = ? AND l.counter = ? AND l.origin = ?').raw();
  const fresh: SyncOperation[] = [];
  /** Already here with another value than the file's: redaction may explain it, so they are checked once the file's erasures are in. */
  const present: SyncOperation[] = [];
  for (let start = 0; start < operations.length; ) {
    const hlc = operations[start]!.hlc;
    let end = start + 1;
    while (end < operations.length && operations[end]!.hlc === hlc) end++;
    let stored: Map<string, string | null> | undefined;
    if (isHlc(hlc)) {
      const clock = clockParts(hlc);
      const originId = originOf(clock.origin);
      if (originId !== undefined) {
        const rows = atClock.all(clock.wall, clock.counter, originId) as [string, string, string, string | null][];
        if (rows.length > 0) stored = new Map(rows.map(([tbl, uuid, field, value]) => [`${tbl}\u0000${uuid}\u0000${field}`, value]));
      }
    }
    for (let i = start; i < end; i++) {
      const op = operations[i]!;
      const key = `${op.tbl}\u0000${op.row_id}\u0000${op.field}`;
      if (!stored?.has(key)) fresh.push(op);
      else if (stored.get(key) !== op.value) present.push(op);
    }
    start = end;
  }
  return Object.assign(fresh, { [presentOperations]: present });
}

/** The same clock, record and field must be the same operation everywhere: another value is a forged or damaged file. */
function checkPresent(sqlite: BetterSqlite3.Database, session: OpLogSession, present: readonly SyncOperation[]): void {
  if (present.length === 0) return;
  const redacted = incomingRedaction(sqlite);
  for (const op of present) {
    const row = session.rowId(op.tbl, op.row_id, false);
    const field = session.symbolId(op.field, false);
    if (!row || field === undefined || session.valueOf(clockParts(op.hlc), row.id, field) !== redacted(op)) throw differentValue();
  }
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
