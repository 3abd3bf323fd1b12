import path from 'node:path';
import fs from 'node:fs';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, openSqlite } from '../connection';
import { derivedId } from '../ids';
import { tempDir } from '../testing/test-database';
import { migrationNames, migrations, schemaVersion } from './index';

/**
 * One test per migration: the database is brought to the previous version,
 * seeded with data of that version, and upgraded by the real openDatabase.
 */
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function databaseAt(version: string) {
  const dir = tempDir();
  dirs.push(dir);
  const file = path.join(dir, 'k.sqlite');
  const sqlite = openSqlite(file);
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(version);
  expect(error).toBeUndefined();
  return { file, db };
}

describe('migrations', () => {
  it('are listed in order with zero-padded names', () => {
    expect(migrationNames).toEqual([...migrationNames].sort());
    expect(migrationNames.every((n) => /^\d{4}-[a-z0-9-]+$/.test(n))).toBe(true);
    expect(schemaVersion).toBe(migrationNames.length);
  });

  it('0002 seeds reference data into a 0001 database and keeps its user data', async () => {
    const { file, db } = await databaseAt('0001-initial-schema');
    await sql`INSERT INTO organisation (id, created_at, updated_at, name, kind) VALUES ('01890000-0000-7000-8000-000000000001', 't', 't', 'Eksisterende', 'boligorganisation')`.execute(db);
    await db.destroy();

    const app = await openDatabase(file);
    expect(app.sqlite.prepare('SELECT name FROM organisation').all()).toEqual([{ name: 'Eksisterende' }]);
    expect(app.sqlite.prepare('SELECT navn, kreds_id FROM kommune WHERE kode = 101').get()).toEqual({ navn: 'København', kreds_id: derivedId('kreds', 1) });
    expect(app.sqlite.prepare('SELECT count(*) AS n FROM kommune WHERE kreds_id = ?').get(derivedId('kreds', 3))).toEqual({ n: 10 });
    await app.close();
  });

  it('enforces foreign keys between domain tables', async () => {
    const { file, db } = await databaseAt(migrationNames.at(-1)!);
    await db.destroy();
    const app = await openDatabase(file);
    expect(() =>
      app.sqlite.transaction(() => {
        app.sqlite.prepare(`INSERT INTO affiliation (id, created_at, updated_at, contact_id, title, kind) VALUES ('a', 't', 't', 'no-such-contact', 'x', 'andet')`).run();
      })(),
    ).toThrow(/FOREIGN KEY/);
    await app.close();
  });
});

describe('0003-agenda-item-kind', () => {
  it('gives existing agenda items the kind "normal" and keeps their text', async () => {
    const { file, db } = await databaseAt('0002-reference-data');
    await sql`INSERT INTO meeting (id, created_at, updated_at, title, starts_at) VALUES ('01890000-0000-7000-8000-00000000000a', 't', 't', 'Kommunesamarbejde', '2026-03-01T09:00:00.000Z')`.execute(db);
    await sql`INSERT INTO agenda_item (id, created_at, updated_at, meeting_id, position, title, minutes) VALUES ('01890000-0000-7000-8000-00000000000b', 't', 't', '01890000-0000-7000-8000-00000000000a', 'a0', 'Boligsocial anvisning', 'Drøftet')`.execute(db);
    await db.destroy();
    const app = await openDatabase(file);
    expect(app.sqlite.prepare('SELECT title, minutes, kind FROM agenda_item').all()).toEqual([{ title: 'Boligsocial anvisning', minutes: 'Drøftet', kind: 'normal' }]);
    expect(() => app.sqlite.prepare(`UPDATE agenda_item SET kind = 'bogus'`).run()).toThrow(/CHECK/);
    await app.close();
  });
});

describe('0005-merge-pointer', () => {
  it('adds empty merge pointers to existing contacts and organisations and keeps their data', async () => {
    const { file, db } = await databaseAt('0004-sync-log');
    await sql`INSERT INTO contact (id, created_at, updated_at, name) VALUES ('01890000-0000-7000-8000-00000000000c', 't', 't', 'Søren Ørum')`.execute(db);
    await sql`INSERT INTO organisation (id, created_at, updated_at, name, kind) VALUES ('01890000-0000-7000-8000-00000000000d', 't', 't', 'Ærøskøbing Boligselskab', 'boligorganisation')`.execute(db);
    await db.destroy();
    const app = await openDatabase(file);
    expect(app.sqlite.prepare('SELECT name, merged_into, merged_seen FROM contact').all()).toEqual([{ name: 'Søren Ørum', merged_into: null, merged_seen: null }]);
    expect(app.sqlite.prepare('SELECT name, merged_into FROM organisation').all()).toEqual([{ name: 'Ærøskøbing Boligselskab', merged_into: null }]);
    await app.close();
  });
});

describe('0006-calendar-uid-and-erasure', () => {
  it('gives existing meetings no calendar UID and existing contacts no erasure mark', async () => {
    const { file, db } = await databaseAt('0005-merge-pointer');
    await sql`INSERT INTO meeting (id, created_at, updated_at, title, starts_at) VALUES ('01890000-0000-7000-8000-00000000000e', 't', 't', 'Styringsdialog', '2026-03-01T09:00:00.000Z')`.execute(db);
    await sql`INSERT INTO contact (id, created_at, updated_at, name) VALUES ('01890000-0000-7000-8000-00000000000f', 't', 't', 'Åse Ærø')`.execute(db);
    await db.destroy();
    const app = await openDatabase(file);
    expect(app.sqlite.prepare('SELECT title, ics_uid FROM meeting').all()).toEqual([{ title: 'Styringsdialog', ics_uid: null }]);
    expect(app.sqlite.prepare('SELECT name, erased_at FROM contact').all()).toEqual([{ name: 'Åse Ærø', erased_at: null }]);
    await app.close();
  });
});

describe('0007-search-index', () => {
  it('indexes the live records of an existing database, folded, and leaves deleted ones out', async () => {
    const { file, db } = await databaseAt('0006-calendar-uid-and-erasure');
    await sql`INSERT INTO organisation (id, created_at, updated_at, name, kind) VALUES ('01890000-0000-7000-8000-000000000010', 't', 't', 'Boligselskabet Århus', 'boligorganisation')`.execute(db);
    await sql`INSERT INTO organisation (id, created_at, updated_at, deleted_at, name, kind) VALUES ('01890000-0000-7000-8000-000000000011', 't', 't', 't', 'Slettet Århus', 'boligorganisation')`.execute(db);
    await db.destroy();
    const app = await openDatabase(file);
    const found = app.sqlite
      .prepare(`SELECT k.kind, k.ref_id FROM search_index JOIN search_key k ON k.rowid = search_index.rowid WHERE search_index MATCH '"arhus"*' AND k.kind = 'organisation'`)
      .all();
    expect(found).toEqual([{ kind: 'organisation', ref_id: '01890000-0000-7000-8000-000000000010' }]);
    await app.close();
  });
});

describe('0017-series-search-and-order', () => {
  it('indexes the live series of an existing database with their kommune, leaves deleted ones out, and keeps it current', async () => {
    const { file, db } = await databaseAt('0016-search-secure-delete');
    const now = '2026-01-01T00:00:00.000Z';
    await sql`INSERT INTO meeting_series (id, created_at, updated_at, title, kind, kommune_id) VALUES ('01890000-0000-7000-8000-000000000020', ${now}, ${now}, 'Styringsdialog 2025', 'styringsdialog', ${derivedId('kommune', 259)})`.execute(db);
    await sql`INSERT INTO meeting_series (id, created_at, updated_at, deleted_at, title, kind) VALUES ('01890000-0000-7000-8000-000000000021', ${now}, ${now}, ${now}, 'Slettet styringsdialog', 'styringsdialog')`.execute(db);
    await db.destroy();
    const app = await openDatabase(file);
    const found = (match: string) =>
      app.sqlite.prepare(`SELECT k.ref_id FROM search_index JOIN search_key k ON k.rowid = search_index.rowid WHERE search_index MATCH ? AND k.kind = 'series'`).pluck().all(match);
    expect(found('"styringsdialog"* "koge"*')).toEqual(['01890000-0000-7000-8000-000000000020']);
    app.sqlite.prepare(`UPDATE meeting_series SET title = 'Kommunesamarbejde' WHERE id = '01890000-0000-7000-8000-000000000020'`).run();
    expect(found('"styringsdialog"*')).toEqual([]);
    expect(found('"kommunesamarbejde"* "koge"*')).toEqual(['01890000-0000-7000-8000-000000000020']);
    // The kommune index it replaced is gone; its leading column is still indexed (the foreign-key check).
    const indexes = app.sqlite.prepare(`SELECT name FROM pragma_index_list('meeting_series')`).pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['meeting_series_kommune_order', 'meeting_series_live_year']));
    expect(indexes).not.toContain('meeting_series_kommune');
    await app.close();
  });
});

describe('schema', () => {
  it('indexes every foreign-key child column (deferred checks scan the child table otherwise)', async () => {
    const { file, db } = await databaseAt(migrationNames.at(-1)!);
    await db.destroy();
    const app = await openDatabase(file);
    const tables = app.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'`).pluck().all() as string[];
    const unindexed: string[] = [];
    for (const table of tables) {
      const leading = new Set<string>();
      for (const index of app.sqlite.prepare(`SELECT name FROM pragma_index_list(?)`).pluck().all(table) as string[]) {
        const first = app.sqlite.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno LIMIT 1`).pluck().get(index) as string | null;
        if (first) leading.add(first);
      }
      for (const fk of app.sqlite.prepare(`SELECT "from" FROM pragma_foreign_key_list(?)`).pluck().all(table) as string[]) if (!leading.has(fk)) unindexed.push(`${table}.${fk}`);
    }
    expect(unindexed).toEqual([]);
    await app.close();
  });

  it('0014 moves the operation log into compact tables and shows every operation unchanged through sync_op', async () => {
    const { file, db } = await databaseAt('0013-search-refold');
    const ops = [
      ['0001763900000000-0000-aaaa000000000001', 'contact', 'c1', 'name', '"Åse Ørum"', null, 'aaaa000000000001'],
      ['0001763900000000-0000-aaaa000000000001', 'contact', 'c1', 'deleted_at', 'null', null, 'aaaa000000000001'],
      // Same wall time and counter from another installation: the installation id orders them.
      ['0001763900000000-0000-bbbb000000000002', 'contact', 'c1', 'notes', '"Boligchef"', null, 'bbbb000000000002'],
      ['0001763900000001-00ff-bbbb000000000002', 'contact', 'c1', 'name', '"Åse Ørum-Bøgh"', '0001763900000000-0000-aaaa000000000001', 'bbbb000000000002'],
      ['0001763900000002-abcd-aaaa000000000001', 'organisation', 'o1', 'name', '"Køge Boligselskab"', null, 'aaaa000000000001'],
      ['0001763900000003-0000-cccc00000000000c', 'ukendt_tabel', 'x', 'felt', '{"ny":1}', null, 'cccc00000000000c'],
    ];
    for (const op of ops) await sql`INSERT INTO sync_op (hlc, tbl, row_id, field, value, prev, origin) VALUES (${sql.join(op)})`.execute(db);
    await db.destroy();

    const app = await openDatabase(file);
    const rows = app.sqlite.prepare('SELECT hlc, tbl, row_id, field, value, prev, origin FROM sync_op ORDER BY hlc, tbl, row_id, field').raw().all();
    expect(rows).toEqual([...ops].sort((a, b) => `${a[0]}${a[1]}${a[2]}${a[3]}`.localeCompare(`${b[0]}${b[1]}${b[2]}${b[3]}`, 'en')));
    expect(app.sqlite.prepare(`SELECT type FROM sqlite_master WHERE name = 'sync_op'`).pluck().get()).toBe('view');
    expect(app.sqlite.prepare('SELECT installation, max_wall, max_counter FROM sync_origin ORDER BY installation').raw().all()).toEqual([
      ['aaaa000000000001', 1763900000002, 0xabcd],
      ['bbbb000000000002', 1763900000001, 0xff],
      ['cccc00000000000c', 1763900000003, 0],
    ]);
    // Through the view's triggers, old-style writers still work.
    app.sqlite.prepare(`UPDATE sync_op SET value = '"Slettet person"' WHERE tbl = 'contact' AND row_id = 'c1' AND field = 'name'`).run();
    app.sqlite.prepare(`INSERT INTO sync_op (hlc, tbl, row_id, field, value, prev, origin) VALUES ('0001763900000009-0001-dddd00000000000d', 'contact', 'c2', 'name', '"Ny"', NULL, 'dddd00000000000d')`).run();
    expect(app.sqlite.prepare(`SELECT DISTINCT value FROM sync_op WHERE tbl = 'contact' AND row_id = 'c1' AND field = 'name'`).pluck().all()).toEqual(['"Slettet person"']);
    expect(app.sqlite.prepare(`SELECT max_wall, max_counter FROM sync_origin WHERE installation = 'dddd00000000000d'`).raw().get()).toEqual([1763900000009, 1]);
    await app.close();
  });
});
