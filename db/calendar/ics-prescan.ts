import { calendarText } from '../../common/calendar/calendar-text';

/**
 * A look at an .ics file's lines before ical.js parses it, so that one broken
 * appointment costs only that appointment.
 *
 * ical.js refuses a whole file when one RRULE has an unknown frequency or a
 * bad BYDAY, and silently drops rule parts it does not know — "UNTL=20191023"
 * (a typo of UNTIL) would turn a series that ended into an endless one. So
 * every RRULE is checked against RFC 5545 §3.3.10 here; an appointment whose
 * rule does not hold (every VEVENT with its UID) is cut out of the text and
 * reported with a Danish reason, and the rest is parsed as before. Reasons
 * never quote ical.js, only the offending rule part from the file.
 */

export interface SkippedAppointment {
  /** Position of the VEVENT in the file (0-based), for ordering the preview. */
  readonly order: number;
  readonly uid: string;
  readonly title: string;
  readonly reason: string;
}

export interface Prescan {
  /** The file's text without the skipped appointments. */
  readonly text: string;
  readonly skipped: readonly SkippedAppointment[];
  /** For each VEVENT left in `text` (in order), its position in the original file. */
  readonly originalOrder: readonly number[];
}

const frequencies = new Set(['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);
const weekdays = '(SU|MO|TU|WE|TH|FR|SA)';
const dayPattern = new RegExp(`^([+-]?)(\\d{1,2})?${weekdays}$`);

/** Shown in a reason: at most 40 characters of the file's own text, no control characters. */
function shown(part: string): string {
  const clean = calendarText(part).replace(/\n/g, ' ');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

function integers(value: string, min: number, max: number, signed: boolean): boolean {
  return value.split(',').every((item) => {
    if (!(signed ? /^[+-]?\d{1,3}$/ : /^\d{1,3}$/).test(item)) return false;
    const n = Math.abs(Number(item));
    return n >= min && n <= max;
  });
}

function validDate(value: string): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(value);
  if (!match) return false;
  const [, y, m, d, hh = '0', mm = '0', ss = '0'] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d) && Number(hh) < 24 && Number(mm) < 60 && Number(ss) < 61;
}

/**
 * Why an RRULE value does not hold, in Danish, or null when it does.
 *
 * @example
 *   recurProblem('FREQ=WEEKLY;UNTL=20191023;BYDAY=TH') // 'den ukendte del "UNTL=20191023"'
 */
export function recurProblem(value: string): string | null {
  const seen = new Set<string>();
  let frequency: string | null = null;
  for (const part of value.trim().split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) return `delen "${shown(part)}" har ingen værdi`;
    const name = part.slice(0, at).trim().toUpperCase();
    const v = part.slice(at + 1).trim().toUpperCase();
    if (seen.has(name)) return `${name} står der to gange`;
    seen.add(name);
    const ok = (() => {
      switch (name) {
        case 'FREQ':
          frequency = v;
          return frequencies.has(v);
        case 'INTERVAL':
        case 'COUNT':
          return /^\d{1,6}$/.test(v) && Number(v) >= 1;
        case 'UNTIL':
          return validDate(v);
        case 'BYDAY':
          return v.split(',').every((day) => {
            const match = dayPattern.exec(day);
            return match !== null && (match[2] === undefined || (Number(match[2]) >= 1 && Number(match[2]) <= 53));
          });
        case 'WKST':
          return new RegExp(`^${weekdays}$`).test(v);
        case 'BYMONTH':
          return integers(v, 1, 12, false);
        case 'BYMONTHDAY':
          return integers(v, 1, 31, true);
        case 'BYYEARDAY':
        case 'BYSETPOS':
          return integers(v, 1, 366, true);
        case 'BYWEEKNO':
          return integers(v, 1, 53, true);
        case 'BYHOUR':
          return integers(v, 0, 23, false);
        case 'BYMINUTE':
          return integers(v, 0, 59, false);
        case 'BYSECOND':
          return integers(v, 0, 60, false);
        default:
          return null;
      }
    })();
    if (ok === null) return `den ukendte del "${shown(part)}"`;
    if (!ok) return `"${shown(part)}" er ugyldig`;
  }
  if (frequency === null) return 'FREQ (hvor ofte) mangler';
  if (seen.has('UNTIL') && seen.has('COUNT')) return 'UNTIL og COUNT må ikke stå i samme regel';
  return null;
}

/** Logical lines (RFC 5545 §3.1 unfolding) with the index of the first physical line of each. */
function unfold(text: string): { readonly line: string; readonly from: number; readonly to: number }[] {
  const physical = text.split(/\r\n|\r|\n/);
  const logical: { line: string; from: number; to: number }[] = [];
  physical.forEach((line, index) => {
    const last = logical[logical.length - 1];
    if (last && (line.startsWith(' ') || line.startsWith('\t'))) {
      last.line += line.slice(1);
      last.to = index;
    } else logical.push({ line, from: index, to: index });
  });
  return logical;
}

/** Name and value of a content line; the value starts after the first ':' outside a quoted parameter. */
function property(line: string): { readonly name: string; readonly value: string } {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return { name: line.slice(0, i).split(';', 1)[0]!.trim().toUpperCase(), value: line.slice(i + 1) };
  }
  return { name: line.split(';', 1)[0]!.trim().toUpperCase(), value: '' };
}

function unescapeText(value: string): string {
  return calendarText(value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c))).trim();
}

interface EventLines {
  readonly order: number;
  readonly from: number;
  readonly to: number;
  uid: string;
  title: string;
  problem: string | null;
}

/**
 * Cuts appointments with an RRULE that does not hold out of the file's text.
 * Lines outside VEVENTs are left exactly as they are.
 */
export function prescanIcs(text: string): Prescan {
  const physical = text.split(/\r\n|\r|\n/);
  const events: EventLines[] = [];
  let current: EventLines | null = null;
  let depth = 0;
  for (const { line, from, to } of unfold(text)) {
    const { name, value } = property(line);
    const upper = value.trim().toUpperCase();
    if (name === 'BEGIN' && upper === 'VEVENT' && !current) {
      current = { order: events.length, from, to, uid: '', title: '', problem: null };
      depth = 0;
      continue;
    }
    if (!current) continue;
    if (name === 'BEGIN') depth++;
    else if (name === 'END' && depth > 0) depth--;
    else if (name === 'END' && upper === 'VEVENT') {
      events.push({ ...current, to });
      current = null;
    } else if (depth === 0 && name === 'UID') current.uid = unescapeText(value);
    else if (depth === 0 && name === 'SUMMARY') current.title = unescapeText(value).replace(/\s*\n\s*/g, ' ');
    else if (depth === 0 && (name === 'RRULE' || name === 'EXRULE') && current.problem === null) {
      const problem = recurProblem(value);
      if (problem) current.problem = `Gentagelsesreglen (${name}) kan ikke bruges: ${problem}. Aftalen er sprunget over; resten af filen importeres.`;
    }
  }
  const badUids = new Set(events.filter((e) => e.problem !== null && e.uid !== '').map((e) => e.uid));
  const dropped = events.filter((e) => e.problem !== null || (e.uid !== '' && badUids.has(e.uid)));
  if (dropped.length === 0) return { text, skipped: [], originalOrder: events.map((e) => e.order) };
  const cut = new Set<number>();
  for (const e of dropped) for (let i = e.from; i <= e.to; i++) cut.add(i);
  const skipped: SkippedAppointment[] = [];
  for (const e of dropped) {
    if (e.problem === null) continue;
    if (e.uid !== '' && skipped.some((s) => s.uid === e.uid)) continue;
    skipped.push({ order: e.order, uid: e.uid, title: e.title || 'Uden titel', reason: e.problem });
  }
  const droppedOrders = new Set(dropped.map((e) => e.order));
  return {
    text: physical.filter((_, index) => !cut.has(index)).join('\r\n'),
    skipped,
    originalOrder: events.filter((e) => !droppedOrders.has(e.order)).map((e) => e.order),
  };
}
