import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import { AppError } from '../../common/result';
import type { Database } from '../schema';
import { observeClock } from './clock';
import { columnsOf, isSyncedTable, materializeRow } from './materialize';

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
  readonly tables: Record<string, TableChanges>;
  /** Up to 200 examples of changed fields (before → after), for the preview. */
  readonly samples: readonly { table: string; rowId: string; kind: 'created' | 'changed' | 'deleted' | 'restored'; fields: Record<string, { before: unknown; after: unknown }> }[];
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
export async function applyOperations(trx: Transaction<Database>, operations: readonly SyncOperation[], cacheKey: object): Promise<ImportReport> {
  const now = new Date().toISOString();
  let alreadyPresent = 0;
  let held = 0;
  let conflicts = 0;
  let editsToDeleted = 0;
  const touched = new Map<string, { table: string; rowId: string }>();
  let maxClock = '';

  for (const op of operations) {
    const exists = await trx.selectFrom('sync_op').select('hlc').where('hlc', '=', op.hlc).where('tbl', '=', op.tbl).where('row_id', '=', op.row_id).where('field', '=', op.field).executeTakeFirst();
    if (exists) {
      alreadyPresent++;
      continue;
    }
    if (op.hlc > maxClock) maxClock = op.hlc;
    const current = await trx
      .selectFrom('sync_op')
      .select(['hlc', 'value', 'prev', 'origin'])
      .where('tbl', '=', op.tbl)
      .where('row_id', '=', op.row_id)
      .where('field', '=', op.field)
      .orderBy('hlc', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (current && current.origin !== op.origin && current.value !== op.value && op.prev !== current.hlc && current.prev !== op.hlc) {
      const [winner, loser] = op.hlc > current.hlc ? [op.hlc, current.hlc] : [current.hlc, op.hlc];
      await trx.insertInto('sync_conflict').values({ tbl: op.tbl, row_id: op.row_id, field: op.field, winner_hlc: winner, loser_hlc: loser, resolved_hlc: null }).onConflict((oc) => oc.doNothing()).execute();
      conflicts++;
    }
    if (op.prev) {
      // An operation made on top of a conflict's winner resolves that conflict everywhere.
      await trx.updateTable('sync_conflict').set({ resolved_hlc: op.hlc }).where('tbl', '=', op.tbl).where('row_id', '=', op.row_id).where('field', '=', op.field).where('winner_hlc', '=', op.prev).where('resolved_hlc', 'is', null).execute();
    }
    await trx.insertInto('sync_op').values(op).execute();
    if (!isSyncedTable(op.tbl) || !(await columnsOf(trx, op.tbl, cacheKey)).some((c) => c.name === op.field)) {
      held++;
      if (!isSyncedTable(op.tbl)) continue;
    }
    if (op.field !== 'deleted_at') {
      const { rows } = await sql<{ deleted_at: string | null }>`SELECT deleted_at FROM ${sql.table(op.tbl)} WHERE id = ${op.row_id}`.execute(trx);
      if (rows[0]?.deleted_at) editsToDeleted++;
    }
    touched.set(`${op.tbl}\u0000${op.row_id}`, { table: op.tbl, rowId: op.row_id });
  }

  const tables: Record<string, TableChanges> = {};
  const samples: ImportReport['samples'][number][] = [];
  for (const { table, rowId } of touched.values()) {
    if (!tables[table]) {
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE deleted_at IS NULL`.execute(trx);
      tables[table] = { created: 0, changed: 0, deleted: 0, restored: 0, liveBefore: rows[0]?.n ?? 0 };
    }
    const counts = tables[table]!;
    const outcome = await materializeRow(trx, table, rowId, now, cacheKey);
    if (outcome.kind === 'held') held++;
    if (outcome.kind === 'created') counts.created++;
    if (outcome.kind === 'changed') {
      const kind = 'deleted_at' in outcome.after ? (outcome.after.deleted_at === null ? 'restored' : 'deleted') : 'changed';
      counts[kind]++;
      if (samples.length < 200) {
        const fields: Record<string, { before: unknown; after: unknown }> = {};
        for (const [field, after] of Object.entries(outcome.after)) fields[field] = { before: outcome.before[field], after };
        samples.push({ table, rowId, kind, fields });
      }
    }
    if (outcome.kind === 'created' && samples.length < 200) {
      const fields: Record<string, { before: unknown; after: unknown }> = {};
      for (const [field, after] of Object.entries(outcome.after)) fields[field] = { before: null, after };
      samples.push({ table, rowId, kind: 'created', fields });
    }
  }
  if (maxClock) await observeClock(trx, maxClock);
  const applied = operations.length - alreadyPresent;
  const changedRows = Object.values(tables).reduce((n, t) => n + t.created + t.changed + t.deleted + t.restored, 0);
  return { operations: operations.length, alreadyPresent, applied, held, conflicts, editsToDeleted, tables, samples, nothingToDo: applied === 0 && changedRows === 0 };
}

/** The report an import would give, computed inside a transaction that is then rolled back. */
export async function previewOperations(db: Kysely<Database>, operations: readonly SyncOperation[], cacheKey: object): Promise<ImportReport> {
  try {
    await db.transaction().execute(async (trx) => {
      const report = await applyOperations(trx, operations, cacheKey);
      throw new PreviewRollback(report);
    });
  } catch (error) {
    if (error instanceof PreviewRollback) return error.report;
    throw error;
  }
  throw new AppError('INTERNAL', 'Forhåndsvisningen kunne ikke beregnes.');
}
