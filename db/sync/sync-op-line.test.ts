import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syncOpLineSchema } from '../../common/sync-file.schema';
import { isScalarJson, syncOpLineChecker, SyncOpLineReader } from './sync-op-line';

/**
 * The sync file reader checks operation lines by hand (sync-op-line.ts) and
 * UTF-8 with `isUtf8`, for speed. Both must give the verdicts of what they
 * stand in for — the zod schema and a fatal TextDecoder — on every input:
 * generated here around every boundary those check.
 */

const zodVerdict = (value: unknown) => syncOpLineSchema.safeParse(value).success;

/** Any UTF-16 code unit, lone surrogates included (JSON.parse takes them). */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const anyText = (maxLength: number) => fc.oneof(fc.string({ maxLength }), fc.string({ unit: codeUnit, maxLength }), fc.string({ unit: 'binary', maxLength }));
const fromChars = (chars: string, minLength: number, maxLength: number) => fc.string({ unit: fc.constantFrom(...chars), minLength, maxLength });

const idChars = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-';
const origins = ['a1', 'b-2', 'Zz', 'x'.repeat(64)];
const origin = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...origins) },
  fromChars(idChars, 1, 64),
  fromChars(idChars, 65, 66),
  fc.constant(''),
  fromChars(`${idChars}_ .æ/`, 1, 8),
);
const digits = (length: number) => fromChars('0123456789', length, length);
const clockOf = (node: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.tuple(digits(16), fromChars('0123456789abcdef', 4, 4), node).map(([wall, counter, n]) => `${wall}-${counter}-${n}`) },
    // Near misses: 15 or 17 digits, a capital or short counter, a stray character, a trailing newline.
    fc.tuple(fc.oneof(digits(15), digits(17), digits(16)), fc.oneof(fromChars('0123456789abcdefABCDEFg', 4, 4), fromChars('0123456789abcdef', 3, 5)), node, fc.constantFrom('', '\n', ' ', '٣')).map(([wall, counter, n, tail]) => `${wall}-${counter}-${n}${tail}`),
    anyText(30),
  );
const fixedClocks = ['0001763900000000-0000-a1', '0001763900000000-0001-a1', '0001763900000001-00ff-b-2', `0001763900000002-abcd-${'x'.repeat(64)}`];
const clock = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...fixedClocks) }, clockOf(origin));
const name = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('organisation', 'contact', 'name', 'deleted_at', 'agenda_item', 'a'.repeat(64)) },
  fromChars('abcdefghijklmnopqrstuvwxyz_', 1, 64),
  fromChars('abcdefghijklmnopqrstuvwxyz_', 65, 66),
  fc.constant(''),
  fromChars('abcxyz_AZ0-; .\n', 1, 10),
  anyText(10),
);
const row = fc.oneof(anyText(70), fc.constant(''), fromChars('ab', 64, 64), fromChars('ab', 65, 65));
const jsonScalarText = fc.oneof(
  fc.constantFrom('null', 'true', 'false', '0', '-0', '1e400', '-1e400', '1.5e-400', '01', '1.', '.5', '"', '""', '"\\"', '"\\u00e6"', '"\\ud800"', '"\\x"', '"\t"', '"\u0000"', '"\u001f"', '"\u007f"', ' "a"', '"a" ', '[]', '{}', '{"a":1}', '[1]', 'NaN', 'Infinity', ''),
  fc.double().map((n) => JSON.stringify(n)),
  fc.integer().map(String),
  anyText(20).map((s) => JSON.stringify(s)),
  anyText(20).map((s) => `"${s}"`),
  anyText(20),
);
const value = fc.oneof({ weight: 4, arbitrary: jsonScalarText }, fc.constant(null), fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}));
const stringOr = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 8, arbitrary }, fc.constant(null), fc.integer(), fc.constant(['x']), fc.constant({ x: 1 }));

const validName = fc.oneof(fc.constantFrom('organisation', 'contact', 'name', 'deleted_at', 'agenda_item', 'a'.repeat(64)), fromChars('abcdefghijklmnopqrstuvwxyz_', 1, 64));
const validValue = fc.oneof(fc.constant(null), fc.constant('null'), fc.integer().map(String), fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)), anyText(20).map((s) => JSON.stringify(s)));
const validOp = fc
  .record({ clock: fc.oneof(fc.constantFrom(...fixedClocks), clockOf(fc.constantFrom(...origins))), t: validName, r: fc.oneof(fc.constantFrom('o1', 'x'.repeat(64)), anyText(64).filter((r) => r.length >= 1 && r.length <= 64)), f: validName, v: validValue, p: fc.option(fc.constantFrom(...fixedClocks)) })
  .map(({ clock: h, t, r, f, v, p }) => ({ h, t, r, f, v, p, o: h.slice(22) }) as Record<string, unknown>);
/** One change that may or may not break an operation. */
const mutation = fc.oneof(
  fc.tuple(fc.constant('h'), stringOr(clock)),
  fc.tuple(fc.constant('t'), stringOr(name)),
  fc.tuple(fc.constant('r'), stringOr(row)),
  fc.tuple(fc.constant('f'), stringOr(name)),
  fc.tuple(fc.constant('v'), value),
  fc.tuple(fc.constant('p'), fc.oneof(fc.constant(null), stringOr(clock))),
  fc.tuple(fc.constant('o'), stringOr(origin)),
  fc.tuple(fc.constant('drop'), fc.constantFrom('h', 't', 'r', 'f', 'v', 'p', 'o')),
  fc.tuple(fc.constant('extra'), fc.constantFrom('x', 'H', '__proto__', 'constructor', 'prototype', 'hh', '')),
  fc.tuple(fc.constant('own origin'), fc.constant(null)),
);

/** Operation-shaped JSON text: a valid operation with none, one or a few changes, its keys in either order. */
const opText = fc.tuple(validOp, fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, fc.array(mutation, { minLength: 1, maxLength: 3 })), fc.boolean()).map(([op, mutations, reverse]) => {
  const extra: string[] = [];
  for (const [kind, change] of mutations) {
    if (kind === 'drop') delete op[change as string];
    else if (kind === 'extra') extra.push(change as string);
    else if (kind === 'own origin') op.o = typeof op.h === 'string' ? op.h.slice(op.h.lastIndexOf('-', op.h.length - 2) + 1) : op.o;
    else op[kind] = change;
  }
  const entries: [string, unknown][] = [...Object.entries(op), ...extra.map((key): [string, unknown] => [key, 1])];
  if (reverse) entries.reverse();
  // Written by hand so "__proto__" becomes a key of the text, as it would in a hostile file.
  return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${JSON.stringify(v)}`).join(',')}}`;
});
const notAnObject = fc.oneof(fc.constantFrom('null', '[]', '[{"h":1}]', '1', '"x"', 'true'), fc.json());
const line = fc.oneof({ weight: 20, arbitrary: opText }, notAnObject);

describe('the hand-written operation check', () => {
  it('gives the zod schema’s verdict on every generated line, fresh and in long runs sharing one checker', () => {
    let valid = 0;
    let total = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 60 }), (texts) => {
        const shared = syncOpLineChecker();
        for (const text of texts) {
          const parsed: unknown = JSON.parse(text);
          const expected = zodVerdict(parsed);
          expect(shared(parsed), text).toBe(expected);
          expect(syncOpLineChecker()(parsed), text).toBe(expected);
          total++;
          if (expected) valid++;
        }
      }),
      { numRuns: 2_000, seed: 20261206 },
    );
    // Both verdicts are well represented.
    expect(valid).toBeGreaterThan(total / 20);
    expect(total - valid).toBeGreaterThan(total / 20);
  });

  it('agrees at the edges: lengths, clock/origin agreement, values', () => {
    const base = { h: '0001763900000000-0000-a1', t: 'organisation', r: 'o1', f: 'name', v: '"X"', p: null, o: 'a1' };
    const cases: unknown[] = [
      base,
      { ...base, v: `"${'x'.repeat(999_998)}"` },
      { ...base, v: `"${'x'.repeat(999_999)}"` },
      { ...base, v: null },
      { ...base, v: '1e400' },
      { ...base, v: '"\\ud800"' },
      { ...base, v: '"\ud800"' },
      { ...base, r: 'x'.repeat(64) },
      { ...base, r: 'x'.repeat(65) },
      { ...base, r: '' },
      { ...base, o: '1' },
      { ...base, h: '0001763900000000-0000-xa1', o: 'a1' },
      { ...base, h: '0001763900000000-0000-a1', o: '0000-a1' },
      { ...base, h: '0001763900000000-0000-a-1', o: '1' },
      { ...base, h: '0001763900000000-0000-a1', o: '0001763900000000-0000-a1' },
      { ...base, p: base.h },
      { ...base, p: '' },
      JSON.parse(JSON.stringify(base).replace('{', '{"__proto__":1,')),
      Object.assign(Object.create(null) as object, base),
    ];
    const check = syncOpLineChecker();
    for (const value of cases) expect(check(value), JSON.stringify(value)?.slice(0, 80)).toBe(zodVerdict(value));
  });

  it('remembers only strings that passed: an empty clock never passes for the one before it', () => {
    const check = syncOpLineChecker();
    const base = { h: '0001763900000000-0000-a1', t: 'organisation', r: 'o1', f: 'name', v: null, p: null, o: 'a1' };
    expect(check({ ...base, h: '', o: '' })).toBe(false);
    expect(check(base)).toBe(true);
    expect(check({ ...base, t: 'Organisation' })).toBe(false);
    expect(check({ ...base, p: '0001763900000000-0000-a1 ' })).toBe(false);
  });

  it('agrees with the schema’s value refinement on any value text', () => {
    const refinement = (text: string) => zodVerdict({ h: '0001763900000000-0000-a1', t: 'x', r: 'x', f: 'x', v: text, p: null, o: 'a1' });
    fc.assert(
      fc.property(jsonScalarText, (text) => {
        expect(isScalarJson(text), text).toBe(refinement(text));
      }),
      { numRuns: 5_000, seed: 7 },
    );
  });
});

/** A line with one character inserted, removed or replaced: near misses of the exact form. */
const nearMiss = fc
  .tuple(opText, fc.nat(), fc.constantFrom('insert', 'remove', 'replace'), fc.constantFrom(' ', '"', '\\', ',', ':', '}', '{', 'x', '0', '-', '\u0001', '\n', 'æ', 'null'))
  .map(([text, at, how, piece]) => {
    const i = at % (text.length + 1);
    if (how === 'insert') return text.slice(0, i) + piece + text.slice(i);
    if (how === 'remove') return text.slice(0, i) + text.slice(i + 1);
    return text.slice(0, i) + piece + text.slice(i + piece.length);
  });

describe('reading a line without JSON.parse', () => {
  const asOperation = (line: Record<string, unknown>) => ({ hlc: line.h, tbl: line.t, row_id: line.r, field: line.f, value: line.v, prev: line.p, origin: line.o });

  it('gives what JSON.parse and the schema give, or leaves the line to them; and takes every valid line written as writeSyncFile writes', () => {
    let taken = 0;
    let total = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 3, arbitrary: opText }, nearMiss, notAnObject), { minLength: 1, maxLength: 40 }), (texts) => {
        const reader = new SyncOpLineReader();
        for (const text of texts) {
          // The reader gets valid UTF-8 (the file reader checks it first); what it stands in for reads that UTF-8.
          const bytes = Buffer.from(`${text}\n`, 'utf8');
          const decoded = bytes.toString('utf8', 0, bytes.length - 1);
          let parsed: unknown;
          try {
            parsed = JSON.parse(decoded);
          } catch {
            parsed = undefined;
          }
          const valid = parsed !== undefined && zodVerdict(parsed);
          const op = reader.read(bytes, 0, bytes.length - 1);
          total++;
          if (op) {
            taken++;
            expect(valid, decoded).toBe(true);
            expect(op, decoded).toEqual(asOperation(parsed as Record<string, unknown>));
            expect(Object.keys(parsed as object), decoded).toEqual(['h', 't', 'r', 'f', 'v', 'p', 'o']);
          } else if (valid) {
            const line = parsed as Record<string, unknown>;
            const canonical = JSON.stringify({ h: line.h, t: line.t, r: line.r, f: line.f, v: line.v, p: line.p, o: line.o });
            // Only text JSON.stringify writes with an escape outside the value, or in another form, is left to JSON.parse.
            const plain = [line.h, line.t, line.r, line.f, line.p, line.o].every((x) => x === null || JSON.stringify(x) === `"${x as string}"`);
            expect(decoded === canonical && plain, decoded).toBe(false);
            // The long way accepts it, and gives the same operation.
            expect(reader.isSyncOpLine(line)).toBe(true);
            expect(reader.operation(line as never)).toEqual(asOperation(line));
          }
        }
      }),
      { numRuns: 2_000, seed: 20261207 },
    );
    expect(taken).toBeGreaterThan(total / 10);
  });

  it('shares equal strings with the line before, and never calls different text the same', () => {
    const reader = new SyncOpLineReader();
    const line = (o: Record<string, unknown>) => Buffer.from(JSON.stringify(o), 'utf8');
    const base = { h: '0001763900000000-0000-a1', t: 'organisation', r: 'o1', f: 'name', v: '"X"', p: null, o: 'a1' };
    const first = reader.read(line(base), 0, line(base).length)!;
    const second = reader.read(line({ ...base, f: 'notes' }), 0, line({ ...base, f: 'notes' }).length)!;
    expect(second).toEqual({ ...asOperation({ ...base, f: 'notes' }) });
    expect(Object.is(second.hlc, first.hlc) && Object.is(second.tbl, first.tbl)).toBe(true);
    // "Ã©" as UTF-16 code units equals the bytes of "é" in UTF-8: not the same row.
    const mojibake = reader.read(line({ ...base, r: 'Ã©' }), 0, line({ ...base, r: 'Ã©' }).length)!;
    const accent = reader.read(line({ ...base, r: 'é' }), 0, line({ ...base, r: 'é' }).length)!;
    expect([mojibake.row_id, accent.row_id]).toEqual(['Ã©', 'é']);
  });
});

describe('UTF-8 by isUtf8', () => {
  const fatal = new TextDecoder('utf-8', { fatal: true });
  const decodes = (bytes: Uint8Array) => {
    try {
      fatal.decode(bytes);
      return true;
    } catch {
      return false;
    }
  };

  it('accepts and refuses exactly what a fatal TextDecoder does', () => {
    // Real text with bytes flipped, cut or inserted, and raw bytes near the boundaries of multi-byte forms.
    const mutated = fc
      .tuple(fc.string({ unit: 'binary', maxLength: 30 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }), fc.nat())
      .map(([text, edits, cut]) => {
        const bytes = Buffer.from(text, 'utf8');
        for (const [at, byte] of edits) if (bytes.length > 0) bytes[at % bytes.length] = byte;
        return bytes.subarray(0, bytes.length === 0 ? 0 : bytes.length - (cut % 4));
      });
    const boundary = fc.array(fc.constantFrom(0x00, 0x0a, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x9f, 0xa0, 0x8f, 0x90), { maxLength: 8 }).map((b) => Uint8Array.from(b));
    fc.assert(
      fc.property(fc.oneof(mutated, boundary, fc.uint8Array({ maxLength: 12 })), (bytes) => {
        expect(isUtf8(bytes)).toBe(decodes(bytes));
      }),
      { numRuns: 20_000, seed: 11 },
    );
    // Overlong, surrogate, beyond U+10FFFF, cut.
    for (const bytes of [[0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xef, 0xbb, 0xbf]]) {
      expect(isUtf8(Uint8Array.from(bytes))).toBe(decodes(Uint8Array.from(bytes)));
    }
  });
});
