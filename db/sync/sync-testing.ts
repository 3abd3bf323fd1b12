import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type AppDatabase } from '../connection';
import { databaseDigest } from '../maintenance';
import { wallClock } from './clock';
import { exportSync, importSync } from './sync.service';

/** Test support: in-memory installations that exchange real .kredsbog files. */
export interface TestInstallation {
  readonly name: string;
  readonly app: AppDatabase;
  /** Milliseconds this installation's clock is off by. */
  skew: number;
}

let fileCounter = 0;
export const syncTempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-sync-'));

export async function installation(name: string): Promise<TestInstallation> {
  return { name, app: await openDatabase(':memory:'), skew: 0 };
}

/** Runs `work` with the process-wide wall clock skewed as this installation's. */
export async function asInstallation<T>(who: TestInstallation, work: () => Promise<T>): Promise<T> {
  const real = wallClock.now;
  const skew = who.skew;
  wallClock.now = () => Date.now() + skew;
  try {
    return await work();
  } finally {
    wallClock.now = real;
  }
}

export async function exportFrom(from: TestInstallation, options: { peer?: TestInstallation; peerId?: string } = {}): Promise<string> {
  const out = path.join(syncTempDir, `${from.name}-${++fileCounter}.kredsbog`);
  const peerId = options.peerId ?? (options.peer ? await installationId(options.peer) : undefined);
  await asInstallation(from, () => exportSync(from.app, { out, peerId, appVersion: 'test' }));
  return out;
}

export async function importInto(to: TestInstallation, file: string) {
  return asInstallation(to, () => importSync(to.app, file, { confirmLargeDeletes: true }));
}

export async function installationId(who: TestInstallation): Promise<string> {
  const row = await who.app.db.selectFrom('sync_state').select('value').where('key', '=', 'installation_id').executeTakeFirst();
  if (row) return row.value;
  const { getInstallation } = await import('./clock');
  return (await getInstallation(who.app.db)).id;
}

export const digest = (who: TestInstallation) => databaseDigest(who.app.sqlite);
