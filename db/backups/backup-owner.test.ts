import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { danishInstant } from '../../common/time';
import { backupDatabase, backupName, openDatabase, type AppDatabase } from '../connection';
import { createContact } from '../contacts/contacts.repository';
import { databaseDigest } from '../maintenance';
import { tempDir } from '../testing/test-database';
import { databaseIdIn, ownerTag, ownerTagOfFile } from './backup-owner';
import { backupDirFor, backupScopeOf, checkBackups, createBackup, ensureDailyBackup, listBackups, pruneBackups, restoreBackup } from './backups.service';
import { damagePages } from './backups.testing';
import { openDatabaseSafely } from './safe-open';

const dirs: string[] = [];
const opened: AppDatabase[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) if (app.sqlite.open) await app.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Two databases side by side in one folder, so one `backups/`, each with a contact (and so its id). */
async function twoDatabasesInOneFolder() {
  const dir = tempDir();
  dirs.push(dir);
  const a = await openDatabase(path.join(dir, 'kredsbog.sqlite'));
  const b = await openDatabase(path.join(dir, 'kredsbog-2.sqlite'));
  opened.push(a, b);
  await createContact(a.db, person('Mette Ørsted'), []);
  await createContact(b.db, person('Åse Bøgh'), []);
  return { dir, a, b, backups: backupDirFor(a) };
}

const person = (name: string) => ({ name, emails: [], phones: [], notes: '' });
const names = (app: AppDatabase) => app.sqlite.prepare('SELECT name FROM contact ORDER BY name').pluck().all();
const nameList = (app: AppDatabase) => listBackups(backupScopeOf(app)).map((e) => e.name).sort();

describe('backups belong to their database', () => {
  it('never mixes the backups of two databases in one folder', async () => {
    const { a, b, backups } = await twoDatabasesInOneFolder();
    expect(backupDirFor(b)).toBe(backups);
    const morning = new Date(danishInstant('2026-11-23', 7));

    // Each database's daily backup: the other's backup of the same day does not count.
    const dailyA = await ensureDailyBackup(a, morning);
    const dailyB = await ensureDailyBackup(b, morning);
    expect(dailyA).toMatchObject({ reason: 'dagligt' });
    expect(dailyB).toMatchObject({ reason: 'dagligt' });
    const manualA = await createBackup(a, 'manuel', new Date(danishInstant('2026-11-23', 9)));

    // Each lists, checks and rotates only its own.
    expect(nameList(a)).toEqual([dailyA!.name, manualA.name].sort());
    expect(nameList(b)).toEqual([dailyB!.name]);
    expect(checkBackups(b).map((c) => [c.entry.name, c.result.ok])).toEqual([[dailyB!.name, true]]);
    for (let day = 1; day <= 40; day++) await createBackup(a, 'dagligt', new Date(Date.parse(danishInstant('2026-11-23', 7)) - day * 86_400_000));
    const filesOfA = fs.readdirSync(backups).filter((f) => !nameList(b).includes(f));
    expect(pruneBackups(backupScopeOf(b), morning).deleted).toEqual([]);
    expect(fs.readdirSync(backups).filter((f) => !nameList(b).includes(f)).sort()).toEqual(filesOfA.sort());

    // A restore cannot reach the other's backup by its name…
    const digestB = databaseDigest(b.sqlite);
    await expect(restoreBackup(b, manualA.name)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // …nor by a copy renamed to look like its own: the id inside the file decides.
    const disguised = manualA.name.replace(ownerTag(databaseIdIn(a.sqlite)!), ownerTag(databaseIdIn(b.sqlite)!));
    fs.copyFileSync(path.join(backups, manualA.name), path.join(backups, disguised));
    expect(nameList(b)).toContain(disguised);
    await expect(restoreBackup(b, disguised)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: `Sikkerhedskopien ${disguised} hører til en anden database i samme mappe og kan ikke gendannes her. Intet er ændret.`,
    });
    expect(checkBackups(b).find((c) => c.entry.name === disguised)?.result).toMatchObject({ ok: false, problem: 'other-database' });
    expect(databaseDigest(b.sqlite)).toBe(digestB);
    expect(names(b)).toEqual(['Åse Bøgh']);

    // Its own backup restores as before.
    await createContact(b.db, person('Niels Kjær'), []);
    await restoreBackup(b, dailyB!.name, new Date(danishInstant('2026-11-23', 10)));
    expect(names(b)).toEqual(['Åse Bøgh']);
    expect(names(a)).toEqual(['Mette Ørsted']);
  });

  it('lists and restores the backups older versions wrote without an id in the name, for the database they belong to', async () => {
    const { a, b, backups } = await twoDatabasesInOneFolder();
    const oldName = backupName('dagligt', new Date('2026-11-20T06:00:00.000Z'));
    await backupDatabase(a.sqlite, path.join(backups, oldName));
    // A backup of a database that was never edited holds no id: nobody can claim it, so nobody lists or deletes it.
    const blank = await openDatabase(path.join(tempDir(), 'tom.sqlite'));
    opened.push(blank);
    dirs.push(path.dirname(blank.file));
    const orphan = backupName('dagligt', new Date('2026-01-02T06:00:00.000Z'));
    await backupDatabase(blank.sqlite, path.join(backups, orphan));

    expect(nameList(a)).toEqual([oldName]);
    expect(nameList(b)).toEqual([]);
    // Reading the id left no -wal/-shm beside the old backup.
    expect(fs.readdirSync(backups).sort()).toEqual([oldName, orphan].sort());
    await expect(restoreBackup(b, oldName)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await createContact(a.db, person('Niels Kjær'), []);
    await restoreBackup(a, oldName);
    expect(names(a)).toEqual(['Mette Ørsted']);
    // Rotation may retire a's old backup in time, never the one no database can be shown to own.
    for (const app of [a, b]) pruneBackups(backupScopeOf(app), new Date('2027-06-01T12:00:00.000Z'));
    expect(fs.existsSync(path.join(backups, orphan))).toBe(true);
    expect(ownerTagOfFile(path.join(backups, orphan))).toBeNull();
  });

  it('recovers a damaged database from its own backups even when the other database in the folder has newer ones', async () => {
    const { dir, a, b } = await twoDatabasesInOneFolder();
    const own = await createBackup(b, 'dagligt', new Date('2026-11-20T07:00:00.000Z'));
    await createBackup(a, 'dagligt', new Date('2026-11-22T07:00:00.000Z'));
    for (let i = 0; i < 60; i++) await createContact(b.db, person(`Kontakt ${i} fra Køge`), []);
    await b.close();
    damagePages(b.file, 3, 12);
    const { app, recovery } = await openDatabaseSafely(b.file, { now: new Date('2026-11-23T08:00:00.000Z'), dailyBackup: false });
    opened.push(app);
    expect(recovery?.restoredFrom).toBe(own.name);
    expect(names(app)).toEqual(['Åse Bøgh']);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('kredsbog-beskadiget-'))).toBe(true);
  });

  it('gives a database that was never edited its id with its first backup, and keeps it', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const app = await openDatabase(path.join(dir, 'kredsbog.sqlite'));
    opened.push(app);
    expect(databaseIdIn(app.sqlite)).toBeNull();
    expect(listBackups(backupScopeOf(app))).toEqual([]);
    const entry = await createBackup(app, 'manuel');
    const id = databaseIdIn(app.sqlite);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(entry.name.startsWith(`kredsbog-${id}-`)).toBe(true);
    await createContact(app.db, person('Mette Ørsted'), []);
    expect(databaseIdIn(app.sqlite)).toBe(id);
    expect(listBackups(backupScopeOf(app))).toEqual([entry]);
  });
});
