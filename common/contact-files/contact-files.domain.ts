import { z } from 'zod';
import { foldDanish } from '../text-fold';

/**
 * Contact files in and out (vCard, CSV, XLSX): the shapes that cross IPC and
 * the pure rules both sides share (column mapping, name splitting, formula
 * neutralisation, file names).
 */

/** 20 MB: far above any real contact list, small enough to hold in memory twice. */
export const maxContactFileBytes = 20 * 1024 * 1024;
/** Transport guard only; the handler gives the clear Danish message at maxContactFileBytes. */
const maxBase64Chars = Math.ceil((maxContactFileBytes * 1.5) / 3) * 4;

export const contactFilePayloadSchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  base64: z.string().max(maxBase64Chars, { error: 'validation.fileTooLarge' }),
});

export const fileResultSchema = z.object({ fileName: z.string(), base64: z.string() });
export type FileResult = z.infer<typeof fileResultSchema>;

/** The Kredsbog fields a column of a spreadsheet can be mapped to. */
export const importFields = ['name', 'firstName', 'middleName', 'lastName', 'email', 'email2', 'email3', 'phone', 'phone2', 'phone3', 'organisation', 'title', 'kommune', 'notes'] as const;
export type ImportField = (typeof importFields)[number];

/** field → the file's header it is read from (null/absent: not imported). */
export const columnMappingSchema = z.partialRecord(z.enum(importFields), z.string().max(500).nullable());
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

export const importOutcomes = ['new', 'updated', 'unchanged', 'duplicate', 'rejected'] as const;
export type ImportOutcome = (typeof importOutcomes)[number];

export const importRowSchema = z.object({
  /** As the user sees it: the spreadsheet row (header = row 1) or the n-th vCard. */
  rowNumber: z.number().int(),
  outcome: z.enum(importOutcomes),
  name: z.string(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  role: z.string().nullable(),
  /** The existing contact an updated/unchanged row matched, or a possible duplicate resembles. */
  match: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Danish: why rejected, why a possible duplicate, or what an update changes. */
  reasons: z.array(z.string()),
  /** Danish remarks that do not stop the row ("ukendt organisation …"). */
  notes: z.array(z.string()),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export const importCountsSchema = z.object({ new: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), duplicate: z.number().int(), rejected: z.number().int() });
export type ImportCounts = z.infer<typeof importCountsSchema>;

export const importPreviewSchema = z.object({
  format: z.enum(['csv', 'xlsx', 'vcf']),
  /** CSV only: how the bytes were read. */
  encoding: z.enum(['utf-8', 'utf-8-bom', 'windows-1252', 'utf-16le']).nullable(),
  delimiter: z.enum([';', ',', '\t']).nullable(),
  headers: z.array(z.string()),
  /** The first rows (at most 3), cells aligned with headers: sample values for the mapping step. */
  samples: z.array(z.array(z.string())),
  mapping: columnMappingSchema,
  mappingSource: z.enum(['given', 'remembered', 'proposed', 'none']),
  /** True when no column gives a name: the user must map one before importing. */
  needsMapping: z.boolean(),
  counts: importCountsSchema,
  rows: z.array(importRowSchema),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importInputSchema = contactFilePayloadSchema.extend({
  mapping: columnMappingSchema.optional(),
  /** Row numbers of possible duplicates the user wants created anyway. */
  forceNew: z.array(z.number().int()).max(100_000).default([]),
});

export const importResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
  preview: importPreviewSchema,
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const spreadsheetSubjects = ['contacts', 'organisations', 'followUps', 'meetings'] as const;
export type SpreadsheetSubject = (typeof spreadsheetSubjects)[number];

// ---------- pure rules ----------

/** Header as compared: folded Danish, letters and digits only ("E-mail 2 Address" → "email2address"). */
export function normaliseHeader(header: string): string {
  return foldDanish(header).replace(/[^a-z0-9]/g, '');
}

const n = (aliases: readonly string[]) => aliases.map(normaliseHeader);
/** Single-column fields, Danish and Outlook (English) headers. Outlook's "Title" is Mr./Mrs., so only "Job Title" is a title. */
const singleAliases: Partial<Record<ImportField, readonly string[]>> = {
  name: n(['Navn', 'Fulde navn', 'Fuldt navn', 'Kontaktperson', 'Kontakt', 'Name', 'Full Name', 'Display Name']),
  firstName: n(['Fornavn', 'First Name', 'Given Name']),
  middleName: n(['Mellemnavn', 'Middle Name']),
  lastName: n(['Efternavn', 'Last Name', 'Surname', 'Family Name']),
  organisation: n(['Organisation', 'Organization', 'Firma', 'Virksomhed', 'Arbejdsplads', 'Boligorganisation', 'Company']),
  title: n(['Titel', 'Stilling', 'Stillingsbetegnelse', 'Rolle', 'Job Title', 'Jobtitel']),
  kommune: n(['Kommune', 'Municipality']),
  notes: n(['Noter', 'Note', 'Notat', 'Notater', 'Bemærkninger', 'Kommentar', 'Notes']),
};
const emailAliases = [
  n(['E-mail', 'Email', 'E-mailadresse', 'Mail', 'Mailadresse', 'E-post', 'E-mail Address', 'E-mail 1', 'E-mail arbejde']),
  n(['E-mail 2', 'E-mail 2 Address', 'E-mailadresse 2', 'Andre e-mails']),
  n(['E-mail 3', 'E-mail 3 Address', 'E-mailadresse 3']),
];
/** Phone headers in order of preference: the first found becomes the primary number. */
const phoneAliases = n([
  'Mobil',
  'Mobiltelefon',
  'Mobilnummer',
  'Mobile Phone',
  'Telefon',
  'Tlf',
  'Tlf.nr.',
  'Telefonnummer',
  'Direkte telefon',
  'Arbejdstelefon',
  'Business Phone',
  'Primary Phone',
  'Company Main Phone',
  'Andre telefonnumre',
  'Business Phone 2',
  'Home Phone',
  'Privattelefon',
]);

/** A mapping guessed from the headers alone. */
export function proposeMapping(headers: readonly string[]): ColumnMapping {
  const byNormalised = new Map<string, string>();
  for (const header of headers) if (!byNormalised.has(normaliseHeader(header))) byNormalised.set(normaliseHeader(header), header);
  const find = (aliases: readonly string[]) => aliases.map((a) => byNormalised.get(a)).find((h) => h !== undefined) ?? null;
  const mapping: ColumnMapping = {};
  for (const [field, aliases] of Object.entries(singleAliases) as [ImportField, readonly string[]][]) {
    const header = find(aliases);
    if (header) mapping[field] = header;
  }
  (['email', 'email2', 'email3'] as const).forEach((field, i) => {
    const header = find(emailAliases[i] ?? []);
    if (header) mapping[field] = header;
  });
  const phones = phoneAliases.map((a) => byNormalised.get(a)).filter((h): h is string => h !== undefined);
  (['phone', 'phone2', 'phone3'] as const).forEach((field, i) => {
    const header = phones[i];
    if (header) mapping[field] = header;
  });
  return mapping;
}

/** Whether a mapping yields a name (one column, or first/last name). */
export function mappingHasName(mapping: ColumnMapping): boolean {
  return Boolean(mapping.name || mapping.firstName || mapping.lastName);
}

/**
 * Danish names for vCard N: the last word is the family name, the rest given
 * (and middle) names. "Mette Ørsted" → Ørsted / Mette; "Anne Marie Holm Jensen" → Jensen / Anne Marie Holm.
 */
export function splitDanishName(name: string): { readonly given: string; readonly family: string } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return { given: words[0] ?? '', family: '' };
  return { given: words.slice(0, -1).join(' '), family: words[words.length - 1] ?? '' };
}

const formulaStart = /^[=+\-@\t\r]/;

/**
 * Spreadsheet programs run a cell that starts with = + - @ (and TAB/CR, which
 * they skip first) as a formula: a name like "=HYPERLINK(…)" typed into
 * Kredsbog must not become one. A leading apostrophe makes it text.
 */
export function neutraliseFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/**
 * A file name Windows, macOS and zip tools all accept, keeping æøå:
 * "Mette Ørsted.vcf". Reserved characters and names are replaced.
 */
export function safeFileName(base: string, extension: string, fallback = 'Kontakt'): string {
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}<>:"/\\|?*]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '')
    .slice(0, 100)
    .trim();
  const safe = cleaned === '' || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(cleaned) ? fallback : cleaned;
  return `${safe}.${extension}`;
}

/** Makes names unique case-insensitively (as Windows compares them): "Jens Hansen.vcf", "Jens Hansen (2).vcf". */
export function uniqueFileNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const dot = name.lastIndexOf('.');
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const extension = dot > 0 ? name.slice(dot) : '';
    let candidate = name;
    for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = `${stem} (${i})${extension}`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}
