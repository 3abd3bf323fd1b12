import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppDatabase } from '../../db/connection';
import { getInstallation, setInstallationName } from '../../db/sync/clock';
import { pageConflicts, resolveConflict } from '../../db/sync/conflicts';
import { recordHistoryPage } from '../../db/sync/history';
import { listRecentImports, undoImport } from '../../db/sync/import-undo';
import { confirmFolderFile, dismissFolderFile, getSyncFolder, retryFolderFile, setSyncFolder, syncFolderNow } from '../../db/sync/sync-folder';
import { exportSync, importSync, listPeers, previewImport } from '../../db/sync/sync.service';
import type { HandlersFor } from './handler.types';

async function status(app: AppDatabase) {
  const installation = await getInstallation(app.db);
  const operations = Number((await app.db.selectFrom('sync_op').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const openConflicts = Number((await app.db.selectFrom('sync_conflict').select((eb) => eb.fn.countAll<number>().as('n')).where('resolved_hlc', 'is', null).executeTakeFirstOrThrow()).n);
  const journal = await app.db.selectFrom('sync_journal').select(['at', 'peer_name', 'file_name', 'summary']).orderBy('id', 'desc').limit(20).execute();
  return {
    installation: { id: installation.id, name: installation.name },
    peers: await listPeers(app.db),
    operations,
    openConflicts,
    journal: journal.map((j) => ({ at: j.at, peerName: j.peer_name, fileName: j.file_name, summary: j.summary })),
  };
}

/** The uploaded bytes as a temporary file, removed again whatever happens. */
async function withTempFile<T>(payload: { fileName: string; base64: string }, work: (file: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-import-'));
  const name = path.basename(payload.fileName).replace(/[^\w.æøåÆØÅ-]/g, '_');
  // "." or ".." would name the folder itself or its parent: never a name to write to.
  const file = path.join(dir, /^\.*$/.test(name) ? 'import.kredsbog' : name);
  try {
    fs.writeFileSync(file, Buffer.from(payload.base64, 'base64'));
    return await work(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const syncHandlers: HandlersFor<'sync'> = {
  'sync.status': async (_input, { app }) => status(app),
  'sync.rename': async ({ name }, { app }) => {
    await setInstallationName(app.db, name);
    return status(app);
  },
  'sync.export': async ({ peerId }, { app, version, jobs }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-export-'));
    try {
      const { id, name } = await getInstallation(app.db);
      // Name for people, installation id and second for uniqueness: two laptops with the same user name never collide.
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      const fileName = `${name.replace(/[^\wæøåÆØÅ-]+/g, '-')}-${id.slice(-6)}-${stamp}.kredsbog`;
      const request = { out: path.join(dir, fileName), peerId, appVersion: version };
      const result = jobs ? await jobs.run('sync.export', request) : await exportSync(app, request);
      return { fileName, base64: fs.readFileSync(result.file).toString('base64'), operations: result.operations };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  'sync.preview': async (payload, { app, jobs }) => withTempFile(payload, (file) => (jobs ? jobs.run('sync.preview', { file }) : previewImport(app, file))),
  'sync.import': async ({ confirmLargeDeletes, ...payload }, { app, jobs }) =>
    withTempFile(payload, (file) => (jobs ? jobs.run('sync.import', { file, confirmLargeDeletes }) : importSync(app, file, { confirmLargeDeletes }))),
  'sync.folder': async (_input, { app }) => getSyncFolder(app.db),
  'sync.setFolder': async ({ folder }, { app }) => {
    await setSyncFolder(app, folder);
    return getSyncFolder(app.db);
  },
  'sync.folderNow': async (_input, { app, version }) => syncFolderNow(app, version),
  'sync.folderConfirm': async ({ file }, { app }) => confirmFolderFile(app, file),
  'sync.folderDismiss': async ({ file }, { app }) => dismissFolderFile(app, file),
  'sync.folderRetry': async ({ file }, { app }) => retryFolderFile(app, file),
  'sync.imports': async (_input, { app }) => listRecentImports(app.db),
  'sync.undoImport': async ({ journalId, dryRun }, { app, jobs }) => (jobs ? jobs.run('sync.undoImport', { journalId, dryRun }) : undoImport(app, journalId, { dryRun })),
  'sync.history': async ({ table, id, before, limit }, { app }) => recordHistoryPage(app.db, table, id, { before, limit }),
  'sync.conflicts': async ({ offset, limit }, { app }) => pageConflicts(app.db, { offset, limit }),
  'sync.resolve': async ({ id, keep }, { app }) => {
    await resolveConflict(app.db, id, keep);
    return pageConflicts(app.db, { offset: 0, limit: 50 });
  },
};
