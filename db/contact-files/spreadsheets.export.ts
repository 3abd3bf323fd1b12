import { TZDate } from '@date-fns/tz';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import Papa from 'papaparse';
import { guardCsvFormula, type SpreadsheetSubject } from '../../common/contact-files/contact-files.domain';
import { danishLabels } from '../../common/labels.da';
import { compareDanish } from '../../common/text-fold';
import { danishDate, danishTimeZone } from '../../common/time';
import { selectAffiliations, todayInDenmark } from '../contacts/affiliations.query';
import { describeRole } from '../contacts/contacts.repository';
import { listFollowUps } from '../follow-ups/follow-ups.repository';
import { listMeetings } from '../meetings/meetings.repository';
import { regionNamesByDay } from '../kommuner/kommuner.repository';
import { listAftaler } from '../aftaler/aftaler.repository';
import { listBoligomraader } from '../boligomraader/boligomraader.repository';
import { getHelhedsplan, listHelhedsplaner } from '../helhedsplaner/helhedsplaner.repository';
import { helhedsplanBodies } from '../../common/helhedsplaner.domain';
import type { Boligomraade } from '../../common/boligomraader.domain';
import { entriesByIds } from '../contact-log/contact-log.repository';
import type { Aftale } from '../../common/aftaler.domain';
import { listOrganisations } from '../organisations/organisations.repository';
import type { Database } from '../schema';
import { parseStringList } from '../row';
import { consultantOwnerName, getSettings } from '../settings/settings.repository';

/**
 * Lists for Excel: CSV as Danish Excel opens it with a double-click (UTF-8
 * with BOM, ';', CRLF) and .xlsx. A contact named "=HYPERLINK(…)" stays text
 * either way: XLSX text cells are strings (never formulas), and a CSV cell a
 * spreadsheet would run as a formula gets a leading apostrophe — only such a
 * cell, so phone numbers ("+45 20 30 40 50") are written as they are.
 */

/** A calendar date (YYYY-MM-DD) or an instant shown in Danish time. */
export type Cell = string | number | null | { readonly date: string } | { readonly instant: string };

export interface Sheet {
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** Column widths in characters (XLSX). */
  readonly widths?: readonly number[];
}

/** Drops what XML 1.0 (and so XLSX) cannot hold — most control characters, lone surrogates — rather than writing a corrupt file; a CSV keeps them. */
export function stripXmlInvalid(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000) out += ch;
  }
  return out;
}

/**
 * Text for an XLSX string cell, as typed: a string cell is never a formula,
 * so it needs no guard. Line breaks as Excel writes them (LF, since XML turns
 * a CR into LF anyway). A literal "_x0041_" would be read as the escape for
 * "A" (ECMA-376 ST_Xstring), so its underscore is escaped as _x005F_.
 */
function xlsxText(text: string): string {
  return stripXmlInvalid(text.replace(/\r\n?/g, '\n')).replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_');
}

function danishDateText(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}-${m}-${y}`;
}

function danishInstantText(instant: string): string {
  const local = new TZDate(new Date(instant).getTime(), danishTimeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(local.getDate())}-${pad(local.getMonth() + 1)}-${local.getFullYear()} ${pad(local.getHours())}:${pad(local.getMinutes())}`;
}

function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell).replace('.', ',');
  if (typeof cell === 'string') return guardCsvFormula(cell);
  if ('date' in cell) return danishDateText(cell.date);
  return danishInstantText(cell.instant);
}

/** CSV bytes: BOM so Excel reads UTF-8, ';' because Danish Excel expects it, CRLF, every field quoted when needed. */
export function sheetToCsv(sheet: Sheet): Uint8Array {
  const text = Papa.unparse([sheet.headers.map((h) => guardCsvFormula(h)), ...sheet.rows.map((row) => row.map(cellText))], { delimiter: ';', newline: '\r\n', quotes: false, escapeFormulae: false });
  return new TextEncoder().encode(`\uFEFF${text}\r\n`);
}

/** XLSX bytes: text as plain string cells (never formulas), dates as real dates in Danish format. */
export async function sheetToXlsx(sheet: Sheet): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kredsbog';
  const worksheet = workbook.addWorksheet(sheet.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.addRow(sheet.headers.map(xlsxText));
  worksheet.getRow(1).font = { bold: true };
  for (const row of sheet.rows) {
    const added = worksheet.addRow([]);
    row.forEach((cell, i) => {
      const target = added.getCell(i + 1);
      if (cell === null) return;
      if (typeof cell === 'number') target.value = cell;
      else if (typeof cell === 'string') target.value = xlsxText(cell);
      else if ('date' in cell) {
        const [y, m, d] = cell.date.split('-').map(Number) as [number, number, number];
        target.value = new Date(Date.UTC(y, m - 1, d));
        target.numFmt = 'dd-mm-yyyy';
      } else {
        // Excel has no time zones: the Danish wall-clock time is stored as if UTC.
        const local = new TZDate(new Date(cell.instant).getTime(), danishTimeZone);
        target.value = new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate(), local.getHours(), local.getMinutes()));
        target.numFmt = 'dd-mm-yyyy hh:mm';
      }
    });
  }
  sheet.headers.forEach((h, i) => {
    worksheet.getColumn(i + 1).width = sheet.widths?.[i] ?? Math.max(12, Math.min(40, h.length + 4));
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

const dateOf = (instant: string) => ({ date: danishDate(instant) });

/** Headers match the import's column names, so an exported list can be edited in Excel and imported again. */
async function contactsSheet(db: Kysely<Database>, today: string): Promise<Sheet> {
  const contacts = await db.selectFrom('contact').select(['id', 'name', 'emails', 'phones', 'notes', 'created_at', 'updated_at']).where('deleted_at', 'is', null).execute();
  const roles = new Map<string, Awaited<ReturnType<typeof selectAffiliations>>>();
  for (const role of await selectAffiliations(db, (eb) => eb('affiliation.contact_id', 'is not', null), today)) {
    if (!role.current) continue;
    roles.set(role.contactId, [...(roles.get(role.contactId) ?? []), role]);
  }
  contacts.sort((a, b) => compareDanish(a.name, b.name));
  return {
    title: 'Kontakter',
    headers: ['Navn', 'E-mail', 'Andre e-mails', 'Telefon', 'Andre telefonnumre', 'Organisation', 'Titel', 'Kommune', 'Alle nuværende roller', 'Noter', 'Oprettet', 'Ændret'],
    widths: [28, 30, 30, 16, 20, 30, 24, 16, 50, 40, 12, 12],
    rows: contacts.map((c) => {
      const emails = parseStringList(c.emails);
      const phones = parseStringList(c.phones);
      const current = roles.get(c.id) ?? [];
      const first = current[0];
      return [
        c.name,
        emails[0] ?? null,
        emails.slice(1).join('; ') || null,
        phones[0] ?? null,
        phones.slice(1).join('; ') || null,
        first?.organisationName ?? null,
        first?.title ?? null,
        first?.kommuneNavn ?? null,
        current.map(describeRole).join('; ') || null,
        c.notes || null,
        dateOf(c.created_at),
        dateOf(c.updated_at),
      ];
    }),
  };
}

async function organisationsSheet(db: Kysely<Database>, today: string): Promise<Sheet> {
  const organisations = await listOrganisations(db);
  const counts = new Map<string, number>();
  for (const role of await selectAffiliations(db, (eb) => eb('affiliation.organisation_id', 'is not', null), today)) {
    if (role.current && role.organisationId) counts.set(role.organisationId, (counts.get(role.organisationId) ?? 0) + 1);
  }
  return {
    title: 'Organisationer',
    headers: ['Navn', 'Type', 'Kommuner', 'Kontakter', 'Noter', 'Oprettet', 'Ændret'],
    widths: [36, 24, 36, 10, 50, 12, 12],
    rows: organisations.map((o) => [o.name, danishLabels.organisationKind[o.kind], o.kommuner.map((k) => k.navn).join(', ') || null, counts.get(o.id) ?? 0, o.notes || null, dateOf(o.createdAt), dateOf(o.updatedAt)]),
  };
}

async function followUpsSheet(db: Kysely<Database>, today: string): Promise<Sheet> {
  const followUps = await listFollowUps(db, {}, today);
  const me = consultantOwnerName(await getSettings(db));
  return {
    title: 'Opfølgning',
    headers: ['Titel', 'Detaljer', 'Ansvarlig', 'Frist', 'Status', 'Forfalden', 'Kommune', 'Fra møde', 'Mødedato'],
    widths: [40, 50, 24, 12, 12, 10, 16, 36, 12],
    rows: followUps.map((f) => [
      f.title,
      f.details || null,
      f.ownerIsMe ? me : f.ownerName,
      f.dueDate ? { date: f.dueDate } : null,
      danishLabels.followUpStatus[f.status],
      f.overdue ? 'Ja' : 'Nej',
      f.kommune?.name ?? null,
      f.sourceMeetingTitle,
      f.sourceMeetingStartsAt ? dateOf(f.sourceMeetingStartsAt) : null,
    ]),
  };
}

async function meetingsSheet(db: Kysely<Database>): Promise<Sheet> {
  const meetings = await listMeetings(db);
  // The region on the meeting's day (regions are dated: a 2026 meeting in Køge is in Region Sjælland, a 2027 one in Region Østdanmark).
  const regionOf = await regionNamesByDay(db);
  return {
    title: 'Møder',
    headers: ['Start', 'Slut', 'Titel', 'Status', 'Kommune', 'Region', 'Møderække', 'Sted'],
    widths: [17, 17, 40, 12, 16, 20, 36, 30],
    rows: meetings.map((m) => [
      { instant: m.startsAt },
      m.endsAt ? { instant: m.endsAt } : null,
      m.title,
      danishLabels.meetingStatus[m.status],
      m.kommune?.name ?? null,
      m.kommune ? regionOf(m.kommune.id, danishDate(m.startsAt)) : null,
      m.series?.title ?? null,
      m.place || null,
    ]),
  };
}

async function aftalerSheet(db: Kysely<Database>, today: string): Promise<Sheet> {
  const items: Aftale[] = await allPages((offset) => listAftaler(db, { offset, limit: 500 }, today));
  const date = (d: string | null) => (d ? { date: d } : null);
  return {
    title: 'Aftaler',
    headers: ['Titel', 'Type', 'Status', 'Kommune', 'Organisationer', 'Fra', 'Til', 'Evaluering', 'Genforhandling', 'Bilag gennemgås', 'Mål', 'Dokumenter', 'Noter'],
    widths: [40, 24, 14, 16, 36, 12, 12, 12, 14, 14, 60, 40, 40],
    rows: items.map((a) => [
      a.title,
      danishLabels.aftaleKind[a.kind],
      danishLabels.aftaleStatus[a.status],
      a.kommuneNavn,
      a.organisations.map((o) => o.name).join(', ') || null,
      date(a.fromDate),
      date(a.toDate),
      date(a.evaluationDate),
      date(a.renegotiationDate),
      date(a.bilagReviewDate),
      a.goals.map((g) => `${g.text}${g.indicator ? ` (${g.indicator})` : ''}: ${danishLabels.aftaleGoalStatus[g.status]}`).join('; ') || null,
      a.documents.join('; ') || null,
      a.notes || null,
    ]),
  };
}

/** Every page of a list query paged in SQL (500 at a time). */
async function allPages<T>(load: (offset: number) => Promise<{ items: readonly T[]; total: number }>): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await load(offset);
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}

/**
 * Helhedsplaner as a consultant hands them on: the plan, its period and
 * indsatsområder, who sits in each body today, the next reporting deadline
 * and its meeting series.
 */
async function helhedsplanerSheet(db: Kysely<Database>, today: string): Promise<Sheet> {
  const summaries = await allPages((offset) => listHelhedsplaner(db, { offset, limit: 500 }));
  const plans = [];
  for (const s of summaries) plans.push(await getHelhedsplan(db, s.id, today));
  const date = (d: string | null) => (d ? { date: d } : null);
  const names = (list: readonly { name: string }[]) => list.map((x) => x.name).join(', ') || null;
  return {
    title: 'Helhedsplaner',
    headers: ['Navn', 'Status', 'Kommune', 'Organisationer', 'Boligområder', 'Fra', 'Til', 'Indsatsområder', ...helhedsplanBodies.map((b) => danishLabels.helhedsplanBody[b]), 'Næste frist', 'Fristdato', 'Møderækker', 'Journalnummer', 'Noter'],
    widths: [40, 16, 16, 36, 30, 12, 12, 50, 40, 40, 40, 24, 30, 12, 36, 16, 40],
    rows: plans.map((h) => [
      h.name,
      danishLabels.helhedsplanStatus[h.status],
      h.kommuneNavn,
      names(h.organisations),
      names(h.boligomraader),
      date(h.fromDate),
      date(h.toDate),
      names(h.indsatsomraader),
      ...helhedsplanBodies.map(
        (body) =>
          h.roles
            .filter((r) => r.current && r.body === body)
            .map((r) => (r.title ? `${r.contactName} (${r.title})` : r.contactName))
            .join('; ') || null,
      ),
      h.nextDeadline ? `${danishLabels.helhedsplanDeadlineKind[h.nextDeadline.kind]}${h.nextDeadline.title ? `: ${h.nextDeadline.title}` : ''}` : null,
      date(h.nextDeadline?.date ?? null),
      h.series.map((s) => s.title).join(', ') || null,
      h.journalNumber || null,
      h.notes || null,
    ]),
  };
}

/**
 * Boligområder with their place on the 1 December lists: one column per list
 * year, newest first (the categories, or blank when the area was on no list),
 * so a consultant reads this year's status and the history across.
 */
async function boligomraaderSheet(db: Kysely<Database>): Promise<Sheet> {
  let years: number[] = [];
  const areas: Boligomraade[] = await allPages(async (offset) => {
    const page = await listBoligomraader(db, { offset, limit: 500 });
    years = page.years;
    return page;
  });
  const categoriesOf = (area: Boligomraade, year: number) => area.history.find((h) => h.year === year)?.categories.map((c) => danishLabels.boligomraadeCategory[c]).join(', ') || null;
  return {
    title: 'Boligområder',
    headers: ['Boligområde', 'Kommune', 'Organisationer', ...years.map((y) => `Liste ${y}`), 'Noter'],
    widths: [36, 16, 36, ...years.map(() => 30), 40],
    rows: areas.map((a) => [a.name, a.kommuneNavn, a.organisations.map((o) => o.name).join(', ') || null, ...years.map((y) => categoriesOf(a, y)), a.notes || null]),
  };
}

/** The kontaktlog, newest first: what was said to whom, as a list a colleague or the kommune can read. */
async function contactLogSheet(db: Kysely<Database>): Promise<Sheet> {
  const ids = await db.selectFrom('contact_log').select('id').where('deleted_at', 'is', null).orderBy('date', 'desc').orderBy('id', 'desc').execute();
  const entries = [];
  // In chunks: one IN list per 500 entries keeps each statement small after years of logging.
  for (let i = 0; i < ids.length; i += 500) entries.push(...(await entriesByIds(db, ids.slice(i, i + 500).map((r) => r.id))));
  return {
    title: 'Kontaktlog',
    headers: ['Dato', 'Type', 'Personer', 'Kommune', 'Organisation', 'Note'],
    widths: [12, 10, 36, 16, 30, 70],
    rows: entries.map((e) => [
      { date: e.date },
      danishLabels.contactLogKind[e.kind],
      e.contacts.map((c) => c.name).join(', ') || null,
      e.kommune?.name ?? null,
      e.organisation?.name ?? null,
      e.note || null,
    ]),
  };
}

export async function buildSheet(db: Kysely<Database>, what: SpreadsheetSubject, today = todayInDenmark()): Promise<Sheet> {
  if (what === 'contacts') return contactsSheet(db, today);
  if (what === 'organisations') return organisationsSheet(db, today);
  if (what === 'followUps') return followUpsSheet(db, today);
  if (what === 'aftaler') return aftalerSheet(db, today);
  if (what === 'contactLog') return contactLogSheet(db);
  if (what === 'helhedsplaner') return helhedsplanerSheet(db, today);
  if (what === 'boligomraader') return boligomraaderSheet(db);
  return meetingsSheet(db);
}

const fileStems: Record<SpreadsheetSubject, string> = { contacts: 'Kontakter', organisations: 'Organisationer', followUps: 'Opfølgning', meetings: 'Møder', aftaler: 'Aftaler', contactLog: 'Kontaktlog', helhedsplaner: 'Helhedsplaner', boligomraader: 'Boligområder' };

export async function exportSpreadsheet(db: Kysely<Database>, what: SpreadsheetSubject, format: 'csv' | 'xlsx', now = new Date()): Promise<{ fileName: string; bytes: Uint8Array }> {
  const sheet = await buildSheet(db, what, danishDate(now));
  const fileName = `Kredsbog ${fileStems[what]} ${danishDate(now)}.${format}`;
  return { fileName, bytes: format === 'csv' ? sheetToCsv(sheet) : await sheetToXlsx(sheet) };
}
