import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContact } from '../../db/contacts/contacts.repository';
import { exportSync } from '../../db/sync/sync.service';
import { createTestDatabase, tempDir } from '../../db/testing/test-database';
import { createDispatcher, type Dispatch } from '../ipc/dispatch';
import { createFileLogger, logDirFor } from '../log/log';
import { appShellEvents, createShellEvents, maxOpenFileBytes, openedFilesFromArgv, readOpenedFiles } from './app-shell.handlers';
import { handlers } from './index';

describe('appShell channels', () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let electron: Dispatch;
  let browser: Dispatch;
  beforeEach(async () => {
    t = await createTestDatabase();
    electron = createDispatcher(handlers, { app: t, host: 'electron', version: '1.2.3' }, { checkOutput: true });
    browser = createDispatcher(handlers, { app: t, host: 'browser', version: '1.2.3' }, { checkOutput: true });
  });
  afterEach(async () => {
    appShellEvents.clear();
    await t.dispose();
  });

  it('tells the version and where the data, backups and logs are', async () => {
    const about = await electron('appShell.about', undefined);
    expect(about).toEqual({
      ok: true,
      value: expect.objectContaining({
        version: '1.2.3',
        schemaVersion: t.schemaVersion,
        host: 'electron',
        node: process.versions.node,
        electron: null,
        dataFolder: t.dir,
        databaseFile: path.join(t.dir, 'kredsbog.sqlite'),
        backupsFolder: path.join(t.dir, 'backups'),
        logsFolder: path.join(t.dir, 'logs'),
      }),
    });
  });

  it('hands over a double-clicked .kredsbog file once, as base64 ready for sync.preview', async () => {
    const other = await createTestDatabase();
    try {
      const file = path.join(other.dir, 'Fra Birgit.kredsbog');
      await exportSync(other, { out: file, appVersion: 'test' });
      appShellEvents.openFile(file);
      const pending = await electron('appShell.pendingOpenFiles', undefined);
      expect(pending).toEqual({ ok: true, value: { files: [{ fileName: 'Fra Birgit.kredsbog', base64: fs.readFileSync(file).toString('base64') }], rejected: [] } });
      const preview = await electron('sync.preview', pending.ok ? (pending.value as { files: unknown[] }).files[0] : null);
      expect(preview).toMatchObject({ ok: true, value: { sender: { installationId: expect.any(String) } } });
      // Taken: a second call has nothing.
      expect(await electron('appShell.pendingOpenFiles', undefined)).toEqual({ ok: true, value: { files: [], rejected: [] } });
    } finally {
      await other.dispose();
    }
  });

  it('rejects other files, missing files and folders with a reason, and logs only the reason', async () => {
    const dir = tempDir();
    try {
      fs.writeFileSync(path.join(dir, 'Mette Ørsted.docx'), 'x');
      fs.mkdirSync(path.join(dir, 'mappe.kredsbog'));
      appShellEvents.openFile(path.join(dir, 'Mette Ørsted.docx'));
      appShellEvents.openFile(path.join(dir, 'findes-ikke.kredsbog'));
      appShellEvents.openFile(path.join(dir, 'mappe.kredsbog'));
      expect(await electron('appShell.pendingOpenFiles', undefined)).toEqual({
        ok: true,
        value: {
          files: [],
          rejected: [
            { fileName: 'Mette Ørsted.docx', reason: 'notKredsbog' },
            { fileName: 'findes-ikke.kredsbog', reason: 'unreadable' },
            { fileName: 'mappe.kredsbog', reason: 'unreadable' },
          ],
        },
      });
      const log = fs.readFileSync(path.join(logDirFor(t.file), 'kredsbog.log'), 'utf8');
      expect(log).toContain('openFile.rejected reason=notKredsbog');
      expect(log).not.toContain('Mette');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a file larger than the sync page accepts', async () => {
    const dir = tempDir();
    try {
      const file = path.join(dir, 'stor.kredsbog');
      // A sparse file: the size is checked before anything is read.
      fs.closeSync(fs.openSync(file, 'w'));
      fs.truncateSync(file, maxOpenFileBytes + 1);
      expect(await readOpenedFiles([file])).toEqual({ files: [], rejected: [{ fileName: 'stor.kredsbog', reason: 'tooLarge' }] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the browser host has no opened files and no requests to wait for', async () => {
    appShellEvents.openFile('/tmp/x.kredsbog');
    expect(await browser('appShell.pendingOpenFiles', undefined)).toEqual({ ok: true, value: { files: [], rejected: [] } });
    expect(await browser('appShell.nextRequest', undefined)).toEqual({ ok: true, value: { request: null, waitAgain: false } });
  });

  it('answers a waiting nextRequest with a menu click', async () => {
    const waiting = electron('appShell.nextRequest', undefined);
    appShellEvents.request('about');
    expect(await waiting).toEqual({ ok: true, value: { request: 'about', waitAgain: true } });
  });

  it('writes a diagnostic zip with versions, the database check and logs, and no personal data', async () => {
    await createContact(t.db, { name: 'Mette Ørsted', emails: ['mette.oersted@kab.dk'], phones: ['+45 20 30 40 50'], notes: 'Ringer om fraflytning' }, []);
    createFileLogger({ dir: logDirFor(t.file) }).info('app.start', { version: '1.2.3' });
    // An older, unredacted log line (a bug elsewhere) must not leak either.
    fs.appendFileSync(path.join(logDirFor(t.file), 'kredsbog.1.log'), 'ERROR ipc.internal message="mette.oersted@kab.dk +45 20 30 40 50"\n');

    const result = await electron('appShell.diagnostics', undefined);
    expect(result).toMatchObject({ ok: true, value: { fileName: expect.stringMatching(/^Kredsbog diagnose \d{4}-\d{2}-\d{2}\.zip$/) } });
    const { base64 } = (result.ok ? result.value : { base64: '' }) as { base64: string };
    const entries = unzipSync(Buffer.from(base64, 'base64'));
    expect(Object.keys(entries).sort()).toEqual(['LÆS MIG.txt', 'diagnose.json', 'logs/kredsbog.1.log', 'logs/kredsbog.log']);

    const report = JSON.parse(strFromU8(entries['diagnose.json'] ?? new Uint8Array())) as { app: { version: string; schemaVersion: number }; check: { ok: boolean; integrity: string[] }; rowCounts: Record<string, number>; versions: { node: string } };
    expect(report.app).toMatchObject({ version: '1.2.3', schemaVersion: t.schemaVersion });
    expect(report.check).toMatchObject({ ok: true, integrity: ['ok'] });
    expect(report.rowCounts.contact).toBe(1);
    expect(report.versions.node).toBe(process.versions.node);
    expect(strFromU8(entries['logs/kredsbog.log'] ?? new Uint8Array())).toContain('app.start version=1.2.3');

    const everything = Object.values(entries).map((bytes) => strFromU8(bytes)).join('\n');
    for (const secret of ['Mette', 'Ørsted', 'oersted', 'kab.dk', '20 30 40 50', '20304050', 'fraflytning', t.dir]) expect(everything).not.toContain(secret);
  });
});

describe('shell events', () => {
  it('finds .kredsbog files in a command line, relative to its folder, skipping switches and the executable', () => {
    const cwd = path.resolve('/brugere/konsulent');
    expect(openedFilesFromArgv(['C:/Programmer/Kredsbog/Kredsbog.exe', '--allow-file-access-from-files', 'Fra Birgit.KREDSBOG', path.resolve('/andet/sted/x.kredsbog'), 'noter.txt'], cwd)).toEqual([
      path.join(cwd, 'Fra Birgit.KREDSBOG'),
      path.resolve('/andet/sted/x.kredsbog'),
    ]);
    expect(openedFilesFromArgv(['/opt/Kredsbog/kredsbog.kredsbog'], cwd)).toEqual([]);
  });

  it('keeps a request made while nobody waits for the next call, once', async () => {
    const events = createShellEvents({ waitMs: 5 });
    events.request('reportProblem');
    events.request('reportProblem');
    expect(await events.next()).toBe('reportProblem');
    expect(await events.next()).toBeNull();
  });

  it('gives a request to every caller waiting at the moment (a reloaded window leaves one behind)', async () => {
    const events = createShellEvents({ waitMs: 60_000 });
    const stale = events.next();
    const live = events.next();
    events.openFile('/a.kredsbog');
    expect(await Promise.all([stale, live])).toEqual(['openFiles', 'openFiles']);
    expect(events.takeFiles()).toEqual(['/a.kredsbog']);
    expect(events.takeFiles()).toEqual([]);
  });
});
