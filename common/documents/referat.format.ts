import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { da } from 'date-fns/locale';
import { danishDate, danishTimeZone } from '../time';
import type { Referat, ReferatCollection, ReferatFormat } from './referat.model';

/** Danish wording shared by every referat renderer, so HTML, Markdown, text and DOCX read the same. */
export const referatTexts = {
  referat: 'Referat',
  referater: 'Referater',
  time: 'Tid',
  place: 'Sted',
  ordstyrer: 'Ordstyrer',
  referent: 'Referent',
  consultant: 'Kredskonsulent',
  participants: 'Deltagere',
  afbud: 'Afbud',
  agenda: 'Dagsorden',
  decision: 'Beslutning',
  followUps: 'Opfølgning',
  task: 'Opgave',
  owner: 'Ansvarlig',
  due: 'Frist',
  presenter: 'v/',
  cancelled: 'Mødet blev aflyst.',
  noAgenda: 'Ingen punkter på dagsordenen.',
  contents: 'Indhold',
  helhedsplan: 'Boligsocial helhedsplan',
  indsatsomraader: 'Indsatsområder',
  period: 'Periode',
  styringsdialogAftaler: (year: number) => `Aftaler fra styringsdialogen ${year}`,
  parties: 'Parter',
  goal: 'Mål',
  indicator: 'Indikator',
  status: 'Status',
  noGoals: 'Ingen mål i aftalen.',
  organisation: 'BL – Danmarks Almene Boliger',
  page: (current: string, total: string) => `Side ${current} af ${total}`,
} as const;

const local = (instant: string) => new TZDate(new Date(instant).getTime(), danishTimeZone);

/** "9.00" — Danish clock time without a leading zero, as in running text. */
export function danishClock(instant: string): string {
  return format(local(instant), 'H.mm', { locale: da });
}

/** "2026-11-24" → "tirsdag den 24. november 2026". */
export function danishLongDate(instant: string): string {
  return format(local(instant), "EEEE 'den' d. MMMM yyyy", { locale: da });
}

/** "2026-12-01" → "1. december 2026" (a calendar date, no time zone involved). */
export function danishDayText(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return format(new Date(y, m - 1, d, 12), 'd. MMMM yyyy', { locale: da });
}

/**
 * When a meeting takes place, in Danish time:
 * { dateText: "tirsdag den 24. november 2026", timeText: "kl. 9.00–11.00" }.
 * A meeting that ends on a later day names that day too.
 */
export function meetingWhen(startsAt: string, endsAt: string | null): { date: string; dateText: string; timeText: string; whenText: string } {
  const dateText = danishLongDate(startsAt);
  let timeText = `kl. ${danishClock(startsAt)}`;
  if (endsAt) timeText += danishDate(endsAt) === danishDate(startsAt) ? `–${danishClock(endsAt)}` : ` til ${danishLongDate(endsAt)} kl. ${danishClock(endsAt)}`;
  return { date: danishDate(startsAt), dateText, timeText, whenText: `${dateText} ${timeText}` };
}

/** "1. januar 2023 – 31. december 2026", "Fra 1. januar 2023", "Til og med …" or "" — a period of calendar dates. */
export function danishPeriodText(from: string | null, to: string | null): string {
  if (from && to) return `${danishDayText(from)} – ${danishDayText(to)}`;
  if (from) return `Fra ${danishDayText(from)}`;
  if (to) return `Til og med ${danishDayText(to)}`;
  return '';
}

/** "Helhedsplan Ølby 2023–2026 · 1. januar 2023 – 31. december 2026" — a helhedsplan in one line. */
export function helhedsplanLine(h: { name: string; periodText: string }): string {
  return [h.name, h.periodText].filter(Boolean).join(' · ');
}

/** "Køge Kommune · Styringsdialog Køge 2026" — the line above the title. */
export function referatContext(referat: Referat): string {
  return [referat.kommune?.label, referat.series?.title].filter((part): part is string => Boolean(part)).join(' · ');
}

/** Characters Windows, macOS and Linux all refuse (or mangle) in file names. */
function safeFilePart(text: string): string {
  return Array.from(text.normalize('NFC'))
    .map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 || '<>:"/\\|?*'.includes(c) ? ' ' : c))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
}

function fileName(stem: string, extension: ReferatFormat): string {
  const safe = safeFilePart(stem).slice(0, 150).trim();
  return `${safe || 'Referat'}.${extension}`;
}

/** "Referat 2026-11-24 Styringsdialog Køge.docx" (the kommune is added unless the title already names it). */
export function referatFileName(referat: Referat, extension: ReferatFormat): string {
  const kommune = referat.kommune?.name;
  const label = kommune && !referat.title.toLocaleLowerCase('da').includes(kommune.toLocaleLowerCase('da')) ? `${referat.title} ${kommune}` : referat.title;
  return fileName(`${referatTexts.referat} ${referat.date} ${label}`, extension);
}

/** "Referater 2026-03-10 til 2026-11-24 Styringsdialog Køge.pdf" */
export function referatCollectionFileName(collection: ReferatCollection, extension: ReferatFormat): string {
  const first = collection.referater[0]?.date;
  const last = collection.referater.at(-1)?.date;
  const period = first && last ? (first === last ? first : `${first} til ${last}`) : '';
  return fileName(`${referatTexts.referater} ${period} ${collection.title}`, extension);
}

/** Splits free text into paragraphs (blank-line separated) of lines, dropping empty ones. */
export function textParagraphs(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.split('\n').map((line) => line.trimEnd()))
    .map((lines) => {
      while (lines.length && lines[0]!.trim() === '') lines.shift();
      while (lines.length && lines.at(-1)!.trim() === '') lines.pop();
      return lines;
    })
    .filter((lines) => lines.length > 0);
}

/** "Bente Ørsted, Direktør, KAB" */
export function personLine(person: { name: string; roleLine: string | null }): string {
  return person.roleLine ? `${person.name}, ${person.roleLine}` : person.name;
}
