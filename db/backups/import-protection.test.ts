import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { danishDate } from '../../common/time';
import { importIcs } from '../calendar/calendar.import';
import { openDatabase, type AppDatabase } from '../connection';
import { importContactFile } from '../contact-files/contacts.import';
import { createContact, updateContact } from '../contacts/contacts.repository';
import { exportSync, importSync } from '../sync/sync.service';
import { tempDir } from '../testing/test-database';
import { backupDirFor, backupScopeOf, backupsToKeep, createBackup, ensureDailyBackup, listBackups, maxAutomaticBackups } from './backups.service';
import { applyWithProtection, importProtectionClock, protectBeforeImport } from './import-protection';

const dirs: string[] = [];
const opened: AppDatabase[] = [];
const realClock = importProtectionClock.now;
afterEach(async () => {
  importProtectionClock.now = realClock;
  for (const app of opened.splice(0)) await app.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function database(name = 'kredsbog.sqlite'): Promise<AppDatabase> {
  const dir = tempDir();
  dirs.push(dir);
  const app = await openDatabase(path.join(dir, name));
  opened.push(app);
  return app;
}

const safetyBackupsOn = (app: AppDatabase, day: string) => listBackups(backupScopeOf(app)).filter((e) => e.reason === 'foer-import' && danishDate(e.createdAt) === day);
const fixture = (area: string, name: string) => new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, '..', area, 'fixtures', name)));

describe('protection before imports', () => {
  it('keeps the backup folder within the rotation after 200 imports with new operations', async () => {
    const colleague = await database();
    const me = await database();
    const out = path.join(path.dirname(colleague.file), 'til-mig.kredsbog');
    const start = Date.parse('2026-01-05T07:00:00.000Z');
    const contact = await createContact(colleague.db, { name: 'Mette Ørsted', emails: [], phones: [], notes: '' }, []);
    let days = 0;
    for (let i = 0; i < 200; i++) {
      // Three imports a day for about 67 days, the way a sync folder delivers a colleague's edits; the app starts each morning.
      const now = new Date(start + i * 8 * 3_600_000);
      importProtectionClock.now = () => now;
      if (i % 3 === 0) {
        await ensureDailyBackup(me, now);
        days++;
      }
      if (i % 2 === 0) await createContact(colleague.db, { name: `Kontakt ${i}`, emails: [], phones: [], notes: '' }, []);
      else await updateContact(colleague.db, contact.id, { notes: `Ændring ${i}` });
      await exportSync(colleague, { out, appVersion: 'test' });
      const imported = await importSync(me, out);
      expect(imported.report.applied).toBeGreaterThan(0);
      const files = fs.readdirSync(backupDirFor(me));
      expect(files.length).toBeLessThanOrEqual(maxAutomaticBackups);
      expect(safetyBackupsOn(me, danishDate(now))).toHaveLength(1);
    }
    expect(days).toBe(67);
    const backups = listBackups(backupScopeOf(me));
    expect(backups.map((e) => e.name).sort()).toEqual(fs.readdirSync(backupDirFor(me)).sort());
    expect(backups.length).toBeLessThanOrEqual(maxAutomaticBackups);
    // Months back, the rotation's monthly backups are still there.
    expect(new Set(backups.map((e) => danishDate(e.createdAt).slice(0, 7)))).toEqual(new Set(['2026-01', '2026-02', '2026-03']));
  }, 120_000);

  it('takes at most one safety backup a Danish day, and prunes with the rotation every time', async () => {
    const app = await database();
    await createContact(app.db, { name: 'Mette Ørsted', emails: [], phones: [], notes: '' }, []);
    // Twenty days of last year's daily backups: rotation keeps a few of them, the step prunes the rest.
    for (let day = 1; day <= 20; day++) await createBackup(app, 'dagligt', new Date(`2025-01-${String(day).padStart(2, '0')}T08:00:00.000Z`));
    const first = await protectBeforeImport(app, new Date('2026-11-23T07:00:00.000Z'));
    expect(first).toMatchObject({ reason: 'foer-import', kind: 'safety' });
    const afterFirst = listBackups(backupScopeOf(app));
    expect(afterFirst.length).toBeLessThan(21);
    expect(new Set(afterFirst.map((e) => e.name))).toEqual(backupsToKeep(afterFirst, new Date('2026-11-23T07:00:00.000Z')));
    expect(await protectBeforeImport(app, new Date('2026-11-23T21:00:00.000Z'))).toBeNull();
    // 00:30 Danish time the next day is a new day.
    expect(await protectBeforeImport(app, new Date('2026-11-23T23:30:00.000Z'))).toMatchObject({ reason: 'foer-import' });
    expect(listBackups(backupScopeOf(app)).filter((e) => e.reason === 'foer-import')).toHaveLength(2);
  });

  it('protects a contact-file import that writes, once a day', async () => {
    const app = await database();
    const now = new Date('2026-11-23T09:00:00.000Z');
    importProtectionClock.now = () => now;
    const result = await importContactFile(app, { fileName: 'kontakter.csv', bytes: fixture('contact-files', 'danish-excel-1252.csv') });
    expect(result.created).toBeGreaterThan(0);
    expect(safetyBackupsOn(app, '2026-11-23')).toHaveLength(1);
    // The backup holds the database as it was before the import.
    const [backup] = safetyBackupsOn(app, '2026-11-23');
    const { default: BetterSqlite3 } = await import('better-sqlite3');
    const copy = new BetterSqlite3(path.join(backupDirFor(app), backup!.name), { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM contact').pluck().get()).toBe(0);
    copy.close();
    for (const suffix of ['-wal', '-shm']) fs.rmSync(path.join(backupDirFor(app), `${backup!.name}${suffix}`), { force: true });
    await importContactFile(app, { fileName: 'kontakter.csv', bytes: fixture('contact-files', 'danish-excel-1252.csv'), forceNew: [3] });
    expect(safetyBackupsOn(app, '2026-11-23')).toHaveLength(1);
  });

  it('protects a calendar import that writes, and not one that changes nothing', async () => {
    const app = await database();
    importProtectionClock.now = () => new Date('2026-09-20T10:00:00.000Z');
    const options = { fileName: 'invitation.ics', now: new Date('2026-09-20T10:00:00Z') };
    expect((await importIcs(app, fixture('calendar', 'outlook-invitation.ics'), options)).created).toBe(1);
    expect(listBackups(backupScopeOf(app)).map((e) => e.reason)).toEqual(['foer-import']);
    importProtectionClock.now = () => new Date('2026-09-22T10:00:00.000Z');
    expect((await importIcs(app, fixture('calendar', 'outlook-invitation.ics'), options)).counts.unchanged).toBe(1);
    expect(listBackups(backupScopeOf(app))).toHaveLength(1);
  });
});

describe('applyWithProtection, the one apply step of the file importers', () => {
  it('takes the day\'s backup only when the plan writes, keeps the plan when nothing wrote since, and rolls back on failure', async () => {
    const app = await database();
    const now = new Date('2026-03-02T09:00:00.000Z');
    importProtectionClock.now = () => now;
    const seen: string[] = [];
    const quiet = await applyWithProtection(app, { plan: async () => 'nothing', writes: () => false, apply: async (_trx, plan) => plan });
    expect(quiet.result).toBe('nothing');
    expect(safetyBackupsOn(app, '2026-03-02')).toHaveLength(0);

    const done = await applyWithProtection(app, {
      plan: async (db) => {
        seen.push(db === app.db ? 'outside' : 'inside');
        return 1;
      },
      writes: (plan) => plan > 0,
      apply: async (trx) => {
        await trx.insertInto('local_setting').values({ key: 'probe', value: 'x' }).execute();
        return 'written';
      },
    });
    expect(done).toEqual({ plan: 1, result: 'written' });
    // The first backup gave the database its id (a write), so the plan was made again inside the transaction.
    expect(seen).toEqual(['outside', 'inside']);
    // The day's second import: nothing writes between the plan and the transaction (today's backup exists), planned once.
    seen.length = 0;
    await applyWithProtection(app, {
      plan: async (db) => {
        seen.push(db === app.db ? 'outside' : 'inside');
        return 1;
      },
      writes: (plan) => plan > 0,
      apply: async () => 'again',
    });
    expect(seen).toEqual(['outside']);
    expect(safetyBackupsOn(app, '2026-03-02')).toHaveLength(1);

    await expect(
      applyWithProtection(app, {
        plan: async () => 1,
        writes: () => true,
        apply: async (trx) => {
          await trx.insertInto('local_setting').values({ key: 'probe2', value: 'y' }).execute();
          throw new Error('halfway');
        },
      }),
    ).rejects.toThrow('halfway');
    expect(app.sqlite.prepare("SELECT count(*) FROM local_setting WHERE key = 'probe2'").pluck().get()).toBe(0);
    // Still one backup that day.
    expect(safetyBackupsOn(app, '2026-03-02')).toHaveLength(1);
  });

  it('plans again inside the transaction when something wrote after the plan', async () => {
    const app = await database();
    importProtectionClock.now = () => new Date('2026-03-02T09:00:00.000Z');
    const plans: number[] = [];
    const done = await applyWithProtection(app, {
      plan: async (db) => {
        const row = await db.selectFrom('local_setting').select('value').where('key', '=', 'counter').executeTakeFirst();
        plans.push(Number(row?.value ?? 0));
        return Number(row?.value ?? 0);
      },
      // A write between the plan and the transaction, as a background sync or an edit could make.
      writes: (plan) => {
        app.sqlite.prepare("INSERT INTO local_setting (key, value) VALUES ('counter', '7')").run();
        return plan >= 0;
      },
      apply: async (_trx, plan) => plan,
    });
    expect(plans).toEqual([0, 7]);
    expect(done.result).toBe(7);
  });

  it('writes the journal in the import\'s transaction: a journal that fails rolls the import back', async () => {
    const app = await database();
    importProtectionClock.now = () => new Date('2026-03-02T09:00:00.000Z');
    const journalled: string[] = [];
    const ok = await applyWithProtection(app, {
      plan: async () => 'p',
      writes: () => true,
      apply: async (trx) => {
        await trx.insertInto('local_setting').values({ key: 'applied', value: 'x' }).execute();
        return 'r';
      },
      journal: async (trx, plan, result) => {
        const row = await trx.selectFrom('local_setting').select('value').where('key', '=', 'applied').executeTakeFirst();
        journalled.push(`${plan}:${result}:${row?.value}`);
      },
    });
    expect(ok.result).toBe('r');
    expect(journalled).toEqual(['p:r:x']);
    await expect(
      applyWithProtection(app, {
        plan: async () => 'p',
        writes: () => true,
        apply: async (trx) => {
          await trx.insertInto('local_setting').values({ key: 'applied2', value: 'y' }).execute();
          return 'r';
        },
        journal: async () => {
          throw new Error('journal full');
        },
      }),
    ).rejects.toThrow('journal full');
    expect(app.sqlite.prepare("SELECT count(*) FROM local_setting WHERE key = 'applied2'").pluck().get()).toBe(0);
  });
});
