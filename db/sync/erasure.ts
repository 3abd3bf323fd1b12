import type BetterSqlite3 from 'better-sqlite3';
import type { SyncOperation } from './op-log';
import { clockParts, OpLogSession } from './op-log';

/**
 * "Slet person" (GDPR erasure) must hold under file sync: the operation log
 * keeps every old value, and an older file — or a laptop that edited the
 * person before it heard of the erasure — still carries them. So the log
 * itself is redacted, on every installation, as a function of the set of
 * operations only (installations converge whatever the arrival order):
 *
 * - A contact is erased once any operation sets its `erased_at` (nothing ever
 *   clears it). Its "person rows" are the contact, every contact merged into
 *   it (by any `merged_into` operation, transitively), every affiliation and
 *   kontaktlog link that any `contact_id` operation ever pointed at one of
 *   those contacts, and the kontaktlog entries of those links.
 * - Every operation of a person row on a personal field (contact name,
 *   emails, phones, notes; affiliation title; a logged contact's note) holds the erased value — also
 *   one that arrives later, and one made after the erasure on a laptop that
 *   had not heard of it: the erasure wins over personal fields.
 * - A person row stays deleted: with T the clock of the first erasure and V
 *   the time it set, every `deleted_at` operation at or after T
 *   says V, and every clock at or after T at which the row has operations
 *   also has a `deleted_at` operation (added with that clock and origin, like
 *   a forwarded merge edit). So the latest operation of the row is always a
 *   delete: a late edit or restore cannot bring the row back ("edit beats
 *   delete" in materialize.ts never fires). Roles the erasure had not seen
 *   (made concurrently elsewhere) are deleted by the operation added at T.
 * - Open conflicts on those fields are closed: both sides are redacted.
 *
 * Writes only sync_op and sync_conflict (not domain tables); the caller
 * brings the returned rows in line with the log (materializeRow).
 */

const erasedName = 'Slettet person';

/** JSON text of the erased value of each personal field, by table. */
export const redactedFields: Readonly<Record<'contact' | 'affiliation' | 'contact_log' | 'contact_log_contact' | 'helhedsplan_role', Readonly<Record<string, string>>>> = {
  contact: { name: JSON.stringify(erasedName), emails: JSON.stringify('[]'), phones: JSON.stringify('[]'), notes: JSON.stringify('') },
  affiliation: { title: JSON.stringify('') },
  // The kontaktlog (migration 0018): an entry with the person is about them — its note is erased and it stays deleted,
  // also for the others in it (the note is gone, so it says nothing); the person's link rows stay deleted.
  contact_log: { note: JSON.stringify('') },
  contact_log_contact: {},
  // A seat in a helhedsplan's bestyrelse/styregruppe/følgegruppe (migration 0022) is a role like an affiliation.
  helhedsplan_role: { title: JSON.stringify('') },
};

export const erasedContactName = erasedName;

type PersonTable = keyof typeof redactedFields;

export interface PersonRow {
  readonly table: PersonTable;
  readonly rowId: string;
}

const isPersonTable = (table: string): table is PersonTable => Object.hasOwn(redactedFields, table);

function parseString(value: string | null): string | null {
  if (value === null) return null;
  try {
    const parsed = JSON.parse(value) as unknown;
    return typeof parsed === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

class ErasureStatements {
  readonly anyErasure: BetterSqlite3.Statement;
  readonly erasures: BetterSqlite3.Statement;
  readonly referenceValues: BetterSqlite3.Statement;
  readonly referencing: BetterSqlite3.Statement;
  readonly redactField: BetterSqlite3.Statement;
  readonly rowClocks: BetterSqlite3.Statement;
  readonly closeConflicts: BetterSqlite3.Statement;
  readonly mergesOf: BetterSqlite3.Statement;
  readonly redactChanges: BetterSqlite3.Statement;
  readonly mergesInto: BetterSqlite3.Statement;
  readonly redactAt: BetterSqlite3.Statement;
  readonly logContacts: BetterSqlite3.Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    this.anyErasure = sqlite.prepare(`SELECT 1 FROM sync_op WHERE tbl = 'contact' AND field = 'erased_at' AND value IS NOT NULL AND value <> 'null' LIMIT 1`).pluck();
    this.erasures = sqlite.prepare(`SELECT hlc, origin, value FROM sync_op WHERE tbl = 'contact' AND row_id = ? AND field = 'erased_at' AND value IS NOT NULL AND value <> 'null' ORDER BY hlc LIMIT 1`);
    this.referenceValues = sqlite.prepare('SELECT DISTINCT value FROM sync_op WHERE tbl = ? AND row_id = ? AND field = ?').pluck();
    this.referencing = sqlite.prepare('SELECT DISTINCT row_id FROM sync_op WHERE tbl = ? AND field = ? AND value = ?').pluck();
    // On the log's tables (not the sync_op view), so .changes counts what was rewritten.
    this.redactField = sqlite.prepare('UPDATE sync_log SET value = ? WHERE row = ? AND field = ? AND value IS NOT ?');
    this.rowClocks = sqlite.prepare('SELECT hlc, min(origin) AS origin FROM sync_op WHERE tbl = ? AND row_id = ? AND hlc >= ? GROUP BY hlc');
    this.redactChanges = sqlite.prepare(
      'UPDATE sync_import_change SET before = CASE WHEN before IS NULL THEN NULL ELSE @value END, after = CASE WHEN after IS NULL THEN NULL ELSE @value END WHERE tbl = @tbl AND row_id = @rowId AND field = @field AND (before IS NOT @value OR after IS NOT @value)',
    );
    this.mergesOf = sqlite.prepare(`SELECT survivor, hlc FROM sync_merge WHERE tbl = 'contact' AND loser = ?`);
    this.mergesInto = sqlite.prepare(`SELECT loser FROM sync_merge WHERE tbl = 'contact' AND survivor = ? AND hlc = ?`).pluck();
    this.redactAt = sqlite.prepare('UPDATE sync_log SET value = ? WHERE row = ? AND field = ? AND wall = ? AND counter = ? AND origin = (SELECT id FROM sync_origin WHERE installation = ?) AND value IS NOT ?');
    // Who is in a logged contact: from the link rows' table (their ids derive from the pair, they are never removed),
    // as a link's operations cannot be found by value through an index. A link that arrives with the erasure's file is
    // itself touched, and reaches its entry through personRows.
    this.logContacts = sqlite.prepare('SELECT contact_id FROM contact_log_contact WHERE log_id = ?').pluck();
    this.closeConflicts = sqlite.prepare(
      `UPDATE sync_conflict SET resolved_hlc = winner_hlc WHERE tbl = ? AND row_id = ? AND resolved_hlc IS NULL AND field IN (SELECT value FROM json_each(?))`,
    );
  }
}

const statementCache = new WeakMap<BetterSqlite3.Database, ErasureStatements>();

function statementsFor(sqlite: BetterSqlite3.Database): ErasureStatements {
  let statements = statementCache.get(sqlite);
  if (!statements) statementCache.set(sqlite, (statements = new ErasureStatements(sqlite)));
  return statements;
}

interface Erasure {
  /** Clock and origin of the first operation that erased the contact. */
  readonly hlc: string;
  readonly origin: string;
  /** Its time (the value it set): every person row's tombstone carries it. */
  readonly deletedAt: string;
}

function erasureOf(s: ErasureStatements, contactId: string): Erasure | null {
  const first = s.erasures.get(contactId) as { hlc: string; origin: string; value: string } | undefined;
  if (!first) return null;
  // A malformed value (only from a foreign writer) still erases: the clock's wall time stands in.
  const deletedAt = parseString(first.value) ?? new Date(Number(first.hlc.slice(0, 16))).toISOString();
  return { hlc: first.hlc, origin: first.origin, deletedAt };
}

/** Contacts a row belongs to: an affiliation's contacts, then up every merge pointer. */
function contactsAbove(s: ErasureStatements, table: PersonTable, rowId: string): Set<string> {
  const queue =
    table === 'contact'
      ? [rowId]
      : table === 'contact_log'
        ? (s.logContacts.all(rowId) as string[])
        : (s.referenceValues.all(table, rowId, 'contact_id') as (string | null)[]).map(parseString).filter((id): id is string => id !== null);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const next of s.referenceValues.all('contact', id, 'merged_into') as (string | null)[]) {
      const target = parseString(next);
      if (target) queue.push(target);
    }
  }
  return seen;
}

/** Erased contacts a row belongs to (usually none or one). */
function erasuresAbove(s: ErasureStatements, table: PersonTable, rowId: string): Map<string, Erasure> {
  const found = new Map<string, Erasure>();
  for (const id of contactsAbove(s, table, rowId)) {
    const erasure = erasureOf(s, id);
    if (erasure) found.set(id, erasure);
  }
  return found;
}

/** The person rows of an erased contact: it, the contacts merged into it, and all their roles. */
function personRows(s: ErasureStatements, contactId: string): PersonRow[] {
  const contacts = new Set<string>();
  const queue = [contactId];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (contacts.has(id)) continue;
    contacts.add(id);
    queue.push(...(s.referencing.all('contact', 'merged_into', JSON.stringify(id)) as string[]));
  }
  const rows: PersonRow[] = [...contacts].map((rowId) => ({ table: 'contact', rowId }));
  const roles = new Set<string>();
  for (const id of contacts) for (const role of s.referencing.all('affiliation', 'contact_id', JSON.stringify(id)) as string[]) roles.add(role);
  for (const rowId of roles) rows.push({ table: 'affiliation', rowId });
  const seats = new Set<string>();
  for (const id of contacts) for (const seat of s.referencing.all('helhedsplan_role', 'contact_id', JSON.stringify(id)) as string[]) seats.add(seat);
  for (const rowId of seats) rows.push({ table: 'helhedsplan_role', rowId });
  const links = new Set<string>();
  for (const id of contacts) for (const link of s.referencing.all('contact_log_contact', 'contact_id', JSON.stringify(id)) as string[]) links.add(link);
  const entries = new Set<string>();
  for (const link of links) {
    rows.push({ table: 'contact_log_contact', rowId: link });
    for (const value of s.referenceValues.all('contact_log_contact', link, 'log_id') as (string | null)[]) {
      const entry = parseString(value);
      if (entry) entries.add(entry);
    }
  }
  for (const rowId of entries) rows.push({ table: 'contact_log', rowId });
  return rows;
}

/** Redacts one person row's log; returns the number of operations written. */
function redactRow(s: ErasureStatements, log: OpLogSession, row: PersonRow, erasures: ReadonlyMap<string, Erasure>): number {
  const first = [...erasures.values()].reduce((a, b) => (b.hlc < a.hlc ? b : a));
  const deletedAt = JSON.stringify(first.deletedAt);
  const record = log.rowId(row.table, row.rowId, true).id;
  const deletedField = log.symbolId('deleted_at', true);
  let written = 0;
  for (const [field, value] of Object.entries(redactedFields[row.table])) {
    const fieldId = log.symbolId(field, false);
    if (fieldId !== undefined) written += s.redactField.run(value, record, fieldId, value).changes;
    // What recent imports changed, kept for "Fortryd import" (import-changes.ts), holds the old values too.
    s.redactChanges.run({ value, tbl: row.table, rowId: row.rowId, field });
  }
  // Added with the clock (and so the origin) of an operation already there: every installation adds the same ones.
  if (log.insert(clockParts(first.hlc), record, deletedField, deletedAt, null)) written++;
  for (const { hlc } of s.rowClocks.all(row.table, row.rowId, first.hlc) as { hlc: string }[]) {
    if (log.insert(clockParts(hlc), record, deletedField, deletedAt, null)) written++;
  }
  written += log.overwriteFrom(record, deletedField, clockParts(first.hlc), deletedAt);
  s.closeConflicts.run(row.table, row.rowId, JSON.stringify([...Object.keys(redactedFields[row.table]), 'deleted_at']));
  return written;
}

export interface ErasureSettlement {
  /** Person rows of erased contacts among (or above) the given rows: bring each in line with the log. */
  readonly rows: PersonRow[];
  /** Operations rewritten or added in the log. */
  readonly redactedOperations: number;
}

/**
 * Redacts the log of every erased person that any of `touched` belongs to.
 * Call after new operations are in sync_op and before materialising.
 */
export function settleErasures(sqlite: BetterSqlite3.Database, touched: Iterable<{ readonly table: string; readonly rowId: string }>): ErasureSettlement {
  const s = statementsFor(sqlite);
  if (!s.anyErasure.get()) return { rows: [], redactedOperations: 0 };
  const erased = new Set<string>();
  for (const { table, rowId } of touched) {
    if (!isPersonTable(table)) continue;
    for (const id of erasuresAbove(s, table, rowId).keys()) erased.add(id);
  }
  const rows = new Map<string, PersonRow>();
  // The erasures that reached each row: a kontaktlog entry's people may not be in its table yet during an import.
  const reachedBy = new Map<string, Map<string, Erasure>>();
  for (const id of [...erased].sort()) {
    const erasure = erasureOf(s, id);
    for (const row of personRows(s, id)) {
      const key = `${row.table}\u0000${row.rowId}`;
      rows.set(key, row);
      if (erasure) reachedBy.set(key, new Map([...(reachedBy.get(key) ?? []), [id, erasure]]));
    }
  }
  let redactedOperations = 0;
  const log = new OpLogSession(sqlite);
  for (const [key, row] of rows) {
    const erasures = new Map([...(reachedBy.get(key) ?? []), ...erasuresAbove(s, row.table, row.rowId)]);
    if (erasures.size > 0) redactedOperations += redactRow(s, log, row, erasures);
  }
  // A merge of the person into someone else (void: merges.ts) copied their e-mails, phones and notes onto that record with
  // the merge's clock: those operations are redacted too, so no byte of the person stays in the log.
  for (const row of [...rows.values()]) {
    if (row.table !== 'contact') continue;
    for (const { survivor, hlc } of s.mergesOf.all(row.rowId) as { survivor: string; hlc: string }[]) {
      if (rows.has(`contact\u0000${survivor}`)) continue;
      const record = log.rowId('contact', survivor, false);
      if (!record) continue;
      const clock = clockParts(hlc);
      let changed = 0;
      for (const [field, value] of Object.entries(redactedFields.contact)) {
        const fieldId = log.symbolId(field, false);
        if (fieldId !== undefined) changed += s.redactAt.run(value, record.id, fieldId, clock.wall, clock.counter, clock.origin, value).changes;
      }
      if (changed > 0) {
        redactedOperations += changed;
        rows.set(`contact\u0000${survivor}`, { table: 'contact', rowId: survivor });
      }
    }
  }
  log.flush();
  return { rows: [...rows.values()], redactedOperations };
}

/**
 * For the import loop: the value to store for an incoming operation — its
 * own, or the erased value when it is a personal field of an erased person.
 * (settleErasures makes the log right in any case; redacting on arrival also
 * keeps an old value out of conflict detection.)
 */
export function incomingRedaction(sqlite: BetterSqlite3.Database): (op: SyncOperation) => string | null {
  const s = statementsFor(sqlite);
  if (!s.anyErasure.get()) return (op) => op.value;
  return (op) => {
    if (!isPersonTable(op.tbl)) return op.value;
    const erased = redactedFields[op.tbl][op.field];
    if (erased === undefined && op.field !== 'deleted_at') return op.value;
    const erasures = erasuresAbove(s, op.tbl, op.row_id);
    if (erasures.size > 0) {
      if (erased !== undefined) return erased;
      // Every tombstone at or after the first erasure says its time (redactRow).
      const first = [...erasures.values()].reduce((a, b) => (b.hlc < a.hlc ? b : a));
      return op.hlc >= first.hlc ? JSON.stringify(first.deletedAt) : op.value;
    }
    // What a merge of an erased person copied onto another record (settleErasures).
    if (op.tbl === 'contact' && erased !== undefined) {
      for (const loser of s.mergesInto.all(op.row_id, op.hlc) as string[]) if (erasuresAbove(s, 'contact', loser).size > 0) return erased;
    }
    return op.value;
  };
}

/**
 * After an erasure has committed (here or by import): SQLite wrote the
 * redacted pages to the WAL, and the pages with the old values may still be
 * there as earlier frames. A TRUNCATE checkpoint copies the current pages
 * into the database file (where secure_delete zeroes what was freed) and
 * empties the WAL. If a reader holds an old snapshot the checkpoint cannot
 * finish; the next one (at the latest when the database closes) does.
 */
export function scrubAfterErasure(sqlite: BetterSqlite3.Database): void {
  if (sqlite.memory) return;
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
}
