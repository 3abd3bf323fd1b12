/**
 * Danish public holidays (helligdage) and the working days between them, as
 * calendar dates (YYYY-MM-DD). Pure date arithmetic in UTC: a calendar date
 * has no time zone, so no DST edge can move a holiday by a day.
 */

export interface DanishHoliday {
  readonly date: string;
  readonly name: string;
}

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

/** Easter Sunday (Gregorian; the anonymous "Meeus/Jones/Butcher" algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

function plusDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return iso(y, m, d + days);
}

/**
 * The official Danish public holidays of a year, in date order. Store bededag
 * was abolished from 2024 (lov nr. 147 af 28.02.2023), so it is only listed before.
 */
export function danishPublicHolidays(year: number): DanishHoliday[] {
  const easter = easterSunday(year);
  const movable: [number, string][] = [
    [-3, 'Skærtorsdag'],
    [-2, 'Langfredag'],
    [0, 'Påskedag'],
    [1, '2. påskedag'],
    ...(year < 2024 ? ([[26, 'Store bededag']] as [number, string][]) : []),
    [39, 'Kristi himmelfartsdag'],
    [49, 'Pinsedag'],
    [50, '2. pinsedag'],
  ];
  return [
    { date: iso(year, 1, 1), name: 'Nytårsdag' },
    ...movable.map(([offset, name]) => ({ date: plusDays(easter, offset), name })),
    { date: iso(year, 12, 25), name: 'Juledag' },
    { date: iso(year, 12, 26), name: '2. juledag' },
  ];
}

/**
 * Not public holidays, but days when kommuner and boligorganisationer are
 * closed (overenskomst for the public sector): Grundlovsdag, juleaften, nytårsaften.
 */
const closedDays = ['06-05', '12-24', '12-31'];

const holidayCache = new Map<number, Set<string>>();

/** Monday to Friday, not a public holiday and not a day the public sector is closed. */
export function isDanishWorkingDay(date: string): boolean {
  const year = Number(date.slice(0, 4));
  let holidays = holidayCache.get(year);
  if (!holidays) {
    holidays = new Set(danishPublicHolidays(year).map((h) => h.date));
    holidayCache.set(year, holidays);
  }
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(date) && !closedDays.includes(date.slice(5));
}

/** The date itself when it is a working day, else the next working day after it. */
export function nextDanishWorkingDay(date: string): string {
  let day = date;
  while (!isDanishWorkingDay(day)) day = plusDays(day, 1);
  return day;
}
