import { sql, type Insertable, type Transaction } from 'kysely';
import { AppError } from '../common/result';
import { newId } from './ids';
import type { Database, SyncedTable } from './schema';
import { rawConnection } from './safety/safe-rollback-dialect';
import { exportedWatermark, nextClock } from './sync/clock';
import { mergeChainAsync } from './sync/merge-chain';
import { isMergeable, mergeFollowingReferences } from './sync/merge-forward';
import { registerMerge } from './sync/merges';
import { isValidRowId, isValidValue } from './sync/field-schemas';
import { materializeRow } from './sync/materialize';
import { clockParts, clockText, compareClocks, OpLogSession, type FieldHead } from './sync/op-log';

/**
 * THE single write path for user data. Every create, field update, delete
 * (tombstone) and restore of a synced table goes through these functions,
 * inside the caller's transaction, and each records its field-level
 * operations in sync_op with one new clock — in the same transaction, so the
 * log and the tables can never disagree. A repository that writes a synced
 * table any other way silently breaks sync (mutations-only.test.ts fails if one does).
 * Only db/sync/materialize.ts writes domain rows otherwise: it applies the log.
 *
 * Local edits that no file has carried yet are coalesced: a new operation on
 * a field whose newest operation is this installation's own and newer than
 * the highest clock ever written to an export or sync-folder file replaces
 * that operation (keeping its `prev`), so typing a minute with pauses costs
 * one operation, not one per autosave. Nothing a file has carried is ever
 * rewritten (the watermark in db/sync/clock.ts). A follow-up's status is never
 * coalesced: each change is an event on the timelines (`eventFields`).
 */

type Bookkeeping = 'id' | 'created_at' | 'updated_at' | 'deleted_at';
export type Fields<T extends SyncedTable> = Omit<Insertable<Database[T]>, Bookkeeping>;
export type FieldChanges<T extends SyncedTable> = Partial<Fields<T>>;
type Value = string | number | null;

export interface MutationContext {
  /** ISO timestamp source; injectable so tests and sync can control time. */
  readonly now?: () => string;
  /** Record the operation even if the value is unchanged (resolving a sync conflict in favour of the current value). */
  readonly force?: boolean;
  /**
   * The clock to record with, from nextClock: one event that spans several
   * rows gives all of them one clock ("Flet": db/sync/merges.ts tells a
   * merge's operations by it). Unset: a new clock per call.
   */
  readonly clock?: string;
}

const isoNow = () => new Date().toISOString();

function columnsOf(fields: object): [string, Value][] {
  return Object.entries(fields).filter(([, v]) => v !== undefined) as [string, Value][];
}

/**
 * A reference to a merged-away contact or organisation means its survivor —
 * exactly as db/sync/materialize.ts resolves it for rows that arrive by sync,
 * so a row reads the same on every installation. It walks the `merged_into`
 * column, not the merge registry: why both give the same chain is in
 * db/sync/merge-chain.ts.
 */
async function followMerges(trx: Transaction<Database>, table: SyncedTable, columns: [string, Value][]): Promise<[string, Value][]> {
  const references = mergeFollowingReferences[table];
  if (!references) return columns;
  const resolved: [string, Value][] = [];
  for (const [column, value] of columns) {
    const target = references[column];
    const current =
      target && typeof value === 'string'
        ? (await mergeChainAsync(value, async (id) => (await trx.selectFrom(target).select('merged_into').where('id', '=', id).executeTakeFirst())?.merged_into)).at(-1)!
        : value;
    resolved.push([column, current]);
  }
  return resolved;
}

/** Creates a row and returns its id (a new UUIDv7 unless a derived id is given). */
export async function createRow<T extends SyncedTable>(
  trx: Transaction<Database>,
  table: T,
  fields: Fields<T>,
  options: MutationContext & { readonly id?: string } = {},
): Promise<string> {
  const id = options.id ?? newId();
  const stamp = (options.now ?? isoNow)();
  const values = await followMerges(trx, table, columnsOf(fields));
  const columns: [string, Value][] = [['id', id], ['created_at', stamp], ['updated_at', stamp], ['deleted_at', null], ...values];
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map(([c]) => sql.ref(c)))}) VALUES (${sql.join(columns.map(([, v]) => sql.val(v)))})`.execute(trx);
  await recordOps(trx, table, id, [['deleted_at', null], ...values], options.clock);
  return id;
}

const mergePointers = new Set(['merged_into', 'merged_seen']);
/**
 * Fields whose every change is an event a timeline shows (db/hub/timeline.repository.ts reads a
 * follow-up's status changes from the log), so a change is never folded into the previous one.
 * Changes of these are rare (a follow-up's status moves a few times), so the log barely grows.
 */
const eventFields: ReadonlySet<string> = new Set(['follow_up.status']);

async function recordOps(trx: Transaction<Database>, table: SyncedTable, id: string, fields: readonly [string, Value][], given?: string): Promise<void> {
  if (fields.length === 0) return;
  const hlc = given ?? (await nextClock(trx));
  const sqlite = rawConnection(trx);
  const session = new OpLogSession(sqlite);
  const clock = clockParts(hlc);
  const watermark = exportedWatermark(sqlite);
  const row = session.rowId(table, id, true);
  const heads = row.created ? new Map<string, FieldHead>() : session.heads(row.id);
  for (const [field, value] of fields) {
    const fieldId = session.symbolId(field, true);
    const head = heads.get(field);
    let prev = head ? clockText(head) : null;
    // (An operation of this same clock — one event writing a field twice — is never in a file yet either.)
    // A merge pointer is never replaced: the merge it names is known by it everywhere (db/sync/merges.ts).
    const coalesce = head && head.origin === clock.origin && (watermark === null || compareClocks(head, watermark) > 0) && !mergePointers.has(field) && !eventFields.has(`${table}.${field}`);
    if (head && (coalesce || (head.origin === clock.origin && compareClocks(head, clock) === 0))) {
      // Not carried by any file yet: replace it, keeping what it replaced.
      session.remove(head, row.id, fieldId);
      if (compareClocks(head, clock) !== 0) repointConflicts(sqlite, table, id, field, clockText(head), hlc);
      prev = head.prev;
    }
    const json = JSON.stringify(value);
    // Under test, every value written here must be one every other installation shows (db/sync/field-schemas.ts), or they would disagree.
    if (process.env.VITEST && (!isValidRowId(table, id) || !isValidValue(table, id, field, json))) throw new Error(`${table}.${field} = ${json.slice(0, 80)} is not valid for its field`);
    session.insert(clock, row.id, fieldId, json, prev);
    // Every merge the log holds is in the merge registry (db/sync/merges.ts), whoever wrote it.
    if (field === 'merged_into' && isMergeable(table)) registerMerge(sqlite, table, id, json, hlc);
  }
  session.flush();
  // A colleague's clock that runs fast is not followed (db/sync/clock.ts: observeClock), so the record may hold an
  // operation newer than this edit: then the edit loses to it, on every installation alike, and the row shows what its log says.
  for (const head of heads.values()) {
    if (compareClocks(head, clock) > 0) {
      materializeRow(sqlite, table, id, new Date().toISOString(), session);
      break;
    }
  }
}

/** A conflict noted against a coalesced operation now names the operation that replaced it. */
function repointConflicts(sqlite: ReturnType<typeof rawConnection>, table: string, id: string, field: string, from: string, to: string): void {
  for (const column of ['winner_hlc', 'loser_hlc', 'resolved_hlc'] as const) {
    sqlite.prepare(`UPDATE sync_conflict SET ${column} = ? WHERE tbl = ? AND row_id = ? AND field = ? AND ${column} = ?`).run(to, table, id, field, from);
  }
}

/** Changes the named fields of a live row; NOT_FOUND when it is absent or deleted. Returns whether anything changed. */
export async function updateRow<T extends SyncedTable>(
  trx: Transaction<Database>,
  table: T,
  id: string,
  changes: FieldChanges<T>,
  options: MutationContext = {},
): Promise<UpdateOutcome> {
  const current = await readRaw(trx, table, id);
  if (!current || current.deleted_at !== null) throw new AppError('NOT_FOUND', 'Posten findes ikke (længere).');
  const changed = (await followMerges(trx, table, columnsOf(changes))).filter(([column, value]) => options.force || current[column] !== value);
  if (changed.length === 0) return { changed: false, updatedAt: String(current.updated_at) };
  const stamp = (options.now ?? isoNow)();
  await sql`UPDATE ${sql.table(table)} SET ${sql.join([...changed, ['updated_at', stamp] as [string, Value]].map(([c, v]) => sql`${sql.ref(c)} = ${v}`))} WHERE id = ${id}`.execute(trx);
  await recordOps(trx, table, id, changed, options.clock);
  return { changed: true, updatedAt: stamp };
}

/** What updateRow did: whether a field changed, and the row's updated_at afterwards (a save's acknowledgement needs no second read). */
export interface UpdateOutcome {
  readonly changed: boolean;
  readonly updatedAt: string;
}

/** Sets the tombstone. Deleting an already deleted row is a no-op. */
export async function deleteRow(trx: Transaction<Database>, table: SyncedTable, id: string, options: MutationContext = {}): Promise<void> {
  const current = await readRaw(trx, table, id);
  if (!current) throw new AppError('NOT_FOUND', 'Posten findes ikke.');
  if (current.deleted_at !== null) return;
  const stamp = (options.now ?? isoNow)();
  await sql`UPDATE ${sql.table(table)} SET deleted_at = ${stamp}, updated_at = ${stamp} WHERE id = ${id}`.execute(trx);
  await recordOps(trx, table, id, [['deleted_at', stamp]], options.clock);
}

/** Clears the tombstone (undo of a delete). Restoring a live row is a no-op. */
export async function restoreRow(trx: Transaction<Database>, table: SyncedTable, id: string, options: MutationContext = {}): Promise<void> {
  const current = await readRaw(trx, table, id);
  if (!current) throw new AppError('NOT_FOUND', 'Posten findes ikke.');
  if (current.deleted_at === null) return;
  // A merged-away record lives on in its survivor; restoring it would split the person in two again.
  if (current.merged_into) throw new AppError('VALIDATION', 'Posten er flettet sammen med en anden og kan ikke gendannes.');
  // An erased person (GDPR "Slet person") stays erased: see db/sync/erasure.ts.
  if (current.erased_at) throw new AppError('VALIDATION', 'Personen er slettet efter GDPR og kan ikke gendannes.');
  const stamp = (options.now ?? isoNow)();
  await sql`UPDATE ${sql.table(table)} SET deleted_at = NULL, updated_at = ${stamp} WHERE id = ${id}`.execute(trx);
  await recordOps(trx, table, id, [['deleted_at', null]], options.clock);
}

/**
 * For link rows with derived ids: makes the link live, creating it or
 * restoring its tombstone, so linking twice (or on two laptops) is one row.
 */
export async function ensureLink<T extends SyncedTable>(
  trx: Transaction<Database>,
  table: T,
  id: string,
  fields: Fields<T>,
  options: MutationContext = {},
): Promise<void> {
  const current = await readRaw(trx, table, id);
  if (!current) await createRow(trx, table, fields, { ...options, id });
  else if (current.deleted_at !== null) await restoreRow(trx, table, id, options);
}

async function readRaw(trx: Transaction<Database>, table: SyncedTable, id: string): Promise<Record<string, Value> | undefined> {
  const { rows } = await sql<Record<string, Value>>`SELECT * FROM ${sql.table(table)} WHERE id = ${id}`.execute(trx);
  return rows[0];
}
