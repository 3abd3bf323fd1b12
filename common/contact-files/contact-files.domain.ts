import { z } from 'zod';
import { idSchema, organisationKinds } from '../domain';
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

/**
 * An organisation named in the file that Kredsbog does not know, once per
 * name however many rows name it: the preview offers to create it.
 */
export const unknownOrganisationSchema = z.object({
  /** As the file spells it (first occurrence). */
  name: z.string(),
  /** Rows (or cards) that name it. */
  rows: z.array(z.number().int()),
  /** The kommune the file's rows point to most often, if any. */
  suggestedKommuneId: idSchema.nullable(),
  /** True when the import will create it (it is in createOrganisations). */
  willCreate: z.boolean(),
});
export type UnknownOrganisation = z.infer<typeof unknownOrganisationSchema>;

/** Programs whose contact export Kredsbog recognises by its headers, so no column needs to be chosen by hand. */
export const knownLayouts = ['outlook', 'google', 'thunderbird', 'kredsbog'] as const;
export type KnownLayout = (typeof knownLayouts)[number];

export const importCountsSchema = z.object({ new: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), duplicate: z.number().int(), rejected: z.number().int() });
export type ImportCounts = z.infer<typeof importCountsSchema>;

export const importPreviewSchema = z.object({
  format: z.enum(['csv', 'xlsx', 'vcf']),
  /** CSV only: how the bytes were read. */
  encoding: z.enum(['utf-8', 'utf-8-bom', 'windows-1252', 'utf-16le', 'utf-16be']).nullable(),
  delimiter: z.enum([';', ',', '\t']).nullable(),
  headers: z.array(z.string()),
  /** The first rows (at most 3), cells aligned with headers: sample values for the mapping step. */
  samples: z.array(z.array(z.string())),
  mapping: columnMappingSchema,
  mappingSource: z.enum(['given', 'remembered', 'proposed', 'none']),
  /** The program whose export layout the headers match (mapped without asking), or null. */
  layout: z.enum(knownLayouts).nullable(),
  /** True when no column gives a name: the user must map one before importing. */
  needsMapping: z.boolean(),
  counts: importCountsSchema,
  rows: z.array(importRowSchema),
  unknownOrganisations: z.array(unknownOrganisationSchema),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const organisationToCreateSchema = z.object({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(organisationKinds),
  kommuneId: idSchema.nullable(),
});
export type OrganisationToCreate = z.infer<typeof organisationToCreateSchema>;

export const importInputSchema = contactFilePayloadSchema.extend({
  mapping: columnMappingSchema.optional(),
  /** Row numbers of possible duplicates the user wants created anyway. */
  forceNew: z.array(z.number().int()).max(100_000).default([]),
  /** Unknown organisations the user chose to create (matched to the file's names ignoring case, punctuation and æ/ae, ø/oe, å/aa). */
  createOrganisations: z.array(organisationToCreateSchema).max(1_000).default([]),
});

export const importResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  /** Unknown organisations the import created because the user asked for them. */
  organisationsCreated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
  preview: importPreviewSchema,
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const spreadsheetSubjects = ['contacts', 'organisations', 'followUps', 'meetings', 'aftaler', 'contactLog', 'helhedsplaner', 'boligomraader'] as const;
export type SpreadsheetSubject = (typeof spreadsheetSubjects)[number];

// ---------- pure rules ----------

/** Header as compared: folded Danish, letters and digits only ("E-mail 2 Address" → "email2address"). */
export function normaliseHeader(header: string): string {
  return foldDanish(header).replace(/[^a-z0-9]/g, '');
}

const n = (aliases: readonly string[]) => aliases.map(normaliseHeader);
/**
 * Single-column fields, Danish headers and the export layouts of Outlook
 * (English and Danish), Google Contacts (the older "Given Name … Organization 1 -
 * Name" and the newer "First Name … Organization Name") and Thunderbird
 * ("Display Name", "Primary Email" …). Outlook's "Title" (and the Danish
 * Outlook's "Titel") is Mr./Mrs.: "Job Title"/"Stilling" wins when both are there.
 */
const singleAliases: Partial<Record<ImportField, readonly string[]>> = {
  name: n(['Navn', 'Fulde navn', 'Fuldt navn', 'Vist navn', 'Kontaktperson', 'Kontakt', 'Name', 'Full Name', 'Display Name']),
  firstName: n(['Fornavn', 'First Name', 'Given Name']),
  middleName: n(['Mellemnavn', 'Middle Name', 'Additional Name']),
  lastName: n(['Efternavn', 'Last Name', 'Surname', 'Family Name']),
  organisation: n(['Organisation', 'Organization', 'Organization Name', 'Organization 1 - Name', 'Firma', 'Virksomhed', 'Arbejdsplads', 'Boligorganisation', 'Company']),
  title: n(['Stilling', 'Job Title', 'Jobtitel', 'Stillingsbetegnelse', 'Organization Title', 'Organization 1 - Title', 'Titel', 'Rolle']),
  kommune: n(['Kommune', 'Municipality']),
  notes: n(['Noter', 'Note', 'Notat', 'Notater', 'Bemærkninger', 'Kommentar', 'Notes']),
};
const emailAliases = [
  n(['E-mail', 'Email', 'E-mailadresse', 'E-mail-adresse', 'Mail', 'Mailadresse', 'Mail-adresse', 'E-post', 'E-mail Address', 'E-mail 1', 'E-mail 1 - Value', 'Primary Email', 'E-mail arbejde']),
  n(['E-mail 2', 'E-mail 2 Address', 'E-mail 2 - Value', 'E-mail 2-adresse', 'Mail 2-adresse', 'E-mailadresse 2', 'Secondary Email', 'Andre e-mails']),
  n(['E-mail 3', 'E-mail 3 Address', 'E-mail 3 - Value', 'E-mail 3-adresse', 'Mail 3-adresse', 'E-mailadresse 3']),
];
/** Phone headers in order of preference: the first found becomes the primary number (a mobile before a switchboard). */
const phoneAliases = n([
  'Mobil',
  'Mobiltelefon',
  'Mobilnummer',
  'Mobile Phone',
  'Mobile Number',
  'Telefon',
  'Tlf',
  'Tlf.nr.',
  'Telefonnummer',
  'Direkte telefon',
  'Arbejdstelefon',
  'Telefon (arbejde)',
  'Business Phone',
  'Work Phone',
  'Phone 1 - Value',
  'Phone 2 - Value',
  'Phone 3 - Value',
  'Primary Phone',
  'Primær telefon',
  'Company Main Phone',
  'Firmaets hovedtelefon',
  'Firmatelefon',
  'Andre telefonnumre',
  'Business Phone 2',
  'Telefon 2 (arbejde)',
  'Home Phone',
  'Telefon (privat)',
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
  const usedEmails = new Set<string>();
  (['email', 'email2', 'email3'] as const).forEach((field, i) => {
    const header = (emailAliases[i] ?? []).map((a) => byNormalised.get(a)).find((h) => h !== undefined && !usedEmails.has(h));
    if (header) {
      mapping[field] = header;
      usedEmails.add(header);
    }
  });
  const phones = [...new Set(phoneAliases.map((a) => byNormalised.get(a)).filter((h): h is string => h !== undefined))];
  (['phone', 'phone2', 'phone3'] as const).forEach((field, i) => {
    const header = phones[i];
    if (header) mapping[field] = header;
  });
  return mapping;
}

const layoutSignatures: readonly (readonly [KnownLayout, readonly (readonly string[])[]])[] = [
  ['kredsbog', [n(['Navn', 'E-mail', 'Andre e-mails', 'Telefon', 'Andre telefonnumre', 'Organisation', 'Titel', 'Kommune'])]],
  ['thunderbird', [n(['First Name', 'Last Name', 'Display Name', 'Primary Email', 'Secondary Email', 'Work Phone', 'Mobile Number'])]],
  [
    'google',
    [
      n(['Name', 'Given Name', 'Family Name', 'E-mail 1 - Value', 'Phone 1 - Value']),
      n(['First Name', 'Last Name', 'File As', 'Organization Name', 'E-mail 1 - Value']),
      n(['First Name', 'Last Name', 'Labels', 'E-mail 1 - Value']),
    ],
  ],
  [
    'outlook',
    [
      n(['First Name', 'Last Name', 'Company', 'Job Title', 'E-mail Address']),
      n(['First Name', 'Last Name', 'E-mail Address', 'Mobile Phone']),
      n(['Fornavn', 'Efternavn', 'Firma', 'Stilling']),
    ],
  ],
];

/** The program whose contact export these headers are (every header of one of its signatures is present), or null. */
export function detectLayout(headers: readonly string[]): KnownLayout | null {
  const present = new Set(headers.map(normaliseHeader));
  for (const [layout, signatures] of layoutSignatures) if (signatures.some((signature) => signature.every((h) => present.has(h)))) return layout;
  return null;
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

/** Characters a phone number or a plain number may hold: arithmetic on them can call nothing and read no cell. */
export const numberLike = /^[+-][\d\s().,/+-]*$/;

/**
 * Spreadsheet programs run a CSV cell that starts with = + - @ (and TAB/CR,
 * which some of them skip first) as a formula: a name like "=HYPERLINK(…)"
 * typed into Kredsbog must not become one. Such a cell gets a leading
 * apostrophe, which makes it text. A cell that starts with + or - and holds
 * nothing but digits, spaces and ( ) . , / + - is left alone: "+45 20 30 40 50"
 * stays readable (Excel and LibreOffice show it as text or as a number), and
 * without letters, | or ! it can call no function, read no cell and reach no
 * other program (the "-2+3+cmd|' /C calc'!A0" attack needs them).
 * XLSX needs none of this: its text cells are strings, never formulas.
 */
export function guardCsvFormula(text: string): string {
  const first = text.charAt(0);
  if (first === '=' || first === '@' || first === '\t' || first === '\r') return `'${text}`;
  if ((first === '+' || first === '-') && !numberLike.test(text)) return `'${text}`;
  return text;
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
