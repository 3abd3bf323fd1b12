import { sql, type Kysely, type Transaction } from 'kysely';
import type { ImportUndoState, ImportUndoSummary, RecentImport, UndoImportResult } from '../../common/import-undo.domain';
import { AppError } from '../../common/result';
import type { AppDatabase } from '../connection';
import { deleteRow, restoreRow, updateRow, type MutationContext } from '../mutations';
import { syncedTables, type Database, type SyncedTable } from '../schema';
import { resolveConflictLocally } from './conflicts';
import { createdMarker, importUndo } from './import-changes';
import { isSyncedTable } from './materialize';
import { mergeChainAsync } from './merge-chain';
import type { MergeableTable } from './merge-forward';

/**
 * "Fortryd import": sets every field a sync import changed back to the value
 * it had before, from what the import recorded (db/sync/import-changes.ts),
 * as ordinary new operations through db/mutations.ts in one transaction — so
 * the undo syncs like any edit, and history is never rewritten: a colleague
 * who imports the next file gets the same values back, and re-importing the
 * undone file changes nothing (its operations are already present).
 *
 * Per recorded change:
 * - a field whose value has changed again since the import is left alone (skippedChangedSince);
 * - a record the import created is deleted (tombstone) if still live;
 * - a record the import deleted is restored, one it restored is deleted again;
 * - a GDPR-erased person stays erased: nothing on them or their roles and
 *   invitations is brought back, and `erased_at` is never cleared (skippedErased);
 * - a merge of duplicates stays: the merged record, the survivor's combined
 *   e-mails/phones/notes and the links the merge moved are kept (skippedMerged).
 *   Merges are final by design (db/sync/merge-forward.ts forwards late edits of
 *   a merged record to its survivor; a merge that could be taken back would
 *   make that forwarding depend on the order files arrive in, and installations
 *   would no longer converge).
 * Restores run parents before children, deletes children before parents
 * (the order of `syncedTables`).
 */

type Value = string | number | null;

interface RecordedChange {
  readonly before: Value;
  readonly after: Value;
}

interface RowPlan {
  readonly table: SyncedTable;
  readonly rowId: string;
  created: boolean;
  readonly fields: Map<string, RecordedChange>;
}

/** What the import's journal entry says (sync.service.ts journal), plus what an undo adds. */
interface JournalSummary {
  readonly applied?: number;
  readonly undoable?: boolean;
  /** Fields (and created records) the import changed; journals written before it was recorded lack it. */
  readonly changedFields?: number;
  readonly undoneAt?: string;
  readonly undo?: ImportUndoSummary;
  readonly [key: string]: unknown;
}

/** Columns that name a contact or organisation: a value set back must not name a merged or erased one. */
const references: Readonly<Record<string, Readonly<Record<string, MergeableTable>>>> = {
  affiliation: { contact_id: 'contact', organisation_id: 'organisation' },
  follow_up: { owner_contact_id: 'contact' },
  attendance: { contact_id: 'contact' },
  contact_log: { organisation_id: 'organisation' },
  contact_log_contact: { contact_id: 'contact' },
  meeting_series_member: { contact_id: 'contact' },
  organisation_kommune: { organisation_id: 'organisation' },
  meeting_series_organisation: { organisation_id: 'organisation' },
  aftale_organisation: { organisation_id: 'organisation' },
  boligomraade_organisation: { organisation_id: 'organisation' },
  styringsdialog: { pakke_contact_id: 'contact', aftaler_contact_id: 'contact', referat_contact_id: 'contact', redegoerelse_contact_id: 'contact' },
  helhedsplan_organisation: { organisation_id: 'organisation' },
  helhedsplan_role: { contact_id: 'contact' },
};

/** Link rows with a unique pair: a merge moves them by creating the survivor's link and deleting the merged record's (db/duplicates). */
const linkPairs: Readonly<Record<string, { readonly record: string; readonly other: string }>> = {
  attendance: { record: 'contact_id', other: 'meeting_id' },
  contact_log_contact: { record: 'contact_id', other: 'log_id' },
  meeting_series_member: { record: 'contact_id', other: 'series_id' },
  organisation_kommune: { record: 'organisation_id', other: 'kommune_id' },
  meeting_series_organisation: { record: 'organisation_id', other: 'series_id' },
  aftale_organisation: { record: 'organisation_id', other: 'aftale_id' },
  boligomraade_organisation: { record: 'organisation_id', other: 'boligomraade_id' },
  helhedsplan_organisation: { record: 'organisation_id', other: 'helhedsplan_id' },
};

/** Fields a merge writes on the survivor: kept, or what came from the merged record would vanish with it. */
const survivorFields: Readonly<Record<MergeableTable, readonly string[]>> = { contact: ['emails', 'phones', 'notes'], organisation: ['notes'] };

/** Never set back field by field: bookkeeping, the tombstone (restore/delete instead), merges and erasure. */
const specialFields = new Set(['id', 'created_at', 'updated_at', 'deleted_at', 'merged_into', 'merged_seen', 'erased_at']);

const emptySummary = (): ImportUndoSummary => ({ restoredFields: 0, deletedRecords: 0, restoredRecords: 0, skippedChangedSince: 0, skippedErased: 0, skippedMerged: 0 });

function parseValue(text: string | null): Value {
  if (text === null) return null;
  const value = JSON.parse(text) as unknown;
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

function parseSummary(text: string): JournalSummary {
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as JournalSummary) : {};
  } catch {
    return {};
  }
}

/** The undo state of an import from its journal summary and whether its changes are still kept. */
function stateOf(summary: JournalSummary, kept: boolean): ImportUndoState {
  if (summary.undoneAt) return 'undone';
  if (kept) return 'undoable';
  if (summary.undoable === true || summary.undoable === undefined) return 'tooOld';
  // Not recorded: it changed nothing, or more fields than are kept. The journal says which; older journals only say how many
  // operations were applied (each changed field needs one, so few operations mean nothing changed).
  const changed = summary.changedFields ?? summary.applied ?? 0;
  if (summary.changedFields === 0) return 'nothingChanged';
  return changed > importUndo.maxFields ? 'tooLarge' : 'nothingChanged';
}

const backupAdvice = 'Gendan i stedet sikkerhedskopien fra før importen under Sikkerhedskopier (ændringer efter importen er ikke med i den).';

function refuse(state: ImportUndoState, summary: JournalSummary): never {
  switch (state) {
    case 'undone':
      throw new AppError('VALIDATION', `Importen er allerede fortrudt (${danishTime(summary.undoneAt ?? '')}).`);
    case 'tooLarge':
      throw new AppError('VALIDATION', `Importen ændrede for mange felter (over ${importUndo.maxFields.toLocaleString('da-DK')}) til at kunne fortrydes felt for felt. ${backupAdvice}`);
    case 'tooOld':
      throw new AppError('VALIDATION', `Importen er for gammel til at kunne fortrydes: Kredsbog husker kun, hvad de ${importUndo.keepImports} seneste importer ændrede. ${backupAdvice}`);
    case 'nothingChanged':
      throw new AppError('VALIDATION', 'Importen ændrede ingenting, så der er intet at fortryde.');
    case 'undoable':
      throw new AppError('INTERNAL', 'Importen kan fortrydes.');
  }
}

function danishTime(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', dateStyle: 'short', timeStyle: 'short' }).format(date);
}

/** The most recent imports, newest first, with whether each can be undone. */
export async function listRecentImports(db: Kysely<Database>, limit = 20): Promise<RecentImport[]> {
  const rows = await db
    .selectFrom('sync_journal as j')
    .select((eb) => [
      'j.id',
      'j.at',
      'j.peer_name',
      'j.file_name',
      'j.summary',
      eb.selectFrom('sync_import_change as c').select((e) => e.fn.countAll<number>().as('n')).whereRef('c.journal_id', '=', 'j.id').where('c.field', '<>', createdMarker).as('fields'),
      eb.selectFrom('sync_import_change as c').select((e) => e.fn.countAll<number>().as('n')).whereRef('c.journal_id', '=', 'j.id').where('c.field', '=', createdMarker).as('created'),
    ])
    .where('j.kind', '=', 'import')
    .orderBy('j.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => {
    const summary = parseSummary(row.summary);
    const changedFields = Number(row.fields ?? 0);
    const createdRecords = Number(row.created ?? 0);
    return {
      journalId: row.id!,
      at: row.at,
      peerName: row.peer_name,
      fileName: row.file_name,
      applied: typeof summary.applied === 'number' ? summary.applied : 0,
      state: stateOf(summary, changedFields + createdRecords > 0),
      changedFields,
      createdRecords,
      undoneAt: typeof summary.undoneAt === 'string' ? summary.undoneAt : null,
      undo: summary.undo ?? null,
    };
  });
}

class DryRunRollback extends Error {
  constructor(readonly summary: ImportUndoSummary) {
    super('dry run');
  }
}

export interface UndoImportOptions extends Pick<MutationContext, 'now'> {
  /** Work out what the undo would do inside a transaction that is then rolled back. */
  readonly dryRun?: boolean;
  /** Told how far the undo has come (records planned, then records written), for the job progress. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Undoes one import (its sync_journal id). Refuses with NOT_FOUND for an
 * unknown import and VALIDATION when it cannot be undone (too large, too old,
 * nothing changed, already undone).
 */
export async function undoImport(app: Pick<AppDatabase, 'db'>, journalId: number, options: UndoImportOptions = {}): Promise<UndoImportResult> {
  const now = options.now ?? (() => new Date().toISOString());
  try {
    const summary = await app.db.transaction().execute(async (trx) => {
      const entry = await trx.selectFrom('sync_journal').select(['kind', 'summary']).where('id', '=', journalId).executeTakeFirst();
      if (!entry || entry.kind !== 'import') throw new AppError('NOT_FOUND', 'Importen findes ikke i synkroniseringsloggen.');
      const journal = parseSummary(entry.summary);
      const changes = await trx.selectFrom('sync_import_change').select(['tbl', 'row_id', 'field', 'before', 'after']).where('journal_id', '=', journalId).execute();
      const state = stateOf(journal, changes.length > 0);
      if (state !== 'undoable') refuse(state, journal);
      const result = await new ImportUndo(trx, { now }, options.onProgress).run(plansOf(changes));
      if (options.dryRun) throw new DryRunRollback(result);
      const undoneAt = now();
      await trx
        .updateTable('sync_journal')
        .set({ summary: JSON.stringify({ ...journal, undoneAt, undo: result }) })
        .where('id', '=', journalId)
        .execute();
      return result;
    });
    return { journalId, undone: true, summary };
  } catch (error) {
    if (error instanceof DryRunRollback) return { journalId, undone: false, summary: error.summary };
    throw error;
  }
}

function plansOf(changes: readonly { tbl: string; row_id: string; field: string; before: string | null; after: string | null }[]): RowPlan[] {
  const plans = new Map<string, RowPlan>();
  for (const change of changes) {
    // Tables this version does not know were never materialised, so never recorded; a newer app's would be skipped here.
    if (!isSyncedTable(change.tbl)) continue;
    const key = `${change.tbl}\u0000${change.row_id}`;
    let plan = plans.get(key);
    if (!plan) plans.set(key, (plan = { table: change.tbl, rowId: change.row_id, created: false, fields: new Map() }));
    if (change.field === createdMarker) plan.created = true;
    else plan.fields.set(change.field, { before: parseValue(change.before), after: parseValue(change.after) });
  }
  return [...plans.values()];
}

const same = (a: Value | undefined, b: Value | undefined) => (a ?? null) === (b ?? null);

type Skip = 'skippedChangedSince' | 'skippedErased' | 'skippedMerged';

/** What to do with one record: restore it, set fields back, delete it. */
interface RowAction {
  readonly plan: RowPlan;
  restore: boolean;
  remove: boolean;
  readonly updates: Record<string, Value>;
}

class ImportUndo {
  private readonly summary = emptySummary();
  /** Survivors of merges this import made, by table: their merge-written fields stay. */
  private readonly survivors = new Map<string, Set<string>>();
  /** Merged record → survivor, for merges this import made. */
  private readonly mergedBy = new Map<string, string>();
  private readonly erasedCache = new Map<string, boolean>();
  /** Whether anyone here is erased at all: if not, no change can concern an erased person. */
  private anyErased = false;
  private readonly mergedCache = new Map<string, boolean>();

  constructor(
    private readonly trx: Transaction<Database>,
    private readonly context: MutationContext,
    private readonly onProgress?: (done: number, total: number) => void,
  ) {}

  private step = 0;
  private total = 1;

  private tick(): void {
    this.step++;
    if (this.onProgress && this.step % 500 === 0) this.onProgress(this.step, this.total);
  }

  async run(plans: readonly RowPlan[]): Promise<ImportUndoSummary> {
    for (const plan of plans) {
      const merged = plan.fields.get('merged_into');
      if (merged && typeof merged.after === 'string' && merged.before === null) {
        this.mergedBy.set(`${plan.table}\u0000${plan.rowId}`, merged.after);
        let set = this.survivors.get(plan.table);
        if (!set) this.survivors.set(plan.table, (set = new Set()));
        set.add(merged.after);
      }
    }
    await this.readLinks(plans);
    this.anyErased = (await this.trx.selectFrom('contact').select('id').where('erased_at', 'is not', null).limit(1).executeTakeFirst()) !== undefined;
    const actions: RowAction[] = [];
    this.total = plans.length * 2;
    for (const plan of plans) {
      this.tick();
      const action = await this.plan(plan, plans);
      if (action) actions.push(action);
    }
    const conflicts = await this.trx.selectFrom('sync_conflict').select(['tbl', 'row_id', 'field']).where('resolved_hlc', 'is', null).execute();
    const openConflicts = new Set(conflicts.map((c) => `${c.tbl}\u0000${c.row_id}\u0000${c.field}`));
    const order = (a: RowAction) => syncedTables.indexOf(a.plan.table);
    const parentsFirst = [...actions].sort((a, b) => order(a) - order(b));
    for (const action of parentsFirst) {
      if (!action.restore) continue;
      await restoreRow(this.trx, action.plan.table, action.plan.rowId, this.context);
      this.summary.restoredRecords++;
    }
    for (const action of parentsFirst) {
      this.tick();
      const fields = Object.keys(action.updates);
      if (fields.length === 0) continue;
      await updateRow(this.trx, action.plan.table, action.plan.rowId, action.updates as never, this.context);
      // The value is settled by this edit: a conflict open on the field is closed here, as the edit closes it elsewhere.
      for (const field of fields) {
        if (openConflicts.has(`${action.plan.table}\u0000${action.plan.rowId}\u0000${field}`)) await resolveConflictLocally(this.trx, action.plan.table, action.plan.rowId, field);
      }
      this.summary.restoredFields += fields.length;
    }
    for (const action of parentsFirst.reverse()) {
      if (!action.remove) continue;
      await deleteRow(this.trx, action.plan.table, action.plan.rowId, this.context);
      this.summary.deletedRecords++;
    }
    return this.summary;
  }

  private skip(reason: Skip, count = 1): void {
    this.summary[reason] += count;
  }

  /** Every recorded change of the row counted as left alone. */
  private skipRow(plan: RowPlan, reason: Skip): null {
    this.skip(reason, plan.fields.size + (plan.created ? 1 : 0));
    return null;
  }

  private async plan(plan: RowPlan, plans: readonly RowPlan[]): Promise<RowAction | null> {
    const { table, rowId } = plan;
    const { rows } = await sql<Record<string, Value>>`SELECT * FROM ${sql.table(table)} WHERE id = ${rowId}`.execute(this.trx);
    const current = rows[0];
    // Recorded but gone (only a damaged database loses rows): nothing to set back.
    if (!current) return this.skipRow(plan, 'skippedChangedSince');

    // An erased person stays erased: neither the contact nor their roles, invitations or memberships come back.
    if (table === 'contact' && (current.erased_at || plan.fields.has('erased_at'))) return this.skipRow(plan, 'skippedErased');
    if (await this.namesErased(table, rowId, current)) return this.skipRow(plan, 'skippedErased');
    // A merged record stays merged (restoreRow refuses it; merges are final), and one whose merge the import made or voided stays as the import left it.
    if ((table === 'contact' || table === 'organisation') && (current.merged_into || plan.fields.has('merged_into'))) return this.skipRow(plan, 'skippedMerged');
    if (this.isMovedLink(plan, current, plans)) return this.skipRow(plan, 'skippedMerged');

    const action: RowAction = { plan, restore: false, remove: false, updates: {} };
    const deleted = current.deleted_at !== null;
    if (plan.created && !deleted) {
      // The import brought the record in. A survivor of a merge it made holds the merged record's details: it stays.
      if (this.isSurvivor(table, rowId)) this.skip('skippedMerged');
      else action.remove = true;
    }
    const tombstone = plan.fields.get('deleted_at');
    if (tombstone && tombstone.before === null && tombstone.after !== null) {
      // The import deleted it: restore it, unless it was restored (nothing to do) or deleted anew since.
      if (deleted && same(current.deleted_at, tombstone.after)) {
        if (await this.namesMerged(table, current)) return this.skipRow(plan, 'skippedMerged');
        action.restore = true;
      } else if (deleted) this.skip('skippedChangedSince');
    } else if (tombstone && tombstone.before !== null && tombstone.after === null) {
      // The import restored it: delete it again, unless it was deleted since.
      if (!deleted) action.remove = true;
    }
    const liveForUpdates = action.restore || !deleted;
    for (const [field, change] of plan.fields) {
      if (specialFields.has(field)) {
        if (field === 'merged_into' || field === 'merged_seen') this.skip('skippedMerged');
        continue;
      }
      if ((table === 'contact' || table === 'organisation') && this.isSurvivor(table, rowId) && survivorFields[table].includes(field)) {
        this.skip('skippedMerged');
        continue;
      }
      if (same(current[field], change.before)) continue;
      if (!same(current[field], change.after) || !liveForUpdates) {
        this.skip('skippedChangedSince');
        continue;
      }
      const target = references[table]?.[field];
      if (target && typeof change.before === 'string') {
        if (target === 'contact' && (await this.isErased(change.before))) {
          this.skip('skippedErased');
          continue;
        }
        if (await this.isMerged(target, change.before)) {
          this.skip('skippedMerged');
          continue;
        }
      }
      action.updates[field] = change.before;
    }
    return action;
  }

  private isSurvivor(table: string, id: string): boolean {
    return this.survivors.get(table)?.has(id) ?? false;
  }

  /**
   * The survivor's copy of a link the import's merge moved (attendance,
   * series membership, organisation ↔ kommune, series ↔ organisation): the
   * change set also holds the merged record's link to the same meeting,
   * series or kommune. It stays, as the merge does.
   */
  private isMovedLink(plan: RowPlan, current: Record<string, Value>, plans: readonly RowPlan[]): boolean {
    const pair = linkPairs[plan.table];
    if (!pair) return false;
    const recordTable = references[plan.table]![pair.record]!;
    const record = current[pair.record];
    if (typeof record !== 'string' || !this.isSurvivor(recordTable, record)) return false;
    return plans.some((other) => {
      if (other.table !== plan.table || other === plan) return false;
      const tombstone = other.fields.get('deleted_at');
      return tombstone !== undefined && tombstone.before === null && tombstone.after !== null && this.linkOf(other, pair, recordTable, record, current[pair.other] ?? null);
    });
  }

  /** Whether a link row the import deleted joined a record the import merged into `survivor` to `otherValue`. */
  private linkOf(other: RowPlan, pair: { record: string; other: string }, recordTable: string, survivor: string, otherValue: Value): boolean {
    const columns = this.linkColumns.get(`${other.table}\u0000${other.rowId}`);
    if (!columns) return false;
    const record = columns[pair.record];
    return same(columns[pair.other], otherValue) && typeof record === 'string' && this.mergedBy.get(`${recordTable}\u0000${record}`) === survivor;
  }

  /** Pair columns of the link rows in the change set (they never change: link ids derive from them). */
  private readonly linkColumns = new Map<string, Record<string, Value>>();

  private async readLinks(plans: readonly RowPlan[]): Promise<void> {
    for (const plan of plans) {
      const pair = linkPairs[plan.table];
      if (!pair) continue;
      const { rows } = await sql<Record<string, Value>>`SELECT ${sql.ref(pair.record)} AS r, ${sql.ref(pair.other)} AS o FROM ${sql.table(plan.table)} WHERE id = ${plan.rowId}`.execute(this.trx);
      if (rows[0]) this.linkColumns.set(`${plan.table}\u0000${plan.rowId}`, { [pair.record]: rows[0].r ?? null, [pair.other]: rows[0].o ?? null });
    }
  }

  /** Whether the row belongs to an erased person: an erased contact's role, invitation, membership or follow-up. */
  private async namesErased(table: string, rowId: string, current: Record<string, Value>): Promise<boolean> {
    const columns = references[table];
    if (!columns || !this.anyErased) return false;
    for (const [column, target] of Object.entries(columns)) {
      if (target !== 'contact') continue;
      const value = current[column];
      if (typeof value === 'string' && (await this.isErased(value))) return true;
    }
    // A role is the erased person's if any operation ever named them (db/sync/erasure.ts): a restore would be undone by the erasure elsewhere.
    if (table === 'affiliation') {
      const named = await this.trx.selectFrom('sync_op').select('value').distinct().where('tbl', '=', 'affiliation').where('row_id', '=', rowId).where('field', '=', 'contact_id').execute();
      for (const { value } of named) {
        const id = parseValue(value);
        if (typeof id === 'string' && (await this.isErased(id))) return true;
      }
    }
    return false;
  }

  /** Whether a restored row would name a merged-away contact or organisation. */
  private async namesMerged(table: string, current: Record<string, Value>): Promise<boolean> {
    for (const [column, target] of Object.entries(references[table] ?? {})) {
      const value = current[column];
      if (typeof value === 'string' && (await this.isMerged(target, value))) return true;
    }
    return false;
  }

  /** Whether the contact, or one it was merged into, is erased. */
  private async isErased(contactId: string): Promise<boolean> {
    if (!this.anyErased) return false;
    const cached = this.erasedCache.get(contactId);
    if (cached !== undefined) return cached;
    let erased = false;
    await mergeChainAsync(contactId, async (id) => {
      const row = await this.trx.selectFrom('contact').select(['erased_at', 'merged_into']).where('id', '=', id).executeTakeFirst();
      if (row?.erased_at) erased = true;
      return row?.merged_into;
    });
    this.erasedCache.set(contactId, erased);
    return erased;
  }

  private async isMerged(table: MergeableTable, id: string): Promise<boolean> {
    const key = `${table}\u0000${id}`;
    const cached = this.mergedCache.get(key);
    if (cached !== undefined) return cached;
    const row = await this.trx.selectFrom(table).select('merged_into').where('id', '=', id).executeTakeFirst();
    const merged = Boolean(row?.merged_into);
    this.mergedCache.set(key, merged);
    return merged;
  }
}
