import type { BoligomraadeCategory } from '../../common/boligomraader.domain';
import { AppError } from '../../common/result';
import { foldDanish } from '../../common/text-fold';
import { readCsv, readXlsx, type SpreadsheetTable } from '../contact-files/spreadsheet.read';
import { kommunerData } from '../reference/kommuner.data';
import { derivedId } from '../ids';

/**
 * Import of a year's lists of boligområder, stage 1 — parse: a CSV or .xlsx
 * file into one entry per area with its categories. Nothing is read from or
 * written to the database here; kommuner are matched against the reference
 * data (the 98 kommuner never change).
 *
 * Layouts read:
 * - three columns — area, kommune, category — under a header row
 *   ("Boligområde"/"Område"/"Navn", "Kommune", "Kategori"/"Liste"/"Status"),
 *   one row per area and category; or
 * - the ministry's own layout: the lists published 1 December (e.g. "Liste
 *   over parallelsamfund pr. 1. december 2024", bilag 1–4 of the
 *   announcement; https://www.sbst.dk/bolig/udsatte-boligomraader-og-parallelsamfund/omraadeafgraensninger-)
 *   are tables of kommune and boligområde under a title naming the list; a
 *   title row above a header row (or between sections, when the four lists are
 *   pasted one under the other) gives the category of the rows below it.
 *   Extra columns (boligorganisation, afdelinger, beboere …) are ignored.
 *
 * Every message is Danish and names row numbers, never what the file holds.
 */

export interface ParsedArea {
  readonly name: string;
  readonly kommuneId: string;
  readonly categories: readonly BoligomraadeCategory[];
}

export interface ParsedList {
  readonly rows: number;
  readonly areas: readonly ParsedArea[];
  /** The year a title in the file names ("pr. 1. december 2024"), if any. */
  readonly yearInFile: number | null;
}

export const maxListFileBytes = 5 * 1024 * 1024;

const areaHeaders = ['boligomrade', 'omrade', 'omradets navn', 'boligomradets navn', 'navn', 'area', 'name'];
const kommuneHeaders = ['kommune', 'kommunenavn', 'kommunekode', 'municipality'];
const categoryHeaders = ['kategori', 'liste', 'status', 'type', 'category', 'list'];

/** A category named in a cell or a title ("Liste over udsatte boligområder …", "parallelsamfund", "omdannelsesomraade"). */
export function categoryOf(text: string): BoligomraadeCategory | null {
  const folded = foldDanish(text).replace(/[^a-z0-9]+/g, ' ');
  if (/forebyggelse/.test(folded)) return 'forebyggelsesomraade';
  if (/omdannelse|hard ghetto|hardt ghetto/.test(folded)) return 'omdannelsesomraade';
  if (/parallel|ghetto/.test(folded)) return 'parallelsamfund';
  if (/udsat/.test(folded)) return 'udsat_boligomraade';
  return null;
}

const kommuneByName = new Map<string, string>();
for (const k of kommunerData) {
  const id = derivedId('kommune', k.kode);
  kommuneByName.set(foldDanish(k.navn), id);
  kommuneByName.set(String(k.kode), id);
  kommuneByName.set(String(k.kode).padStart(3, '0'), id);
}
// The ministry writes the genitive: "Københavns Kommune", "Frederiksbergs Kommune".
kommuneByName.set(foldDanish('Københavns'), derivedId('kommune', 101));

/** A kommune by name or code, as the lists write it ("Aarhus", "Aarhus Kommune", "Københavns Kommune", "751"). */
export function kommuneIdOf(text: string): string | null {
  const folded = foldDanish(text)
    .replace(/\bkommune\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return kommuneByName.get(folded) ?? kommuneByName.get(folded.replace(/s$/, '')) ?? null;
}

const yearOfTitle = (text: string): number | null => {
  const match = /1\.?\s*december\s+(\d{4})/i.exec(text);
  return match ? Number(match[1]) : null;
};

async function readTable(bytes: Uint8Array, fileName: string): Promise<SpreadsheetTable> {
  if (bytes.length === 0) throw new AppError('VALIDATION', 'Filen er tom.');
  if (bytes.length > maxListFileBytes) throw new AppError('VALIDATION', 'Filen er for stor (over 5 MB) til at være en liste over boligområder.');
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (extension === 'xls') throw new AppError('VALIDATION', 'Gamle Excel-filer (.xls) kan ikke læses. Gem filen som .xlsx eller CSV i Excel og prøv igen.');
  if (extension === 'pdf' || (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46)) {
    throw new AppError('VALIDATION', 'Ministeriets lister udgives som PDF, som ikke kan læses direkte. Kopiér tabellerne til Excel, gem som .xlsx eller CSV, og importér den fil.');
  }
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (extension === 'xlsx' || (isZip && extension !== 'csv')) return readXlsx(bytes, undefined, { widestRow: true });
  if (!['csv', 'txt', 'tsv', ''].includes(extension)) throw new AppError('VALIDATION', 'Filtypen kan ikke importeres. Vælg en CSV- eller Excel-fil (.xlsx).');
  const table = readCsv(bytes);
  if ([table.headers, ...table.rows.slice(0, 20).map((r) => r.cells)].some((cells) => cells.some((c) => c.includes('\u0000')))) throw new AppError('VALIDATION', 'Filen ligner ikke en tekst- eller CSV-fil.');
  return table;
}

const rowList = (numbers: readonly number[]) => {
  const shown = numbers.slice(0, 5).join(', ');
  return numbers.length > 5 ? `${shown} og ${numbers.length - 5} flere` : shown;
};

/**
 * Reads the file. Throws VALIDATION (one Danish sentence per problem, with
 * row numbers) when the file is not a list, or when any row names an unknown
 * kommune or category: a list is imported whole or not at all.
 */
export async function parseBoligomraadeList(bytes: Uint8Array, fileName: string): Promise<ParsedList> {
  const table = await readTable(bytes, fileName);
  // Row 1 (the reader's headers) and the data rows, as one grid with the row numbers the user sees.
  const grid = [{ rowNumber: 1, cells: table.headers.map((h) => (/^Kolonne \d+$/.test(h) ? '' : h)) }, ...table.rows];
  const folded = (cell: string) => foldDanish(cell).replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
  const findColumn = (cells: readonly string[], names: readonly string[]) => cells.findIndex((c) => names.includes(folded(c)));

  let headerIndex = -1;
  for (let i = 0; i < Math.min(grid.length, 30); i++) {
    const cells = grid[i]!.cells;
    if (findColumn(cells, areaHeaders) >= 0 && findColumn(cells, kommuneHeaders) >= 0) {
      headerIndex = i;
      break;
    }
  }
  if (headerIndex < 0) throw new AppError('VALIDATION', 'Filen mangler en overskriftsrække med kolonnerne "Boligområde" og "Kommune" (og "Kategori", hvis filen ikke er én af ministeriets lister med titel).');
  const header = grid[headerIndex]!.cells;
  const areaColumn = findColumn(header, areaHeaders);
  const kommuneColumn = findColumn(header, kommuneHeaders);
  const categoryColumn = findColumn(header, categoryHeaders);

  let yearInFile: number | null = null;
  let section: BoligomraadeCategory | null = null;
  const noteTitle = (cells: readonly string[]) => {
    const text = cells.filter((c) => c.trim() !== '').join(' ');
    const category = categoryOf(text);
    yearInFile ??= yearOfTitle(text);
    return category;
  };
  for (const row of grid.slice(0, headerIndex)) section = noteTitle(row.cells) ?? section;

  const unknownKommune: number[] = [];
  const unknownCategory: number[] = [];
  const missingName: number[] = [];
  const byArea = new Map<string, { name: string; kommuneId: string; categories: Set<BoligomraadeCategory> }>();
  let rows = 0;
  for (const row of grid.slice(headerIndex + 1)) {
    const cell = (i: number) => (i >= 0 ? (row.cells[i] ?? '').trim() : '');
    const filled = row.cells.filter((c) => c.trim() !== '');
    if (filled.length === 0) continue;
    // A repeated header (a list pasted under another) or a title row between sections.
    if (findColumn(row.cells, areaHeaders) >= 0 && findColumn(row.cells, kommuneHeaders) >= 0) continue;
    if (filled.length === 1 || (cell(kommuneColumn) === '' && /liste|december/i.test(filled.join(' ')))) {
      const title = noteTitle(row.cells);
      if (title) {
        section = title;
        continue;
      }
    }
    const name = cell(areaColumn).replace(/\s+/g, ' ');
    if (name === '') {
      missingName.push(row.rowNumber);
      continue;
    }
    const kommuneId = kommuneIdOf(cell(kommuneColumn));
    if (!kommuneId) unknownKommune.push(row.rowNumber);
    const category = categoryColumn >= 0 && cell(categoryColumn) !== '' ? categoryOf(cell(categoryColumn)) : section;
    if (!category) unknownCategory.push(row.rowNumber);
    if (!kommuneId || !category) continue;
    rows++;
    const key = `${kommuneId}\u0000${foldDanish(name)}`;
    const entry = byArea.get(key) ?? { name, kommuneId, categories: new Set<BoligomraadeCategory>() };
    entry.categories.add(category);
    byArea.set(key, entry);
  }
  const problems: string[] = [];
  if (missingName.length) problems.push(`Række ${rowList(missingName)} mangler boligområdets navn.`);
  if (unknownKommune.length) problems.push(`Række ${rowList(unknownKommune)}: kommunen kendes ikke (skriv kommunens navn eller kode).`);
  if (unknownCategory.length) {
    problems.push(
      `Række ${rowList(unknownCategory)}: kategorien kendes ikke (brug forebyggelsesområde, udsat boligområde, parallelsamfund eller omdannelsesområde, eller en titel som »Liste over parallelsamfund« over rækkerne).`,
    );
  }
  if (problems.length) throw new AppError('VALIDATION', `Listen er ikke importeret. ${problems.join(' ')}`);
  if (byArea.size === 0) throw new AppError('VALIDATION', 'Filen indeholder ingen boligområder.');
  return { rows, areas: [...byArea.values()].map((a) => ({ name: a.name, kommuneId: a.kommuneId, categories: [...a.categories] })), yearInFile };
}
