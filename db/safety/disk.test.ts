import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, ChannelOutput } from '../../common/contract';
import type { Result } from '../../common/result';
import { handlers } from '../../server/handlers';
import { createDispatcher, type Dispatch } from '../../server/ipc/dispatch';
import { openDatabase, type AppDatabase } from '../connection';
import { createContact } from '../contacts/contacts.repository';
import { checkDatabase, databaseDigest } from '../maintenance';
import type { Database } from '../schema';
import { readSyncFile } from '../sync/sync-file';
import { exportFrom, installation } from '../sync/sync-testing';
import { SafeRollbackSqliteDialect } from './safe-rollback-dialect';

/**
 * Disk full and read-only, made real (issue 7).
 *
 * Disk full: the database lives on its own tiny tmpfs (`mount -t tmpfs -o size=…`;
 * the tests run as root in a container, locally and in CI), and a filler
 * file takes the free space, so SQLite's write() really gets ENOSPC. Where
 * mounting is not permitted (no CAP_SYS_ADMIN), the fallback is SQLite's
 * `PRAGMA max_page_count` at the current size: SQLite then reports the same
 * SQLITE_FULL without the file system being involved. The test prints which;
 * KREDSBOG_NO_TMPFS=1 forces the fallback.
 *
 * Read-only: the file is chmod 0444 and the app runs as a user other than its
 * owner. Root ignores file permissions, so as root the app runs in a child
 * process as `nobody` via setpriv (util-linux); as any other user the child
 * runs as that user. Neither `PRAGMA query_only` nor better-sqlite3's
 * readonly flag is used: that is not how the app opens a file.
 */
const FULL = { code: 'DISK_FULL', message: 'Disken er fuld. Intet er gemt — frigør plads og prøv igen.' };
const READ_ONLY = { code: 'DB_READ_ONLY', message: 'Databasen kan ikke skrives (skrivebeskyttet). Intet er gemt.' };

let dir: string;
let mounted = false;
let app: AppDatabase;
let dispatch: Dispatch;
let internalErrors: string[];

function tryMountTmpfs(target: string, bytes: number): boolean {
  // KREDSBOG_NO_TMPFS=1 runs the fallback on purpose.
  if (process.platform !== 'linux' || process.env.KREDSBOG_NO_TMPFS === '1') return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', target], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-disk-'));
  mounted = tryMountTmpfs(dir, 4 * 1024 * 1024);
  app = await openDatabase(path.join(dir, 'kredsbog.sqlite'));
  internalErrors = [];
  dispatch = createDispatcher(handlers, { app, host: 'browser', version: 'test' }, { checkOutput: true, onInternalError: (channel, error) => internalErrors.push(`${channel}: ${String(error)}`) });
});

afterEach(async () => {
  try {
    await app.close();
    // openDatabase on an up-to-date file runs no Kysely query, and Kysely's destroy() then never
    // closes the handle (reported: db/connection.ts close()); the tmpfs cannot be unmounted while it is open.
    if (app.sqlite.open) app.sqlite.close();
  } finally {
    if (mounted) execFileSync('umount', [dir]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // Every failure must have been one of the expected ones, never "uventet fejl".
  expect(internalErrors).toEqual([]);
});

async function call<C extends Channel>(channel: C, input: unknown): Promise<ChannelOutput<C>> {
  const result = await dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
  return result.value as ChannelOutput<C>;
}

const filler = () => path.join(dir, 'filler.bin');

/**
 * Leaves `keepBytes` free for the database, plus room for one backup of it if
 * asked. The WAL is truncated first: otherwise new commits could reuse space
 * the WAL file already holds.
 */
function fillDisk(slackBytes: number, options: { roomForBackup?: boolean } = {}): void {
  app.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const keepBytes = slackBytes + (options.roomForBackup ? fs.statSync(path.join(dir, 'kredsbog.sqlite')).size : 0);
  if (mounted) {
    const stats = fs.statfsSync(dir);
    const free = stats.bavail * stats.bsize;
    fs.writeFileSync(filler(), Buffer.alloc(Math.max(0, free - keepBytes)));
    console.log(`disk full: tmpfs with ${keepBytes} bytes left`);
  } else {
    // The backup is a separate file, not limited by max_page_count: only the slack counts.
    const pages = app.sqlite.pragma('page_count', { simple: true }) as number;
    const pageSize = app.sqlite.pragma('page_size', { simple: true }) as number;
    app.sqlite.pragma(`max_page_count = ${pages + Math.floor(slackBytes / pageSize)}`);
    console.log('disk full: no tmpfs (mounting not permitted, or KREDSBOG_NO_TMPFS=1): PRAGMA max_page_count stands in');
  }
}

function freeDisk(): void {
  if (mounted) fs.rmSync(filler());
  else app.sqlite.pragma('max_page_count = 4294967294');
}

const opCount = () => app.sqlite.prepare('SELECT count(*) FROM sync_op').pluck().get() as number;
const longText = (seed: string) => `${seed} — Ærøskøbing, Åbenrå og Præstø. `.repeat(400).slice(0, 19_000);

describe('disk full', () => {
  it('answers a write on a full disk with DISK_FULL in Danish and keeps everything written before', async () => {
    const [koege] = await call('kommuner.list', { query: 'køge' });
    const org = await call('organisations.create', { name: 'Køge Boligselskab', kind: 'boligorganisation', kommuneIds: [koege!.id] });
    const hanne = await call('contacts.create', { name: 'Hanne Ærø', emails: ['hanne@kbs.dk'], affiliations: [{ title: 'Forretningsfører', kind: 'boligorganisation', organisationId: org.id }] });
    const meeting = await call('meetings.create', { title: 'Styringsdialog Køge', kommuneId: koege!.id, startsAt: '2030-03-10T09:00:00Z', agenda: [{ title: 'Boligsocial anvisning' }] });
    await call('followUps.create', { title: 'Send nøgletal', ownerContactId: hanne.id, sourceMeetingId: meeting.id });
    const before = databaseDigest(app.sqlite);
    const opsBefore = opCount();
    const contactsBefore = await call('contacts.list', {});

    fillDisk(32 * 1024);
    // One transaction of ~0.5 MB (search index included): it fails part-way through writing the WAL.
    const big = { title: 'Kommunesamarbejde Ærø', startsAt: '2030-04-01T09:00:00Z', agenda: Array.from({ length: 12 }, (_, i) => ({ title: `Punkt ${i + 1}`, description: longText(`Punkt ${i + 1}`) })) };
    expect(await dispatch('meetings.create', big)).toEqual({ ok: false, error: FULL });
    expect(await dispatch('contacts.update', { id: hanne.id, notes: longText('Noter') })).toEqual({ ok: false, error: FULL });

    // Nothing half-written, everything from before readable through the same dispatcher.
    expect(checkDatabase(app.sqlite)).toMatchObject({ ok: true, integrity: ['ok'] });
    expect(databaseDigest(app.sqlite)).toBe(before);
    expect(opCount()).toBe(opsBefore);
    expect(await call('contacts.list', {})).toEqual(contactsBefore);
    expect((await call('meetings.get', { id: meeting.id })).agenda.map((a) => a.title)).toEqual(['Boligsocial anvisning']);
    expect((await call('search.query', { query: 'ærøskøbing' })).total).toBe(0);

    // Space freed: the same write goes through, and the file reopens clean.
    freeDisk();
    expect((await call('meetings.create', big)).agenda).toHaveLength(12);
    await app.close();
    app = await openDatabase(path.join(dir, 'kredsbog.sqlite'));
    expect(checkDatabase(app.sqlite).ok).toBe(true);
    expect(app.sqlite.prepare(`SELECT count(*) FROM meeting WHERE title IN ('Styringsdialog Køge', 'Kommunesamarbejde Ærø')`).pluck().get()).toBe(2);
  });

  it('imports a sync file into a full disk all or nothing', async () => {
    const other = await installation('Åbenrå-laptop');
    for (let i = 0; i < 150; i += 1) await createContact(other.app.db, { name: `Søren Østergård ${i}`, emails: [`soeren${i}@example.dk`], phones: [], notes: 'Formand for afdelingsbestyrelsen i Ærøskøbing.' }, []);
    const syncFile = await exportFrom(other);
    await other.app.close();
    const payload = { fileName: path.basename(syncFile), base64: fs.readFileSync(syncFile).toString('base64'), confirmLargeDeletes: true };
    await call('contacts.create', { name: 'Hanne Ærø' });
    const before = databaseDigest(app.sqlite);
    const opsBefore = opCount();

    // Room for the backup taken before an import, not for the import.
    fillDisk(128 * 1024, { roomForBackup: true });
    expect(await dispatch('sync.import', payload)).toEqual({ ok: false, error: FULL });
    if (mounted) expect(fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.endsWith('-foer-import.sqlite'))).toHaveLength(1);

    expect(checkDatabase(app.sqlite)).toMatchObject({ ok: true, integrity: ['ok'] });
    expect(databaseDigest(app.sqlite)).toBe(before);
    expect(opCount()).toBe(opsBefore);
    expect(app.sqlite.prepare('SELECT count(*) FROM sync_peer').pluck().get()).toBe(0);

    freeDisk();
    const imported = await call('sync.import', payload);
    expect(imported.report.applied).toBe((await readSyncFile(syncFile)).operations.length);
    expect(opCount()).toBe(opsBefore + imported.report.applied);
    expect((await call('contacts.list', {})).length).toBe(151);
  });
});

describe('damaged database file', () => {
  it('answers a read of a damaged table with DB_CORRUPT in Danish instead of an unexpected error', async () => {
    await call('contacts.create', { name: 'Hanne Ærø' });
    const { rootpage } = app.sqlite.prepare(`SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'contact'`).get() as { rootpage: number };
    const pageSize = app.sqlite.pragma('page_size', { simple: true }) as number;
    const file = path.join(dir, 'kredsbog.sqlite');
    await app.close();
    // A bad sector: the contact table's root page overwritten with noise (closing checkpointed the WAL into the file).
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, (rootpage - 1) * pageSize);
    fs.closeSync(fd);

    app = await openDatabase(file);
    dispatch = createDispatcher(handlers, { app, host: 'browser', version: 'test' }, { checkOutput: true, onInternalError: (channel, error) => internalErrors.push(`${channel}: ${String(error)}`) });
    expect(await dispatch('contacts.list', {})).toEqual({
      ok: false,
      error: { code: 'DB_CORRUPT', message: 'Databasefilen er beskadiget og kan ikke læses. Intet er ændret — luk Kredsbog og gendan en sikkerhedskopi.' },
    });
  });
});

describe('SafeRollbackSqliteDialect', () => {
  // Needs a COMMIT that fails: only a real full disk does that (max_page_count fails the INSERT itself).
  it('lets SQLITE_FULL from a failed COMMIT through, where plain SqliteDialect hides it behind a failed ROLLBACK', async (context) => {
    if (!mounted) context.skip();
    fillDisk(32 * 1024);
    const insert = (db: Kysely<Database>) =>
      db.transaction().execute(async (trx) => {
        for (let i = 0; i < 40; i += 1) await trx.insertInto('local_setting').values({ key: `fyld-${i}`, value: longText(String(i)) }).execute();
      });
    const safe = new Kysely<Database>({ dialect: new SafeRollbackSqliteDialect(app.sqlite) });
    await expect(insert(safe)).rejects.toMatchObject({ code: 'SQLITE_FULL' });
    const plain = new Kysely<Database>({ dialect: new SqliteDialect({ database: app.sqlite }) });
    await expect(insert(plain)).rejects.toMatchObject({ code: 'SQLITE_ERROR', message: 'cannot rollback - no transaction is active' });
    expect(app.sqlite.inTransaction).toBe(false);
    expect(app.sqlite.prepare(`SELECT count(*) FROM local_setting WHERE key LIKE 'fyld-%'`).pluck().get()).toBe(0);
  });
});

describe('read-only database file', () => {
  const isRoot = process.getuid?.() === 0;
  const hasSetpriv = isRoot && spawnSync('setpriv', ['--version']).status === 0;

  // Skipped only where a read-only file cannot be made real: Windows (no chmod semantics), or as root without
  // setpriv to drop to `nobody` (root ignores file modes). Here and in CI it runs: root with setpriv.
  it.skipIf(process.platform === 'win32' || (isRoot && !hasSetpriv))('answers every write with DB_READ_ONLY in Danish, still reads, and leaves the file untouched', async () => {
    const other = await installation('Ærø-laptop');
    await createContact(other.app.db, { name: 'Åse Ørsted', emails: [], phones: [], notes: '' }, []);
    const syncFile = await exportFrom(other);
    await other.app.close();
    const hanne = await call('contacts.create', { name: 'Hanne Ærø', emails: ['hanne@kbs.dk'] });
    await app.close();
    const file = path.join(dir, 'kredsbog.sqlite');
    const bytes = fs.readFileSync(file);
    fs.chmodSync(file, 0o444);
    const syncCopy = path.join(dir, 'import.kredsbog');
    fs.copyFileSync(syncFile, syncCopy);
    // The folder stays writable, as a read-only file in a user's folder would be: SQLite may create its -shm there.
    fs.chmodSync(dir, 0o777);
    fs.chmodSync(syncCopy, 0o444);

    const node = [process.execPath, '--import', 'tsx', path.join(import.meta.dirname, '..', '..', 'server', 'ipc', 'read-only-child.ts'), file, hanne.id, syncCopy];
    const command = isRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...node] : node;
    const child = spawnSync(command[0]!, command.slice(1), { cwd: path.resolve(import.meta.dirname, '..', '..'), encoding: 'utf8', env: { ...process.env, HOME: os.tmpdir() } });
    expect(child.status, child.stderr).toBe(0);
    const results = JSON.parse(child.stdout) as Record<string, Result<unknown>> & { readOnlyConnection: boolean };

    for (const channel of ['contacts.create', 'contacts.update', 'meetings.create', 'followUps.create', 'sync.import']) {
      expect(results[channel], channel).toEqual({ ok: false, error: READ_ONLY });
    }
    expect(results['contacts.list']).toMatchObject({ ok: true, value: [{ id: hanne.id, name: 'Hanne Ærø' }] });
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);

    fs.chmodSync(file, 0o644);
    app = await openDatabase(file);
    expect(checkDatabase(app.sqlite)).toMatchObject({ ok: true, integrity: ['ok'] });
    expect(app.sqlite.prepare('SELECT count(*) FROM contact').pluck().get()).toBe(1);
  }, 30_000);
});
