/**
 * Peak memory while a hostile file is refused (issue 13): a small .kredsbog
 * that inflates to hundreds of millions of lines, and an .xlsx whose farthest
 * cell is XFD1048576. Each file is read by the app's own reader in a child
 * process of its own, whose maxRSS (process.resourceUsage()) is the figure;
 * beside it the same child reading a normal file of the same kind, and doing
 * nothing at all. Called by bench.ts; `npx tsx bench/bomb-rss.bench.ts`
 * prints the figures alone.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { encodeHlc } from '../common/hlc';
import { SYNC_FORMAT, SYNC_FORMAT_VERSION, type SyncHeader } from '../common/sync-file.schema';
import { sheetToXlsx } from '../db/contact-files/spreadsheets.export';
import { readXlsx } from '../db/contact-files/spreadsheet.read';
import { schemaVersion } from '../db/migrations';
import type { SyncOperation } from '../db/sync/apply';
import { readSyncFile, writeSyncFile } from '../db/sync/sync-file';

type Report = (name: string, value: number, unit: string, raw?: number, note?: string) => void;
type Reader = 'idle' | 'sync' | 'xlsx';
interface ChildResult {
  readonly outcome: 'read' | 'rejected' | 'idle';
  readonly reason: string;
  readonly seconds: number;
  readonly maxRssMb: number;
}

export const bombRssFigureNames = [
  'bombe-test: tom proces, største RSS (MB)',
  'bombe .kredsbog: største RSS (MB)',
  'bombe .kredsbog: tid til afvisning (s)',
  'bombe .xlsx: største RSS (MB)',
  'bombe .xlsx: tid til afvisning (s)',
] as const;

const thisFile = fileURLToPath(import.meta.url);
const installation = 'b0b0b0b0b0b0b0b0';

function header(operations: number): SyncHeader {
  return {
    format: SYNC_FORMAT,
    formatVersion: SYNC_FORMAT_VERSION,
    minReaderVersion: 1,
    schemaVersion,
    appVersion: 'bench',
    installationId: installation,
    installationName: 'Bench',
    createdAt: new Date().toISOString(),
    clock: null,
    vector: {},
    counts: { operations },
  };
}

/** A normal file: 5,000 contacts of four fields each, as an export writes them. */
function normalSyncFile(file: string): void {
  const now = Date.now() - 60_000;
  const operations: SyncOperation[] = [];
  for (let i = 0; i < 5_000; i++) {
    const hlc = encodeHlc({ wall: now + i, counter: 0, node: installation });
    const row = `0190a1b2-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;
    const fields: Record<string, string | null> = { deleted_at: null, name: JSON.stringify(`Kontakt ${i} Ørsted`), emails: JSON.stringify(JSON.stringify([`k${i}@kab.dk`])), notes: JSON.stringify('Mødt til styringsdialog.') };
    for (const [field, value] of Object.entries(fields)) operations.push({ hlc, tbl: 'contact', row_id: row, field, value, prev: null, origin: installation });
  }
  writeSyncFile(file, { ...header(operations.length), clock: operations.at(-1)!.hlc, vector: { [installation]: operations.at(-1)!.hlc } }, operations);
}

/**
 * The bomb: a valid header, then 300 million empty lines, written as gzip
 * members of 8 MiB each (a file of several members is one gzip stream to
 * every reader), so it is built in a moment and is about 300 KB on disk.
 */
function bombSyncFile(file: string): number {
  const member = zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x0a), { level: 9 });
  const members = Math.ceil(300_000_000 / (8 * 1024 * 1024));
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, zlib.gzipSync(`${JSON.stringify(header(9_999_999))}\n`));
    for (let i = 0; i < members; i++) fs.writeSync(fd, member);
  } finally {
    fs.closeSync(fd);
  }
  return members * 8 * 1024 * 1024;
}

/** 1.6 KB of .xlsx whose farthest cell is XFD1048576 (once more than 4 GB before it was refused). */
function bombXlsx(): Uint8Array {
  const xml = (body: string) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${body}`);
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  return zipSync(
    {
      '[Content_Types].xml': xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
      '_rels/.rels': xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
      'xl/workbook.xml': xml(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${rel}"><sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      'xl/_rels/workbook.xml.rels': xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
      'xl/worksheets/sheet1.xml': xml(
        `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData><row r="1">${cell('A1', 'Navn')}${cell('XFD1', 'x')}</row><row r="1048576">${cell('XFD1048576', 'x')}</row></sheetData></worksheet>`,
      ),
    },
    { level: 9 },
  );
}

/** A normal contact list: 2,000 people with e-mail, phone, organisation and title. */
const normalXlsx = () =>
  sheetToXlsx({
    title: 'Kontakter',
    headers: ['Navn', 'E-mail', 'Telefon', 'Organisation', 'Titel'],
    rows: Array.from({ length: 2_000 }, (_, i) => [`Kontakt ${i} Ørsted`, `k${i}@kab.dk`, `+45 20 ${String(i).padStart(6, '0')}`, 'KAB', 'Direktør']),
  });

/** One reader in a fresh child process: what it concluded, how long it took, and the child's peak RSS. */
function inChild(reader: Reader, file: string): ChildResult {
  const child = spawnSync(process.execPath, ['--import', 'tsx', thisFile, '--child', reader, file], { encoding: 'utf8', maxBuffer: 1024 * 1024 });
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !line.startsWith('{')) throw new Error(`bombe-test (${reader}) fejlede: ${child.stderr.slice(-2000)}`);
  return JSON.parse(line) as ChildResult;
}

async function runChild(reader: Reader, file: string): Promise<void> {
  const started = process.hrtime.bigint();
  let outcome: ChildResult['outcome'] = 'idle';
  let reason = '';
  try {
    if (reader === 'sync') await readSyncFile(file);
    if (reader === 'xlsx') await readXlsx(new Uint8Array(fs.readFileSync(file)));
    if (reader !== 'idle') outcome = 'read';
  } catch (error) {
    outcome = 'rejected';
    reason = error instanceof Error ? error.message : String(error);
  }
  const result: ChildResult = { outcome, reason, seconds: Number(process.hrtime.bigint() - started) / 1e9, maxRssMb: process.resourceUsage().maxRSS / 1024 };
  console.log(JSON.stringify(result));
}

/** Writes the files to `dir`, reads each in its own child, and reports the figures. */
export async function bombRssFigures(report: Report, dir: string): Promise<void> {
  const files = { normalSync: path.join(dir, 'normal.kredsbog'), bombSync: path.join(dir, 'bombe.kredsbog'), normalXlsx: path.join(dir, 'normal.xlsx'), bombXlsx: path.join(dir, 'bombe.xlsx') };
  normalSyncFile(files.normalSync);
  const inflated = bombSyncFile(files.bombSync);
  fs.writeFileSync(files.normalXlsx, await normalXlsx());
  fs.writeFileSync(files.bombXlsx, bombXlsx());
  const kb = (file: string) => `${(fs.statSync(file).size / 1024).toFixed(1)} KB`;
  const idle = inChild('idle', files.normalSync);
  report(bombRssFigureNames[0], idle.maxRssMb, 'MB', undefined, 'Node med læsernes moduler indlæst, ingen fil læst');
  for (const [kind, reader, normal, bomb, what] of [
    ['.kredsbog', 'sync', files.normalSync, files.bombSync, `${kb(files.bombSync)}, pakker sig ud til ${Math.round(inflated / 1e6)} MB = ${(inflated / 1e6).toFixed(0)} mio. tomme linjer`],
    ['.xlsx', 'xlsx', files.normalXlsx, files.bombXlsx, `${kb(files.bombXlsx)}, dimension A1:XFD1048576`],
  ] as const) {
    const read = inChild(reader, normal);
    const refused = inChild(reader, bomb);
    if (read.outcome !== 'read') throw new Error(`bombe-test: den normale ${kind}-fil blev ikke læst: ${read.reason}`);
    if (refused.outcome !== 'rejected') throw new Error(`bombe-test: ${kind}-bomben blev ikke afvist`);
    report(`bombe ${kind}: største RSS (MB)`, refused.maxRssMb, 'MB', read.maxRssMb, `rå = samme læser på en normal fil (${kb(normal)}, ${read.seconds.toFixed(2)} s); ${what}`);
    report(`bombe ${kind}: tid til afvisning (s)`, refused.seconds, 's', undefined, refused.reason);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === thisFile) {
  const at = process.argv.indexOf('--child');
  if (at !== -1) {
    await runChild(process.argv[at + 1] as Reader, process.argv[at + 2]!);
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-bombe-'));
    try {
      await bombRssFigures((name, value, unit, raw, note) => console.log(`${name.padEnd(42)} ${value.toFixed(2).padStart(10)} ${unit}${raw === undefined ? '' : `   rå: ${raw.toFixed(2)} ${unit}`}${note ? `   (${note})` : ''}`), dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
