import type { Kysely } from 'kysely';
import type { ImportPreview, ImportResult } from '../../common/contact-files/contact-files.domain';
import { AppError } from '../../common/result';
import { applyWithProtection } from '../backups/import-protection';
import type { AppDatabase } from '../connection';
import type { Database } from '../schema';
import { applyPlan } from './contacts.apply';
import { prepare, rememberMapping, type ContactFileInput, type Prepared } from './contacts.parse';
import { planImport, publicRows, type ImportPlan } from './contacts.plan';


/**
 * Contact lists from spreadsheets as a Danish consultant gets them: Excel's
 * "CSV (semikolonsepareret)" in Windows-1252, the contact exports of Outlook
 * (English or Danish headers), Google Contacts (old and new layout) and
 * Thunderbird, UTF-8 or UTF-16, .xlsx — and .vcf, so the app has one
 * "Importér kontakter" for every file. A recognised export is mapped without asking.
 *
 * In stages, each its own module with tests: contacts.parse.ts (file to
 * candidates and mapping), contacts.plan.ts (match against the database, the
 * preview) and contacts.apply.ts (write), the apply through the one protected
 * step (applyWithProtection: the day's backup, one transaction).
 */

export { decodeText, readCsv, readXlsx, type SpreadsheetTable } from './spreadsheet.read';
export { candidatesFromTable, mappingKey, type ContactFileInput } from './contacts.parse';

function toPreview(prepared: Prepared, plan: ImportPlan): ImportPreview {
  return { ...prepared.preview, counts: plan.counts, rows: publicRows(plan), unknownOrganisations: [...plan.unknownOrganisations] };
}

const planOptions = (input: ContactFileInput) => ({ forceNew: input.forceNew ?? [], createOrganisations: input.createOrganisations ?? [] });

/** What importing the file would do; nothing is written. */
export async function previewContactFile(db: Kysely<Database>, input: ContactFileInput): Promise<ImportPreview> {
  const prepared = await prepare(db, input);
  return toPreview(prepared, await planImport(db, prepared.candidates, planOptions(input)));
}

/**
 * Imports the file in one transaction (all rows or none) and remembers the
 * column mapping for the next file with the same headers. Given the open
 * database (not only its query builder), an import that will create or
 * change contacts first takes the day's safety backup (protectBeforeImport).
 */
export async function importContactFile(target: AppDatabase | Kysely<Database>, input: ContactFileInput): Promise<ImportResult> {
  const db = 'sqlite' in target ? target.db : target;
  const prepared = await prepare(db, input);
  if (prepared.preview.needsMapping) throw new AppError('VALIDATION', 'Vælg hvilken kolonne der indeholder navnet, før der importeres.');
  const { plan, result } = await applyWithProtection(target, {
    plan: (reader) => planImport(reader, prepared.candidates, planOptions(input)),
    writes: ({ counts, organisationsToCreate }) => counts.new + counts.updated + organisationsToCreate.size > 0,
    apply: applyPlan,
  });
  const { created, updated, organisationsCreated } = result;
  if (prepared.preview.format !== 'vcf') await rememberMapping(db, prepared.preview.headers, prepared.preview.mapping);
  return { created, updated, organisationsCreated, unchanged: plan.counts.unchanged, skipped: plan.counts.duplicate, rejected: plan.counts.rejected, preview: toPreview(prepared, plan) };
}
