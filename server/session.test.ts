import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backupDirFor, backupScopeOf, listBackups } from '../db/backups/backups.service';
import { createContact } from '../db/contacts/contacts.repository';
import { tempDir } from '../db/testing/test-database';
import { openSession, type Session } from './session';

// Counts Overblik's reads (the warm-up after the open); passes every call through.
const reads = vi.hoisted(() => ({ dashboards: 0 }));
vi.mock('../db/dashboard/dashboard.repository', async (importOriginal) => {
  const original = await importOriginal<typeof import('../db/dashboard/dashboard.repository')>();
  return {
    ...original,
    getDashboard: (...args: Parameters<typeof original.getDashboard>) => {
      reads.dashboards += 1;
      return original.getDashboard(...args);
    },
  };
});

const workerFile = fileURLToPath(new URL('./jobs/job.worker.ts', import.meta.url));
const dirs: string[] = [];
const sessions: Session[] = [];
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function open(options: Partial<Parameters<typeof openSession>[1]> = {}, existing = false) {
  const dir = tempDir();
  dirs.push(dir);
  const file = path.join(dir, 'kredsbog.sqlite');
  if (existing) await (await openSession(file, { version: 'test', background: false })).close();
  const session = await openSession(file, { version: 'test', workerFile, locationDir: dir, ...options });
  sessions.push(session);
  return { dir, file, session };
}

const person = (name: string) => ({ name, emails: [], phones: [], notes: '' });
const names = (session: Session) => session.app.sqlite.prepare('SELECT name FROM contact ORDER BY name').pluck().all();

describe('backend session', () => {
  it('reads Overblik once right after the open, before the window asks, and writes nothing', async () => {
    reads.dashboards = 0;
    const { session } = await open({ deferredDelayMs: 60_000 });
    const changes = () => session.app.sqlite.prepare('SELECT total_changes()').pluck().get();
    const before = changes();
    await vi.waitFor(() => expect(reads.dashboards).toBe(1));
    expect(changes()).toBe(before);
  });

  it('leaves the CLI’s short sessions without the warm-up', async () => {
    reads.dashboards = 0;
    await open({ background: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reads.dashboards).toBe(0);
  });

  it('opens a new database file and answers the handler table through its dispatcher', async () => {
    const { file, session } = await open();
    expect(session.app.file).toBe(file);
    expect(session.recovery).toBeNull();
    const dispatch = session.dispatcher({ host: 'browser', checkOutput: true });
    expect(await dispatch('stats.get', undefined)).toMatchObject({ ok: true, value: { kommuner: 98 } });
  });

  it('reopens the restored file after a restore, under the same dispatcher', async () => {
    const { session } = await open();
    const dispatch = session.dispatcher({ host: 'browser', checkOutput: true });
    const before = session.app;
    await createContact(session.app.db, person('Mette Ørsted'), []);
    const created = await dispatch('backups.create', undefined);
    if (!created.ok) throw new Error('no backup');
    await createContact(session.app.db, person('Åse Bøgh'), []);
    expect(await dispatch('backups.restore', { name: (created.value as { name: string }).name })).toMatchObject({ ok: true });
    expect(session.app).not.toBe(before);
    expect(before.sqlite.open).toBe(false);
    expect(names(session)).toEqual(['Mette Ørsted']);
    expect(await dispatch('contacts.list', {})).toMatchObject({ ok: true });
  });

  it('opens the previous file again when a reopen fails, and says why', async () => {
    const { dir, file, session } = await open();
    await createContact(session.app.db, person('Mette Ørsted'), []);
    await expect(session.reopen(path.join(dir, 'findes-ikke.sqlite'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(session.app.file).toBe(file);
    expect(names(session)).toEqual(['Mette Ørsted']);
  });

  it('releases the file on close: the write-ahead log is checkpointed away and another session opens it', async () => {
    const { file, session } = await open();
    await createContact(session.app.db, person('Mette Ørsted'), []);
    const app = session.app;
    await session.close();
    expect(app.sqlite.open).toBe(false);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const again = await openSession(file, { version: 'test', background: false });
    sessions.push(again);
    expect(names(again)).toEqual(['Mette Ørsted']);
  });

  it('defers the full check of a large file and the day’s backup until after the open', async () => {
    const { session } = await open({ fullCheckUpTo: 0, deferredDelayMs: 50 }, true);
    const context = session.context('browser');
    // Returned before the check ran and before any backup was taken: the first view need not wait.
    expect(context.integrity?.()).toBe('checking');
    expect(listBackups(backupScopeOf(session.app))).toEqual([]);
    await vi.waitFor(() => expect(context.integrity?.()).toBe('ok'), { timeout: 30_000, interval: 50 });
    await vi.waitFor(() => expect(listBackups(backupScopeOf(session.app))).toHaveLength(1), { timeout: 30_000, interval: 50 });
  }, 60_000);

  it('takes a small file’s daily backup after the open too, never before it', async () => {
    const { session } = await open({ deferredDelayMs: 50 });
    expect(session.context('browser').integrity?.()).toBe('ok');
    expect(fs.existsSync(backupDirFor(session.app)) ? listBackups(backupScopeOf(session.app)) : []).toEqual([]);
    await vi.waitFor(() => expect(listBackups(backupScopeOf(session.app))).toHaveLength(1), { timeout: 30_000, interval: 50 });
  });

  it('opens plainly for the CLI: no background work, no reopen', async () => {
    const { session } = await open({ background: false, workerFile: undefined });
    const context = session.context('browser');
    expect(context.reopen).toBeUndefined();
    expect(context.integrity).toBeUndefined();
    expect(session.jobs).toBeUndefined();
  });
});
