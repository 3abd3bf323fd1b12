import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../db/testing/test-database';
import { createFileLogger, errorFields, formatLine, listLogFiles, logDirFor, logInternalError, redact } from './log';

const dirs: string[] = [];
const freshDir = () => {
  const dir = tempDir();
  dirs.push(dir);
  return path.join(dir, 'logs');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('redact', () => {
  it('removes e-mail addresses, also with æøå', () => {
    expect(redact('mail til mette.ørsted@kab.dk fejlede')).toBe('mail til [e-mail] fejlede');
  });

  it('removes Danish and international phone numbers in the usual spellings', () => {
    for (const phone of ['20304050', '20 30 40 50', '+45 20 30 40 50', '+4520304050', '0045 20304050', '+46 8 123 456 78']) {
      expect(redact(`ring ${phone} i morgen`)).toBe('ring [telefon] i morgen');
    }
  });

  it('keeps durations, counts, dates, versions and ids', () => {
    const text = 'durationMs=1234 rows=42 at 2026-11-23 version 0.1.0 id 0190a1b2-1234-5678-9abc-123456789012';
    expect(redact(text)).toBe(text);
  });

  it('drops everything after "input:"', () => {
    expect(redact('Output of contacts.create failed, input: {"name":"Mette Ørsted","notes":"privat"}')).toBe('Output of contacts.create failed, input: [fjernet]');
    expect(redact('INPUT: hemmelig')).toBe('input: [fjernet]');
  });

  it('replaces the home folder (it carries the user name) with ~', () => {
    expect(redact('kan ikke åbne /home/mette.oersted/.config/Kredsbog/kredsbog.sqlite', '/home/mette.oersted')).toBe('kan ikke åbne ~/.config/Kredsbog/kredsbog.sqlite');
  });
});

describe('file logger', () => {
  it('writes one line per event with level, event and redacted fields, below the level dropped', () => {
    const dir = freshDir();
    const log = createFileLogger({ dir, level: 'info', now: () => new Date('2026-11-23T10:00:00.000Z') });
    log.debug('ignored');
    log.info('app.start', { version: '0.1.0', electron: '45.4.1' });
    log.error('ipc.internal', { channel: 'contacts.create', message: 'fejl for mette@kab.dk', durationMs: 12 });
    expect(fs.readFileSync(path.join(dir, 'kredsbog.log'), 'utf8')).toBe(
      '2026-11-23T10:00:00.000Z INFO  app.start version=0.1.0 electron=45.4.1\n' +
        '2026-11-23T10:00:00.000Z ERROR ipc.internal channel=contacts.create message="fejl for [e-mail]" durationMs=12\n',
    );
  });

  it('rotates at the size limit and keeps at most maxFiles files, newest first', () => {
    const dir = freshDir();
    const log = createFileLogger({ dir, maxBytes: 200, maxFiles: 3 });
    for (let i = 0; i < 40; i++) log.info('event', { n: i });
    const files = listLogFiles(dir);
    expect(files.map((f) => path.basename(f))).toEqual(['kredsbog.log', 'kredsbog.1.log', 'kredsbog.2.log']);
    for (const file of files) expect(fs.statSync(file).size).toBeLessThanOrEqual(200);
    const lastNumber = (file: string) => Number(/n=(\d+)\n$/.exec(fs.readFileSync(file, 'utf8'))?.[1]);
    expect(lastNumber(files[0] ?? '')).toBe(39);
    expect(lastNumber(files[1] ?? '')).toBeLessThan(lastNumber(files[0] ?? ''));
    expect(lastNumber(files[2] ?? '')).toBeLessThan(lastNumber(files[1] ?? ''));
    expect(fs.existsSync(path.join(dir, 'kredsbog.3.log'))).toBe(false);
  });

  it('rotates 1 MB × 5 files by default', () => {
    const dir = freshDir();
    const log = createFileLogger({ dir });
    const filler = 'x'.repeat(1900);
    for (let i = 0; i < 3200; i++) log.info('fill', { filler });
    const files = listLogFiles(dir);
    expect(files).toHaveLength(5);
    for (const file of files) expect(fs.statSync(file).size).toBeLessThanOrEqual(1024 * 1024);
  });

  it('cuts long values, and redacts a long text in one pass', () => {
    const dir = freshDir();
    const log = createFileLogger({ dir });
    log.info('big', { text: `${'a'.repeat(500_000)} mette@kab.dk` });
    const line = fs.readFileSync(log.file, 'utf8');
    expect(line.length).toBeLessThan(2100);
    expect(line).toContain('…');
    expect(redact(`${'a'.repeat(500_000)} mette@kab.dk`)).toMatch(/ \[e-mail\]$/);
  });

  it('never throws when the folder cannot be written', () => {
    const dir = freshDir();
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.writeFileSync(dir, 'a file where the folder should be');
    expect(() => createFileLogger({ dir }).error('still fine')).not.toThrow();
  });

  it('puts logs beside the database file', () => {
    expect(logDirFor(path.join('/data', 'Kredsbog', 'kredsbog.sqlite'))).toBe(path.join('/data', 'Kredsbog', 'logs'));
  });
});

describe('errors in the log', () => {
  it('logs an internal IPC error with channel, class, code and redacted message only', () => {
    const dir = freshDir();
    const log = createFileLogger({ dir });
    const error = Object.assign(new TypeError('kunne ikke sende til mette@kab.dk, input: {"phones":["20304050"]}'), { code: 'E_TEST' });
    logInternalError(log)('contacts.update', error);
    const text = fs.readFileSync(log.file, 'utf8');
    expect(text).toContain('ipc.internal channel=contacts.update error=TypeError code=E_TEST');
    expect(text).toContain('message="kunne ikke sende til [e-mail], input: [fjernet]"');
    expect(text).not.toMatch(/mette|20304050/);
  });

  it('keeps stack frames as file names and line numbers, without folders', () => {
    const fields = errorFields(new Error('boom'));
    expect(fields.at).toMatch(/log\.test\.ts:\d+:\d+/);
    expect(String(fields.at)).not.toContain(path.sep + 'server' + path.sep);
  });

  it('formats values with spaces or quotes as JSON strings on one line', () => {
    expect(formatLine(new Date(0), 'warn', 'x', { a: 'to\nlinjer', b: true, c: null })).toBe('1970-01-01T00:00:00.000Z WARN  x a="to linjer" b=true c=null');
  });
});
