import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { SYNC_FORMAT, SYNC_FORMAT_VERSION } from '../../common/sync-file.schema';
import { AppError } from '../../common/result';
import type { AppDatabase } from '../connection';
import type { Database } from '../schema';
import { z } from 'zod';
import { folderHeldFileSchema, folderSetAsideFileSchema, type FolderFileOutcome, type FolderHeldFile, type FolderSetAsideFile } from '../../common/sync-folder.domain';
import { folderSyncResultSchema, type SyncFolderStatus } from '../../common/sync.domain';
import { currentClock, getInstallation, markExported } from './clock';
import { clockParts, compareClocks, readOperations, type LogSelection } from './op-log';
import { isHlc } from '../../common/hlc';
import { verifySyncFile, writeSyncFile } from './sync-file';
import { importSync, previewImport, versionVector } from './sync.service';

/**
 * Sync-mappe: a folder that OneDrive, SharePoint, Dropbox or a network share
 * already replicates. Each installation writes its own immutable change files
 * there (`<installation>-<clock>.kredsbog`, never rewritten, never deleting
 * anyone's files) and imports the others' files it has not applied yet —
 * same format, validation and guarantees as manual files. A file that is
 * half-replicated or half-written fails validation and simply waits for the
 * next round; nothing is ever half-applied. The database never lives there.
 *
 * Two kinds of file wait for the user instead, named in the round's result
 * and the folder status (Synkronisering), while the other files keep flowing
 * in the same round:
 * - held back: it would delete more than 20 % of a table's live rows (the
 *   same guard as a manual import). Applied only when the user confirms it
 *   (confirmFolderFile), never when dismissed (dismissFolderFile, remembered).
 * - set aside: complete, but applying it failed (refused by validation, or
 *   an unexpected error), with its Danish reason; tried again only by
 *   "Prøv igen" (retryFolderFile). Files are never moved or deleted: the
 *   folder is everyone's.
 * What stops a round instead is a problem with this computer (full disk,
 * read-only or busy database, I/O error): every file would fail the same
 * way, so none is set aside and the next round tries them all again.
 */
export interface FolderSyncResult {
  readonly folder: string;
  readonly written: string | null;
  readonly imported: { file: string; applied: number }[];
  readonly waiting: string[];
  /** All files the mass-deletion guard holds back, not only this round's. */
  readonly heldBack: FolderHeldFile[];
  /** All files set aside because they failed to apply. */
  readonly setAside: FolderSetAsideFile[];
  readonly at: string;
}

type Db = Kysely<Database>;

async function state(db: Db, key: string): Promise<string | null> {
  return (await db.selectFrom('sync_state').select('value').where('key', '=', key).executeTakeFirst())?.value ?? null;
}

async function setState(db: Db, key: string, value: string): Promise<void> {
  await db.insertInto('sync_state').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

const keys = { applied: 'folder_applied', held: 'folder_held', setAside: 'folder_set_aside', dismissed: 'folder_dismissed' } as const;

/** One JSON list kept in sync_state; anything unreadable counts as empty. */
function parseList<T>(text: string | null, item: z.ZodType<T>): T[] {
  if (!text) return [];
  try {
    const parsed = z.array(item).safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

interface FolderFiles {
  readonly applied: string[];
  readonly held: FolderHeldFile[];
  readonly setAside: FolderSetAsideFile[];
  readonly dismissed: string[];
}

async function readFolderFiles(db: Db): Promise<FolderFiles> {
  const rows = await db.selectFrom('sync_state').select(['key', 'value']).where('key', 'in', Object.values(keys)).execute();
  const text = (key: string) => rows.find((r) => r.key === key)?.value ?? null;
  return {
    applied: parseList(text(keys.applied), z.string()),
    held: parseList(text(keys.held), folderHeldFileSchema),
    setAside: parseList(text(keys.setAside), folderSetAsideFileSchema),
    dismissed: parseList(text(keys.dismissed), z.string()),
  };
}

/**
 * Read, change and write the folder's file lists in one transaction: the
 * scheduled round and the user's confirm/dismiss/retry share the connection
 * and never lose each other's changes.
 */
async function updateFolderFiles(db: Db, change: (files: FolderFiles) => FolderFiles): Promise<FolderFiles> {
  return db.transaction().execute(async (trx) => {
    const before = await readFolderFiles(trx);
    const after = change(before);
    for (const [name, key] of Object.entries(keys) as [keyof FolderFiles, string][]) {
      const value = JSON.stringify(after[name]);
      if (value !== JSON.stringify(before[name])) await setState(trx, key, value);
    }
    return after;
  });
}

export async function getSyncFolder(db: Db): Promise<SyncFolderStatus> {
  const last = await state(db, 'folder_last_result');
  let lastResult: FolderSyncResult | null = null;
  try {
    const parsed = last ? folderSyncResultSchema.safeParse(JSON.parse(last)) : null;
    lastResult = parsed?.success ? parsed.data : null;
  } catch {
    lastResult = null;
  }
  const files = await readFolderFiles(db);
  return { folder: await state(db, 'folder'), lastResult, heldBack: files.held, setAside: files.setAside };
}

/** Choose (or clear) the folder; refuses the database's own folder. */
export async function setSyncFolder(app: AppDatabase, folder: string | null): Promise<void> {
  if (folder === null) {
    await app.db.deleteFrom('sync_state').where('key', '=', 'folder').execute();
    return;
  }
  const resolved = path.resolve(folder);
  if (!fs.existsSync(resolved) || !fs.statSync(resolved).isDirectory()) throw new AppError('VALIDATION', 'Mappen findes ikke.', [{ path: ['folder'], message: 'validation.folder' }]);
  const dbDir = path.dirname(path.resolve(app.file));
  if (app.file !== ':memory:' && (resolved === dbDir || resolved.startsWith(dbDir + path.sep) || dbDir.startsWith(resolved + path.sep))) {
    throw new AppError('VALIDATION', 'Synkroniseringsmappen må ikke være databasens egen mappe.', [{ path: ['folder'], message: 'validation.folderIsDatabase' }]);
  }
  await setState(app.db, 'folder', resolved);
}

/** One round: write my new changes, import the others' new files. */
export async function syncFolderNow(app: AppDatabase, appVersion: string): Promise<FolderSyncResult> {
  const folder = await state(app.db, 'folder');
  if (!folder) throw new AppError('VALIDATION', 'Der er ikke valgt en synkroniseringsmappe.');
  if (!fs.existsSync(folder)) throw new AppError('VALIDATION', `Synkroniseringsmappen findes ikke (længere): ${folder}`);
  const me = await getInstallation(app.db);

  // 1. My own operations since my last file, as a new immutable file.
  const lastWritten = await state(app.db, 'folder_last_written');
  const after = lastWritten && isHlc(lastWritten) ? clockParts(lastWritten) : null;
  const selection: LogSelection = {
    ...(after ? { since: { wall: after.wall, counter: after.counter } } : {}),
    include: (clock) => clock.origin === me.id && (after === null || compareClocks(clock, after) > 0),
  };
  const headerClock = await currentClock(app.db);
  // No await from here to the written file: no edit slips in between the mark and the write (db/sync/clock.ts markExported).
  const mine = [...readOperations(app.sqlite, selection)];
  let written: string | null = null;
  if (mine.length > 0) {
    markExported(app.sqlite);
    const clock = mine.at(-1)!.hlc;
    written = path.join(folder, `${me.id}-${clock.slice(0, 21)}.kredsbog`);
    writeSyncFile(written, {
      format: SYNC_FORMAT,
      formatVersion: SYNC_FORMAT_VERSION,
      minReaderVersion: 1,
      schemaVersion: app.schemaVersion,
      appVersion,
      installationId: me.id,
      installationName: me.name,
      createdAt: new Date().toISOString(),
      clock: headerClock,
      vector: versionVector(app),
      counts: { operations: mine.length },
    }, mine);
    await setState(app.db, 'folder_last_written', clock);
  }

  // 2. Everyone else's files not applied yet; incomplete ones wait for the next round, and so do those waiting for the user.
  const known = await readFolderFiles(app.db);
  const skip = new Set([...known.applied, ...known.dismissed, ...known.held.map((h) => h.file), ...known.setAside.map((s) => s.file)]);
  const imported: { file: string; applied: number }[] = [];
  const waiting: string[] = [];
  const files = folderFiles(folder, me.id);
  for (const file of files) {
    if (skip.has(file)) continue;
    const outcome = await attemptFile(app, folder, file, false);
    if (outcome.kind === 'imported') imported.push({ file, applied: outcome.applied });
    if (outcome.kind === 'waiting') waiting.push(file);
  }
  // Files gone from the folder no longer wait for anyone.
  const present = new Set(files);
  const pending = await updateFolderFiles(app.db, (f) => ({ ...f, held: f.held.filter((h) => present.has(h.file)), setAside: f.setAside.filter((s) => present.has(s.file)) }));
  const result: FolderSyncResult = {
    folder,
    written: written ? path.basename(written) : null,
    imported,
    waiting,
    heldBack: pending.held,
    setAside: pending.setAside,
    at: new Date().toISOString(),
  };
  await setState(app.db, 'folder_last_result', JSON.stringify(result));
  return result;
}

/** The others' change files in the folder, in name order (each installation's in clock order). */
function folderFiles(folder: string, me: string): string[] {
  return fs.readdirSync(folder).filter((f) => f.endsWith('.kredsbog') && !f.startsWith(`${me}-`) && !f.startsWith('.')).sort();
}

type Attempt =
  | { readonly kind: 'imported'; readonly applied: number }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'held'; readonly tables: string[] }
  | { readonly kind: 'setAside'; readonly reason: string };

/** Codes that say this computer has a problem, not the file: the round stops and every file is tried again next time. */
const environmentCodes: ReadonlySet<string> = new Set(['DB_READ_ONLY', 'DISK_FULL', 'DB_BUSY', 'DB_CORRUPT', 'DB_IO_ERROR', 'CANCELLED']);

function isEnvironmentError(error: unknown): boolean {
  if (error instanceof AppError) return environmentCodes.has(error.code);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  return (
    ['SQLITE_FULL', 'ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'SQLITE_NOTADB'].includes(code) ||
    ['SQLITE_READONLY', 'SQLITE_BUSY', 'SQLITE_IOERR', 'SQLITE_CORRUPT'].some((prefix) => code.startsWith(prefix))
  );
}

/** The Danish reason a file was set aside: our own message for an expected refusal, a fixed sentence otherwise (never the error's text, which may quote data). */
function setAsideReason(error: unknown): string {
  if (error instanceof AppError && error.code !== 'INTERNAL') return error.message;
  return 'Filen kunne ikke indlæses på grund af en uventet fejl. Intet fra filen er ændret.';
}

/**
 * Tries one file and remembers what became of it. An incomplete file waits;
 * a file the guard stops (more than 20 % of a table's live rows deleted,
 * unless `confirmLargeDeletes`) is held back with those tables; a complete
 * file that fails otherwise is set aside with its reason; problems of this
 * computer are thrown.
 *
 * The file is read and validated once, by the import itself (readSyncFile,
 * before anything touches the database). Only when that fails is it verified
 * on its own, to tell a file still being copied into the folder (it waits,
 * whatever the import said) from a complete one that is refused.
 */
async function attemptFile(app: AppDatabase, folder: string, file: string, confirmLargeDeletes: boolean): Promise<Attempt> {
  const full = path.join(folder, file);
  let outcome: Attempt;
  try {
    const result = await importSync(app, full, { confirmLargeDeletes });
    outcome = { kind: 'imported', applied: result.report.applied };
  } catch (error) {
    if (!(await isComplete(full))) {
      outcome = { kind: 'waiting' };
    } else {
      if (isEnvironmentError(error)) throw error;
      const tables = !confirmLargeDeletes && error instanceof AppError && error.code === 'CONFLICT' ? await largeDeletesOf(app, full) : [];
      outcome = tables.length > 0 ? { kind: 'held', tables } : { kind: 'setAside', reason: setAsideReason(error) };
    }
  }
  await remember(app.db, file, outcome);
  return outcome;
}

/** Whether the file is whole (gzip, trailer and checksum), without parsing its operations. */
async function isComplete(full: string): Promise<boolean> {
  try {
    await verifySyncFile(full);
    return true;
  } catch {
    return false;
  }
}

/** Which tables a file would delete more than 20 % of (nothing changes); none when it cannot be previewed. */
async function largeDeletesOf(app: AppDatabase, full: string): Promise<string[]> {
  try {
    return (await previewImport(app, full)).largeDeletes;
  } catch (error) {
    if (isEnvironmentError(error)) throw error;
    return [];
  }
}

async function remember(db: Db, file: string, outcome: Attempt): Promise<void> {
  const at = new Date().toISOString();
  await updateFolderFiles(db, (f) => {
    const held = f.held.filter((h) => h.file !== file);
    const setAside = f.setAside.filter((s) => s.file !== file);
    if (outcome.kind === 'imported') return { ...f, applied: f.applied.includes(file) ? f.applied : [...f.applied, file], held, setAside };
    if (outcome.kind === 'held') return { ...f, held: [...held, { file, tables: outcome.tables, at: f.held.find((h) => h.file === file)?.at ?? at }], setAside };
    if (outcome.kind === 'setAside') return { ...f, held, setAside: [...setAside, { file, reason: outcome.reason, at }] };
    return { ...f, held, setAside };
  });
}

async function folderOrThrow(db: Db): Promise<string> {
  const folder = await state(db, 'folder');
  if (!folder) throw new AppError('VALIDATION', 'Der er ikke valgt en synkroniseringsmappe.');
  return folder;
}

export interface FolderFileActionResult {
  readonly outcome: FolderFileOutcome;
  readonly status: SyncFolderStatus;
}

/** The user confirms a held-back file: it is imported with its deletions now (or set aside, if it fails otherwise). */
export async function confirmFolderFile(app: AppDatabase, file: string): Promise<FolderFileActionResult> {
  const folder = await folderOrThrow(app.db);
  const known = await readFolderFiles(app.db);
  if (!known.held.some((h) => h.file === file)) throw new AppError('NOT_FOUND', 'Filen venter ikke (længere) på din bekræftelse.');
  const outcome = await attemptFile(app, folder, file, true);
  return { outcome: outcome.kind, status: await getSyncFolder(app.db) };
}

/** The user dismisses a held-back or set-aside file: it is never imported, and that is remembered. The file stays in the folder. */
export async function dismissFolderFile(app: AppDatabase, file: string): Promise<FolderFileActionResult> {
  await folderOrThrow(app.db);
  const known = await readFolderFiles(app.db);
  if (!known.held.some((h) => h.file === file) && !known.setAside.some((s) => s.file === file)) {
    throw new AppError('NOT_FOUND', 'Filen venter ikke (længere) på dig.');
  }
  await updateFolderFiles(app.db, (f) => ({
    ...f,
    held: f.held.filter((h) => h.file !== file),
    setAside: f.setAside.filter((s) => s.file !== file),
    dismissed: f.dismissed.includes(file) ? f.dismissed : [...f.dismissed, file],
  }));
  return { outcome: 'dismissed', status: await getSyncFolder(app.db) };
}

/** "Prøv igen": a set-aside file is tried again now, guard included. */
export async function retryFolderFile(app: AppDatabase, file: string): Promise<FolderFileActionResult> {
  const folder = await folderOrThrow(app.db);
  const known = await readFolderFiles(app.db);
  if (!known.setAside.some((s) => s.file === file)) throw new AppError('NOT_FOUND', 'Filen er ikke lagt til side (længere).');
  const outcome = await attemptFile(app, folder, file, false);
  return { outcome: outcome.kind, status: await getSyncFolder(app.db) };
}
