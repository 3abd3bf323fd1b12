import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { damagePages } from '../../db/backups/backups.testing';
import { openDatabaseSafely } from '../../db/backups/safe-open';
import { openDatabase, type AppDatabase } from '../../db/connection';
import { createContact } from '../../db/contacts/contacts.repository';
import { tempDir } from '../../db/testing/test-database';
import { startIntegrityCheck } from './integrity-check';
import { createJobRunner } from './job-runner';

const workerFile = fileURLToPath(new URL('./job.worker.ts', import.meta.url));
const dirs: string[] = [];
const opened: AppDatabase[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) if (app.sqlite.open) await app.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A database with 300 contacts whose last pages (contacts, search index, log) are then damaged on disk. */
async function databaseDamagedAtTheEnd(): Promise<string> {
  const dir = tempDir();
  dirs.push(dir);
  const file = path.join(dir, 'kredsbog.sqlite');
  const app = await openDatabase(file);
  for (let i = 0; i < 300; i++) await createContact(app.db, { name: `Kontakt ${i} i Ærøskøbing`, emails: [], phones: [], notes: 'Mødes på rådhuset' }, []);
  const pages = app.sqlite.pragma('page_count', { simple: true }) as number;
  await app.close();
  damagePages(file, pages - 3, 3);
  return file;
}

describe('background integrity check', () => {
  it('opens a large database after a light probe, then finds the damage in a worker thread', async () => {
    const file = await databaseDamagedAtTheEnd();
    const { app, recovery, fullCheckPending } = await openDatabaseSafely(file, { fullCheckUpTo: 0, dailyBackup: false });
    opened.push(app);
    expect({ recovery, fullCheckPending }).toEqual({ recovery: null, fullCheckPending: true });
    const onError = vi.fn();
    const backup = vi.fn(async () => undefined);
    const check = startIntegrityCheck(fullCheckPending, createJobRunner({ workerFile, dbFile: app.file }), onError, { delayMs: 0, thenBackup: backup });
    expect(check.state()).toBe('checking');
    await vi.waitFor(() => expect(check.state()).not.toBe('checking'), { timeout: 30_000, interval: 50 });
    expect(check.state()).toBe('damaged');
    // No backup is taken of a damaged file.
    expect(backup).not.toHaveBeenCalled();
    // A reopen on a verified file clears it.
    check.verified();
    expect(check.state()).toBe('ok');
  }, 60_000);

  it('waits until the first view is up, then checks a large database and takes its daily backup once it is found sound', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'kredsbog.sqlite');
    const seeded = await openDatabase(file);
    await createContact(seeded.db, { name: 'Karen Kreds', emails: [], phones: [], notes: '' }, []);
    await seeded.close();
    const { app, fullCheckPending } = await openDatabaseSafely(file, { fullCheckUpTo: 0, dailyBackup: false });
    opened.push(app);
    const jobs = createJobRunner({ workerFile, dbFile: app.file });
    const run = vi.spyOn(jobs, 'run');
    const backup = vi.fn(async () => undefined);
    const check = startIntegrityCheck(fullCheckPending, jobs, vi.fn(), { delayMs: 300, thenBackup: backup });
    // Nothing reads the file while the first view loads.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(run).not.toHaveBeenCalled();
    expect(check.state()).toBe('checking');
    await vi.waitFor(() => expect(check.state()).toBe('ok'), { timeout: 30_000, interval: 50 });
    await vi.waitFor(() => expect(backup).toHaveBeenCalledTimes(1));
  }, 60_000);

  it('checks a small database in full at open and recovers at once (nothing left for the background)', async () => {
    const file = await databaseDamagedAtTheEnd();
    const { app, recovery, fullCheckPending } = await openDatabaseSafely(file, { dailyBackup: false });
    opened.push(app);
    expect(fullCheckPending).toBe(false);
    expect(recovery?.damagedFileKeptAt).toMatch(/kredsbog-beskadiget-.*\.sqlite$/);
    expect(startIntegrityCheck(fullCheckPending, undefined, vi.fn()).state()).toBe('ok');
  });
});
