import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A small rotating file log in <userData>/logs: kredsbog.log plus up to four
 * older files (kredsbog.1.log is the newest of those), 1 MB each.
 *
 * What goes in: event names, channel names, error codes, durations, versions.
 * What never goes in: a channel's input or output, or anything else a user
 * typed. Every string is passed through `redact` anyway, so a slip (an error
 * message quoting an e-mail address, a path with the user's name) is caught.
 * Plain node: works in main, in the job worker thread and in tests.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Readonly<Record<string, LogValue>>;

export interface Logger {
  readonly dir: string;
  readonly file: string;
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export interface FileLoggerOptions {
  readonly dir: string;
  readonly fileName?: string;
  /** Size at which the current file is rotated. */
  readonly maxBytes?: number;
  /** Files kept in all, the current one included. */
  readonly maxFiles?: number;
  /** Lines below this level are dropped. */
  readonly level?: LogLevel;
  readonly now?: () => Date;
}

const levels: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };
export const logFileName = 'kredsbog.log';

/** The log folder that belongs to a database file: logs/ beside it (Electron: <userData>/logs). */
export function logDirFor(databaseFile: string): string {
  return path.join(path.dirname(path.resolve(databaseFile)), 'logs');
}

/** kredsbog.log → kredsbog.<n>.log */
function rotatedName(fileName: string, n: number): string {
  const ext = path.extname(fileName);
  return `${fileName.slice(0, fileName.length - ext.length)}.${n}${ext}`;
}

export function createFileLogger(options: FileLoggerOptions): Logger {
  const fileName = options.fileName ?? logFileName;
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const maxFiles = Math.max(1, options.maxFiles ?? 5);
  const threshold = levels[options.level ?? 'info'];
  const now = options.now ?? (() => new Date());
  const file = path.join(options.dir, fileName);

  const rotate = () => {
    fs.rmSync(path.join(options.dir, rotatedName(fileName, maxFiles - 1)), { force: true });
    for (let n = maxFiles - 2; n >= 1; n--) {
      const from = path.join(options.dir, rotatedName(fileName, n));
      if (fs.existsSync(from)) fs.renameSync(from, path.join(options.dir, rotatedName(fileName, n + 1)));
    }
    if (maxFiles > 1) fs.renameSync(file, path.join(options.dir, rotatedName(fileName, 1)));
    else fs.rmSync(file, { force: true });
  };

  const write = (level: LogLevel, event: string, fields: LogFields = {}) => {
    if (levels[level] < threshold) return;
    const line = `${formatLine(now(), level, event, fields)}\n`;
    // Logging must never break what it observes: a full disk or a locked file loses the line, nothing else.
    try {
      fs.mkdirSync(options.dir, { recursive: true });
      const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
      if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate();
      fs.appendFileSync(file, line, 'utf8');
    } catch {
      // Deliberately ignored (see above).
    }
  };

  return {
    dir: options.dir,
    file,
    debug: (event, fields) => write('debug', event, fields),
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

/** Longer strings are cut: a log line is a hint, not a dump. */
const maxValueLength = 2000;

/** One line: `<ISO time> <LEVEL> <event> key=value …`, every string redacted, no line breaks. */
export function formatLine(at: Date, level: LogLevel, event: string, fields: LogFields): string {
  const parts = [at.toISOString(), level.toUpperCase().padEnd(5), oneLine(redact(event))];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const text = typeof value === 'string' ? oneLine(redact(value.length > maxValueLength ? `${value.slice(0, maxValueLength)}…` : value)) : String(value);
    parts.push(`${oneLine(redact(key))}=${typeof value === 'string' && /[\s"=]/.test(text) ? JSON.stringify(text) : text}`);
  }
  return parts.join(' ');
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ');
}

// The lookbehind makes a match start only where a run of name characters starts: linear, not quadratic, on long texts.
const emailPattern = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
// 8 or more digits, optionally grouped by single spaces, optionally after +45 / 0045:
// Danish and international phone numbers. Parts of ids (a1b2-12345678) are left alone.
const phonePattern = /(?<![\w-])(?:(?:\+|00)\d{1,3} ?)?\d(?: ?\d){7,}(?![\w-])/g;
const inputPattern = /input:[\s\S]*$/i;
const homeDir = os.homedir();

/**
 * Strips what may identify a person from a log text: e-mail addresses, phone
 * numbers, the user's home folder (it carries their user name), and
 * everything after "input:" (a channel input must never be logged).
 */
export function redact(text: string, home: string = homeDir): string {
  let out = text.replace(inputPattern, 'input: [fjernet]');
  if (home.length > 1) out = out.split(home).join('~');
  return out.replace(emailPattern, '[e-mail]').replace(phonePattern, '[telefon]');
}

/**
 * What of an error is safe and useful in a log: its class, code, a redacted
 * and shortened message and the top stack frames as file names and lines.
 */
export function errorFields(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: typeof error, message: redact(String(error)).slice(0, 300) };
  const code = 'code' in error ? String((error as { code: unknown }).code) : undefined;
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 3)
    .map((line) => line.trim().replace(/^at /, '').replace(/[^\s()]*[\\/]([^\\/\s()]+:\d+:\d+)/g, '$1'))
    .join(' < ');
  return { error: error.name, code, message: redact(error.message).slice(0, 300), at: frames || undefined };
}

/** The dispatcher's `onInternalError`, writing to a log (server/ipc/dispatch.ts DispatchOptions). */
export function logInternalError(log: Logger): (channel: string, error: unknown) => void {
  return (channel, error) => log.error('ipc.internal', { channel, ...errorFields(error) });
}

/** The log files in a folder, newest first (current file, then .1, .2 …). */
export function listLogFiles(dir: string, fileName: string = logFileName): string[] {
  const candidates = [fileName, ...Array.from({ length: 20 }, (_, i) => rotatedName(fileName, i + 1))];
  return candidates.map((name) => path.join(dir, name)).filter((file) => fs.existsSync(file));
}
