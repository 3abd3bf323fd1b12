import type { SyncOpLine } from '../../common/sync-file.schema';
import type { SyncOperation } from './apply';

/**
 * Operation lines of a sync file, read fast. Two stand-ins, each for exactly
 * what it replaces (reading took 3.4 s for 478,000 lines, a fifth of it in
 * zod and most of the rest in JSON.parse and the garbage it leaves):
 *
 * - `syncOpLineChecker()` gives `syncOpLineSchema.safeParse(value).success`
 *   (common/sync-file.schema.ts) for every value JSON.parse can return: the
 *   same patterns, lengths and refinements, written out by hand. The zod
 *   schema stays the definition; sync-op-line.test.ts runs both over
 *   generated lines and requires the same verdict on each: change the two
 *   together.
 * - `SyncOpLineReader.read` takes apart a line written exactly as
 *   writeSyncFile writes it (JSON.stringify of { h, t, r, f, v, p, o }) and
 *   gives the values JSON.parse would give, or null for any other text;
 *   the test requires the same values as JSON.parse on generated lines.
 *
 * Neither ever refuses a line: the reader (sync-file.ts) reads a line they
 * do not accept the long way, JSON.parse, key and depth check and zod, so a
 * line is refused by the same checks with the same sentence as always.
 */
const clock = /^\d{16}-[0-9a-f]{4}-[0-9a-zA-Z-]{1,64}$/;
const name = /^[a-z_]{1,64}$/;
const origin = /^[0-9a-zA-Z-]{1,64}$/;
const maxValueLength = 1_000_000;
const maxRememberedNames = 256;

type FieldsCheck = (h: unknown, t: unknown, r: unknown, f: unknown, v: unknown, p: unknown, o: unknown) => boolean;

/**
 * The schema's checks of the seven values. Strings that matched a pattern
 * before match it again and are not tested twice: operations come grouped
 * by clock (one edit, several fields) and repeat a few table and field
 * names and one origin per sender.
 */
function fieldsCheck(): FieldsCheck {
  let lastClock: string | null = null;
  let lastOrigin: string | null = null;
  const names = new Set<string>();
  const isClock = (text: string): boolean => {
    if (text === lastClock) return true;
    if (!clock.test(text)) return false;
    lastClock = text;
    return true;
  };
  const isName = (text: string): boolean => {
    if (names.has(text)) return true;
    if (!name.test(text)) return false;
    if (names.size < maxRememberedNames) names.add(text);
    return true;
  };
  const isOrigin = (text: string): boolean => {
    if (text === lastOrigin) return true;
    if (!origin.test(text)) return false;
    lastOrigin = text;
    return true;
  };
  return (h, t, r, f, v, p, o) => {
    if (typeof h !== 'string' || !isClock(h)) return false;
    if (typeof t !== 'string' || !isName(t)) return false;
    if (typeof r !== 'string' || r.length < 1 || r.length > 64) return false;
    if (typeof f !== 'string' || !isName(f)) return false;
    if (v !== null && (typeof v !== 'string' || v.length > maxValueLength)) return false;
    if (p !== null && (typeof p !== 'string' || !isClock(p))) return false;
    if (typeof o !== 'string' || !isOrigin(o)) return false;
    // h.endsWith(`-${o}`), without building the string.
    if (h.length <= o.length || h.charCodeAt(h.length - o.length - 1) !== 0x2d || !h.endsWith(o)) return false;
    return v === null || isScalarJson(v);
  };
}

/** `syncOpLineSchema.safeParse(value).success`, for any value JSON.parse returns. */
export function syncOpLineChecker(): (value: unknown) => value is SyncOpLine {
  return objectCheck(fieldsCheck());
}

function objectCheck(fields: FieldsCheck): (value: unknown) => value is SyncOpLine {
  return (value: unknown): value is SyncOpLine => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    // .strict() with seven required keys: only these keys (JSON.parse never repeats one); a missing one is undefined below.
    for (const key in value) {
      if (key !== 'h' && key !== 't' && key !== 'r' && key !== 'f' && key !== 'v' && key !== 'p' && key !== 'o') return false;
    }
    const { h, t, r, f, v, p, o } = value as Record<string, unknown>;
    return fields(h, t, r, f, v, p, o);
  };
}

/** The schema's second refinement: the value is JSON text of null, a string or a finite number. */
export function isScalarJson(text: string): boolean {
  // Most values: "null" (JSON.parse gives null), or a string literal with nothing escaped.
  if (text === 'null' || isPlainJsonString(text)) return true;
  try {
    const value: unknown = JSON.parse(text);
    return value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
  } catch {
    return false;
  }
}

/**
 * Whether `text` is a JSON string literal without escapes: a quotation mark,
 * any code units but the quotation mark, the backslash and U+0000–U+001F
 * (JSON's "unescaped"; JSON.parse takes any other UTF-16 code unit, lone
 * surrogates too), and a quotation mark. JSON.parse turns every such text
 * into a string, so it passes the refinement. false says nothing.
 */
function isPlainJsonString(text: string): boolean {
  const last = text.length - 1;
  if (last < 1 || text.charCodeAt(0) !== 0x22 || text.charCodeAt(last) !== 0x22) return false;
  for (let i = 1; i < last; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether bytes [start, start + text.length) spell `text`, an ASCII string (one byte per character). */
function spells(source: Buffer, start: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (source[start + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * The closing quotation mark of a string literal whose content starts at
 * `from` and holds nothing escaped: no backslash, no byte below 0x20; -1
 * otherwise. (In UTF-8 neither byte occurs inside a multi-byte character.)
 */
function plainStringEnd(source: Buffer, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const c = source[i]!;
    if (c === QUOTE) return i;
    if (c === BACKSLASH || c < 0x20) return -1;
  }
  return -1;
}

/** The closing quotation mark of a string literal whose content starts at `from`, escapes skipped; -1 when there is none. */
function stringEnd(source: Buffer, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const c = source[i]!;
    if (c === QUOTE) return i;
    if (c === BACKSLASH) i++;
  }
  return -1;
}

/** The key separators writeSyncFile's JSON.stringify puts between the values, in order. */
const H = '{"h":"';
const T = '","t":"';
const R = '","r":"';
const F = '","f":"';
const V = '","v":';
const P = ',"p":';
const O = ',"o":"';
const END = '"}';
const NULL = 'null';

/**
 * Reads operation lines as writeSyncFile writes them, checked as the schema
 * checks them, straight from the inflated bytes: no JSON.parse of the line
 * (the value alone is parsed when it holds an escape) and no object in
 * between, and equal strings shared with the line before (clock, row,
 * origin, table and field names), so most lines make two new strings.
 */
export class SyncOpLineReader {
  private readonly fields = fieldsCheck();
  /** The long way's check: the schema's verdict on a value JSON.parse made. */
  readonly isSyncOpLine = objectCheck(this.fields);
  private last: SyncOperation | null = null;
  /** Table and field names seen, by a hash of their bytes. */
  private readonly names = new Map<number, string>();

  /**
   * The operation on bytes [start, end) — valid UTF-8, one line without its
   * newline — when they are written exactly as writeSyncFile writes and the
   * operation passes the schema; null otherwise.
   */
  read(source: Buffer, start: number, end: number): SyncOperation | null {
    if (!spells(source, start, H)) return null;
    const hStart = start + H.length;
    const hEnd = plainStringEnd(source, hStart, end);
    if (hEnd < 0 || !spells(source, hEnd, T)) return null;
    const tStart = hEnd + T.length;
    const tEnd = plainStringEnd(source, tStart, end);
    if (tEnd < 0 || !spells(source, tEnd, R)) return null;
    const rStart = tEnd + R.length;
    const rEnd = plainStringEnd(source, rStart, end);
    if (rEnd < 0 || !spells(source, rEnd, F)) return null;
    const fStart = rEnd + F.length;
    const fEnd = plainStringEnd(source, fStart, end);
    if (fEnd < 0 || !spells(source, fEnd, V)) return null;
    const vStart = fEnd + V.length;
    let vEnd: number;
    if (spells(source, vStart, NULL)) vEnd = vStart + NULL.length;
    else if (source[vStart] === QUOTE) vEnd = stringEnd(source, vStart + 1, end) + 1;
    else return null;
    if (vEnd <= vStart || !spells(source, vEnd, P)) return null;
    const pStart = vEnd + P.length;
    let pEnd: number;
    if (spells(source, pStart, NULL)) pEnd = pStart + NULL.length;
    else if (source[pStart] === QUOTE) pEnd = plainStringEnd(source, pStart + 1, end) + 1;
    else return null;
    if (pEnd <= pStart || !spells(source, pEnd, O)) return null;
    const oStart = pEnd + O.length;
    const oEnd = plainStringEnd(source, oStart, end);
    if (oEnd < 0 || oEnd + END.length !== end || !spells(source, oEnd, END)) return null;

    const last = this.last;
    const h = last && this.same(source, hStart, hEnd, last.hlc) ? last.hlc : source.toString('utf8', hStart, hEnd);
    const t = last && this.same(source, tStart, tEnd, last.tbl) ? last.tbl : this.name(source, tStart, tEnd);
    const r = last && this.same(source, rStart, rEnd, last.row_id) ? last.row_id : source.toString('utf8', rStart, rEnd);
    const f = this.name(source, fStart, fEnd);
    const v = this.value(source, vStart, vEnd);
    if (v === undefined) return null;
    const p = source[pStart] === QUOTE ? source.toString('utf8', pStart + 1, pEnd - 1) : null;
    const o = last && this.same(source, oStart, oEnd, last.origin) ? last.origin : source.toString('utf8', oStart, oEnd);
    if (!this.fields(h, t, r, f, v, p, o)) return null;
    const op: SyncOperation = { hlc: h, tbl: t, row_id: r, field: f, value: v, prev: p, origin: o };
    this.last = op;
    return op;
  }

  /** The operation JSON.parse made of a line `isSyncOpLine` accepted, its strings shared as `read` shares them. */
  operation(line: SyncOpLine): SyncOperation {
    const last = this.last;
    const op: SyncOperation = {
      hlc: last && line.h === last.hlc ? last.hlc : line.h,
      tbl: last && line.t === last.tbl ? last.tbl : line.t,
      row_id: last && line.r === last.row_id ? last.row_id : line.r,
      field: line.f,
      value: line.v === 'null' ? NULL : line.v,
      prev: line.p,
      origin: last && line.o === last.origin ? last.origin : line.o,
    };
    this.last = op;
    return op;
  }

  /** Whether bytes [start, end) are `text`, an ASCII string seen before (other text is never called the same). */
  private same(source: Buffer, start: number, end: number, text: string): boolean {
    if (end - start !== text.length) return false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80 || source[start + i] !== c) return false;
    }
    return true;
  }

  /** A table or field name: one of the few seen before, or new. One look at each byte, however hostile the names. */
  private name(source: Buffer, start: number, end: number): string {
    let hash = end - start;
    for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + source[i]!) | 0;
    const known = this.names.get(hash);
    if (known !== undefined && this.same(source, start, end, known)) return known;
    const text = source.toString('utf8', start, end);
    if (known === undefined && this.names.size < maxRememberedNames) this.names.set(hash, text);
    return text;
  }

  /** The value: null, the text "null", the string literal's content, or (with an escape) what JSON.parse makes of the literal; undefined when it cannot. */
  private value(source: Buffer, start: number, end: number): string | null | undefined {
    if (source[start] !== QUOTE) return null;
    if (end - start === NULL.length + 2 && spells(source, start + 1, NULL)) return NULL;
    if (plainStringEnd(source, start + 1, end) === end - 1) return source.toString('utf8', start + 1, end - 1);
    try {
      const value: unknown = JSON.parse(source.toString('utf8', start, end));
      return typeof value === 'string' ? value : undefined;
    } catch {
      return undefined;
    }
  }
}
