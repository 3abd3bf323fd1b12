import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase } from './connection';
import { createOrganisation, updateOrganisation } from './organisations/organisations.repository';
import { checkDatabase, collectStats, databaseDigest } from './maintenance';
import { createTestDatabase } from './testing/test-database';

let a: Awaited<ReturnType<typeof createTestDatabase>>;
let b: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  a = await createTestDatabase();
  b = await createTestDatabase();
});
afterEach(async () => {
  await a.dispose();
  await b.dispose();
});

describe('digest', () => {
  it('is identical for two fresh databases', () => {
    expect(databaseDigest(a.sqlite)).toMatch(/^[0-9a-f]{64}$/);
    expect(databaseDigest(a.sqlite)).toBe(databaseDigest(b.sqlite));
  });

  it('changes when domain data changes, tombstones included', async () => {
    const before = databaseDigest(a.sqlite);
    const o = await createOrganisation(a.db, { name: 'X', kind: 'andet', notes: '', kommuneIds: [] });
    const created = databaseDigest(a.sqlite);
    expect(created).not.toBe(before);
    await updateOrganisation(a.db, { id: o.id, notes: 'y' });
    expect(databaseDigest(a.sqlite)).not.toBe(created);
  });

  it('ignores local bookkeeping: settings and updated_at stamps', () => {
    const before = databaseDigest(a.sqlite);
    a.sqlite.prepare(`INSERT INTO local_setting (key, value) VALUES ('userName', '"Mig"')`).run();
    a.sqlite.prepare(`UPDATE kommune SET updated_at = '2030-01-01T00:00:00.000Z'`).run();
    expect(databaseDigest(a.sqlite)).toBe(before);
  });
});

describe('stats and check', () => {
  it('counts live rows per entity', async () => {
    await createOrganisation(a.db, { name: 'X', kind: 'andet', notes: '', kommuneIds: [] });
    expect(collectStats(a.sqlite)).toMatchObject({ regions: 5, kommuner: 98, kredse: 11, organisations: 1, contacts: 0 });
  });

  it('passes a healthy database and reports a broken foreign key', () => {
    expect(checkDatabase(a.sqlite).ok).toBe(true);
    a.sqlite.pragma('foreign_keys = OFF');
    a.sqlite.prepare(`INSERT INTO affiliation (id, created_at, updated_at, contact_id, title, kind) VALUES ('x', 'x', 'x', 'missing', 't', 'andet')`).run();
    const report = checkDatabase(a.sqlite);
    expect(report.ok).toBe(false);
    expect(report.foreignKeys[0]).toMatchObject({ table: 'affiliation', parent: 'contact' });
  });

  it('makes a backup with the same digest that opens on its own', async () => {
    await createOrganisation(a.db, { name: 'Backup mig', kind: 'andet', notes: '', kommuneIds: [] });
    const file = await backupDatabase(a.sqlite, path.join(a.dir, 'copy.sqlite'));
    const copy = new BetterSqlite3(file, { readonly: true });
    expect(databaseDigest(copy)).toBe(databaseDigest(a.sqlite));
    copy.close();
  });
});
