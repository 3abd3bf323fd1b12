import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type AppDatabase } from '../connection';
import { seedDemo } from '../demo/seed-demo';
import { checkDatabase, databaseDigest } from '../maintenance';
import { deferIndexes } from './deferred-indexes';
import { exportSync, importSync, previewImport } from './sync.service';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-deferred-'));
const indexes = (sqlite: BetterSqlite3.Database) => sqlite.prepare(`SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`).all();
const triggers = (sqlite: BetterSqlite3.Database) => sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all();
const lastAttended = (sqlite: BetterSqlite3.Database) => sqlite.prepare('SELECT contact_id, starts_at FROM contact_last_attended ORDER BY contact_id').all();
const hasIndex = (sqlite: BetterSqlite3.Database, name: string) => sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?`).get(name) !== undefined;

let source: AppDatabase;
let file: string;
let freshIndexes: unknown[];
let freshTriggers: unknown[];

beforeAll(async () => {
  source = await openDatabase(path.join(dir, 'source.sqlite'));
  freshIndexes = indexes(source.sqlite);
  freshTriggers = triggers(source.sqlite);
  // About 48,000 operations: above the size where an import defers its indexes.
  await seedDemo(source.db, { scale: 0.1, seed: 5 });
  file = path.join(dir, 'full.kredsbog');
  await exportSync(source, { out: file, appVersion: 'test' });
}, 120_000);
afterAll(async () => {
  await source.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('deferred index maintenance in a large import', () => {
  it('builds a first import’s indexes once the rows are in, and ends with every index and row a fresh database has', async () => {
    const target = await openDatabase(path.join(dir, 'first.sqlite'));
    try {
      const seenWhileStoring: boolean[] = [];
      await importSync(target, file, {
        confirmLargeDeletes: true,
        onProgress: (done, total) => {
          if (done < total / 2) seenWhileStoring.push(hasIndex(target.sqlite, 'sync_log_row'));
        },
      });
      // While operations were stored, the log's per-record index did not exist: it was built afterwards.
      expect(seenWhileStoring.length).toBeGreaterThan(0);
      expect(seenWhileStoring.every((present) => !present)).toBe(true);
      expect(indexes(target.sqlite)).toEqual(freshIndexes);
      // The derived table's triggers were dropped for the import and are back; the table was rebuilt once, equal to the source's.
      expect(triggers(target.sqlite)).toEqual(freshTriggers);
      expect(lastAttended(target.sqlite).length).toBeGreaterThan(10);
      expect(lastAttended(target.sqlite)).toEqual(lastAttended(source.sqlite));
      expect(checkDatabase(target.sqlite).ok).toBe(true);
      expect(databaseDigest(target.sqlite)).toBe(databaseDigest(source.sqlite));
      // The restored indexes serve their queries.
      const plan = target.sqlite.prepare(`EXPLAIN QUERY PLAN SELECT field FROM sync_log WHERE row = 1`).all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('sync_log_row');
    } finally {
      await target.close();
    }
  }, 120_000);

  it('leaves every index in place when a preview, or an import stopped halfway, rolls back', async () => {
    const target = await openDatabase(path.join(dir, 'rolled-back.sqlite'));
    try {
      const before = databaseDigest(target.sqlite);
      await previewImport(target, file);
      expect(indexes(target.sqlite)).toEqual(freshIndexes);
      let agendaIndexWhenStopped: boolean | undefined;
      await expect(
        importSync(target, file, {
          confirmLargeDeletes: true,
          onProgress: (done, total) => {
            // Stopped while rows are being written (the second half), with the big tables' indexes dropped.
            if (done > total / 2 && done < total) {
              agendaIndexWhenStopped = hasIndex(target.sqlite, 'agenda_item_meeting');
              throw new Error('stopped');
            }
          },
        }),
      ).rejects.toThrow('stopped');
      expect(agendaIndexWhenStopped).toBe(false);
      expect(indexes(target.sqlite)).toEqual(freshIndexes);
      expect(databaseDigest(target.sqlite)).toBe(before);
      expect(checkDatabase(target.sqlite).ok).toBe(true);
    } finally {
      await target.close();
    }
  }, 120_000);

  it('keeps unique indexes, which are constraints, and refuses to run outside a transaction', async () => {
    const target = await openDatabase(':memory:');
    try {
      target.sqlite.exec('CREATE TABLE t (a, b); CREATE UNIQUE INDEX t_a ON t (a); CREATE INDEX t_b ON t (b)');
      expect(() => deferIndexes(target.sqlite, ['t'])).toThrow(/transaction/);
      target.sqlite.transaction(() => {
        const deferred = deferIndexes(target.sqlite, ['t']);
        expect(deferred.names).toEqual(['t_b']);
        expect(hasIndex(target.sqlite, 't_a')).toBe(true);
        expect(hasIndex(target.sqlite, 't_b')).toBe(false);
        expect(() => target.sqlite.prepare('INSERT INTO t VALUES (1, 1), (1, 2)').run()).toThrow(/UNIQUE/);
        deferred.restore();
        deferred.restore();
        expect(hasIndex(target.sqlite, 't_b')).toBe(true);
      })();
    } finally {
      await target.close();
    }
  });
});
