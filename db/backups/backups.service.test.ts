import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { danishDate, danishInstant } from '../../common/time';
import { backupName, openDatabase, type AppDatabase } from '../connection';
import { createContact } from '../contacts/contacts.repository';
import { databaseDigest } from '../maintenance';
import { tempDir } from '../testing/test-database';
import {
  backupDirFor,
  backupScopeOf,
  backupsToKeep,
  checkBackups,
  createBackup,
  ensureDailyBackup,
  isoWeekOf,
  listBackups,
  parseBackupName,
  pruneBackups,
  restoreBackup,
  retention,
} from './backups.service';
import { damagePages } from './backups.testing';

const dirs: string[] = [];
const opened: AppDatabase[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function database(): Promise<AppDatabase> {
  const dir = tempDir();
  dirs.push(dir);
  const app = await openDatabase(path.join(dir, 'kredsbog.sqlite'));
  opened.push(app);
  return app;
}

const person = (name: string) => ({ name, emails: [], phones: [], notes: '' });
const contactNames = (app: AppDatabase) => app.sqlite.prepare('SELECT name FROM contact ORDER BY name').pluck().all();

describe('backups', () => {
  it('takes a backup with the backup API and lists it with reason, time, size and kind', async () => {
    const app = await database();
    await createContact(app.db, person('Søren Ærø'), []);
    const now = new Date('2026-11-23T08:15:30.123Z');
    const entry = await createBackup(app, 'manuel', now);
    expect(entry).toMatchObject({ name: expect.stringMatching(/^kredsbog-[0-9a-f]{16}-2026-11-23T08-15-30-123Z-manuel\.sqlite$/), reason: 'manuel', createdAt: now.toISOString(), kind: 'manual' });
    expect(entry.size).toBeGreaterThan(0);
    fs.writeFileSync(path.join(backupDirFor(app), 'noter.txt'), 'ikke en sikkerhedskopi');
    expect(listBackups(backupScopeOf(app))).toEqual([entry]);
    expect(listBackups({ ...backupScopeOf(app), dir: path.join(backupDirFor(app), 'findes-ikke') })).toEqual([]);
  });

  it('reads reason and instant back from the names the app writes', () => {
    const at = new Date('2026-03-29T01:30:00.000Z');
    expect(parseBackupName(backupName('foer-migrering-10', at, '0193f2a1b2c3d4e5'))).toEqual({ reason: 'foer-migrering-10', createdAt: at.toISOString(), owner: '0193f2a1b2c3d4e5' });
    // Names of older versions carry no owner.
    expect(parseBackupName(backupName('foer-migrering-10', at))).toEqual({ reason: 'foer-migrering-10', createdAt: at.toISOString(), owner: null });
    expect(parseBackupName('kredsbog-beskadiget-2026-03-29T01-30-00-000Z.sqlite')).toBeNull();
    expect(parseBackupName('../kredsbog-2026-03-29T01-30-00-000Z-manuel.sqlite')).toBeNull();
  });

  it('takes the daily backup once per Danish day', async () => {
    const app = await database();
    const morning = new Date(danishInstant('2026-11-23', 7));
    expect(await ensureDailyBackup(app, morning)).toMatchObject({ reason: 'dagligt', kind: 'daily' });
    expect(await ensureDailyBackup(app, new Date(danishInstant('2026-11-23', 23, 30)))).toBeNull();
    // 00:30 Danish time is still the previous UTC day: a new Danish day all the same.
    expect(await ensureDailyBackup(app, new Date(danishInstant('2026-11-24', 0, 30)))).toMatchObject({ reason: 'dagligt' });
    expect(listBackups(backupScopeOf(app))).toHaveLength(2);
  });
});

describe('rotation', () => {
  const at = (date: string, hour = 12) => danishInstant(date, hour);
  const entry = (createdAt: string, reason = 'dagligt') => ({ name: backupName(reason, new Date(createdAt)), reason, createdAt });

  it('keeps 7 daily, 4 weekly and 12 monthly backups, recent safety and manual backups and nothing else', () => {
    const now = new Date(at('2026-11-23', 13));
    // A backup every day for 500 days, two on some days, and safety backups now and then.
    const entries = [];
    for (let day = 0; day < 500; day++) {
      const date = danishDate(new Date(now.getTime() - day * 86_400_000));
      entries.push(entry(at(date, 8)));
      if (day % 3 === 0) entries.push(entry(at(date, 16), 'manuel'));
      if (day % 5 === 0) entries.push(entry(at(date, 10), 'foer-import'));
    }
    const keep = backupsToKeep(entries, now);
    const kept = entries.filter((e) => keep.has(e.name));
    const keptDays = kept.map((e) => danishDate(e.createdAt));
    // Daily: the newest of today … six days back.
    for (let day = 0; day < 7; day++) expect(keptDays).toContain(danishDate(new Date(now.getTime() - day * 86_400_000)));
    // Safety backups of the last 7 days: days 0 and 5.
    const safety = kept.filter((e) => e.reason === 'foer-import').map((e) => danishDate(e.createdAt));
    expect(safety).toEqual(expect.arrayContaining(['2026-11-23', '2026-11-18']));
    // Older safety backups stay only as the newest of their week or month.
    for (const e of kept.filter((k) => k.reason === 'foer-import' && k.createdAt < at('2026-11-16', 13))) {
      const sameBucket = entries.filter((o) => isoWeekOf(danishDate(o.createdAt)) === isoWeekOf(danishDate(e.createdAt)) || danishDate(o.createdAt).slice(0, 7) === danishDate(e.createdAt).slice(0, 7));
      expect(sameBucket.some((o) => o.createdAt > e.createdAt && isoWeekOf(danishDate(o.createdAt)) === isoWeekOf(danishDate(e.createdAt))) && sameBucket.some((o) => o.createdAt > e.createdAt && danishDate(o.createdAt).slice(0, 7) === danishDate(e.createdAt).slice(0, 7))).toBe(false);
    }
    // Monthly: the newest backup of each of the last 12 months (Dec 2025 … Nov 2026).
    const months = new Set(kept.map((e) => danishDate(e.createdAt).slice(0, 7)));
    expect([...months].sort()).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(kept.some((e) => e.createdAt < at('2025-12-01', 0))).toBe(false);
    expect(kept.length).toBeLessThanOrEqual(retention.daily + retention.weekly + retention.monthly + 2);
  });

  it('keeps the newest backup even when it is old, and anything dated after now', () => {
    const now = new Date(at('2026-11-23'));
    const old = entry(at('2024-01-05'), 'foer-import');
    const future = entry(at('2027-01-01'));
    expect(backupsToKeep([old], now)).toEqual(new Set([old.name]));
    expect(backupsToKeep([old, future], now).has(future.name)).toBe(true);
  });

  it('keeps exactly the set the rules describe, for any dates (property)', () => {
    const base = Date.parse('2026-11-23T12:00:00.000Z');
    const arbitraryEntry = fc.record({
      offsetMinutes: fc.integer({ min: -3 * 24 * 60, max: 800 * 24 * 60 }),
      reason: fc.constantFrom('dagligt', 'manuel', 'foer-import', 'foer-gendannelse', 'foer-migrering-9'),
    });
    fc.assert(
      fc.property(fc.uniqueArray(arbitraryEntry, { minLength: 0, maxLength: 60, selector: (e) => e.offsetMinutes }), (raw) => {
        const now = new Date(base);
        const entries = raw.map((r) => entry(new Date(base - r.offsetMinutes * 60_000).toISOString(), r.reason));
        const keep = backupsToKeep(entries, now);
        // The rules, stated per backup rather than as the loop the implementation runs.
        const newestInBucket = (bucketOf: (d: string) => string, count: number) => {
          const buckets = [...new Set(entries.map((e) => bucketOf(danishDate(e.createdAt))))].sort().reverse().slice(0, count);
          return new Set(
            buckets.map((b) => entries.filter((e) => bucketOf(danishDate(e.createdAt)) === b).sort((x, y) => (x.createdAt < y.createdAt ? 1 : -1))[0]?.name),
          );
        };
        const daily = newestInBucket((d) => d, 7);
        const weekly = newestInBucket(isoWeekOf, 4);
        const monthly = newestInBucket((d) => d.slice(0, 7), 12);
        const newest = [...entries].sort((x, y) => (x.createdAt < y.createdAt ? 1 : -1))[0]?.name;
        for (const e of entries) {
          const t = Date.parse(e.createdAt);
          const expected =
            e.name === newest ||
            t > now.getTime() ||
            ((e.reason.startsWith('foer-') || e.reason === 'manuel') && t >= now.getTime() - 7 * 86_400_000) ||
            daily.has(e.name) ||
            weekly.has(e.name) ||
            monthly.has(e.name);
          expect(keep.has(e.name), `${e.name}`).toBe(expected);
        }
        expect([...keep].every((name) => entries.some((e) => e.name === name))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('deletes what rotation does not keep and leaves damaged or foreign files alone', async () => {
    const app = await database();
    const dir = backupDirFor(app);
    const now = new Date(at('2026-11-23'));
    const names: string[] = [];
    for (let day = 0; day < 20; day++) names.push((await createBackup(app, 'dagligt', new Date(now.getTime() - day * 86_400_000))).name);
    const broken = backupName('manuel', new Date(now.getTime() - 40 * 86_400_000), backupScopeOf(app).owner);
    fs.writeFileSync(path.join(dir, broken), 'halv fil');
    fs.writeFileSync(path.join(dir, 'min-egen-kopi.sqlite'), 'x');
    const result = pruneBackups(backupScopeOf(app), now);
    expect(result.deleted.length).toBeGreaterThan(0);
    expect(new Set(fs.readdirSync(dir))).toEqual(new Set([...result.kept, broken, 'min-egen-kopi.sqlite']));
    expect(result.kept).toContain(names[0]);
    expect(result.kept).toEqual(names.filter((n) => backupsToKeep(listBackups(backupScopeOf(app)).filter((e) => e.name !== broken), now).has(n)));
  });
});

describe('restore', () => {
  it('backs the current database up first, then brings the chosen backup back into the open connection', async () => {
    const app = await database();
    await createContact(app.db, person('Mette Ørsted'), []);
    const backup = await createBackup(app, 'manuel', new Date('2026-11-20T09:00:00.000Z'));
    const before = databaseDigest(app.sqlite);
    await createContact(app.db, person('Åse Bøgh'), []);
    const result = await restoreBackup(app, backup.name, new Date('2026-11-23T09:00:00.000Z'));
    expect(result.restoredFrom.name).toBe(backup.name);
    expect(result.safetyBackup).toMatchObject({ reason: 'foer-gendannelse', kind: 'safety' });
    // The same connection reads the restored data.
    expect(contactNames(app)).toEqual(['Mette Ørsted']);
    expect(databaseDigest(app.sqlite)).toBe(before);
    // And the state before the restore can itself be restored.
    await restoreBackup(app, result.safetyBackup.name);
    expect(contactNames(app)).toEqual(['Mette Ørsted', 'Åse Bøgh']);
    // The database keeps working after a restore.
    await createContact(app.db, person('Niels Kjær'), []);
    expect(contactNames(app)).toHaveLength(3);
    expect(fs.readdirSync(path.dirname(app.file)).filter((f) => f.endsWith('.tmp') || f.includes('.tmp-'))).toEqual([]);
  });

  it('refuses a damaged backup with a Danish message and changes nothing', async () => {
    const app = await database();
    for (let i = 0; i < 40; i++) await createContact(app.db, person(`Kontakt ${i} i Køge`), []);
    const backup = await createBackup(app, 'manuel');
    damagePages(path.join(backupDirFor(app), backup.name), 3, 6);
    await createContact(app.db, person('Åse Bøgh'), []);
    const digest = databaseDigest(app.sqlite);
    const backupsBefore = listBackups(backupScopeOf(app));
    await expect(restoreBackup(app, backup.name)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: `Sikkerhedskopien ${backup.name} er beskadiget og kan ikke bruges. Intet er ændret — vælg en anden sikkerhedskopi.`,
    });
    expect(databaseDigest(app.sqlite)).toBe(digest);
    expect(listBackups(backupScopeOf(app))).toEqual(backupsBefore);
    expect(checkBackups(app).map((c) => c.result.ok)).toEqual([false]);
  });

  it('says so when the backup does not exist', async () => {
    const app = await database();
    await expect(restoreBackup(app, 'kredsbog-2026-01-01T00-00-00-000Z-manuel.sqlite')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a backup from a newer version of Kredsbog', async () => {
    const app = await database();
    const backup = await createBackup(app, 'manuel');
    // As if a newer Kredsbog had written this file: one migration this version does not know.
    const newer = new BetterSqlite3(path.join(backupDirFor(app), backup.name));
    newer.prepare(`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-fremtiden', '2030-01-01')`).run();
    newer.close();
    const digest = databaseDigest(app.sqlite);
    await expect(restoreBackup(app, backup.name)).rejects.toMatchObject({ code: 'DB_FROM_NEWER_VERSION' });
    expect(databaseDigest(app.sqlite)).toBe(digest);
    expect(listBackups(backupScopeOf(app))).toHaveLength(1);
  });
});
