import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { SYNC_FORMAT, SYNC_FORMAT_VERSION } from '../../common/sync-file.schema';
import { AppError } from '../../common/result';
import type { AppDatabase } from '../connection';
import type { Database } from '../schema';
import { currentClock, getInstallation } from './clock';
import { readSyncFile, writeSyncFile } from './sync-file';
import { importSync, versionVector } from './sync.service';

/**
 * Sync-mappe: a folder that OneDrive, SharePoint, Dropbox or a network share
 * already replicates. Each installation writes its own immutable change files
 * there (`<installation>-<clock>.kredsbog`, never rewritten, never deleting
 * anyone's files) and imports the others' files it has not applied yet —
 * same format, validation and guarantees as manual files. A file that is
 * half-replicated or half-written fails validation and simply waits for the
 * next round; nothing is ever half-applied. The database never lives there.
 */
export interface FolderSyncResult {
  readonly folder: string;
  readonly written: string | null;
  readonly imported: { file: string; applied: number }[];
  readonly waiting: string[];
  readonly at: string;
}

type Db = Kysely<Database>;

async function state(db: Db, key: string): Promise<string | null> {
  return (await db.selectFrom('sync_state').select('value').where('key', '=', key).executeTakeFirst())?.value ?? null;
}

async function setState(db: Db, key: string, value: string): Promise<void> {
  await db.insertInto('sync_state').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

export async function getSyncFolder(db: Db): Promise<{ folder: string | null; lastResult: FolderSyncResult | null }> {
  const last = await state(db, 'folder_last_result');
  return { folder: await state(db, 'folder'), lastResult: last ? (JSON.parse(last) as FolderSyncResult) : null };
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
  const lastWritten = (await state(app.db, 'folder_last_written')) ?? '';
  const mine = await app.db.selectFrom('sync_op').selectAll().where('origin', '=', me.id).where('hlc', '>', lastWritten).orderBy('hlc').orderBy('tbl').orderBy('row_id').orderBy('field').execute();
  let written: string | null = null;
  if (mine.length > 0) {
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
      clock: await currentClock(app.db),
      vector: await versionVector(app.db),
      counts: { operations: mine.length },
    }, mine);
    await setState(app.db, 'folder_last_written', clock);
  }

  // 2. Everyone else's files not applied yet; incomplete ones wait for the next round.
  const applied = new Set<string>(JSON.parse((await state(app.db, 'folder_applied')) ?? '[]') as string[]);
  const imported: { file: string; applied: number }[] = [];
  const waiting: string[] = [];
  const files = fs.readdirSync(folder).filter((f) => f.endsWith('.kredsbog') && !f.startsWith(`${me.id}-`) && !f.startsWith('.')).sort();
  for (const file of files) {
    if (applied.has(file)) continue;
    const full = path.join(folder, file);
    try {
      readSyncFile(full);
    } catch {
      waiting.push(file);
      continue;
    }
    const result = await importSync(app, full, { confirmLargeDeletes: true });
    imported.push({ file, applied: result.report.applied });
    applied.add(file);
    await setState(app.db, 'folder_applied', JSON.stringify([...applied]));
  }
  const result: FolderSyncResult = { folder, written: written ? path.basename(written) : null, imported, waiting, at: new Date().toISOString() };
  await setState(app.db, 'folder_last_result', JSON.stringify(result));
  return result;
}
