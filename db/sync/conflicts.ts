import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../../common/result';
import { updateRow } from '../mutations';
import type { Database, SyncedTable } from '../schema';
import { rawConnection } from '../safety/safe-rollback-dialect';
import { getInstallation } from './clock';
import { clockParts } from './op-log';
import type { SyncConflictTable } from './sync.table';
import { isSyncedTable } from './materialize';

export interface ConflictVersion {
  readonly value: unknown;
  readonly hlc: string;
  readonly installationId: string;
  readonly installationName: string;
  readonly at: string;
  readonly mine: boolean;
}

export interface OpenConflict {
  readonly id: number;
  readonly table: string;
  readonly rowId: string;
  readonly field: string;
  readonly label: string;
  readonly current: ConflictVersion;
  readonly other: ConflictVersion;
}

/** A short human label for a row: its name or title. */
async function rowLabel(db: Kysely<Database>, table: string, rowId: string): Promise<string> {
  if (!isSyncedTable(table)) return rowId;
  const row = (await db.selectFrom(table as 'contact').selectAll().where('id', '=', rowId).executeTakeFirst()) as Record<string, unknown> | undefined;
  const label = row?.name ?? row?.title ?? row?.navn;
  return typeof label === 'string' ? label : rowId;
}

type ConflictRow = Selectable<SyncConflictTable>;

/** Turns stored conflicts into both versions, who made them and when: each version read by its clock (the log's primary key). */
async function describeConflicts(db: Kysely<Database>, rows: readonly ConflictRow[]): Promise<OpenConflict[]> {
  if (rows.length === 0) return [];
  const me = await getInstallation(db);
  const peers = new Map((await db.selectFrom('sync_peer').select(['installation_id', 'name']).execute()).map((p) => [p.installation_id, p.name]));
  const sqlite = rawConnection(db);
  const valueAt = sqlite.prepare(
    `SELECT l.value FROM sync_log l
     JOIN sync_origin o ON o.id = l.origin
     JOIN sync_row r ON r.id = l.row JOIN sync_symbol t ON t.id = r.tbl
     JOIN sync_symbol f ON f.id = l.field
     WHERE l.wall = ? AND l.counter = ? AND o.installation = ? AND t.name = ? AND r.uuid = ? AND f.name = ?`,
  );
  const version = (c: ConflictRow, hlc: string): ConflictVersion => {
    const clock = clockParts(hlc);
    const op = valueAt.get(clock.wall, clock.counter, clock.origin, c.tbl, c.row_id, c.field) as { value: string | null } | undefined;
    let value: unknown = null;
    try {
      value = op?.value == null ? null : (JSON.parse(op.value) as unknown);
    } catch {
      value = null;
    }
    return {
      value,
      hlc,
      installationId: clock.origin,
      installationName: clock.origin === me.id ? me.name : (peers.get(clock.origin) ?? clock.origin),
      at: new Date(clock.wall).toISOString(),
      mine: clock.origin === me.id,
    };
  };
  const result: OpenConflict[] = [];
  for (const c of rows) {
    result.push({ id: c.id!, table: c.tbl, rowId: c.row_id, field: c.field, label: await rowLabel(db, c.tbl, c.row_id), current: version(c, c.winner_hlc), other: version(c, c.loser_hlc) });
  }
  return result;
}

/** Every open conflict (tests and small databases; the window asks for pages: pageConflicts). */
export async function listConflicts(db: Kysely<Database>): Promise<OpenConflict[]> {
  const rows = await db.selectFrom('sync_conflict').selectAll().where('resolved_hlc', 'is', null).orderBy('id').execute();
  return describeConflicts(db, rows);
}

/** One page of the open conflicts, oldest first, and how many are open in all. */
export async function pageConflicts(db: Kysely<Database>, page: { readonly offset: number; readonly limit: number }): Promise<{ rows: OpenConflict[]; total: number; offset: number }> {
  const total = Number((await db.selectFrom('sync_conflict').select((eb) => eb.fn.countAll().as('n')).where('resolved_hlc', 'is', null).executeTakeFirstOrThrow()).n);
  const rows = await db.selectFrom('sync_conflict').selectAll().where('resolved_hlc', 'is', null).orderBy('id').limit(page.limit).offset(page.offset).execute();
  return { rows: await describeConflicts(db, rows), total, offset: page.offset };
}

/**
 * Resolves a conflict by keeping one version: writes it as a new edit on top
 * of the winner (so it syncs and closes the conflict everywhere) and marks
 * the conflict resolved here.
 */
export async function resolveConflict(db: Kysely<Database>, id: number, keep: 'current' | 'other'): Promise<void> {
  const stored = await db.selectFrom('sync_conflict').selectAll().where('id', '=', id).where('resolved_hlc', 'is', null).executeTakeFirst();
  const conflict = stored ? (await describeConflicts(db, [stored]))[0] : undefined;
  if (!conflict) throw new AppError('NOT_FOUND', 'Konflikten findes ikke eller er allerede løst.');
  if (!isSyncedTable(conflict.table)) throw new AppError('VALIDATION', 'Konflikten gælder data, som denne version ikke kender.');
  const value = (keep === 'current' ? conflict.current : conflict.other).value as string | number | null;
  await db.transaction().execute(async (trx) => {
    await updateRow(trx, conflict.table as SyncedTable, conflict.rowId, { [conflict.field]: value } as never, { force: true });
    const latest = await trx.selectFrom('sync_op').select((eb) => eb.fn.max('hlc').as('hlc')).where('tbl', '=', conflict.table).where('row_id', '=', conflict.rowId).where('field', '=', conflict.field).executeTakeFirstOrThrow();
    await trx.updateTable('sync_conflict').set({ resolved_hlc: latest.hlc }).where('tbl', '=', conflict.table).where('row_id', '=', conflict.rowId).where('field', '=', conflict.field).where('resolved_hlc', 'is', null).execute();
  });
}

/** Kept for callers that already wrote the chosen value themselves. */
export async function resolveConflictLocally(db: Kysely<Database>, table: string, rowId: string, field: string): Promise<void> {
  const latest = await db.selectFrom('sync_op').select((eb) => eb.fn.max('hlc').as('hlc')).where('tbl', '=', table).where('row_id', '=', rowId).where('field', '=', field).executeTakeFirst();
  if (!latest?.hlc) return;
  await db.updateTable('sync_conflict').set({ resolved_hlc: latest.hlc }).where('tbl', '=', table).where('row_id', '=', rowId).where('field', '=', field).where('resolved_hlc', 'is', null).execute();
}
