import type { Kysely } from 'kysely';
import type { Database } from '../schema';

/**
 * Marks a field's open conflicts resolved by the field's current value (the
 * user chose "Behold min", "Behold deres" or edited it). The choice itself is
 * a normal edit through db/mutations.ts, so it syncs; other installations
 * close their copy of the conflict when that edit arrives (see apply.ts).
 */
export async function resolveConflictLocally(db: Kysely<Database>, table: string, rowId: string, field: string): Promise<void> {
  const latest = await db.selectFrom('sync_op').select((eb) => eb.fn.max('hlc').as('hlc')).where('tbl', '=', table).where('row_id', '=', rowId).where('field', '=', field).executeTakeFirst();
  if (!latest?.hlc) return;
  await db.updateTable('sync_conflict').set({ resolved_hlc: latest.hlc }).where('tbl', '=', table).where('row_id', '=', rowId).where('field', '=', field).where('resolved_hlc', 'is', null).execute();
}
