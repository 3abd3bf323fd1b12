import { sql, type Transaction } from 'kysely';
import { createRow, restoreRow, updateRow } from '../mutations';
import type { Database } from '../schema';
import { setYearCategories } from './boligomraader.repository';
import type { ListPlan } from './boligomraader-list.plan';

/**
 * Import of a year's lists, stage 3 — apply: the plan written through
 * db/mutations.ts inside the caller's transaction (applyWithProtection owns
 * the backup and the transaction). A new area gets its derived id; when that
 * id is a deleted area (the user deleted it, the list names it again) it is
 * restored rather than made twice.
 */
export async function applyListPlan(trx: Transaction<Database>, plan: ListPlan): Promise<{ created: number }> {
  let created = 0;
  for (const area of plan.areas) {
    let id = area.boligomraadeId;
    if (id === null) {
      const { rows } = await sql<{ deleted_at: string | null }>`SELECT deleted_at FROM boligomraade WHERE id = ${area.newId}`.execute(trx);
      if (rows[0]) {
        await restoreRow(trx, 'boligomraade', area.newId);
        await updateRow(trx, 'boligomraade', area.newId, { name: area.name, kommune_id: area.kommuneId });
      } else {
        await createRow(trx, 'boligomraade', { name: area.name, kommune_id: area.kommuneId, notes: '' }, { id: area.newId });
      }
      id = area.newId;
      created++;
    }
    await setYearCategories(trx, id, plan.year, area.categories);
  }
  for (const id of plan.dropped) await setYearCategories(trx, id, plan.year, []);
  return { created };
}
