import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, contract, isChannel, type Channel } from '../../common/contract';
import { isAppErrorCode, type Result } from '../../common/result';
import { databaseDigest } from '../../db/maintenance';
import { syncedTables } from '../../db/schema';
import { derivedId } from '../../db/ids';
import { createTestDatabase } from '../../db/testing/test-database';
import { handlers } from '../handlers';
import { createDispatcher, type Dispatch } from './dispatch';

/**
 * Property test of the IPC boundary: every channel of the contract (new ones
 * are picked up from `contract` itself) gets arbitrary and near-miss input
 * through the real dispatcher, real handlers and a real SQLite file. Whatever
 * a compromised renderer sends, main answers with a typed Result, and input
 * that fails the schema changes nothing in the database.
 */

const runsPerChannel = 30;

/**
 * Valid input for these channels reaches the file system outside the test
 * database (`sync.setFolder` with "." or "/" would point folder sync at a real
 * directory, `backups.move` would copy the database there), so only their
 * invalid input is dispatched here.
 */
const touchesRealFolders: ReadonlySet<string> = new Set(['sync.setFolder', 'backups.move']);

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let dispatch: Dispatch;
const internalErrors: { channel: string; error: unknown }[] = [];
const realIds: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  dispatch = createDispatcher(handlers, { app: t, host: 'browser', version: '9.9.9' }, { checkOutput: true, onInternalError: (channel, error) => internalErrors.push({ channel, error }) });
  // Real rows, so near-miss input can aim at ids that exist (a wrong field next to a right id).
  const koege = derivedId('kommune', 259);
  const org = await must<{ id: string }>('organisations.create', { name: 'Køge Boligselskab', kind: 'boligorganisation', kommuneIds: [koege] });
  const contact = await must<{ id: string; affiliations: { id: string }[] }>('contacts.create', {
    name: 'Søren Ærø-Åberg',
    emails: ['soren@kbs.dk'],
    affiliations: [{ title: 'Formand', kind: 'boligorganisation', organisationId: org.id }],
  });
  const series = await must<{ id: string }>('series.create', { title: 'Kommunesamarbejde Køge', kind: 'kommunesamarbejde', kommuneId: koege, memberIds: [contact.id], cadenceUnit: 'months', cadenceInterval: 3 });
  const meeting = await must<{ id: string; agenda: { id: string }[] }>('meetings.create', {
    seriesId: series.id,
    kommuneId: koege,
    title: 'Møde i Køge',
    startsAt: '2025-03-04T09:00:00+01:00',
    inviteeIds: [contact.id],
    agenda: [{ title: 'Boligsocial anvisning' }],
  });
  const followUp = await must<{ id: string }>('followUps.create', { title: 'Send referat til kommunen', kommuneId: koege, sourceMeetingId: meeting.id });
  realIds.push(koege, org.id, contact.id, ...contact.affiliations.map((a) => a.id), series.id, meeting.id, ...meeting.agenda.map((a) => a.id), followUp.id);
});
afterAll(() => t.dispose());

async function must<T>(channel: Channel, input: unknown): Promise<T> {
  const result = await dispatch(channel, input);
  if (!result.ok) throw new Error(`seed ${channel}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** Tables that `databaseDigest` leaves out: local settings, sync bookkeeping, the search index's shadow tables. */
function localTablesDigest(): string {
  const synced: readonly string[] = syncedTables;
  const tables = (t.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name").all() as { name: string }[])
    .map((row) => row.name)
    .filter((name) => !synced.includes(name));
  const hash = createHash('sha256');
  for (const name of tables) {
    const rows = (t.sqlite.prepare(`SELECT * FROM "${name}"`).raw(true).all() as unknown[][]).map((row) => JSON.stringify(row, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('base64') : value)));
    hash.update(`${name}\n${rows.sort().join('\n')}\n`);
  }
  return hash.digest('hex');
}

interface DatabaseState {
  /** sqlite3_total_changes(): every row inserted, updated or deleted on this connection, ever. */
  readonly changes: number;
  readonly syncOps: number;
  readonly domain: string;
  readonly local: string;
}

function databaseState(): DatabaseState {
  return {
    changes: (t.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n,
    syncOps: (t.sqlite.prepare('SELECT count(*) AS n FROM sync_op').get() as { n: number }).n,
    domain: databaseDigest(t.sqlite),
    local: localTablesDigest(),
  };
}

/** The state after the last dispatch; reused as the next "before" so each run digests the database once. */
let lastState: DatabaseState | undefined;
function stateBefore(): DatabaseState {
  lastState ??= databaseState();
  return lastState;
}
function stateAfter(): DatabaseState {
  lastState = databaseState();
  return lastState;
}

// ---------- generators ----------

const pollutingKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'] as const;

/** An object whose keys are own data properties even when named __proto__ — what JSON.parse and structured clone produce. */
function ownObject(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const target: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

function nested(depth: number, leaf: unknown, asArray: boolean): unknown {
  let value = leaf;
  // A chain, never a shared node: a DAG would make every printer (and fast-check's report) exponential.
  for (let i = 0; i < depth; i++) value = asArray ? [value] : ownObject([['id', value], ['name', `niveau ${i}`]]);
  return value;
}

const hugeText = 'æøå '.repeat(65_536);
const hugeDigits = '9'.repeat(100_000);
const pollution = ownObject([['__proto__', { polluted: 'ja', isAdmin: true }]]);

const key = fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 12 }) }, { weight: 1, arbitrary: fc.constantFrom(...pollutingKeys) });

const anything = fc.anything({
  key,
  maxDepth: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

/** Values of the wrong type (or right type, wrong content) for any one field. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(NaN, -0, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53 + 1, -1, 0, 1.5, null, undefined, true, false, '', '   ', '\u0000', '\u202eknil', 'null', 'undefined', '[object Object]', '../../etc/passwd', '<script>alert(1)</script>', "'; DROP TABLE contact; --", hugeText, hugeDigits, pollution, [], {}, [null], new Date(Number.NaN), new Date(0)),
  fc.nat().map((i) => [realIds[i % realIds.length]] as unknown),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.oneof(fc.uuid(), fc.string(), fc.integer()), { maxLength: 5 }),
  fc.constantFrom(nested(2_000, 'x', true), nested(500, null, false)),
  fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'ugyldig dato' : d.toISOString().replace('Z', ''))),
  anything,
);

/** An id of a row that exists (read when generating: the rows are seeded in beforeAll). */
const realIdValue = fc.nat().map((i) => realIds[i % realIds.length] ?? '');

type DefLike = { readonly type: string; readonly shape?: Record<string, z.ZodType>; readonly innerType?: z.ZodType; readonly in?: z.ZodType; readonly options?: readonly z.ZodType[]; readonly left?: z.ZodType; readonly right?: z.ZodType };

/** The top-level field names an input schema knows, through optional/default/pipe/union/intersection wrappers. */
function inputKeys(schema: z.ZodType): string[] {
  const def = schema.def as unknown as DefLike;
  if (def.type === 'object' && def.shape) return Object.keys(def.shape);
  const inner = def.innerType ?? def.in;
  if (inner) return inputKeys(inner);
  if (def.options) return [...new Set(def.options.flatMap(inputKeys))];
  if (def.left && def.right) return [...new Set([...inputKeys(def.left), ...inputKeys(def.right)])];
  return [];
}

/** Objects with the channel's own field names (some of them), wrong values, sometimes polluting keys beside them. */
function nearMiss(channel: Channel): fc.Arbitrary<unknown> {
  const fields = inputKeys(contract[channel].input);
  const fieldName = fields.length > 0 ? fc.constantFrom(...fields) : key;
  const entry = fc.tuple(fieldName, fc.oneof({ weight: 4, arbitrary: wrongValue }, { weight: 1, arbitrary: realIdValue }));
  const extra = fc.tuple(fc.constantFrom(...pollutingKeys), fc.oneof(fc.constant<unknown>(pollution), wrongValue));
  return fc.tuple(fc.uniqueArray(entry, { selector: ([k]) => k, minLength: 1, maxLength: Math.max(1, fields.length) }), fc.array(extra, { maxLength: 2 })).map(([fieldEntries, extras]) => ownObject([...extras, ...fieldEntries]));
}

function inputFor(channel: Channel): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 2, arbitrary: anything }, { weight: 3, arbitrary: nearMiss(channel) }, { weight: 1, arbitrary: wrongValue });
}

/** A fixed seed per channel, so adding a channel never reshuffles the others' runs. */
function seedOf(name: string): number {
  return createHash('sha256').update(name).digest().readInt32LE(0);
}

// ---------- assertions ----------

/** English that must never reach the user: zod defaults, JS errors, SQLite errors. */
const englishLeak = /\b(the|invalid|expected|received|error|undefined|null|cannot|failed|constraint|sqlite|typeerror|stack)\b/i;

function expectTypedResult(result: unknown): asserts result is Result<unknown> {
  expect(result).toBeTypeOf('object');
  const r = result as Result<unknown>;
  expect(typeof r.ok).toBe('boolean');
  // IPC carries the answer by structured clone, the browser host as JSON: both must work.
  expect(() => structuredClone(r)).not.toThrow();
  if (r.ok) return;
  expect(isAppErrorCode(r.error.code), `unknown error code ${String(r.error.code)}`).toBe(true);
  expect(typeof r.error.message).toBe('string');
  expect(r.error.message.trim().length).toBeGreaterThan(0);
  expect(r.error.message).not.toMatch(englishLeak);
  for (const issue of r.error.issues ?? []) {
    expect(issue.path.every((p) => typeof p === 'string' || typeof p === 'number')).toBe(true);
    expect(issue.message.length).toBeGreaterThan(0);
  }
}

function describeInput(input: unknown): string {
  try {
    return fc.stringify(input).slice(0, 300);
  } catch {
    return String(input).slice(0, 300);
  }
}

const prototypeKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort();

describe('IPC fuzz', () => {
  it.each(channels)('answers arbitrary input on %s with a typed Result and writes nothing when the input is invalid', async (channel) => {
    await fc.assert(
      fc.asyncProperty(inputFor(channel), async (input) => {
        const valid = contract[channel].input.safeParse(input).success;
        if (valid && touchesRealFolders.has(channel)) return;
        const before = stateBefore();
        const internalBefore = internalErrors.length;
        let result: unknown;
        try {
          result = await dispatch(channel, input);
        } catch (error) {
          throw new Error(`dispatch threw on ${channel} for ${describeInput(input)}: ${String(error)}`);
        }
        expectTypedResult(result);
        const internal = internalErrors.slice(internalBefore).map((e) => String(e.error));
        if (internal.length > 0) throw new Error(`INTERNAL on ${channel} for ${describeInput(input)}: ${internal.join('; ')}`);
        if (!result.ok) expect(result.error.code).not.toBe('INTERNAL');
        if (!valid) {
          expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
          expect(stateAfter()).toEqual(before);
        } else {
          lastState = undefined;
        }
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeysBefore);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: runsPerChannel, seed: seedOf(channel), endOnFailure: true },
    );
  });

  it('answers unknown channel names with UNKNOWN_CHANNEL and writes nothing', async () => {
    const unknownChannel = fc.oneof(
      fc.constantFrom<unknown>(
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'prototype',
        'kredsbog:contacts.list',
        'contacts.list ',
        ' contacts.list',
        'CONTACTS.LIST',
        'contacts.list\u0000',
        'contacts.dropTable',
        'contacts',
        'contacts.',
        '.list',
        '',
        hugeText,
        ['contacts.list'],
        { toString: () => 'contacts.list' },
        new String('contacts.list'),
      ),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      anything,
    );
    await fc.assert(
      fc.asyncProperty(unknownChannel.filter((name) => !isChannel(name)), inputFor('contacts.create'), async (name, input) => {
        const before = stateBefore();
        const result = await dispatch(name, input);
        expectTypedResult(result);
        expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Ukendt handling.' } });
        expect(stateAfter()).toEqual(before);
      }),
      { numRuns: 60, seed: seedOf('unknown channels'), endOnFailure: true },
    );
  });

  it('never reports an unexpected failure to main during the whole run', () => {
    expect(internalErrors.map((e) => `${e.channel}: ${String(e.error)}`)).toEqual([]);
  });
});
