import path from 'node:path';
import type { Kysely } from 'kysely';
import { SYNC_FORMAT, SYNC_FORMAT_VERSION, type SyncHeader } from '../../common/sync-file.schema';
import { AppError } from '../../common/result';
import { applyWithProtection } from '../backups/import-protection';
import type { AppDatabase } from '../connection';
import type { Database } from '../schema';
import { applyOperations, newOperations as freshOperations, previewOperations, type ImportReport, type ProgressReporter, type RowChange, type SyncOperation } from './apply';
import { importUndo, recordImportChanges } from './import-changes';
import { clockAheadWarnings, currentClock, getInstallation, markExported, wallClock } from './clock';
import { scrubAfterErasure } from './erasure';
import { clockParts, compareClocks, countOperations, originMaxima, readOperations, type ClockParts, type LogSelection } from './op-log';
import { isHlc } from '../../common/hlc';
import { readSyncFile, writeSyncFile } from './sync-file';

/** Origin installation → highest clock of its operations held here. */
export type VersionVector = Record<string, string>;

export function versionVector(app: Pick<AppDatabase, 'sqlite'>): VersionVector {
  return originMaxima(app.sqlite);
}

export interface Peer {
  readonly installationId: string;
  readonly name: string;
  readonly lastReceivedAt: string | null;
  readonly lastSentAt: string | null;
}

export async function listPeers(db: Kysely<Database>): Promise<Peer[]> {
  const rows = await db.selectFrom('sync_peer').selectAll().orderBy('name').execute();
  return rows.map((r) => ({ installationId: r.installation_id, name: r.name, lastReceivedAt: r.last_received_at, lastSentAt: r.last_sent_at }));
}

export interface ExportResult {
  readonly file: string;
  readonly operations: number;
  readonly peer: Peer | null;
}

/**
 * Writes a .kredsbog file: everything, or — for a known peer — only what the
 * peer lacks according to the version vector in the last file received from it.
 */
export async function exportSync(app: AppDatabase, options: { readonly out: string; readonly peerId?: string; readonly appVersion: string }): Promise<ExportResult> {
  const { db } = app;
  const installation = await getInstallation(db);
  let peerVector: VersionVector = {};
  let peer: Peer | null = null;
  if (options.peerId) {
    const row = await db.selectFrom('sync_peer').selectAll().where('installation_id', '=', options.peerId).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'Modtageren er ukendt. Importér først en fil fra den, eller eksportér alt.');
    peerVector = JSON.parse(row.last_received_vector) as VersionVector;
    peer = { installationId: row.installation_id, name: row.name, lastReceivedAt: row.last_received_at, lastSentAt: row.last_sent_at };
  }
  // What the peer lacks, per origin: everything above the clock it is known to have. Counted and streamed from the log, never held in memory.
  const selection = peerSelection(app, peerVector);
  const clock = await currentClock(db);
  // From here to the written file nothing awaits, so no edit can slip in between the count, the mark and the write.
  const count = countOperations(app.sqlite, selection);
  // No local operation at or below the current clock may be coalesced any more (db/mutations.ts): this file carries it.
  markExported(app.sqlite);
  const header: SyncHeader = {
    format: SYNC_FORMAT,
    formatVersion: SYNC_FORMAT_VERSION,
    minReaderVersion: 1,
    schemaVersion: app.schemaVersion,
    appVersion: options.appVersion,
    installationId: installation.id,
    installationName: installation.name,
    createdAt: new Date().toISOString(),
    clock,
    vector: versionVector(app),
    counts: { operations: count },
  };
  // Started only now: while it is read, the connection can run nothing else.
  writeSyncFile(options.out, header, readOperations(app.sqlite, selection));
  if (peer) await db.updateTable('sync_peer').set({ last_sent_at: header.createdAt }).where('installation_id', '=', peer.installationId).execute();
  return { file: options.out, operations: count, peer };
}

/**
 * The operations a peer lacks according to its vector: per origin, those
 * above the clock it has. The scan starts at the oldest such clock (or at the
 * beginning when the peer lacks a whole origin); only origins this database
 * holds matter, so a vector of any size costs nothing extra.
 */
function peerSelection(app: AppDatabase, vector: VersionVector): LogSelection {
  const known = new Map<string, ClockParts>();
  for (const [origin, hlc] of Object.entries(vector)) {
    if (isHlc(hlc)) known.set(origin, clockParts(hlc));
  }
  if (known.size === 0) return {};
  let since: ClockParts | null = null;
  let wholeOrigin = false;
  for (const origin of Object.keys(originMaxima(app.sqlite))) {
    const has = known.get(origin);
    // The peer lacks a whole origin: the scan starts at the beginning, but still carries of the others only what it lacks
    // (so a colleague's fast clock, already there, is not sent again to a laptop that would refuse it).
    if (!has) wholeOrigin = true;
    else if (!since || compareClocks(has, since) < 0) since = has;
  }
  if (!since && !wholeOrigin) return { include: () => false };
  return {
    ...(since && !wholeOrigin ? { since: { wall: since.wall, counter: since.counter } } : {}),
    include: (clock) => {
      const has = known.get(clock.origin);
      return !has || compareClocks(clock, has) > 0;
    },
  };
}

export interface ImportPreview {
  readonly sender: { readonly installationId: string; readonly name: string; readonly createdAt: string };
  readonly warnings: string[];
  readonly report: ImportReport;
  /** Tables where the import would delete more than 20 % of the live rows: the user must confirm. */
  readonly largeDeletes: string[];
}

function largeDeletes(report: ImportReport): string[] {
  return Object.entries(report.tables)
    .filter(([, t]) => t.deleted > 0 && t.liveBefore !== null && t.liveBefore > 0 && t.deleted / t.liveBefore > 0.2)
    .map(([table]) => table);
}

async function checkSender(app: AppDatabase, installationId: string): Promise<void> {
  const { id } = await getInstallation(app.db);
  if (installationId === id) throw new AppError('VALIDATION', 'Filen kan ikke importeres: den er lavet af denne installation selv. Intet er ændret.');
}

/** What importing the file would do, computed without changing anything. */
export async function previewImport(app: AppDatabase, file: string, options: { readonly onProgress?: ProgressReporter } = {}): Promise<ImportPreview> {
  const { header, operations, warnings, alreadyImported } = await readSyncFile(file, { now: wallClock.now(), importedFile: importedFile(app), alreadyImported: importedBefore(app) });
  await checkSender(app, header.installationId);
  const fresh = newOperations(app, operations);
  const total = alreadyImported ? header.counts.operations : operations.length;
  const report = withSkipped(await previewOperations(app.db, fresh, app.sqlite, options.onProgress), total - fresh.length);
  return { sender: { installationId: header.installationId, name: header.installationName, createdAt: header.createdAt }, warnings: [...warnings, ...clockAheadWarnings(operations, header.installationId)], report, largeDeletes: largeDeletes(report) };
}

/**
 * Imports a file: validated whole first, then a backup with the backup API,
 * then everything in one transaction (all or nothing), a journal entry and
 * the sender remembered as a peer.
 */
export async function importSync(app: AppDatabase, file: string, options: { readonly confirmLargeDeletes?: boolean; readonly onProgress?: ProgressReporter } = {}): Promise<ImportPreview> {
  const { header, operations, warnings, sha256, fileSha256, alreadyImported } = await readSyncFile(file, { now: wallClock.now(), importedFile: importedFile(app), alreadyImported: importedBefore(app) });
  await checkSender(app, header.installationId);
  const total = alreadyImported ? header.counts.operations : operations.length;
  const changes: RowChange[] = [];
  let changedFields = 0;
  const record = (change: RowChange) => {
    changedFields += change.kind === 'created' ? 1 : Object.keys(change.after).length;
    if (changedFields <= importUndo.maxFields) changes.push(change);
  };
  // Nothing new: no backup (the protection step decides), but the file still tells us what the sender has.
  const { result: report } = await applyWithProtection(app, {
    plan: async () => newOperations(app, operations),
    writes: (fresh) => fresh.length > 0,
    apply: async (trx, fresh) => {
      const result = withSkipped(await applyOperations(trx, fresh, app.sqlite, options.onProgress, record), total - fresh.length);
      const large = largeDeletes(result);
      // Throwing rolls the whole import back: nothing is applied without the user's explicit yes.
      if (large.length > 0 && !options.confirmLargeDeletes) {
        throw new AppError('CONFLICT', `Importen vil slette mere end 20 % af posterne i ${large.join(', ')}. Bekræft udtrykkeligt for at fortsætte.`);
      }
      const received = new Date().toISOString();
      await trx
        .insertInto('sync_peer')
        .values({ installation_id: header.installationId, name: header.installationName, last_received_at: received, last_received_vector: JSON.stringify(header.vector), last_sent_at: null })
        .onConflict((oc) => oc.column('installation_id').doUpdateSet({ name: header.installationName, last_received_at: received, last_received_vector: JSON.stringify(header.vector) }))
        .execute();
      return result;
    },
    // The journal entry and what "Fortryd import" needs commit with the import itself.
    journal: async (trx, _fresh, result) => {
      const undoable = changes.length > 0 && changedFields <= importUndo.maxFields;
      const journalId = await journal(trx, header, file, result, { sha256, fileSha256 }, { undoable, changedFields });
      if (undoable) recordImportChanges(app.sqlite, journalId, changes);
    },
  });
  // The import carried an erasure: the person's old values must leave the WAL too.
  if (report.redacted) scrubAfterErasure(app.sqlite);
  return { sender: { installationId: header.installationId, name: header.installationName, createdAt: header.createdAt }, warnings: [...warnings, ...clockAheadWarnings(operations, header.installationId)], report, largeDeletes: largeDeletes(report) };
}

/**
 * The operations of a file this installation does not have yet (one lookup
 * per clock); one already here with another value refuses the file
 * (apply.ts: a forged or damaged file).
 */
function newOperations(app: AppDatabase, operations: readonly SyncOperation[]): SyncOperation[] {
  return freshOperations(app.sqlite, operations);
}

/** Whether this exact file (by the SHA-256 its trailer carries and readSyncFile verified) was imported here before. */
function importedBefore(app: AppDatabase): (sha256: string) => boolean {
  const statement = app.sqlite.prepare(`SELECT 1 FROM sync_journal WHERE kind = 'import' AND json_extract(summary, '$.sha256') = ? LIMIT 1`).pluck();
  return (sha256) => statement.get(sha256) !== undefined;
}

/** The content SHA-256 recorded when a file with exactly these bytes on disk (their SHA-256) was imported here before, or null: asked before the file is inflated. */
function importedFile(app: AppDatabase): (fileSha256: string) => string | null {
  const statement = app.sqlite.prepare(`SELECT json_extract(summary, '$.sha256') FROM sync_journal WHERE kind = 'import' AND json_extract(summary, '$.fileSha256') = ? LIMIT 1`).pluck();
  return (fileSha256) => {
    const sha256 = statement.get(fileSha256);
    return typeof sha256 === 'string' ? sha256 : null;
  };
}

/** The report over the whole file: operations already present were skipped before applying. */
function withSkipped(report: ImportReport, skipped: number): ImportReport {
  return { ...report, operations: report.operations + skipped, alreadyPresent: report.alreadyPresent + skipped };
}

async function journal(db: Kysely<Database>, header: SyncHeader, file: string, report: ImportReport, identity: { readonly sha256: string; readonly fileSha256: string }, undo: { readonly undoable: boolean; readonly changedFields: number }): Promise<number> {
  const row = await db
    .insertInto('sync_journal')
    .values({ at: new Date().toISOString(), kind: 'import', peer_id: header.installationId, peer_name: header.installationName, file_name: path.basename(file), summary: JSON.stringify({ applied: report.applied, alreadyPresent: report.alreadyPresent, conflicts: report.conflicts, held: report.held, sha256: identity.sha256, fileSha256: identity.fileSha256, undoable: undo.undoable, changedFields: undo.changedFields }) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id!;
}
