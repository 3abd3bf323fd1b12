import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDirFor, createBackup } from '../../db/backups/backups.service';
import { damagePages } from '../../db/backups/backups.testing';
import { databaseFileFor, rememberDatabaseFile } from '../../db/backups/location';
import { openDatabaseSafely, recordRecovery } from '../../db/backups/safe-open';
import type { AppDatabase } from '../../db/connection';
import { createContact } from '../../db/contacts/contacts.repository';
import { databaseDigest } from '../../db/maintenance';
import { tempDir } from '../../db/testing/test-database';
import { createDispatcher } from '../ipc/dispatch';
import type { IntegrityState } from '../../common/backups.domain';
import type { HandlerContext } from './handler.types';
import { handlers } from './index';

const dirs: string[] = [];
const hosts: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A host as main.ts and the browser host are meant to be: `app` behind a
 * getter, and `reopen` closing the database, opening the file safely and
 * remembering a moved one in kredsbog-location.json.
 */
async function startHost(options: { reopen: boolean }) {
  const userData = tempDir();
  dirs.push(userData);
  let app: AppDatabase = (await openDatabaseSafely(databaseFileFor(userData).file)).app;
  const reopened: string[] = [];
  const context: HandlerContext = {
    get app() {
      return app;
    },
    host: 'browser',
    version: 'test',
    ...(options.reopen
      ? {
          reopen: async (file: string) => {
            reopened.push(file);
            await app.close();
            app = (await openDatabaseSafely(file, { mustExist: true })).app;
            rememberDatabaseFile(userData, file);
          },
        }
      : {}),
  };
  const dispatch = createDispatcher(handlers, context, { checkOutput: true });
  const host = { userData, dispatch, reopened, get app() { return app; }, close: () => app.close() };
  hosts.push(host);
  return host;
}

const person = (name: string) => ({ name, emails: [], phones: [], notes: '' });
const names = (app: AppDatabase) => app.sqlite.prepare('SELECT name FROM contact ORDER BY name').pluck().all();

describe('backups channels', () => {
  it('takes a backup by hand and lists it; the status shows the folder and the last backup', async () => {
    const host = await startHost({ reopen: false });
    const created = await host.dispatch('backups.create', undefined);
    expect(created).toMatchObject({ ok: true, value: { reason: 'manuel', kind: 'manual' } });
    // The day's automatic backup from the start gives way to the newer one of the same day.
    const list = await host.dispatch('backups.list', undefined);
    expect(list).toEqual({ ok: true, value: [created.ok && created.value] });
    const status = await host.dispatch('backups.status', undefined);
    expect(status).toMatchObject({
      ok: true,
      value: { folder: backupDirFor(host.app), count: 1, lastBackup: { reason: 'manuel' }, locationRisk: null, recovery: null, canMove: false },
    });
  });

  it('restores a backup after backing up the current database, and the host reopens it', async () => {
    const host = await startHost({ reopen: true });
    await createContact(host.app.db, person('Mette Ørsted'), []);
    const created = await host.dispatch('backups.create', undefined);
    if (!created.ok) throw new Error('no backup');
    await createContact(host.app.db, person('Åse Bøgh'), []);
    const restored = await host.dispatch('backups.restore', { name: (created.value as { name: string }).name });
    expect(restored).toMatchObject({ ok: true, value: { safetyBackup: { reason: 'foer-gendannelse' } } });
    expect(host.reopened).toEqual([host.app.file]);
    expect(names(host.app)).toEqual(['Mette Ørsted']);
  });

  it('refuses a damaged backup and an invalid name, changing nothing', async () => {
    const host = await startHost({ reopen: true });
    for (let i = 0; i < 40; i++) await createContact(host.app.db, person(`Kontakt ${i} i Roskilde`), []);
    const created = await host.dispatch('backups.create', undefined);
    if (!created.ok) throw new Error('no backup');
    const name = (created.value as { name: string }).name;
    damagePages(path.join(backupDirFor(host.app), name), 3, 6);
    const digest = databaseDigest(host.app.sqlite);
    expect(await host.dispatch('backups.restore', { name })).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: `Sikkerhedskopien ${name} er beskadiget og kan ikke bruges. Intet er ændret — vælg en anden sikkerhedskopi.` },
    });
    expect(await host.dispatch('backups.restore', { name: '../kredsbog.sqlite' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(host.reopened).toEqual([]);
    expect(databaseDigest(host.app.sqlite)).toBe(digest);
  });

  it('moves the database only where the host can reopen it', async () => {
    const without = await startHost({ reopen: false });
    expect(await without.dispatch('backups.move', { folder: tempDir() })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const host = await startHost({ reopen: true });
    await createContact(host.app.db, person('Mette Ørsted'), []);
    const to = tempDir();
    dirs.push(to);
    const moved = await host.dispatch('backups.move', { folder: to });
    expect(moved).toEqual({ ok: true, value: { databaseFile: path.join(to, 'kredsbog.sqlite'), locationRisk: null } });
    expect(host.app.file).toBe(path.join(to, 'kredsbog.sqlite'));
    expect(names(host.app)).toEqual(['Mette Ørsted']);
    expect(databaseFileFor(host.userData)).toEqual({ file: path.join(to, 'kredsbog.sqlite'), moved: true });
  });

  it('shows a recovery until it is dismissed', async () => {
    const host = await startHost({ reopen: false });
    const recovery = { restoredFrom: null, backupTakenAt: null, damagedFileKeptAt: '/tmp/kredsbog-beskadiget.sqlite', recoveredAt: '2026-11-23T08:00:00.000Z' };
    await recordRecovery(host.app.db, recovery);
    expect(await host.dispatch('backups.status', undefined)).toMatchObject({ ok: true, value: { recovery } });
    expect(await host.dispatch('backups.dismissRecovery', undefined)).toMatchObject({ ok: true, value: { recovery: null } });
  });

  it('recovers from damage the background check found: damaged file kept aside, newest good backup back', async () => {
    const userData = tempDir();
    dirs.push(userData);
    const file = databaseFileFor(userData).file;
    const first = (await openDatabaseSafely(file)).app;
    await createContact(first.db, person('Mette Ørsted'), []);
    await createBackup(first, 'manuel');
    for (let i = 0; i < 300; i++) await createContact(first.db, person(`Kontakt ${i} i Ærøskøbing`), []);
    const pages = first.sqlite.pragma('page_count', { simple: true }) as number;
    await first.close();
    damagePages(file, pages - 3, 3);
    // A start that only probed (a large file): the background check then reports damage.
    let app = (await openDatabaseSafely(file, { fullCheckUpTo: 0, dailyBackup: false })).app;
    let integrity: IntegrityState = 'ok';
    const context: HandlerContext = {
      get app() {
        return app;
      },
      host: 'browser',
      version: 'test',
      integrity: () => integrity,
      reopen: async (next, options) => {
        await app.close();
        app = (await openDatabaseSafely(next, { mustExist: true, dailyBackup: false, ...(options?.fullCheck ? {} : { fullCheckUpTo: 0 }) })).app;
        integrity = 'ok';
      },
    };
    hosts.push({ close: () => app.close() });
    const dispatch = createDispatcher(handlers, context, { checkOutput: true });
    expect(await dispatch('backups.recoverDamaged', undefined)).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'Databasen er ikke fundet beskadiget. Intet er ændret.' } });
    integrity = 'damaged';
    expect(await dispatch('backups.status', undefined)).toMatchObject({ ok: true, value: { integrity: 'damaged', recovery: null } });
    const recovered = await dispatch('backups.recoverDamaged', undefined);
    expect(recovered).toMatchObject({ ok: true, value: { integrity: 'ok', recovery: { restoredFrom: expect.stringContaining('manuel') } } });
    expect(names(app)).toEqual(['Mette Ørsted']);
    expect(fs.readdirSync(userData).some((name) => name.startsWith('kredsbog-beskadiget-'))).toBe(true);
  }, 30_000);
});
