import type { Kysely } from 'kysely';
import type { ListImportPreview, ListImportResult } from '../../common/boligomraader.domain';
import { AppError } from '../../common/result';
import { applyWithProtection } from '../backups/import-protection';
import type { AppDatabase } from '../connection';
import type { Database } from '../schema';
import { applyListPlan } from './boligomraader-list.apply';
import { parseBoligomraadeList, type ParsedList } from './boligomraader-list.parse';
import { planList, planWrites, previewOfPlan } from './boligomraader-list.plan';

/**
 * A year's lists of boligområder (the ministry's lists of 1 December,
 * almenboligloven § 61 a) from a CSV or .xlsx file, in stages:
 * boligomraader-list.parse.ts (read the file), .plan.ts (match areas, what
 * changes since last year) and .apply.ts (write), the apply through the one
 * protected step (applyWithProtection: the day's backup, one transaction).
 * Preview first; a file with any bad row changes nothing.
 */

async function parsed(bytes: Uint8Array, fileName: string, year: number): Promise<ParsedList> {
  const list = await parseBoligomraadeList(bytes, fileName);
  if (list.yearInFile !== null && list.yearInFile !== year) {
    throw new AppError('VALIDATION', 'Filens titel angiver listerne for et andet år end det valgte. Vælg det år, listen gælder for, og prøv igen.');
  }
  return list;
}

/**
 * What importing the file as the lists of `year` would change. Changes nothing.
 *
 * @example const preview = await previewBoligomraadeList(app.db, bytes, 'lister-2026.csv', 2026)
 */
export async function previewBoligomraadeList(db: Kysely<Database>, bytes: Uint8Array, fileName: string, year: number): Promise<ListImportPreview> {
  const list = await parsed(bytes, fileName, year);
  return previewOfPlan(db, await planList(db, list, year), list, fileName);
}

/** Imports the file as the lists of `year`: everything or nothing, after the day's backup when anything changes. */
export async function importBoligomraadeList(target: AppDatabase | Kysely<Database>, bytes: Uint8Array, fileName: string, year: number): Promise<ListImportResult> {
  const list = await parsed(bytes, fileName, year);
  const db = 'sqlite' in target ? target.db : target;
  // The preview is taken against what the database held before the write.
  const before = await previewOfPlan(db, await planList(db, list, year), list, fileName);
  const { plan } = await applyWithProtection(target, {
    plan: (q) => planList(q, list, year),
    writes: planWrites,
    apply: (trx, p) => (planWrites(p) ? applyListPlan(trx, p) : Promise.resolve({ created: 0 })),
  });
  return { ...before, applied: planWrites(plan) };
}
