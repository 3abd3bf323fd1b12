import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { getInstallation } from './clock';

export interface HistoryEntry {
  readonly hlc: string;
  readonly at: string;
  readonly installationId: string;
  readonly installationName: string;
  readonly mine: boolean;
  readonly changes: { field: string; before: unknown; after: unknown }[];
}

const parse = (value: string | null): unknown => (value === null ? null : (JSON.parse(value) as unknown));

/**
 * A record's change history from the operation log: who (which
 * installation), when, and each field's old → new value. Newest first.
 */
export async function recordHistory(db: Kysely<Database>, table: string, rowId: string): Promise<HistoryEntry[]> {
  const me = await getInstallation(db);
  const peers = new Map((await db.selectFrom('sync_peer').select(['installation_id', 'name']).execute()).map((p) => [p.installation_id, p.name]));
  const ops = await db.selectFrom('sync_op').selectAll().where('tbl', '=', table).where('row_id', '=', rowId).orderBy('hlc').orderBy('field').execute();
  return toEntries(ops, new Map(), me, peers);
}


export interface HistoryPage {
  readonly entries: HistoryEntry[];
  /** Pass as `before` for the next (older) page; null when this page reaches the record's creation. */
  readonly nextBefore: string | null;
}

/**
 * One page of a record's history, newest first: at most `limit` changes
 * (clocks) older than `before`. A record edited 10,000 times reads one page
 * of operations through the (tbl, row_id, hlc) index of migration 0012, plus
 * one lookup per changed field for the value it replaced.
 */
export async function recordHistoryPage(db: Kysely<Database>, table: string, rowId: string, options: { readonly before?: string; readonly limit: number }): Promise<HistoryPage> {
  let clocks = db.selectFrom('sync_op').select('hlc').distinct().where('tbl', '=', table).where('row_id', '=', rowId);
  if (options.before) clocks = clocks.where('hlc', '<', options.before);
  const found = (await clocks.orderBy('hlc', 'desc').limit(options.limit + 1).execute()).map((r) => r.hlc);
  const page = found.slice(0, options.limit);
  if (page.length === 0) return { entries: [], nextBefore: null };
  const newest = page[0]!;
  const oldest = page.at(-1)!;
  const me = await getInstallation(db);
  const peers = new Map((await db.selectFrom('sync_peer').select(['installation_id', 'name']).execute()).map((p) => [p.installation_id, p.name]));
  const ops = await db.selectFrom('sync_op').selectAll().where('tbl', '=', table).where('row_id', '=', rowId).where('hlc', '>=', oldest).where('hlc', '<=', newest).orderBy('hlc').orderBy('field').execute();
  const lastValue = new Map<string, unknown>();
  for (const field of new Set(ops.map((op) => op.field))) {
    const previous = await db
      .selectFrom('sync_op')
      .select('value')
      .where('tbl', '=', table)
      .where('row_id', '=', rowId)
      .where('field', '=', field)
      .where('hlc', '<', oldest)
      .orderBy('hlc', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (previous) lastValue.set(field, parse(previous.value));
  }
  return { entries: toEntries(ops, lastValue, me, peers), nextBefore: found.length > options.limit ? oldest : null };
}

interface Op {
  readonly hlc: string;
  readonly field: string;
  readonly value: string | null;
  readonly origin: string;
}

/** Groups operations (oldest first) by clock, newest entry first; `lastValue` holds each field's value before the first op. */
function toEntries(ops: readonly Op[], lastValue: Map<string, unknown>, me: { readonly id: string; readonly name: string }, peers: ReadonlyMap<string, string>): HistoryEntry[] {
  const entries = new Map<string, HistoryEntry>();
  for (const op of ops) {
    let entry = entries.get(op.hlc);
    if (!entry) {
      entry = {
        hlc: op.hlc,
        at: new Date(Number(op.hlc.slice(0, 16))).toISOString(),
        installationId: op.origin,
        installationName: op.origin === me.id ? me.name : (peers.get(op.origin) ?? op.origin),
        mine: op.origin === me.id,
        changes: [],
      };
      entries.set(op.hlc, entry);
    }
    const after = parse(op.value);
    entry.changes.push({ field: op.field, before: lastValue.has(op.field) ? lastValue.get(op.field) : null, after });
    lastValue.set(op.field, after);
  }
  return [...entries.values()].reverse();
}
