import type BetterSqlite3 from 'better-sqlite3';
import type { Transaction } from 'kysely';
import type { Database, SyncedTable } from '../schema';
import { syncedTables } from '../schema';
import { decodeValue, isValidRowId, isValidValue, linkIdOf, linkPairs } from './field-schemas';
import { forwardedField, isMergeable, mergeFollowingReferences, type MergeableTable } from './merge-forward';
import { mergeView, type MergeEdge, type MergeView } from './merges';
import { clockParts, clockText, OpLogSession } from './op-log';

/**
 * Makes a domain row what its operations say: for every field the value of
 * the operation with the highest clock that may be shown. The result depends
 * only on the set of operations, never on the order they arrived in — which
 * is what makes import idempotent, commutative and convergent.
 *
 * An operation may be shown when (all decided from the set of operations):
 * - its value fits the field's schema (db/sync/field-schemas.ts) — otherwise
 *   it is held: stored and passed on, never shown, so no page meets a value it
 *   cannot read;
 * - it is not part of a void merge (db/sync/merges.ts) in a field a merge
 *   writes;
 * - the row it references exists — otherwise the record waits (sync_waiting)
 *   and is materialised again when that row is created, instead of failing
 *   the foreign key at COMMIT.
 * A link row's pair must derive its id; reference data keeps its codes and
 * names; `erased_at`, once set by any operation, is never cleared.
 *
 * Deletes are the `deleted_at` field like any other, with one rule: a row is
 * deleted only if no other field was changed with a later clock. Nobody can
 * edit a deleted record in the app, so a later edit was made without seeing
 * the delete, and it keeps the record visible (edit beats concurrent delete).
 * A merged-away record stays deleted, and its edits the merge had not seen
 * count on its survivor (merge-forward.ts).
 *
 * This module (with db/mutations.ts) is the only writer of domain tables.
 * It runs on the raw connection with prepared statements (imports apply
 * hundreds of thousands of operations), always inside the caller's Kysely
 * transaction, which holds that same single connection.
 */
type Value = string | number | null;

export interface ColumnInfo {
  readonly name: string;
  readonly notNull: boolean;
  readonly hasDefault: boolean;
  /** The column's default as a value (its SQL literal decoded), or null. */
  readonly defaultValue: Value;
}

interface TableStatements {
  readonly columns: ColumnInfo[];
  readonly byName: ReadonlyMap<string, ColumnInfo>;
  readonly known: ReadonlySet<string>;
  /** Foreign keys: column → referenced table. */
  readonly references: ReadonlyMap<string, SyncedTable>;
  readonly select: BetterSqlite3.Statement;
  readonly exists: BetterSqlite3.Statement;
  readonly remove: BetterSqlite3.Statement;
}

interface ConnectionStatements {
  readonly writes: Map<string, BetterSqlite3.Statement>;
  readonly tables: Map<string, TableStatements>;
  readonly wait: BetterSqlite3.Statement;
  readonly waiters: BetterSqlite3.Statement;
  readonly unwait: BetterSqlite3.Statement;
  readonly anyWaiting: BetterSqlite3.Statement;
}

const cache = new WeakMap<BetterSqlite3.Database, ConnectionStatements>();

function statementsFor(sqlite: BetterSqlite3.Database): ConnectionStatements {
  let entry = cache.get(sqlite);
  if (!entry) {
    entry = {
      writes: new Map(),
      tables: new Map(),
      wait: sqlite.prepare('INSERT OR IGNORE INTO sync_waiting (target_tbl, target_id, tbl, row_id) VALUES (?, ?, ?, ?)'),
      waiters: sqlite.prepare('SELECT tbl, row_id FROM sync_waiting WHERE target_tbl = ? AND target_id = ?'),
      unwait: sqlite.prepare('DELETE FROM sync_waiting WHERE target_tbl = ? AND target_id = ?'),
      anyWaiting: sqlite.prepare('SELECT EXISTS (SELECT 1 FROM sync_waiting)').pluck(),
    };
    cache.set(sqlite, entry);
  }
  return entry;
}

/** Prepared once per distinct statement text (a table and a set of columns): imports write hundreds of thousands of rows. */
function writeStatement(sqlite: BetterSqlite3.Database, text: string): BetterSqlite3.Statement {
  const writes = statementsFor(sqlite).writes;
  let statement = writes.get(text);
  if (!statement) writes.set(text, (statement = sqlite.prepare(text)));
  return statement;
}

/** A column default as SQLite reports it (an SQL literal) → the value. */
function decodeDefault(literal: unknown): Value {
  if (typeof literal !== 'string') return null;
  if (/^'.*'$/s.test(literal)) return literal.slice(1, -1).replace(/''/g, "'");
  if (/^-?\d+(\.\d+)?$/.test(literal)) return Number(literal);
  return null;
}

export function tableInfo(sqlite: BetterSqlite3.Database, table: SyncedTable): TableStatements {
  const entry = statementsFor(sqlite);
  let info = entry.tables.get(table);
  if (!info) {
    const rows = sqlite.prepare(`SELECT name, "notnull" AS not_null, dflt_value FROM pragma_table_info(?)`).all(table) as { name: string; not_null: number; dflt_value: unknown }[];
    const columns = rows.map((r) => ({ name: r.name, notNull: r.not_null === 1, hasDefault: r.dflt_value !== null, defaultValue: decodeDefault(r.dflt_value) }));
    const keys = sqlite.prepare('SELECT "from", "table" FROM pragma_foreign_key_list(?)').all(table) as { from: string; table: string }[];
    info = {
      columns,
      byName: new Map(columns.map((c) => [c.name, c])),
      known: new Set(columns.map((c) => c.name)),
      references: new Map(keys.filter((k) => isSyncedTable(k.table)).map((k) => [k.from, k.table as SyncedTable])),
      select: sqlite.prepare(`SELECT * FROM "${table}" WHERE id = ?`),
      exists: sqlite.prepare(`SELECT 1 FROM "${table}" WHERE id = ?`).pluck(),
      remove: sqlite.prepare(`DELETE FROM "${table}" WHERE id = ?`),
    };
    entry.tables.set(table, info);
  }
  return info;
}

/** Forget cached column lists (after a migration adds a column). */
export function forgetTableInfo(sqlite: BetterSqlite3.Database, table: string): void {
  cache.get(sqlite)?.tables.delete(table);
}

const synced: ReadonlySet<string> = new Set(syncedTables);

export function isSyncedTable(table: string): table is SyncedTable {
  return synced.has(table);
}

export type MaterializeOutcome =
  | { kind: 'created'; after: Record<string, Value> }
  | { kind: 'changed'; before: Record<string, Value>; after: Record<string, Value> }
  /** A link row none of whose shown operations can make it any more (all of them were a void merge's): gone, as on an installation that never had it. */
  | { kind: 'removed'; before: Record<string, Value> }
  | { kind: 'unchanged' }
  | { kind: 'held' };

const bookkeeping = new Set(['id', 'created_at', 'updated_at']);

/**
 * The winning operation of each field of a record: its clock text (whose
 * string order is clock order) and the JSON text of its value.
 */
export type RecordState = ReadonlyMap<string, { readonly hlc: string; readonly value: string | null }>;

/** Fields a merge writes, per table (null: every field); a void merge's operations in them are not shown. */
const mergeWritten: Readonly<Record<string, ReadonlySet<string> | null>> = {
  contact: new Set(['emails', 'phones', 'notes', 'deleted_at', 'merged_into', 'merged_seen']),
  organisation: new Set(['notes', 'deleted_at', 'merged_into', 'merged_seen']),
  affiliation: new Set(['contact_id', 'organisation_id']),
  follow_up: new Set(['owner_contact_id']),
  attendance: null,
  contact_log: new Set(['organisation_id']),
  contact_log_contact: null,
  meeting_series_member: null,
  meeting_series_organisation: null,
  organisation_kommune: null,
  aftale_organisation: null,
  boligomraade_organisation: null,
  /** An organisation merge moves a cycle to the survivor's row (every field); a contact merge repoints the steps' contacts. */
  styringsdialog: null,
  helhedsplan_organisation: null,
  helhedsplan_role: new Set(['contact_id']),
};

interface Candidate {
  readonly hlc: string;
  readonly origin: string;
  readonly value: string | null;
}

/** Rows that exist in the domain tables, per session: references are checked once (bounded above the rows of a team's years, ≈ 600,000 at scale 10). */
const existing = new WeakMap<OpLogSession, Set<string>>();

/** One record being materialised: its operations, read lazily, and what it waits for. */
class RecordReader {
  readonly waitsFor: { table: SyncedTable; id: string }[] = [];
  readonly #row: { id: number } | undefined;
  readonly #histories = new Map<string, Candidate[]>();
  #heads: Map<string, Candidate> | undefined;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly session: OpLogSession,
    private readonly merges: MergeView,
    private readonly table: SyncedTable,
    private readonly rowId: string,
    private readonly known: RecordState | undefined,
    private readonly losers: readonly MergeEdge[],
  ) {
    this.#row = session.rowId(table, rowId, false);
  }

  #fields: Set<string> | undefined;
  /** Fields with at least one operation (own, or forwarded from a record merged into this one). */
  fields(): Set<string> {
    if (this.#fields) return this.#fields;
    const fields = new Set<string>(this.known ? this.known.keys() : this.heads().keys());
    for (const edge of this.losers) {
      for (const field of this.loserReader(edge).fields()) if (forwardedField(field)) fields.add(field);
    }
    this.#fields = fields;
    return fields;
  }

  heads(): Map<string, Candidate> {
    if (!this.#heads) {
      this.#heads = new Map();
      if (this.#row) {
        for (const [field, head] of this.session.heads(this.#row.id)) {
          this.#heads.set(field, { hlc: clockText(head), origin: head.origin, value: this.session.valueOf(head, this.#row.id, this.session.symbolId(field, true)) });
        }
      }
    }
    return this.#heads;
  }

  /** The field's cheap first guess (the known or logged winner; none when records are merged into this one), before every operation is read. */
  first(field: string): { readonly hlc: string; readonly value: string | null } | undefined {
    return this.losers.length === 0 ? (this.known ? this.known.get(field) : this.heads().get(field)) : undefined;
  }

  /** Every operation of the field, newest first, with those forwarded from merged-away records the merge had not seen. */
  history(field: string): Candidate[] {
    let history = this.#histories.get(field);
    if (history) return history;
    history = [];
    const fieldId = this.session.symbolId(field, false);
    if (this.#row && fieldId !== undefined) for (const op of this.session.fieldHistory(this.#row.id, fieldId)) history.push({ hlc: op.hlc, origin: op.origin, value: op.value });
    if (forwardedField(field)) {
      for (const edge of this.losers) {
        const seen = this.merges.seenBy(edge);
        for (const op of this.loserReader(edge).history(field)) if (op.hlc > (seen[op.origin] ?? '')) history.push(op);
      }
      history.sort((a, b) => (a.hlc < b.hlc ? 1 : a.hlc > b.hlc ? -1 : 0));
    }
    this.#histories.set(field, history);
    return history;
  }

  readonly #loserReaders = new Map<string, RecordReader>();
  private loserReader(edge: MergeEdge): RecordReader {
    let reader = this.#loserReaders.get(edge.loser);
    if (!reader) {
      const table = edge.tbl;
      // Losers of losers count too (a chain of merges); resolved merges hold no cycles, and `seen` guards anyway.
      const deeper = depth.get(this) ?? 0;
      const losers = deeper < 32 ? this.merges.losersOf(table, edge.loser) : [];
      reader = new RecordReader(this.sqlite, this.session, this.merges, table, edge.loser, undefined, losers);
      depth.set(reader, deeper + 1);
      this.#loserReaders.set(edge.loser, reader);
    }
    return reader;
  }

  /** Whether a row exists in a domain table (deleted or not); what the foreign key asks at COMMIT. */
  exists(table: SyncedTable, id: string): boolean {
    let known = existing.get(this.session);
    if (!known) existing.set(this.session, (known = new Set()));
    const key = `${table}\u0000${id}`;
    if (known.has(key)) return true;
    if (tableInfo(this.sqlite, table).exists.get(id) === undefined) return false;
    if (known.size > 1_500_000) known.clear();
    known.add(key);
    return true;
  }

  /**
   * A referenced id as the row should hold it: a merged-away contact or
   * organisation means its survivor (the last of the chain that exists), and
   * a row that does not exist (yet) is waited for. Undefined: cannot be shown now.
   */
  reference(field: string, target: SyncedTable, id: string): string | undefined {
    const follows = mergeFollowingReferences[this.table]?.[field];
    const chain = follows ? this.merges.chain(follows, id) : [id];
    for (let i = chain.length - 1; i >= 0; i--) {
      if (this.exists(target, chain[i]!)) return chain[i];
      this.waitsFor.push({ table: target, id: chain[i]! });
    }
    return undefined;
  }
}
const depth = new WeakMap<RecordReader, number>();

/** The field's value from an operation's JSON text (already validated). */
const decoded = (json: string | null): Value => decodeValue(json) ?? null;

/**
 * Brings one row in line with the log; returns what happened, for the import
 * preview. Pass the caller's session when materialising many rows in one
 * transaction (never one kept across transactions: op-log.ts), and `known`
 * when the caller holds every operation of the record — the newest valid one
 * per field (a record an import is the first to name: apply.ts) — so the log
 * is not read back.
 */
export function materializeRow(
  sqlite: BetterSqlite3.Database,
  table: string,
  rowId: string,
  now: string,
  session: OpLogSession = new OpLogSession(sqlite),
  known?: RecordState,
): MaterializeOutcome {
  if (!isSyncedTable(table) || !isValidRowId(table, rowId)) return { kind: 'held' };
  const info = tableInfo(sqlite, table);
  const merges = mergeView(sqlite, session);
  const mergeable = isMergeable(table);
  const losers = mergeable ? merges.losersOf(table, rowId) : [];
  const reader = new RecordReader(sqlite, session, merges, table, rowId, known, losers);
  const written = Object.hasOwn(mergeWritten, table) ? mergeWritten[table] : undefined;
  const effective = mergeable ? merges.effectiveAsLoser(table, rowId) : undefined;

  /** Fields with an operation of a void merge: what it showed before must go (see `unshown`). */
  const voided = new Set<string>();
  const shown = (field: string, candidate: Candidate, validated: boolean): Value | undefined => {
    if (written !== undefined && (written === null || written.has(field)) && merges.isVoidClock(candidate.hlc)) {
      voided.add(field);
      return undefined;
    }
    if (!validated && !isValidValue(table, rowId, field, candidate.value)) return undefined;
    const value = decoded(candidate.value);
    const target = info.references.get(field);
    if (target && typeof value === 'string') return reader.reference(field, target, value);
    return value;
  };

  const state: Record<string, Value> = {};
  const clocks = new Map<string, string>();
  /** Fields with operations of which none can be shown now. */
  const unshown: string[] = [];
  for (const field of reader.fields()) {
    if (!info.known.has(field) || bookkeeping.has(field)) continue;
    if (mergeable && (field === 'merged_into' || field === 'merged_seen')) continue;
    if (field === 'erased_at') continue;
    // The first guess from `known` was validated on arrival (apply.ts); every other candidate is checked here.
    const first = reader.first(field);
    const guess = first && shown(field, { hlc: first.hlc, origin: '', value: first.value }, known !== undefined);
    if (first && guess !== undefined) {
      state[field] = guess;
      clocks.set(field, first.hlc);
      continue;
    }
    let chosen = false;
    for (const candidate of reader.history(field)) {
      if (first && candidate.hlc === first.hlc) continue;
      const value = shown(field, candidate, false);
      if (value === undefined) continue;
      state[field] = value;
      clocks.set(field, candidate.hlc);
      chosen = true;
      break;
    }
    if (!chosen) unshown.push(field);
  }

  // Erased once, erased for good: the first erasure's time, whatever later operations say.
  if (table === 'contact' && info.known.has('erased_at') && reader.fields().has('erased_at')) {
    const erasures = reader.history('erased_at').filter((c) => c.value !== null && c.value !== 'null');
    const first = erasures.at(-1);
    if (first) {
      state.erased_at = isValidValue(table, rowId, 'erased_at', first.value) ? decoded(first.value) : new Date(clockParts(first.hlc).wall).toISOString();
      clocks.set('erased_at', first.hlc);
    } else {
      state.erased_at = null;
    }
  }

  // Merge pointers say which merge holds (merges.ts), not which operation came last.
  if (mergeable) {
    const fields = reader.fields();
    if (effective || fields.has('merged_into')) state.merged_into = effective?.survivor ?? null;
    if (effective || fields.has('merged_seen')) {
      const own = effective && reader.history('merged_seen').find((c) => c.hlc === effective.hlc);
      state.merged_seen = own && isValidValue(table, rowId, 'merged_seen', own.value) ? decoded(own.value) : null;
    }
  }

  let deleteClock: string | null = clocks.get('deleted_at') ?? null;
  let latestEdit = '';
  for (const [field, hlc] of clocks) if (field !== 'deleted_at' && field !== 'erased_at' && hlc > latestEdit) latestEdit = hlc;
  if (effective) {
    // A merged-away row stays deleted for good: its late edits count on the survivor instead (merge-forward.ts).
    if (state.deleted_at === null || state.deleted_at === undefined) {
      state.deleted_at = new Date(clockParts(effective.hlc).wall).toISOString();
      deleteClock = effective.hlc;
    }
  } else if (deleteClock !== null && state.deleted_at !== null && latestEdit > deleteClock && !state.erased_at) {
    state.deleted_at = null;
  }

  const pair = linkPairs[table];
  let pairBroken = false;
  if (pair) {
    const values = pair.map((field) => state[field]);
    if (values.some((v) => v === undefined || v === null) || linkIdOf(table, values as Value[]) !== rowId) {
      const found = findPair(pair, (field) => reader.history(field), (field, candidate) => shown(field, candidate, false), (vals) => linkIdOf(table, vals) === rowId);
      if (found) pair.forEach((field, i) => (state[field] = found[i]!));
      else {
        pairBroken = true;
        for (const field of pair) delete state[field];
      }
    }
  }

  const existingRow = info.select.get(rowId) as Record<string, Value> | undefined;
  if (reader.waitsFor.length > 0) {
    const { wait } = statementsFor(sqlite);
    for (const target of reader.waitsFor) wait.run(target.table, target.id, table, rowId);
  }
  if (!existingRow) {
    if (pairBroken) return { kind: 'held' };
    const missing = info.columns.filter((c) => c.notNull && !c.hasDefault && !bookkeeping.has(c.name) && (!(c.name in state) || state[c.name] === null));
    if (missing.length > 0) return { kind: 'held' };
    const entries: [string, Value][] = [['id', rowId], ['created_at', now], ['updated_at', now], ...Object.entries(state)];
    writeStatement(sqlite, `INSERT INTO "${table}" (${entries.map(([c]) => `"${c}"`).join(', ')}) VALUES (${entries.map(() => '?').join(', ')})`).run(...entries.map(([, v]) => v));
    let made = existing.get(session);
    if (!made) existing.set(session, (made = new Set()));
    if (made.size > 1_500_000) made.clear();
    made.add(`${table}\u0000${rowId}`);
    return { kind: 'created', after: state };
  }
  if (pairBroken) {
    // Only a void merge's operations made this link: it goes, as on an installation where the merge never held.
    info.remove.run(rowId);
    existing.get(session)?.delete(`${table}\u0000${rowId}`);
    return { kind: 'removed', before: existingRow };
  }
  // A field whose operations were all a void merge's goes back to its default, as on an installation where the merge never
  // held. (One whose operations are merely held keeps what it has: its default, or reference data's seeded value.)
  for (const field of unshown) {
    if (!voided.has(field)) continue;
    const column = info.byName.get(field);
    if (column && (column.hasDefault || !column.notNull)) state[field] = column.hasDefault ? column.defaultValue : null;
  }
  const changed = Object.entries(state).filter(([field, value]) => existingRow[field] !== value);
  if (changed.length === 0) return { kind: 'unchanged' };
  writeStatement(sqlite, `UPDATE "${table}" SET ${changed.map(([c]) => `"${c}" = ?`).join(', ')}, updated_at = ? WHERE id = ?`).run(...changed.map(([, v]) => v), now, rowId);
  const before: Record<string, Value> = {};
  for (const [field] of changed) before[field] = existingRow[field] ?? null;
  return { kind: 'changed', before, after: Object.fromEntries(changed) };
}

/** A link row's pair that derives its id, from every value its operations may show (usually one each). */
function findPair(
  pair: readonly string[],
  history: (field: string) => Candidate[],
  shown: (field: string, candidate: Candidate) => Value | undefined,
  derives: (values: Value[]) => boolean,
): Value[] | undefined {
  const options = pair.map((field) => {
    const values = new Set<Value>();
    for (const candidate of history(field)) {
      const value = shown(field, candidate);
      if (value !== undefined && value !== null) values.add(value);
      if (values.size >= 16) break;
    }
    return [...values];
  });
  const pick = (i: number, chosen: Value[]): Value[] | undefined => {
    if (i === options.length) return derives(chosen) ? chosen : undefined;
    for (const value of options[i]!) {
      const found = pick(i + 1, [...chosen, value]);
      if (found) return found;
    }
    return undefined;
  };
  return pick(0, []);
}

/**
 * Records that waited for this row (a reference that had not arrived): taken
 * off the list, to be materialised again now that it exists.
 */
export function takeWaiters(sqlite: BetterSqlite3.Database, table: string, rowId: string): { table: string; rowId: string }[] {
  const s = statementsFor(sqlite);
  const rows = s.waiters.all(table, rowId) as { tbl: string; row_id: string }[];
  if (rows.length === 0) return [];
  s.unwait.run(table, rowId);
  return rows.map((r) => ({ table: r.tbl, rowId: r.row_id }));
}

/** Whether any record waits for a row at all (most databases: none, and imports skip the look-ups). */
export function anyWaiting(sqlite: BetterSqlite3.Database): boolean {
  return statementsFor(sqlite).anyWaiting.get() === 1;
}

/** Mergeable tables in materialisation order; the rest follow in syncedTables order (parents before children). */
export const materializationOrder: readonly string[] = syncedTables;

/**
 * After a migration adds a synced column, operations that were held for it
 * (received from a newer app) take effect: every row of the table that has
 * operations is brought in line with the log again.
 * Migrations that add a synced column must call this.
 */
export async function rematerializeTable(_trx: Transaction<Database>, table: SyncedTable, sqlite: BetterSqlite3.Database): Promise<number> {
  forgetTableInfo(sqlite, table);
  const rows = sqlite.prepare('SELECT r.uuid AS row_id FROM sync_row r JOIN sync_symbol t ON t.id = r.tbl WHERE t.name = ?').all(table) as { row_id: string }[];
  const now = new Date().toISOString();
  const session = new OpLogSession(sqlite);
  let changed = 0;
  for (const { row_id } of rows) {
    const outcome = materializeRow(sqlite, table, row_id, now, session);
    if (outcome.kind === 'changed' || outcome.kind === 'created') changed++;
  }
  return changed;
}

export type { MergeableTable };
