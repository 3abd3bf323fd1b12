import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { columnMappingSchema, detectLayout, importFields, mappingHasName, maxContactFileBytes, normaliseHeader, proposeMapping, type ColumnMapping, type ImportPreview, type OrganisationToCreate } from '../../common/contact-files/contact-files.domain';
import { AppError } from '../../common/result';
import type { Database } from '../schema';
import type { ImportCandidate } from './contacts.plan';
import { decodeText, readCsv, readXlsx, type SpreadsheetTable } from './spreadsheet.read';
import { looksLikeVcard, readVcardFile } from './vcard.import';


/**
 * Contact-file import, stage 1 — parse: the bytes of a CSV, .xlsx or .vcf
 * file into import candidates, with the column mapping (given, remembered for
 * these headers, or proposed). Reads only the remembered mappings.
 */
/** local_setting key of the mapping remembered for a set of headers (order and spelling variants do not matter). */
export function mappingKey(headers: readonly string[]): string {
  const normalised = [...new Set(headers.map(normaliseHeader))].sort().join('\n');
  return `contactImport.mapping.${createHash('sha256').update(normalised).digest('hex')}`;
}

async function rememberedMapping(db: Kysely<Database>, headers: readonly string[]): Promise<ColumnMapping | null> {
  const row = await db.selectFrom('local_setting').select('value').where('key', '=', mappingKey(headers)).executeTakeFirst();
  if (!row) return null;
  try {
    const parsed = columnMappingSchema.safeParse(JSON.parse(row.value));
    // A remembered column that is gone (renamed in the file) invalidates the memory rather than half-applying it.
    return parsed.success && Object.values(parsed.data).every((h) => h === null || h === undefined || headers.includes(h)) ? parsed.data : null;
  } catch {
    return null;
  }
}

/** local_setting is installation-local, not synced: written directly, like settings.repository.ts. */
export async function rememberMapping(db: Kysely<Database>, headers: readonly string[], mapping: ColumnMapping): Promise<void> {
  const value = JSON.stringify(mapping);
  await db
    .insertInto('local_setting')
    .values({ key: mappingKey(headers), value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

function checkMapping(mapping: ColumnMapping, headers: readonly string[]): ColumnMapping {
  const clean: ColumnMapping = {};
  for (const field of importFields) {
    const header = mapping[field];
    if (header === null || header === undefined || header === '') continue;
    // A header is the file's text, so the message does not quote it.
    if (!headers.includes(header)) throw new AppError('VALIDATION', 'En af de valgte kolonner findes ikke i filen. Vælg kolonnerne igen.');
    clean[field] = header;
  }
  return clean;
}

/** Splits a cell that holds several addresses or numbers ("a@x.dk; b@y.dk", Google's "a@x.dk ::: b@y.dk"). */
function splitList(text: string, pattern: RegExp): string[] {
  return text
    .split(pattern)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Undoes the CSV export's formula guard ("'=HYPERLINK(…)"; older exports also "'+45 20 30 40 50"), so an exported list imports as it was. */
function unneutralise(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

export function candidatesFromTable(table: SpreadsheetTable, mapping: ColumnMapping): ImportCandidate[] {
  const index = new Map(table.headers.map((h, i) => [h, i]));
  return table.rows.map(({ rowNumber, cells }) => {
    const get = (field: keyof ColumnMapping): string => {
      const header = mapping[field];
      const i = header ? index.get(header) : undefined;
      return i === undefined ? '' : unneutralise(cells[i] ?? '');
    };
    const name = get('name') || [get('firstName'), get('middleName'), get('lastName')].filter(Boolean).join(' ');
    const organisation = get('organisation');
    const kommune = get('kommune');
    return {
      rowNumber,
      name,
      emails: (['email', 'email2', 'email3'] as const).flatMap((f) => splitList(get(f), /:::|[;,\s]+/)),
      phones: (['phone', 'phone2', 'phone3'] as const).flatMap((f) => splitList(get(f), /:::|[;,/]+/)),
      notes: get('notes'),
      roles: organisation || kommune ? [{ organisation, kommune, title: get('title') }] : [],
    };
  });
}

export interface ContactFileInput {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly mapping?: ColumnMapping;
  readonly forceNew?: readonly number[];
  readonly createOrganisations?: readonly OrganisationToCreate[];
}

export interface Prepared {
  readonly preview: Omit<ImportPreview, 'counts' | 'rows' | 'unknownOrganisations'>;
  readonly candidates: readonly ImportCandidate[];
}

export async function prepare(db: Kysely<Database>, input: ContactFileInput): Promise<Prepared> {
  if (input.bytes.length > maxContactFileBytes) throw new AppError('VALIDATION', 'Filen er for stor (over 20 MB).');
  if (input.bytes.length === 0) throw new AppError('VALIDATION', 'Filen er tom.');
  const extension = /\.([^.]+)$/.exec(input.fileName)?.[1]?.toLowerCase() ?? '';
  if (extension === 'xls') throw new AppError('VALIDATION', 'Gamle Excel-filer (.xls) kan ikke læses. Gem filen som .xlsx eller CSV i Excel og prøv igen.');
  const isZip = input.bytes[0] === 0x50 && input.bytes[1] === 0x4b;
  if (extension === 'xlsx' || (isZip && extension !== 'csv')) {
    const table = await readXlsx(input.bytes);
    return withMapping(db, table, input.mapping);
  }
  const { text } = decodeText(input.bytes);
  if (extension === 'vcf' || extension === 'vcard' || looksLikeVcard(text)) {
    const candidates = readVcardFile(input.bytes);
    if (candidates.length === 0) throw new AppError('VALIDATION', 'Filen indeholder ingen vCard-kort (BEGIN:VCARD).');
    return { preview: { format: 'vcf', encoding: null, delimiter: null, headers: [], samples: [], mapping: {}, mappingSource: 'none', layout: null, needsMapping: false }, candidates };
  }
  if (!['csv', 'txt', 'tsv', ''].includes(extension)) {
    const named = /^[a-z0-9]{1,10}$/.test(extension) ? `Filtypen .${extension}` : 'Filtypen';
    throw new AppError('VALIDATION', `${named} kan ikke importeres. Vælg en CSV-, Excel- (.xlsx) eller vCard-fil (.vcf).`);
  }
  if (text.slice(0, 1000).includes('\u0000')) throw new AppError('VALIDATION', 'Filen ligner ikke en tekst- eller CSV-fil.');
  return withMapping(db, readCsv(input.bytes), input.mapping);
}

async function withMapping(db: Kysely<Database>, table: SpreadsheetTable, given: ColumnMapping | undefined): Promise<Prepared> {
  let mapping: ColumnMapping;
  let mappingSource: ImportPreview['mappingSource'];
  if (given) {
    mapping = checkMapping(given, table.headers);
    mappingSource = 'given';
  } else {
    const remembered = await rememberedMapping(db, table.headers);
    mapping = remembered ?? proposeMapping(table.headers);
    mappingSource = remembered ? 'remembered' : 'proposed';
  }
  return {
    preview: {
      format: table.format,
      encoding: table.encoding,
      delimiter: table.delimiter,
      headers: [...table.headers],
      samples: table.rows.slice(0, 3).map((r) => table.headers.map((_, i) => r.cells[i] ?? '')),
      mapping,
      mappingSource,
      layout: detectLayout(table.headers),
      needsMapping: !mappingHasName(mapping),
    },
    candidates: candidatesFromTable(table, mapping),
  };
}
