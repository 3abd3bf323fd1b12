import os from 'node:os';
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import { decodeHlc, encodeHlc, receive, tick, type Hlc } from '../../common/hlc';
import { newId } from '../ids';
import type { Database } from '../schema';
import { clockParts, type ClockParts } from './op-log';

/**
 * This installation's identity and clock, kept in sync_state so every write
 * in the same transaction sees and advances the same clock.
 */
export interface Installation {
  readonly id: string;
  readonly name: string;
}

type Db = Kysely<Database> | Transaction<Database>;

async function readState(db: Db, key: string): Promise<string | undefined> {
  return (await db.selectFrom('sync_state').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

async function writeState(db: Db, key: string, value: string): Promise<void> {
  await db.insertInto('sync_state').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

/** The installation, created on first use: a random id and "user @ machine" as its name. */
export async function getInstallation(db: Db): Promise<Installation> {
  let id = await readState(db, 'installation_id');
  let name = await readState(db, 'installation_name');
  if (!id) {
    // The id is used inside clocks: hex and dashes only.
    id = newId().replace(/-/g, '').slice(-16);
    await writeState(db, 'installation_id', id);
  }
  if (!name) {
    // "Karen Kredskonsulent @ laptop" when the user has given a name in Indstillinger, else the OS user.
    const userName = (await db.selectFrom('local_setting').select('value').where('key', '=', 'userName').executeTakeFirst())?.value;
    const person = userName ? (JSON.parse(userName) as string) : '';
    name = `${person || os.userInfo().username} @ ${os.hostname()}`;
    await writeState(db, 'installation_name', name);
  }
  return { id, name };
}

export async function setInstallationName(db: Db, name: string): Promise<Installation> {
  await getInstallation(db);
  await writeState(db, 'installation_name', name);
  return getInstallation(db);
}

/** Injectable wall clock, so tests can skew an installation's time. */
export const wallClock = { now: () => Date.now() };

/** The next clock for a local change (one read and one write: this runs on every mutation). */
export async function nextClock(db: Db): Promise<string> {
  const rows = await db.selectFrom('sync_state').select(['key', 'value']).where('key', 'in', ['installation_id', 'clock']).execute();
  const id = rows.find((r) => r.key === 'installation_id')?.value ?? (await getInstallation(db)).id;
  const last = rows.find((r) => r.key === 'clock')?.value;
  const next = tick(last ? decodeHlc(last) : null, wallClock.now(), id);
  const encoded = encodeHlc(next);
  await writeState(db, 'clock', encoded);
  return encoded;
}

/**
 * How far past this device's own wall clock a received clock may move the
 * local one. A colleague whose clock runs a day fast must not drag everyone
 * along (their later files would then be "from the future" to a third
 * laptop): their operations are kept with the clocks they carry, but the
 * local clock follows them only this far.
 */
export const maxClockLead = 5 * 60 * 1000;

/** Advance the local clock past a received one — but never more than `maxClockLead` past the local wall clock. */
export async function observeClock(db: Db, remote: string): Promise<void> {
  const { id } = await getInstallation(db);
  const last = await readState(db, 'clock');
  const now = wallClock.now();
  const received = decodeHlc(remote);
  const bounded: Hlc = received.wall > now + maxClockLead ? { wall: now + maxClockLead, counter: 0, node: received.node } : received;
  const next: Hlc = receive(last ? decodeHlc(last) : null, bounded, now, id);
  await writeState(db, 'clock', encodeHlc(next));
}

/**
 * The import preview's word about clocks that run fast: the operations keep
 * the clocks they carry (and win over edits here of the same fields until
 * this clock gets there), but this installation's clock does not follow them
 * past `maxClockLead`. The sender's own operations (origin `sender`) speak of
 * the sender's clock; those the file relays from other installations were
 * accepted by the sender and are named as such.
 */
export function clockAheadWarnings(operations: readonly { readonly hlc: string; readonly origin: string }[], sender: string, now = wallClock.now()): string[] {
  let ownLatest = 0;
  let relayedLatest = 0;
  let previous = '';
  for (const op of operations) {
    if (op.hlc === previous) continue;
    previous = op.hlc;
    const wall = Number(op.hlc.slice(0, 16));
    if (op.origin === sender) ownLatest = Math.max(ownLatest, wall);
    else relayedLatest = Math.max(relayedLatest, wall);
  }
  const minutes = (latest: number) => Math.round((latest - now) / 60_000);
  const warnings: string[] = [];
  if (ownLatest > now + maxClockLead) {
    warnings.push(
      `Afsenderens ændringer er dateret op til ca. ${minutes(ownLatest)} minutter ude i fremtiden: de gemmes med deres egne tidsstempler og vinder over rettelser her af de samme felter, indtil dit ur når dertil, men Kredsbog stiller ikke sit eget ur frem efter dem.`,
    );
  }
  if (relayedLatest > now + maxClockLead) {
    warnings.push(
      `Filen videregiver ændringer fra andre installationer, dateret op til ca. ${minutes(relayedLatest)} minutter ude i fremtiden: de gemmes med deres egne tidsstempler, som afsenderen gjorde, men Kredsbog stiller ikke sit eget ur frem efter dem.`,
    );
  }
  return warnings;
}

export async function currentClock(db: Db): Promise<string | null> {
  return (await readState(db, 'clock')) ?? null;
}

/**
 * The highest local clock ever written to any file that leaves this database
 * (a full or peer export, a sync-folder file). Local operations above it have
 * been seen by nobody else and may be coalesced (db/mutations.ts); those at or
 * below it never change. Set BEFORE the file is written: a failed write then
 * only means less coalescing, never a rewritten operation someone has.
 */
export function exportedWatermark(sqlite: BetterSqlite3.Database): ClockParts | null {
  const text = sqlite.prepare(`SELECT value FROM sync_state WHERE key = 'exported_clock'`).pluck().get() as string | undefined;
  return text ? clockParts(text) : null;
}

/** Synchronous on purpose: the caller counts, marks and writes without an await between, so no edit can slip in unmarked. */
export function markExported(sqlite: BetterSqlite3.Database): void {
  sqlite.prepare(`INSERT INTO sync_state (key, value) SELECT 'exported_clock', value FROM sync_state WHERE key = 'clock' ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run();
}
