import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type AppDatabase } from '../../db/connection';
import { seedDemo } from '../../db/demo/seed-demo';
import { databaseDigest } from '../../db/maintenance';
import { listRecentImports } from '../../db/sync/import-undo';
import { exportSync, importSync } from '../../db/sync/sync.service';
import { tempDir } from '../../db/testing/test-database';
import { createJobRunner, workerFileFor } from './job-runner';

const workerFile = fileURLToPath(new URL('./job.worker.ts', import.meta.url));
let dir: string;
let source: AppDatabase;
let file: string;

beforeAll(async () => {
  dir = tempDir();
  source = await openDatabase(path.join(dir, 'kilde.sqlite'));
  await seedDemo(source.db, { scale: 0.05, seed: 9 });
  file = path.join(dir, 'alt.kredsbog');
  await exportSync(source, { out: file, appVersion: 'test' });
}, 120_000);
afterAll(() => source.close());

describe('long jobs in a worker thread', () => {
  it('runs the integrity check in the small worker beside the job worker, which finds a sound file sound and a damaged one damaged', async () => {
    expect(workerFileFor('db.quickCheck', '/app/dist/host/job.worker.cjs')).toBe(path.join('/app/dist/host', 'quick-check.worker.cjs'));
    expect(workerFileFor('sync.import', '/app/dist/host/job.worker.cjs')).toBe('/app/dist/host/job.worker.cjs');
    expect(await createJobRunner({ workerFile, dbFile: source.file }).run('db.quickCheck', {})).toEqual({ state: 'ok' });
    const damaged = path.join(dir, 'beskadiget.sqlite');
    fs.writeFileSync(damaged, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(8192, 0x5a)]));
    expect(await createJobRunner({ workerFile, dbFile: damaged }).run('db.quickCheck', {})).toEqual({ state: 'damaged' });
  });

  it('imports in a worker with progress, while the window keeps reading, and ends with the sender\'s data', async () => {
    const target = await openDatabase(path.join(dir, 'maal.sqlite'));
    try {
      const jobs = createJobRunner({ workerFile, dbFile: target.file });
      const running = jobs.run('sync.import', { file, confirmLargeDeletes: false });
      expect(jobs.list()).toEqual([expect.objectContaining({ kind: 'sync.import' })]);
      // The main connection answers while the worker works.
      expect(target.sqlite.prepare('SELECT count(*) FROM kommune').pluck().get()).toBe(98);
      let settled = false;
      void running.finally(() => (settled = true));
      let progress = 0;
      while (!settled) {
        progress = Math.max(progress, ...jobs.list().map((job) => job.done));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(progress).toBeGreaterThan(0);
      const result = await running;
      expect(result.report.applied).toBeGreaterThan(10_000);
      expect(jobs.list()).toEqual([]);
      expect(databaseDigest(target.sqlite)).toBe(databaseDigest(source.sqlite));
    } finally {
      await target.close();
    }
  }, 120_000);

  it('cancelling mid-import changes nothing', async () => {
    const target = await openDatabase(path.join(dir, 'afbrudt.sqlite'));
    try {
      const before = databaseDigest(target.sqlite);
      const jobs = createJobRunner({ workerFile, dbFile: target.file });
      const running = jobs.run('sync.import', { file, confirmLargeDeletes: false });
      // Wait until the worker has stored part of the file, then stop it.
      while (!jobs.list().some((job) => job.done > 0)) {
        if (jobs.list().length === 0) throw new Error('the job ended before it reported progress');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(jobs.cancel(jobs.list()[0]!.id)).toBe(true);
      await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(databaseDigest(target.sqlite)).toBe(before);
      expect(target.sqlite.prepare('SELECT count(*) FROM sync_op').pluck().get()).toBe(0);
    } finally {
      await target.close();
    }
  }, 120_000);

  it('undoes an import in a worker: the dry run changes nothing, the undo deletes what the import created', async () => {
    const target = await openDatabase(path.join(dir, 'fortryd.sqlite'));
    try {
      await importSync(target, file);
      const [entry] = await listRecentImports(target.db);
      const digest = databaseDigest(target.sqlite);
      const jobs = createJobRunner({ workerFile, dbFile: target.file });
      const preview = await jobs.run('sync.undoImport', { journalId: entry!.journalId, dryRun: true });
      expect(preview.summary.deletedRecords).toBe(entry!.createdRecords);
      expect(databaseDigest(target.sqlite)).toBe(digest);
      const done = await jobs.run('sync.undoImport', { journalId: entry!.journalId, dryRun: false });
      expect(done).toEqual({ ...preview, undone: true });
      expect(target.sqlite.prepare('SELECT count(*) FROM contact WHERE deleted_at IS NULL').pluck().get()).toBe(0);
    } finally {
      await target.close();
    }
  }, 120_000);

  it('reports the file\'s problem in Danish from the worker, as data', async () => {
    const target = await openDatabase(path.join(dir, 'fejl.sqlite'));
    try {
      const jobs = createJobRunner({ workerFile, dbFile: target.file });
      await expect(jobs.run('sync.preview', { file: path.join(dir, 'findes-ikke.kredsbog') })).rejects.toMatchObject({ code: 'VALIDATION' });
    } finally {
      await target.close();
    }
  }, 60_000);
});
