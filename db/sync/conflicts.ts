import type { Kysely } from 'kysely';
import { AppError } from '../../common/result';
import { updateRow } from '../mutations';
import type { Database, SyncedTable } from '../schema';
import { getInstallation } from './clock';
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

/** Open conflicts with both versions, who made them and when. */
export async function listConflicts(db: Kysely<Database>): Promise<OpenConflict[]> {
  const me = await getInstallation(db);
  const peers = new Map((await db.selectFrom('sync_peer').select(['installation_id', 'name']).execute()).map((p) => [p.installation_id, p.name]));
  const rows = await db.selectFrom('sync_conflict').selectAll().where('resolved_hlc', 'is', null).orderBy('id').execute();
  const version = async (c: (typeof rows)[number], hlc: string): Promise<ConflictVersion> => {
    const op = await db.selectFrom('sync_op').select(['value', 'origin']).where('hlc', '=', hlc).where('tbl', '=', c.tbl).where('row_id', '=', c.row_id).where('field', '=', c.field).executeTakeFirstOrThrow();
    return {
      value: op.value === null ? null : (JSON.parse(op.value) as unknown),
      hlc,
      installationId: op.origin,
      installationName: op.origin === me.id ? me.name : (peers.get(op.origin) ?? op.origin),
      at: new Date(Number(hlc.slice(0, 16))).toISOString(),
      mine: op.origin === me.id,
    };
  };
  const result: OpenConflict[] = [];
  for (const c of rows) {
    result.push({ id: c.id!, table: c.tbl, rowId: c.row_id, field: c.field, label: await rowLabel(db, c.tbl, c.row_id), current: await version(c, c.winner_hlc), other: await version(c, c.loser_hlc) });
  }
  return result;
}

/**
 * Resolves a conflict by keeping one version: writes it as a new edit on top
 * of the winner (so it syncs and closes the conflict everywhere) and marks
 * the conflict resolved here.
 */
export async function resolveConflict(db: Kysely<Database>, id: number, keep: 'current' | 'other'): Promise<void> {
  const conflict = (await listConflicts(db)).find((c) => c.id === id);
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
