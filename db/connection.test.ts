import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../common/result';
import { openDatabase, openSqlite } from './connection';
import { databaseDigest } from './maintenance';
import { migrations, schemaVersion } from './migrations';
import { transactional } from './migrations/transactional';
import { tempDir } from './testing/test-database';

const dirs: string[] = [];
const fresh = () => {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('sets WAL, synchronous FULL, foreign keys and a busy timeout', async () => {
    const app = await openDatabase(path.join(fresh(), 'k.sqlite'));
    expect(app.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(app.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(app.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(app.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(app.sqlite.pragma('user_version', { simple: true })).toBe(schemaVersion);
    await app.close();
  });

  it('seeds the 5 regions of 2026 and Region Østdanmark from 2027, 98 kommuner and 11 kredse', async () => {
    const app = await openDatabase(path.join(fresh(), 'k.sqlite'));
    const count = (t: string) => (app.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    expect([count('region'), count('kommune'), count('kreds')]).toEqual([6, 98, 11]);
    expect(app.sqlite.prepare(`SELECT navn FROM region WHERE valid_from = '2027-01-01'`).pluck().all()).toEqual(['Region Østdanmark']);
    await app.close();
  });

  it('reopens an up-to-date database without running anything or backing it up', async () => {
    const dir = fresh();
    const file = path.join(dir, 'k.sqlite');
    await (await openDatabase(file)).close();
    const app = await openDatabase(file);
    await app.close();
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it('refuses a database from a newer version and leaves the file unchanged', async () => {
    const file = path.join(fresh(), 'k.sqlite');
    await (await openDatabase(file)).close();
    const raw = new BetterSqlite3(file);
    raw.prepare(`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-from-the-future', '2030-01-01')`).run();
    const before = databaseDigest(raw);
    raw.close();

    const error = await openDatabase(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DB_FROM_NEWER_VERSION');
    expect((error as AppError).message).toMatch(/nyere version af Kredsbog/);

    const after = new BetterSqlite3(file, { readonly: true });
    expect(databaseDigest(after)).toBe(before);
    after.close();
  });

  it('backs the file up with the backup API before running pending migrations', async () => {
    const dir = fresh();
    const file = path.join(dir, 'k.sqlite');
    const sqlite = openSqlite(file);
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    await migrator.migrateTo('0001-initial-schema');
    await sql`INSERT INTO organisation (id, created_at, updated_at, name, kind) VALUES ('01890000-0000-7000-8000-000000000001', 'x', 'x', 'Før opgradering', 'andet')`.execute(db);
    await db.destroy();

    const app = await openDatabase(file);
    await app.close();
    const backups = fs.readdirSync(path.join(dir, 'backups'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/foer-migrering/);
    const backup = new BetterSqlite3(path.join(dir, 'backups', backups[0]!), { readonly: true });
    expect(backup.prepare('SELECT name FROM organisation').all()).toEqual([{ name: 'Før opgradering' }]);
    expect(backup.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'kommune'`).get()).toEqual({ n: 1 });
    expect((backup.prepare('SELECT count(*) AS n FROM kommune').get() as { n: number }).n).toBe(0);
    backup.close();
  });
});

describe('transactional migrations', () => {
  it('rolls back every statement of a migration that fails halfway', async () => {
    const sqlite = openSqlite(path.join(fresh(), 'k.sqlite'));
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    const failing = transactional(async (trx) => {
      await sql`CREATE TABLE half (id INTEGER)`.execute(trx);
      await sql`INSERT INTO half VALUES (1)`.execute(trx);
      await sql`THIS IS NOT SQL`.execute(trx);
    });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ '0001-fails': failing }) } });
    const { error } = await migrator.migrateToLatest();
    expect(error).toBeDefined();
    expect(sqlite.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'`).get()).toEqual({ n: 0 });
    await db.destroy();
  });
});
