import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, openSqlite, type AppDatabase } from '../connection';
import { createContact } from '../contacts/contacts.repository';
import { tempDir } from '../testing/test-database';
import { backupScopeOf, createBackup, listBackups } from './backups.service';
import { damagePages } from './backups.testing';
import { clearRecovery, openDatabaseSafely, readRecovery, startupError } from './safe-open';

const dirs: string[] = [];
const opened: AppDatabase[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) if (app.sqlite.open) await app.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}

const person = (name: string) => ({ name, emails: [], phones: [], notes: '' });
const names = (app: AppDatabase) => app.sqlite.prepare('SELECT name FROM contact ORDER BY name').pluck().all();

/** A real database with data and backups, closed, then damaged on disk. */
async function damagedDatabaseWithBackups() {
  const dir = folder();
  const file = path.join(dir, 'kredsbog.sqlite');
  const app = await openDatabase(file);
  await createContact(app.db, person('Mette Ørsted'), []);
  const older = await createBackup(app, 'dagligt', new Date('2026-11-20T07:00:00.000Z'));
  await createContact(app.db, person('Åse Bøgh'), []);
  const newest = await createBackup(app, 'foer-import', new Date('2026-11-22T07:00:00.000Z'));
  for (let i = 0; i < 60; i++) await createContact(app.db, person(`Kontakt ${i} fra Køge`), []);
  await app.close();
  damagePages(file, 2, 12);
  return { dir, file, older, newest };
}

describe('openDatabaseSafely', () => {
  const now = new Date('2026-11-23T08:00:00.000Z');

  it('opens a healthy database, takes the daily backup and reports no recovery', async () => {
    const dir = folder();
    const file = path.join(dir, 'kredsbog.sqlite');
    const first = await openDatabase(file);
    await createContact(first.db, person('Mette Ørsted'), []);
    await first.close();
    const { app, recovery } = await openDatabaseSafely(file, { now });
    opened.push(app);
    expect(recovery).toBeNull();
    expect(names(app)).toEqual(['Mette Ørsted']);
    expect(listBackups(backupScopeOf(app)).map((b) => b.reason)).toEqual(['dagligt']);
  });

  it('keeps a damaged database aside and restores the newest good backup', async () => {
    const { dir, file, older, newest } = await damagedDatabaseWithBackups();
    // The newest backup is damaged too: the one before it is used.
    damagePages(path.join(dir, 'backups', newest.name), 2, 4);
    const { app, recovery } = await openDatabaseSafely(file, { now });
    opened.push(app);
    const damagedAt = path.join(dir, 'kredsbog-beskadiget-2026-11-23T08-00-00-000Z.sqlite');
    expect(recovery).toEqual({ restoredFrom: older.name, backupTakenAt: older.createdAt, damagedFileKeptAt: damagedAt, recoveredAt: now.toISOString() });
    expect(names(app)).toEqual(['Mette Ørsted']);
    expect(fs.existsSync(damagedAt)).toBe(true);
    // The backups themselves are untouched, and the notice is stored until read.
    expect(listBackups(backupScopeOf(app)).map((b) => b.name)).toEqual(expect.arrayContaining([older.name, newest.name]));
    expect(await readRecovery(app.db)).toEqual(recovery);
    await clearRecovery(app.db);
    expect(await readRecovery(app.db)).toBeNull();
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('moves a stale -wal aside with the damaged file, so it never meets the restored one', async () => {
    const dir = folder();
    const file = path.join(dir, 'kredsbog.sqlite');
    const app = await openDatabase(file);
    await createContact(app.db, person('Mette Ørsted'), []);
    const backup = await createBackup(app, 'dagligt', new Date('2026-11-22T07:00:00.000Z'));
    for (let i = 0; i < 60; i++) await createContact(app.db, person(`Kontakt ${i} fra Køge`), []);
    await app.close();
    // An unclean shutdown: committed pages still in the -wal beside a damaged main file.
    const writer = openSqlite(file);
    writer.pragma('wal_autocheckpoint = 0');
    writer.prepare(`UPDATE contact SET name = 'Ændret efter backup'`).run();
    fs.copyFileSync(`${file}-wal`, path.join(dir, 'wal-copy'));
    writer.close();
    fs.copyFileSync(path.join(dir, 'wal-copy'), `${file}-wal`);
    fs.rmSync(path.join(dir, 'wal-copy'));
    damagePages(file, 2, 12);
    const { app: reopened, recovery } = await openDatabaseSafely(file, { now });
    opened.push(reopened);
    expect(recovery?.restoredFrom).toBe(backup.name);
    expect(names(reopened)).toEqual(['Mette Ørsted']);
    expect(fs.existsSync(`${recovery?.damagedFileKeptAt}-wal`)).toBe(true);
  });

  it('restores the newest backup when the file is not a database at all (SQLITE_NOTADB)', async () => {
    const { file, newest } = await damagedDatabaseWithBackups();
    damagePages(file, 1, 1);
    const { app, recovery } = await openDatabaseSafely(file, { now });
    opened.push(app);
    expect(recovery?.restoredFrom).toBe(newest.name);
    expect(names(app)).toEqual(['Mette Ørsted', 'Åse Bøgh']);
  });

  it('starts empty but keeps the damaged file when there is no backup', async () => {
    const { dir, file } = await damagedDatabaseWithBackups();
    fs.rmSync(path.join(dir, 'backups'), { recursive: true });
    const { app, recovery } = await openDatabaseSafely(file, { now });
    opened.push(app);
    expect(recovery).toEqual({ restoredFrom: null, backupTakenAt: null, damagedFileKeptAt: path.join(dir, 'kredsbog-beskadiget-2026-11-23T08-00-00-000Z.sqlite'), recoveredAt: now.toISOString() });
    expect(names(app)).toEqual([]);
    expect(fs.statSync(recovery?.damagedFileKeptAt ?? '').size).toBeGreaterThan(0);
  });

  it('refuses to start empty when a moved database is missing', async () => {
    const file = path.join(folder(), 'flyttet', 'kredsbog.sqlite');
    await expect(openDatabaseSafely(file, { now, mustExist: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });

  it('turns a read-only database and a full disk into clear Danish errors', () => {
    const dir = folder();
    const file = path.join(dir, 'kredsbog.sqlite');
    const setup = new BetterSqlite3(file);
    setup.exec('CREATE TABLE t (x)');
    setup.close();
    const readOnly = new BetterSqlite3(file, { readonly: true });
    let sqliteError: unknown;
    try {
      readOnly.exec('INSERT INTO t VALUES (1)');
    } catch (error) {
      sqliteError = error;
    } finally {
      readOnly.close();
    }
    expect(startupError(sqliteError, file)).toMatchObject({ code: 'DB_READ_ONLY', message: expect.stringContaining('skrivebeskyttet') });
    expect(startupError(Object.assign(new Error('no space'), { code: 'ENOSPC' }), file)).toMatchObject({
      code: 'DISK_FULL',
      message: `Disken med databasen (${dir}) er fuld. Kredsbog er ikke startet, og intet er ændret — frigør plads og start igen.`,
    });
    const other = new Error('noget andet');
    expect(startupError(other, file)).toBe(other);
  });
});
