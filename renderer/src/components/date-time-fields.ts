import { addDays, format, isValid, parseISO } from 'date-fns';
import { da } from 'date-fns/locale';

/**
 * Parsing and formatting for the Danish date and time fields. Native
 * <input type="date|time"> follow the operating system's locale (08/03/2023,
 * 10:00 AM on an English Windows), so the app uses text fields that always
 * show dd.mm.åååå and 24-hour HH:MM, whatever the OS.
 */

/** "24.12.2026", "24-12-26", "1.3.26", "1/3 2026" or ISO "2026-12-24" → "2026-12-24"; null when not a date. */
export function parseDanishDate(text: string): string | null {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const dk = /^(\d{1,2})[.\-/ ]\s*(\d{1,2})[.\-/ ]\s*(\d{2}|\d{4})$/.exec(s);
  let y: number;
  let m: number;
  let d: number;
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dk) {
    [d, m, y] = [Number(dk[1]), Number(dk[2]), Number(dk[3])];
    if (dk[3]!.length === 2) y += 2000;
  } else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "2026-12-24" → "24.12.2026"; anything else is returned as typed. */
export function formatDanishDateInput(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = parseISO(value);
  return isValid(date) ? format(date, 'dd.MM.yyyy', { locale: da }) : value;
}

/** A DateField's value as the API takes it: '' is null (cleared), an ISO date is itself, a half-typed date is undefined (not sent). */
export function dateFieldValue(value: string): string | null | undefined {
  return value === '' ? null : /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}

/** "2026-12-24" ± days (keyboard ↑/↓ in the date field). */
export function shiftIsoDate(value: string, days: number): string {
  return format(addDays(parseISO(value), days), 'yyyy-MM-dd');
}

/** "10:00", "10.00", "9.05", "905", "1000", "10", "kl. 10" → "HH:MM" (24-hour); null when not a time. */
export function parseDanishTime(text: string): string | null {
  const s = text.trim().replace(/^kl\.?\s*/i, '');
  const sep = /^(\d{1,2})[:.](\d{2})$/.exec(s);
  let h: number;
  let min: number;
  if (sep) [h, min] = [Number(sep[1]), Number(sep[2])];
  else if (/^\d{1,2}$/.test(s)) [h, min] = [Number(s), 0];
  else if (/^\d{3,4}$/.test(s)) [h, min] = [Number(s.slice(0, -2)), Number(s.slice(-2))];
  else return null;
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}
