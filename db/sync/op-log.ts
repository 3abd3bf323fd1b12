import type BetterSqlite3 from 'better-sqlite3';
import { decodeHlc, encodeHlc } from '../../common/hlc';

/**
 * The operation log's storage (migration 0014): clocks as (wall, counter,
 * origin) integers, installations, table and field names and rows interned
 * to small integers. This module is the only code that reads or writes the
 * compact tables on hot paths (local writes, imports, exports,
 * materialisation); everything else may read the `sync_op` view, which shows
 * the same operations in the old text shape.
 *
 * A session caches interned ids for the length of ONE transaction: an id
 * interned inside a transaction that is rolled back (an import preview) is
 * freed and may be given to another name later, so a session must never be
 * kept across transactions.
 */

type Value = string | number | null;

/** One operation as it travels in a sync file. `value` is JSON text of a string, number or null. */
export interface SyncOperation {
  readonly hlc: string;
  readonly tbl: string;
  readonly row_id: string;
  readonly field: string;
  readonly value: string | null;
  readonly prev: string | null;
  readonly origin: string;
}

/** A clock split into its parts; `origin` is the installation id (the clock text's last part). */
export interface ClockParts {
  readonly wall: number;
  readonly counter: number;
  readonly origin: string;
}

/** One operation as stored, with names resolved. */
export interface StoredOp extends ClockParts {
  readonly field: string;
  readonly value: string | null;
  readonly prev: string | null;
}

export function clockParts(hlc: string): ClockParts {
  const { wall, counter, node } = decodeHlc(hlc);
  return { wall, counter, origin: node };
}

export function clockText(clock: ClockParts): string {
  return encodeHlc({ wall: clock.wall, counter: clock.counter, node: clock.origin });
}

/** Total clock order: wall, counter, then the installation id as text (exactly the order of the clock texts). */
export function compareClocks(a: ClockParts, b: ClockParts): number {
  if (a.wall !== b.wall) return a.wall < b.wall ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0;
}

interface Statements {
  readonly findSymbol: BetterSqlite3.Statement;
  readonly insertSymbol: BetterSqlite3.Statement;
  readonly symbolName: BetterSqlite3.Statement;
  readonly findOrigin: BetterSqlite3.Statement;
  readonly insertOrigin: BetterSqlite3.Statement;
  readonly originName: BetterSqlite3.Statement;
  readonly bumpOrigin: BetterSqlite3.Statement;
  readonly findRow: BetterSqlite3.Statement;
  readonly insertRow: BetterSqlite3.Statement;
  readonly insertOp: BetterSqlite3.Statement;
  readonly deleteOp: BetterSqlite3.Statement;
  readonly rowOps: BetterSqlite3.Statement;
  readonly fieldOps: BetterSqlite3.Statement;
  readonly value: BetterSqlite3.Statement;
  readonly setValue: BetterSqlite3.Statement;
}

const statementCache = new WeakMap<BetterSqlite3.Database, Statements>();

function statementsFor(sqlite: BetterSqlite3.Database): Statements {
  let s = statementCache.get(sqlite);
  if (!s) {
    s = {
      findSymbol: sqlite.prepare('SELECT id FROM sync_symbol WHERE name = ?').pluck(),
      insertSymbol: sqlite.prepare('INSERT INTO sync_symbol (name) VALUES (?)'),
      symbolName: sqlite.prepare('SELECT name FROM sync_symbol WHERE id = ?').pluck(),
      findOrigin: sqlite.prepare('SELECT id FROM sync_origin WHERE installation = ?').pluck(),
      insertOrigin: sqlite.prepare('INSERT INTO sync_origin (installation) VALUES (?)'),
      originName: sqlite.prepare('SELECT installation FROM sync_origin WHERE id = ?').pluck(),
      bumpOrigin: sqlite.prepare('UPDATE sync_origin SET max_wall = ?, max_counter = ? WHERE id = ? AND (max_wall < ? OR (max_wall = ? AND max_counter < ?))'),
      findRow: sqlite.prepare('SELECT id FROM sync_row WHERE tbl = ? AND uuid = ?').pluck(),
      insertRow: sqlite.prepare('INSERT INTO sync_row (tbl, uuid) VALUES (?, ?)'),
      insertOp: sqlite.prepare(
        'INSERT OR IGNORE INTO sync_log (wall, counter, origin, row, field, value, prev_wall, prev_counter, prev_origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      deleteOp: sqlite.prepare('DELETE FROM sync_log WHERE wall = ? AND counter = ? AND origin = ? AND row = ? AND field = ?'),
      rowOps: sqlite.prepare('SELECT field, wall, counter, origin, prev_wall, prev_counter, prev_origin FROM sync_log INDEXED BY sync_log_row WHERE row = ?').raw(),
      fieldOps: sqlite.prepare('SELECT wall, counter, origin, value, prev_wall, prev_counter, prev_origin FROM sync_log INDEXED BY sync_log_row WHERE row = ? AND field = ? ORDER BY wall DESC, counter DESC').raw(),
      value: sqlite.prepare('SELECT value FROM sync_log WHERE wall = ? AND counter = ? AND origin = ? AND row = ? AND field = ?').pluck(),
      setValue: sqlite.prepare('UPDATE sync_log SET value = ? WHERE wall = ? AND counter = ? AND origin = ? AND row = ? AND field = ?'),
    };
    statementCache.set(sqlite, s);
  }
  return s;
}

type RowOpRaw = [field: number, wall: number, counter: number, origin: number, prevWall: number | null, prevCounter: number | null, prevOrigin: number | null];
type FieldOpRaw = [wall: number, counter: number, origin: number, value: string | null, prevWall: number | null, prevCounter: number | null, prevOrigin: number | null];

/** The newest operation of one field, with the operation's own clock and what it replaced. */
export interface FieldHead extends ClockParts {
  readonly field: string;
  readonly prev: string | null;
}

/** A small table that interns names (table and field names, installation ids) as integers, cached both ways for the session. */
class InternedNames {
  readonly #ids = new Map<string, number>();
  readonly #names = new Map<number, string>();

  constructor(
    private readonly find: BetterSqlite3.Statement,
    private readonly insert: BetterSqlite3.Statement,
    private readonly nameOf: BetterSqlite3.Statement,
  ) {}

  id(name: string, create: boolean): number | undefined {
    let id = this.#ids.get(name);
    if (id !== undefined) return id;
    id = this.find.get(name) as number | undefined;
    if (id === undefined) {
      if (!create) return undefined;
      id = Number(this.insert.run(name).lastInsertRowid);
    }
    this.#remember(name, id);
    return id;
  }

  name(id: number): string {
    let name = this.#names.get(id);
    if (name === undefined) {
      name = this.nameOf.get(id) as string;
      this.#remember(name, id);
    }
    return name;
  }

  #remember(name: string, id: number): void {
    this.#ids.set(name, id);
    this.#names.set(id, name);
  }
}

export class OpLogSession {
  readonly #s: Statements;
  /** The log held no record when assumeNewRecords() was called and every record interned since is cached: one not in the cache is new. */
  #allNew = false;
  readonly #symbols: InternedNames;
  readonly #origins: InternedNames;
  readonly #rows = new Map<string, number>();
  /** Highest clock written per origin id in this session, written to sync_origin by flush(). */
  readonly #maxima = new Map<number, { wall: number; counter: number }>();

  constructor(readonly sqlite: BetterSqlite3.Database) {
    this.#s = statementsFor(sqlite);
    this.#symbols = new InternedNames(this.#s.findSymbol, this.#s.insertSymbol, this.#s.symbolName);
    this.#origins = new InternedNames(this.#s.findOrigin, this.#s.insertOrigin, this.#s.originName);
  }

  /**
   * For an import into a log that holds no record yet (a new laptop's first
   * import): a record this session has not interned is new, so `rowId` interns
   * it without asking sync_row — at scale 10 half a million look-ups into an
   * index that outgrows the page cache. Holds while every interned record
   * stays cached (the cache's bound turns it off). Call only when sync_row is
   * empty (apply.ts).
   */
  assumeNewRecords(): void {
    this.#allNew = true;
  }

  /** Records are looked up in sync_row again (after the import's operations are stored). */
  endNewRecords(): void {
    this.#allNew = false;
  }

  symbolId(name: string, create: true): number;
  symbolId(name: string, create: false): number | undefined;
  symbolId(name: string, create: boolean): number | undefined {
    return this.#symbols.id(name, create);
  }

  symbolName(id: number): string {
    return this.#symbols.name(id);
  }

  originId(installation: string, create: true): number;
  originId(installation: string, create: false): number | undefined;
  originId(installation: string, create: boolean): number | undefined {
    return this.#origins.id(installation, create);
  }

  originName(id: number): string {
    return this.#origins.name(id);
  }

  /** The interned id of a record; with `create`, interned now if new (`created` tells). */
  rowId(table: string, uuid: string, create: true): { id: number; created: boolean };
  rowId(table: string, uuid: string, create: false): { id: number; created: boolean } | undefined;
  rowId(table: string, uuid: string, create: boolean): { id: number; created: boolean } | undefined {
    const key = `${table}\u0000${uuid}`;
    const cached = this.#rows.get(key);
    if (cached !== undefined) return { id: cached, created: false };
    const tbl = create ? this.symbolId(table, true) : this.symbolId(table, false);
    if (tbl === undefined) return undefined;
    let id = this.#allNew ? undefined : (this.#s.findRow.get(tbl, uuid) as number | undefined);
    let created = false;
    if (id === undefined) {
      if (!create) return undefined;
      id = Number(this.#s.insertRow.run(tbl, uuid).lastInsertRowid);
      created = true;
    }
    // Bounded, but above the records of a team's years (≈ 600,000 at scale 10, ≈ 100 bytes each): once the cache is
    // cleared, every operation of a first import asks sync_row again, which cost a scale-10 import a third of its time.
    if (this.#rows.size > 1_500_000) {
      this.#rows.clear();
      this.#allNew = false;
    }
    this.#rows.set(key, id);
    return { id, created };
  }

  /** Stores one operation; false when exactly this operation (clock, record, field) is already there. */
  insert(clock: ClockParts, row: number, field: number, value: string | null, prev: string | null): boolean {
    const origin = this.originId(clock.origin, true);
    let prevWall: number | null = null;
    let prevCounter: number | null = null;
    let prevOrigin: number | null = null;
    if (prev !== null) {
      const p = clockParts(prev);
      prevWall = p.wall;
      prevCounter = p.counter;
      prevOrigin = this.originId(p.origin, true);
    }
    if (this.#s.insertOp.run(clock.wall, clock.counter, origin, row, field, value, prevWall, prevCounter, prevOrigin).changes === 0) return false;
    const max = this.#maxima.get(origin);
    if (!max || clock.wall > max.wall || (clock.wall === max.wall && clock.counter > max.counter)) this.#maxima.set(origin, { wall: clock.wall, counter: clock.counter });
    return true;
  }

  /** Removes one operation (coalescing a local edit no file has carried yet: db/mutations.ts). */
  remove(clock: ClockParts, row: number, field: number): void {
    const origin = this.originId(clock.origin, false);
    if (origin === undefined) return;
    this.#s.deleteOp.run(clock.wall, clock.counter, origin, row, field);
  }

  #prevText(wall: number | null, counter: number | null, origin: number | null): string | null {
    return wall === null || counter === null || origin === null ? null : clockText({ wall, counter, origin: this.originName(origin) });
  }

  /** The newest operation of each field of a record (the winners: what the record says now). */
  heads(row: number): Map<string, FieldHead> {
    const heads = new Map<string, FieldHead>();
    for (const [fieldId, wall, counter, originId, prevWall, prevCounter, prevOrigin] of this.#s.rowOps.all(row) as RowOpRaw[]) {
      const field = this.symbolName(fieldId);
      const candidate = { wall, counter, origin: this.originName(originId) };
      const best = heads.get(field);
      if (!best || compareClocks(candidate, best) > 0) heads.set(field, { ...candidate, field, prev: this.#prevText(prevWall, prevCounter, prevOrigin) });
    }
    return heads;
  }

  /** The value an operation set. */
  valueOf(clock: ClockParts, row: number, field: number): string | null {
    const origin = this.originId(clock.origin, false);
    return origin === undefined ? null : ((this.#s.value.get(clock.wall, clock.counter, origin, row, field) as string | null | undefined) ?? null);
  }

  /** Every field's winning value of a record, decoded. */
  winners(row: number): Map<string, { clock: ClockParts; value: Value }> {
    const result = new Map<string, { clock: ClockParts; value: Value }>();
    for (const [field, head] of this.heads(row)) {
      const text = this.valueOf(head, row, this.symbolId(field, true));
      result.set(field, { clock: head, value: text === null ? null : (JSON.parse(text) as Value) });
    }
    return result;
  }

  /** The newest operation of one field other than `except`: the winner an arriving operation competes with. */
  otherHead(row: number, field: number, except: ClockParts): (ClockParts & { value: string | null; prev: string | null }) | undefined {
    let best: (ClockParts & { value: string | null; prev: string | null }) | undefined;
    for (const [wall, counter, originId, value, prevWall, prevCounter, prevOrigin] of this.#s.fieldOps.all(row, field) as FieldOpRaw[]) {
      // Rows come newest first by (wall, counter); only an exact tie needs the origin names.
      if (best && (wall < best.wall || (wall === best.wall && counter < best.counter))) break;
      const candidate = { wall, counter, origin: this.originName(originId) };
      if (compareClocks(candidate, except) === 0) continue;
      if (!best || compareClocks(candidate, best) > 0) best = { ...candidate, value, prev: this.#prevText(prevWall, prevCounter, prevOrigin) };
    }
    return best;
  }

  /** Every operation of one field of a record with its value, newest first in clock order (materialize.ts, when the newest may not be shown). */
  fieldHistory(row: number, field: number): (ClockParts & { readonly hlc: string; readonly value: string | null })[] {
    const ops = (this.#s.fieldOps.all(row, field) as FieldOpRaw[]).map(([wall, counter, originId, value]) => {
      const clock = { wall, counter, origin: this.originName(originId) };
      return { ...clock, hlc: clockText(clock), value };
    });
    return ops.sort((a, b) => compareClocks(b, a));
  }

  /** Sets `value` on every operation of one field at or after `from` (erasure.ts); returns how many changed. */
  overwriteFrom(row: number, field: number, from: ClockParts, value: string | null): number {
    let changed = 0;
    for (const [wall, counter, originId, current] of this.#s.fieldOps.all(row, field) as FieldOpRaw[]) {
      if (current === value || compareClocks({ wall, counter, origin: this.originName(originId) }, from) < 0) continue;
      changed += this.#s.setValue.run(value, wall, counter, originId, row, field).changes;
    }
    return changed;
  }

  /** Writes the per-origin maxima of what this session stored. Call before the transaction commits. */
  flush(): void {
    for (const [origin, max] of this.#maxima) this.#s.bumpOrigin.run(max.wall, max.counter, origin, max.wall, max.wall, max.counter);
    this.#maxima.clear();
  }
}

/** Origin installation → its highest clock held here (from sync_origin, never from a scan of the log). */
export function originMaxima(sqlite: BetterSqlite3.Database): Record<string, string> {
  const rows = sqlite.prepare('SELECT installation, max_wall, max_counter FROM sync_origin WHERE max_wall > 0 OR max_counter > 0 ORDER BY installation').raw().all() as [string, number, number][];
  return Object.fromEntries(rows.map(([origin, wall, counter]) => [origin, clockText({ wall, counter, origin })]));
}

/** An operation as the log gives it out: exactly what a sync file carries (apply.ts). */
export type LogOperation = SyncOperation;

/**
 * Which operations an export carries: from `since` on (a clock; inclusive of
 * its wall and counter), only those `include` accepts. Per-origin filters run
 * here, not in SQL, so a peer's vector of any size never meets SQLite's
 * variable limit.
 */
export interface LogSelection {
  readonly since?: { readonly wall: number; readonly counter: number };
  readonly include?: (clock: ClockParts) => boolean;
}

function nameMaps(sqlite: BetterSqlite3.Database) {
  const symbols = new Map((sqlite.prepare('SELECT id, name FROM sync_symbol').raw().all() as [number, string][]).map(([id, name]) => [id, name]));
  const origins = new Map((sqlite.prepare('SELECT id, installation FROM sync_origin').raw().all() as [number, string][]).map(([id, name]) => [id, name]));
  return { symbols, origins };
}

/** How many operations a selection holds (one pass over the primary key, no joins). */
export function countOperations(sqlite: BetterSqlite3.Database, selection: LogSelection = {}): number {
  const since = selection.since ?? { wall: 0, counter: 0 };
  if (!selection.include) return sqlite.prepare('SELECT count(*) FROM sync_log WHERE wall > ? OR (wall = ? AND counter >= ?)').pluck().get(since.wall, since.wall, since.counter) as number;
  const { origins } = nameMaps(sqlite);
  let count = 0;
  for (const [wall, counter, origin] of sqlite.prepare('SELECT wall, counter, origin FROM sync_log WHERE wall > ? OR (wall = ? AND counter >= ?)').raw().iterate(since.wall, since.wall, since.counter) as IterableIterator<[number, number, number]>) {
    if (selection.include({ wall, counter, origin: origins.get(origin)! })) count++;
  }
  return count;
}

/**
 * The operations of a selection in clock order, as sync files carry them.
 * Read in primary-key order (no sort); where several installations share one
 * wall time and counter, they are put in installation-id order, so the clock
 * texts never go backwards (every reader checks that).
 * While it is being read the connection can run nothing else.
 */
export function* readOperations(sqlite: BetterSqlite3.Database, selection: LogSelection = {}): Generator<LogOperation> {
  const { symbols, origins } = nameMaps(sqlite);
  const since = selection.since ?? { wall: 0, counter: 0 };
  const rows = sqlite
    .prepare(
      `SELECT l.wall, l.counter, l.origin, r.tbl, r.uuid, l.field, l.value, l.prev_wall, l.prev_counter, l.prev_origin
       FROM sync_log l JOIN sync_row r ON r.id = l.row
       WHERE l.wall > ? OR (l.wall = ? AND l.counter >= ?)
       ORDER BY l.wall, l.counter, l.origin, l.row, l.field`,
    )
    .raw()
    .iterate(since.wall, since.wall, since.counter) as IterableIterator<[number, number, number, number, string, number, string | null, number | null, number | null, number | null]>;
  let group: LogOperation[] = [];
  let groupWall = -1;
  let groupCounter = -1;
  let mixed = false;
  const release = function* (): Generator<LogOperation> {
    if (mixed) group.sort((a, b) => (a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0));
    yield* group;
    group = [];
    mixed = false;
  };
  for (const [wall, counter, originId, tbl, uuid, field, value, prevWall, prevCounter, prevOrigin] of rows) {
    const origin = origins.get(originId)!;
    if (selection.include && !selection.include({ wall, counter, origin })) continue;
    if (wall !== groupWall || counter !== groupCounter) {
      yield* release();
      groupWall = wall;
      groupCounter = counter;
    } else if (group.length > 0 && group[0]!.origin !== origin) {
      mixed = true;
    }
    group.push({
      hlc: clockText({ wall, counter, origin }),
      tbl: symbols.get(tbl)!,
      row_id: uuid,
      field: symbols.get(field)!,
      value,
      prev: prevWall === null || prevCounter === null || prevOrigin === null ? null : clockText({ wall: prevWall, counter: prevCounter, origin: origins.get(prevOrigin)! }),
      origin,
    });
  }
  yield* release();
}

/**
 * For a clock, the (table, record, field) keys of the operations stored with
 * it: one primary-key range per clock, answering for every operation of one
 * edit (an edit gives all its fields one clock).
 */
export function operationsAtClock(sqlite: BetterSqlite3.Database): (hlc: string) => Set<string> {
  const origin = sqlite.prepare('SELECT id FROM sync_origin WHERE installation = ?').pluck();
  const atClock = sqlite.prepare('SELECT r.tbl, r.uuid, l.field FROM sync_log l JOIN sync_row r ON r.id = l.row WHERE l.wall = ? AND l.counter = ? AND l.origin = ?').raw();
  const symbol = sqlite.prepare('SELECT name FROM sync_symbol WHERE id = ?').pluck();
  const names = new Map<number, string>();
  const name = (id: number) => {
    let text = names.get(id);
    if (text === undefined) names.set(id, (text = symbol.get(id) as string));
    return text;
  };
  return (hlc) => {
    const clock = clockParts(hlc);
    const originId = origin.get(clock.origin) as number | undefined;
    const keys = new Set<string>();
    if (originId === undefined) return keys;
    for (const [tbl, uuid, field] of atClock.all(clock.wall, clock.counter, originId) as [number, string, number][]) keys.add(`${name(tbl)}\u0000${uuid}\u0000${name(field)}`);
    return keys;
  };
}
