import type BetterSqlite3 from 'better-sqlite3';
import { decodeValue, isValidRowId } from './field-schemas';
import type { MergeableTable } from './merge-forward';
import { mergeChain } from './merge-chain';
import { clockParts, type OpLogSession } from './op-log';

/**
 * Which merges ("Flet") hold, as a function of the set of operations only.
 *
 * A merge is the operation that sets a record's `merged_into` (the loser
 * points at its survivor); every other operation of the same merge carries
 * the same clock (db/duplicates/duplicates.repository.ts). Two laptops can
 * merge concurrently in ways that cannot all hold: X into Y here and Y into X
 * there (both records would end up deleted, each merged into the other), one
 * record into two different survivors, or a person erased elsewhere merged
 * into someone else (the survivor would keep the erased person's e-mails).
 *
 * The rule, over every merge the log holds (sync_merge), highest clock first:
 * a merge is void when its loser is already merged by a later merge, when its
 * loser is an erased contact, or when it would close a cycle. So of two
 * opposite merges the later one wins and exactly one record survives. A void
 * merge's operations are ignored wherever a merge writes (materialize.ts:
 * `voidableFields`): the survivor loses nothing, the moved roles,
 * attendance and memberships go back to the record that now survives, which
 * the winning merge then moves on. Every installation computes the same
 * answer from the same operations, so they converge.
 */
export interface MergeEdge {
  readonly tbl: MergeableTable;
  readonly loser: string;
  readonly survivor: string;
  readonly hlc: string;
  readonly voided: boolean;
}

interface Raw {
  readonly tbl: MergeableTable;
  readonly loser: string;
  readonly survivor: string;
  readonly hlc: string;
  readonly voided: number;
}

const toEdge = (r: Raw): MergeEdge => ({ tbl: r.tbl, loser: r.loser, survivor: r.survivor, hlc: r.hlc, voided: r.voided === 1 });

class MergeStatements {
  readonly insert: BetterSqlite3.Statement;
  readonly byLoser: BetterSqlite3.Statement;
  readonly bySurvivor: BetterSqlite3.Statement;
  readonly setVoided: BetterSqlite3.Statement;
  readonly voided: BetterSqlite3.Statement;
  readonly erasure: BetterSqlite3.Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    this.insert = sqlite.prepare('INSERT OR IGNORE INTO sync_merge (tbl, loser, survivor, hlc, voided) VALUES (?, ?, ?, ?, 0)');
    this.byLoser = sqlite.prepare('SELECT tbl, loser, survivor, hlc, voided FROM sync_merge WHERE tbl = ? AND loser = ?');
    this.bySurvivor = sqlite.prepare('SELECT tbl, loser, survivor, hlc, voided FROM sync_merge WHERE tbl = ? AND survivor = ?');
    this.setVoided = sqlite.prepare('UPDATE sync_merge SET voided = ? WHERE tbl = ? AND loser = ? AND hlc = ?');
    this.voided = sqlite.prepare('SELECT tbl, loser, survivor, hlc, voided FROM sync_merge WHERE voided = 1');
    this.erasure = sqlite.prepare(`SELECT 1 FROM sync_op WHERE tbl = 'contact' AND row_id = ? AND field = 'erased_at' AND value IS NOT NULL AND value <> 'null' LIMIT 1`).pluck();
  }
}

const statementCache = new WeakMap<BetterSqlite3.Database, MergeStatements>();

function statementsFor(sqlite: BetterSqlite3.Database): MergeStatements {
  let s = statementCache.get(sqlite);
  if (!s) statementCache.set(sqlite, (s = new MergeStatements(sqlite)));
  return s;
}

/** Notes a merge operation (a `merged_into` operation with a survivor); true when it is new here. */
export function registerMerge(sqlite: BetterSqlite3.Database, tbl: MergeableTable, loser: string, survivorJson: string | null, hlc: string): boolean {
  const survivor = decodeValue(survivorJson);
  if (typeof survivor !== 'string' || survivor === loser || !isValidRowId(tbl, survivor) || !isValidRowId(tbl, loser)) return false;
  return statementsFor(sqlite).insert.run(tbl, loser, survivor, hlc).changes > 0;
}

/**
 * Decides again which merges hold among every merge connected to `seeds`
 * (records whose merges or erasure changed). Returns the merges whose
 * verdict changed: everything they wrote must be materialised again.
 */
export function resolveMerges(sqlite: BetterSqlite3.Database, seeds: Iterable<{ readonly tbl: MergeableTable; readonly id: string }>): MergeEdge[] {
  const s = statementsFor(sqlite);
  const edges = new Map<string, MergeEdge>();
  const seen = new Set<string>();
  const queue: { tbl: MergeableTable; id: string }[] = [...seeds];
  while (queue.length > 0) {
    const { tbl, id } = queue.pop()!;
    const key = `${tbl}\u0000${id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const raw of [...(s.byLoser.all(tbl, id) as Raw[]), ...(s.bySurvivor.all(tbl, id) as Raw[])]) {
      const edge = toEdge(raw);
      edges.set(`${edge.tbl}\u0000${edge.loser}\u0000${edge.hlc}`, edge);
      queue.push({ tbl, id: edge.loser }, { tbl, id: edge.survivor });
    }
  }
  // Highest clock first (clock text order is clock order); one record per table and id.
  const ordered = [...edges.values()].sort((a, b) => (a.hlc < b.hlc ? 1 : a.hlc > b.hlc ? -1 : a.loser < b.loser ? 1 : -1));
  const parent = new Map<string, string>();
  const root = (node: string): string => {
    let current = node;
    const path: string[] = [];
    for (let next = parent.get(current); next !== undefined; next = parent.get(current)) {
      path.push(current);
      current = next;
    }
    for (const step of path) parent.set(step, current);
    return current;
  };
  const erased = new Map<string, boolean>();
  const isErased = (id: string) => {
    let value = erased.get(id);
    if (value === undefined) erased.set(id, (value = s.erasure.get(id) !== undefined));
    return value;
  };
  const changed: MergeEdge[] = [];
  for (const edge of ordered) {
    const loser = `${edge.tbl}\u0000${edge.loser}`;
    const survivor = `${edge.tbl}\u0000${edge.survivor}`;
    const voided = parent.has(loser) || (edge.tbl === 'contact' && isErased(edge.loser)) || root(survivor) === loser;
    if (!voided) parent.set(loser, survivor);
    if (voided !== edge.voided) {
      s.setVoided.run(voided ? 1 : 0, edge.tbl, edge.loser, edge.hlc);
      changed.push({ ...edge, voided });
    }
  }
  return changed;
}

/**
 * The merges as materialisation needs them, read once per record and cached
 * for the length of one OpLogSession (one transaction). Call `forgetMerges`
 * after resolveMerges changed verdicts within the session.
 */
export class MergeView {
  readonly #s: MergeStatements;
  readonly #voidedClocks: Set<string>;
  readonly #asLoser = new Map<string, MergeEdge[]>();
  readonly #asSurvivor = new Map<string, MergeEdge[]>();
  readonly #seen = new Map<string, Record<string, string>>();

  constructor(
    readonly sqlite: BetterSqlite3.Database,
    readonly session: OpLogSession,
  ) {
    this.#s = statementsFor(sqlite);
    this.#voidedClocks = new Set((this.#s.voided.all() as Raw[]).map((r) => r.hlc));
  }

  /** Whether some void merge was made with this clock (its operations are ignored in merge-written fields). */
  isVoidClock(hlc: string): boolean {
    return this.#voidedClocks.size > 0 && this.#voidedClocks.has(hlc);
  }

  get anyVoid(): boolean {
    return this.#voidedClocks.size > 0;
  }

  #loserEdges(tbl: MergeableTable, id: string): MergeEdge[] {
    const key = `${tbl}\u0000${id}`;
    let edges = this.#asLoser.get(key);
    if (!edges) this.#asLoser.set(key, (edges = (this.#s.byLoser.all(tbl, id) as Raw[]).map(toEdge)));
    return edges;
  }

  /** The merge that holds for a loser (at most one once resolved; the highest clock otherwise). */
  effectiveAsLoser(tbl: MergeableTable, id: string): MergeEdge | undefined {
    let best: MergeEdge | undefined;
    for (const edge of this.#loserEdges(tbl, id)) if (!edge.voided && (!best || edge.hlc > best.hlc)) best = edge;
    return best;
  }

  /** Records merged into this one by merges that hold. */
  losersOf(tbl: MergeableTable, survivor: string): MergeEdge[] {
    const key = `${tbl}\u0000${survivor}`;
    let edges = this.#asSurvivor.get(key);
    if (!edges) this.#asSurvivor.set(key, (edges = (this.#s.bySurvivor.all(tbl, survivor) as Raw[]).map(toEdge).filter((edge) => !edge.voided && this.effectiveAsLoser(tbl, edge.loser)?.hlc === edge.hlc)));
    return edges;
  }

  /** Follows merges that hold from `id` to its final survivor (the one chain walk: merge-chain.ts). */
  chain(tbl: MergeableTable, id: string): string[] {
    return mergeChain(id, (loser) => this.effectiveAsLoser(tbl, loser)?.survivor);
  }

  /** Per installation, the newest clock of the loser's operations the merge had seen (its `merged_seen`, written with the same clock). */
  seenBy(edge: MergeEdge): Record<string, string> {
    const key = `${edge.tbl}\u0000${edge.loser}\u0000${edge.hlc}`;
    let seen = this.#seen.get(key);
    if (seen) return seen;
    // No prototype: a vector from a file may name any key, "__proto__" included.
    seen = Object.create(null) as Record<string, string>;
    const row = this.session.rowId(edge.tbl, edge.loser, false);
    const field = this.session.symbolId('merged_seen', false);
    if (row && field !== undefined) {
      const clock = clockParts(edge.hlc);
      const op = this.session.fieldHistory(row.id, field).find((o) => o.wall === clock.wall && o.counter === clock.counter && o.origin === clock.origin);
      const text = decodeValue(op?.value ?? null);
      if (typeof text === 'string') {
        try {
          const parsed = JSON.parse(text) as unknown;
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
            for (const [origin, hlc] of Object.entries(parsed)) if (typeof hlc === 'string') seen[origin] = hlc;
          }
        } catch {
          // A malformed vector (only from a foreign writer) forwards everything: nothing is lost.
        }
      }
    }
    this.#seen.set(key, seen);
    return seen;
  }
}

const views = new WeakMap<OpLogSession, MergeView>();

export function mergeView(sqlite: BetterSqlite3.Database, session: OpLogSession): MergeView {
  let view = views.get(session);
  if (!view) views.set(session, (view = new MergeView(sqlite, session)));
  return view;
}

/** After resolveMerges or a new merge within the session: read the merges afresh. */
export function forgetMerges(session: OpLogSession): void {
  views.delete(session);
}
