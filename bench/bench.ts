/**
 * `npm run bench [-- --scale N] [--skip-browser]`: measures Kredsbog on a generated
 * database and prints one line per figure — the figure, the raw-SQLite figure
 * for the same work measured in the same run where one exists, and the ratio —
 * then writes everything as JSON to bench/results/ for later comparison.
 * No assertions: tests never time anything; this is where timings live.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { openDatabase } from '../db/connection';
import { getDashboard, kommuneMapStats } from '../db/dashboard/dashboard.repository';
import { seedDemo } from '../db/demo/seed-demo';
import { simulateEdits } from '../db/demo/simulate-edits';
import { search } from '../db/search/search.repository';
import { getSettings, updateSettings } from '../db/settings/settings.repository';
import { syncedTables, type Database } from '../db/schema';
import { backupScopeOf, listBackups, maxAutomaticBackups, retention } from '../db/backups/backups.service';
import { updateContact } from '../db/contacts/contacts.repository';
import { updateAgendaItem } from '../db/meetings/meetings.repository';
import { markExported } from '../db/sync/clock';
import { exportSync, importSync } from '../db/sync/sync.service';
import { bombRssFigureNames, bombRssFigures } from './bomb-rss.bench';
import { relationshipFigureNames, relationshipFigures } from './relationships.bench';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, 'skip-browser': { type: 'boolean', default: false }, seeded: { type: 'string' }, 'cold-start-only': { type: 'boolean', default: false } } });
const scale = Number(values.scale);
if (!Number.isFinite(scale) || scale <= 0 || scale > 100) {
  console.error('--scale skal være et tal større end 0 og højst 100.');
  process.exit(1);
}
const root = path.resolve(import.meta.dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-bench-'));
const results: Record<string, { value: number; unit: string; raw?: number; ratio?: number; note?: string }> = {};

function report(name: string, value: number, unit: string, raw?: number, note?: string): void {
  const ratio = raw !== undefined && raw > 0 ? value / raw : undefined;
  results[name] = { value, unit, ...(raw !== undefined ? { raw } : {}), ...(ratio !== undefined ? { ratio } : {}), ...(note ? { note } : {}) };
  const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('da-DK') : n.toLocaleString('da-DK', { maximumFractionDigits: 2 }));
  const rawText = raw !== undefined ? `   rå SQLite: ${fmt(raw)} ${unit}   forhold: ${ratio === undefined ? '–' : ratio.toLocaleString('da-DK', { maximumFractionDigits: 3 })}` : '';
  console.log(`${name.padEnd(42)} ${fmt(value).padStart(12)} ${unit}${rawText}${note ? `   (${note})` : ''}`);
}

const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;
const time = async <T>(work: () => Promise<T> | T): Promise<[T, number]> => {
  const started = process.hrtime.bigint();
  const value = await work();
  return [value, seconds(started)];
};
const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const domainRows = (sqlite: BetterSqlite3.Database) => syncedTables.reduce((n, t) => n + (sqlite.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number), 0);

/** The raw baseline: the same rows inserted with one prepared statement per table, in one transaction, no triggers, no log. */
function rawCopy(from: BetterSqlite3.Database, file: string, tables: readonly string[]): number {
  const to = new BetterSqlite3(file);
  to.pragma('journal_mode = WAL');
  to.pragma('synchronous = NORMAL');
  let rows = 0;
  const started = process.hrtime.bigint();
  to.transaction(() => {
    for (const table of tables) {
      const columns = (from.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);
      to.exec(`CREATE TABLE "${table}" (${columns.map((c) => `"${c}"`).join(', ')})`);
      const insert = to.prepare(`INSERT INTO "${table}" VALUES (${columns.map(() => '?').join(', ')})`);
      for (const row of from.prepare(`SELECT * FROM "${table}"`).raw(true).iterate()) {
        insert.run(row as unknown[]);
        rows++;
      }
    }
  })();
  const elapsed = seconds(started);
  to.close();
  return rows / elapsed;
}

async function main(): Promise<void> {
  console.log(`Kredsbog bench — skala ${scale}, ${os.cpus().length} kerner, Node ${process.version}, ${new Date().toISOString()}\n`);
  const aFile = path.join(dir, 'a.sqlite');
  // `--cold-start-only --seeded FILE`: only the start-up phases, on a copy of a database seeded earlier (no seeding, no import figures).
  if (values['cold-start-only']) {
    if (typeof values.seeded !== 'string') throw new Error('--cold-start-only kræver --seeded FIL');
    fs.copyFileSync(values.seeded, aFile);
    await browserFigures(aFile);
    writeResults('-koldstart');
    return;
  }
  let a = await openDatabase(aFile);

  // 1. Seed (or, with --seeded FILE, start from a copy of a database seeded earlier at this scale: seeding scale 10 takes minutes).
  let ops: number;
  if (typeof values.seeded === 'string') {
    await a.close();
    fs.copyFileSync(values.seeded, aFile);
    a = await openDatabase(aFile);
    ops = a.sqlite.prepare('SELECT count(*) FROM sync_log').pluck().get() as number;
    console.log(`(seed-demo ikke målt: startet fra ${values.seeded}, ${ops} operationer)`);
  } else {
    const [summary, seedTime] = await time(() => seedDemo(a.db, { scale, seed: 1 }));
    const rows = domainRows(a.sqlite);
    ops = a.sqlite.prepare('SELECT count(*) FROM sync_log').pluck().get() as number;
    const rawSeed = rawCopy(a.sqlite, path.join(dir, 'raw-seed.sqlite'), syncedTables);
    report('seed-demo (rækker/s)', rows / seedTime, 'rækker/s', rawSeed, `${summary.contacts} kontakter, ${summary.meetings} møder, ${ops} operationer`);
  }

  // 1b. Storage: the whole file, and what the operation log costs per operation (tables and indexes, from dbstat).
  a.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  report('databasefil (MB)', fs.statSync(aFile).size / 1e6, 'MB', undefined, `${ops} operationer`);
  const logBytes = a.sqlite
    .prepare(`SELECT sum(pgsize) FROM dbstat WHERE name IN (SELECT name FROM sqlite_master WHERE tbl_name IN ('sync_log', 'sync_row', 'sync_origin', 'sync_symbol'))`)
    .pluck()
    .get() as number;
  report('operationslog, bytes pr. operation', logBytes / ops, 'bytes', undefined, `tabeller og indekser: ${(logBytes / 1e6).toFixed(1)} MB`);

  // 1c. Autosave: one agenda item's minutes typed live, saved 50 times before any file carries them.
  markExported(a.sqlite);
  const item = a.sqlite.prepare('SELECT id FROM agenda_item WHERE deleted_at IS NULL ORDER BY id LIMIT 1').pluck().get() as string;
  const minuteOps = () => a.sqlite.prepare(`SELECT count(*) FROM sync_op WHERE tbl = 'agenda_item' AND row_id = ? AND field = 'minutes'`).pluck().get(item) as number;
  const minuteBytes = () => a.sqlite.prepare(`SELECT coalesce(sum(length(value)), 0) FROM sync_op WHERE tbl = 'agenda_item' AND row_id = ? AND field = 'minutes'`).pluck().get(item) as number;
  const [opsBefore, bytesBefore] = [minuteOps(), minuteBytes()];
  const sentence = 'Boligorganisationen redegjorde for huslejeniveauet i afdelingerne, og kommunen spurgte til ventelisten. ';
  for (let save = 1; save <= 50; save++) await updateAgendaItem(a.db, item, { minutes: sentence.repeat(Math.ceil((save * 70) / sentence.length)).slice(0, save * 70) });
  const typed = sentence.repeat(Math.ceil((50 * 70) / sentence.length)).slice(0, 50 * 70).length;
  report('operationer efter 50 autogemninger af ét felt', minuteOps() - opsBefore, 'operationer', undefined, `${minuteBytes() - bytesBefore} bytes i loggen for ${typed} tegn tekst`);

  // 2. Full export.
  const full = path.join(dir, 'full.kredsbog');
  const [, exportTime] = await time(() => exportSync(a, { out: full, appVersion: 'bench' }));
  // Raw: the same rows read, serialised as JSON lines and gzipped in one go.
  const [, rawExportTime] = await time(() => {
    // In chunks: one string of millions of lines would exceed V8's string limit.
    const members: Buffer[] = [];
    let lines: string[] = [];
    for (const row of a.sqlite.prepare('SELECT * FROM sync_log l JOIN sync_row r ON r.id = l.row').iterate()) {
      lines.push(JSON.stringify(row));
      if (lines.length === 50_000) {
        members.push(zlib.gzipSync(lines.join('\n')));
        lines = [];
      }
    }
    members.push(zlib.gzipSync(lines.join('\n')));
    return members.length;
  });
  report('fuld eksport (operationer/s)', ops / exportTime, 'op/s', ops / rawExportTime, `${(fs.statSync(full).size / 1e6).toFixed(1)} MB`);

  // 3. Full import into an empty database, and the raw insert of the same rows.
  const b = await openDatabase(path.join(dir, 'b.sqlite'));
  const [, importTime] = await time(() => importSync(b, full, { confirmLargeDeletes: true }));
  // The rows the import writes: the compact log (its operations and records) and the domain tables.
  const rawImport = rawCopy(a.sqlite, path.join(dir, 'raw-import.sqlite'), ['sync_log', 'sync_row', ...syncedTables]);
  const importedRows = ops + (b.sqlite.prepare('SELECT count(*) FROM sync_row').pluck().get() as number) + domainRows(b.sqlite);
  report('fuld import i tom database (rækker/s)', importedRows / importTime, 'rækker/s', rawImport, `${ops} operationer på ${importTime.toFixed(1)} s`);

  // 4. Re-import of the same file.
  const [, reimportTime] = await time(() => importSync(b, full, { confirmLargeDeletes: true }));
  report('genimport af samme fil (s)', reimportTime, 's', importTime, 'forhold = genimport ÷ første import; kendt på filens SHA-256');
  // The same operations in a new file (a fresh full export): every operation is looked up.
  const again = path.join(dir, 'full-again.kredsbog');
  await exportSync(a, { out: again, appVersion: 'bench' });
  const [, sameOpsTime] = await time(() => importSync(b, again, { confirmLargeDeletes: true }));
  report('genimport, samme ændringer i ny fil (s)', sameOpsTime, 's', importTime, 'forhold = tid ÷ første import');

  // 5. Changes only, after simulate-edits 1000.
  await simulateEdits(a.db, 1000, 7);
  const changes = path.join(dir, 'changes.kredsbog');
  const bId = (b.sqlite.prepare(`SELECT value FROM sync_state WHERE key = 'installation_id'`).pluck().get() as string | undefined) ?? '';
  // a knows b once it has received a file from b.
  const fromB = path.join(dir, 'from-b.kredsbog');
  await exportSync(b, { out: fromB, appVersion: 'bench' });
  await importSync(a, fromB, { confirmLargeDeletes: true });
  const [changesResult, changesExport] = await time(() => exportSync(a, { out: changes, peerId: bId, appVersion: 'bench' }));
  const [, changesImport] = await time(() => importSync(b, changes, { confirmLargeDeletes: true }));
  report('ændringer: eksport efter 1000 rettelser (s)', changesExport, 's', undefined, `${changesResult.operations} operationer`);
  report('ændringer: import (s)', changesImport, 's');

  // 5b. 200 imports with new operations (a colleague's sync-folder rounds): the backups they leave behind.
  const roundTimes: number[] = [];
  const contactId = a.sqlite.prepare('SELECT id FROM contact WHERE deleted_at IS NULL ORDER BY id LIMIT 1').pluck().get() as string;
  for (let round = 0; round < 200; round++) {
    await updateContact(a.db, contactId, { notes: `Ringede ${round + 1}. gang om helhedsplanen.` });
    const file = path.join(dir, `round-${round}.kredsbog`);
    await exportSync(a, { out: file, peerId: bId, appVersion: 'bench' });
    roundTimes.push((await time(() => importSync(b, file, { confirmLargeDeletes: true })))[1] * 1000);
    fs.rmSync(file);
  }
  const kept = listBackups(backupScopeOf(b));
  report('sikkerhedskopier efter 200 importer', kept.length, 'filer', undefined, `${(kept.reduce((n, e) => n + e.size, 0) / 1e6).toFixed(1)} MB; rotationen beholder højst ${maxAutomaticBackups} (${retention.daily}/${retention.weekly}/${retention.monthly} + ${retention.keepAllDays} dages sikkerhedskopier)`);
  roundTimes.sort((x, y) => x - y);
  report('lille import, median (ms)', percentile(roundTimes, 50), 'ms', undefined, '200 runder med én ny ændring');

  // 6. Dashboard queries.
  const repeat = async (work: () => Promise<unknown>, n = 20) => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) times.push((await time(work))[1] * 1000);
    return times.sort((x, y) => x - y);
  };
  const dashboard = await repeat(() => getDashboard(a.db, { myKredse: [3], quietMonths: 6 }));
  report('Overblik, alle forespørgsler (median ms)', percentile(dashboard, 50), 'ms');
  // Each query on its own (the target is per query): the slowest one's median over 20 runs.
  const perQuery = new Map<string, number[]>();
  const logged = new Kysely<Database>({
    dialect: new SqliteDialect({ database: a.sqlite }),
    log: (event) => {
      if (event.level !== 'query') return;
      const key = event.query.sql.slice(0, 80);
      perQuery.set(key, [...(perQuery.get(key) ?? []), event.queryDurationMillis]);
    },
  });
  for (let i = 0; i < 20; i++) await getDashboard(logged, { myKredse: [3], quietMonths: 6 });
  const slowest = [...perQuery].map(([sql, times]) => [sql, percentile([...times].sort((x, y) => x - y), 50)] as const).sort((x, y) => y[1] - x[1])[0];
  if (slowest) report('Overblik, langsomste forespørgsel (median ms)', slowest[1], 'ms', undefined, slowest[0].replace(/\s+/g, ' ').slice(0, 60));
  const map = await repeat(() => kommuneMapStats(a.db, [3]));
  report('Danmarkskort-tal (median ms)', percentile(map, 50), 'ms');

  // 6b. The kommune hub, its timeline and "overdue for contact" (issue 16).
  await relationshipFigures(report, a.sqlite);

  // 7. Search: 200 realistic queries, including Danish folding.
  const names = a.sqlite.prepare(`SELECT name FROM contact WHERE deleted_at IS NULL ORDER BY id LIMIT 80`).pluck().all() as string[];
  const orgs = a.sqlite.prepare(`SELECT name FROM organisation WHERE deleted_at IS NULL ORDER BY id LIMIT 40`).pluck().all() as string[];
  const kommuner = a.sqlite.prepare(`SELECT navn FROM kommune ORDER BY kode`).pluck().all() as string[];
  const fold = (s: string) => s.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa');
  const queries: string[] = [];
  for (let i = 0; queries.length < 200; i++) {
    const pick = [names[i % names.length]!, orgs[i % orgs.length]!, kommuner[i % kommuner.length]!, 'ventelisten', 'helhedsplan', 'anvisning', 'styringsdialog', 'budget'][i % 8]!;
    const word = pick.split(' ')[i % 2 === 0 ? 0 : pick.split(' ').length - 1]!;
    queries.push(i % 3 === 0 ? fold(word) : i % 3 === 1 ? word.slice(0, Math.max(3, word.length - 2)) : word);
  }
  const searchTimes: number[] = [];
  for (const q of queries) searchTimes.push((await time(() => search(a.db, q)))[1] * 1000);
  searchTimes.sort((x, y) => x - y);
  report('søgning p50 (ms)', percentile(searchTimes, 50), 'ms', undefined, '200 forespørgsler');
  report('søgning p95 (ms)', percentile(searchTimes, 95), 'ms');

  // 8. Renderer weight.
  const assets = path.join(root, 'dist', 'renderer', 'assets');
  if (fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
    const html = fs.readFileSync(path.join(root, 'dist', 'renderer', 'index.html'), 'utf8');
    const initial = [...html.matchAll(/(?:src|href)="\.?\/?assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
    const bytes = initial.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(assets, f))).length, 0);
    report('renderer, første JS (gzip kB)', bytes / 1024, 'kB', undefined, initial.join(', '));
  }

  report('bench-proces, største RSS (MB)', process.resourceUsage().maxRSS / 1024, 'MB', undefined, 'seed, eksport og import i samme proces');
  await a.close();
  await b.close();

  // 9. Peak memory while a hostile file is refused, each reader in a child process of its own.
  await bombRssFigures(report, dir);

  // 10. Browser host: cold start to first interactive paint with the large database.
  if (!values['skip-browser']) await browserFigures(aFile);

  writeResults('');
  // CI runs the bench at scale 1 as a smoke test: every figure must have been produced (never a timing assertion).
  const expected = [
    ...(typeof values.seeded === 'string' ? [] : ['seed-demo (rækker/s)']),
    'fuld eksport (operationer/s)',
    'fuld import i tom database (rækker/s)',
    'genimport af samme fil (s)',
    'genimport, samme ændringer i ny fil (s)',
    'ændringer: eksport efter 1000 rettelser (s)',
    'ændringer: import (s)',
    'databasefil (MB)',
    'operationslog, bytes pr. operation',
    'operationer efter 50 autogemninger af ét felt',
    'sikkerhedskopier efter 200 importer',
    'lille import, median (ms)',
    'Overblik, alle forespørgsler (median ms)',
    'Overblik, langsomste forespørgsel (median ms)',
    'Danmarkskort-tal (median ms)',
    ...relationshipFigureNames,
    'søgning p50 (ms)',
    'søgning p95 (ms)',
    'renderer, første JS (gzip kB)',
    ...bombRssFigureNames,
    ...(values['skip-browser'] ? [] : [...coldStartFigureNames, 'DOM-rækker i kontaktlisten', 'browser-host, største RSS (MB)']),
  ];
  const missing = expected.filter((name) => !(name in results) || !Number.isFinite(results[name]!.value));
  if (missing.length > 0) {
    console.error(`Mangler tal: ${missing.join(', ')}`);
    process.exitCode = 1;
  }
}

function writeResults(suffix: string): void {
  const out = path.join(root, 'bench', 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}-scale${scale}${suffix}.json`);
  fs.writeFileSync(out, `${JSON.stringify({ scale, at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, results }, null, 2)}\n`);
  console.log(`\nGemt: ${path.relative(root, out)}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

const coldStartFigureNames = [
  'kold start: host-moduler indlæst (s)',
  'kold start: database åben (s)',
  'kold start: host klar (s)',
  'kold start: første HTML (s)',
  'kold start: sidens moduler evalueret (s)',
  'kold start: indstillinger modtaget (s)',
  'kold start: første tekst malet (s)',
  'kold start: Overblik med tal malet (s)',
  'kold start til første interaktive visning (s)',
  'kold start: processtart til første visning (s)',
];

/**
 * The page's start-up phases in ms since navigation started, read without disturbing the page: a small evaluate every
 * 100 ms until the browser has recorded the figures' paint. "figures" is Element Timing's renderTime of Overblik's
 * overdue figure (`elementtiming="overblik-figures"` in overview.page.tsx): when the browser painted it, not when a
 * script later noticed.
 */
async function startUpPhases(page: import('playwright-core').Page): Promise<{ timeOrigin: number; modules: number; settings: number; paint: number; figures: number }> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    // A string, not a function: tsx would wrap the function's inner arrows in its own __name helper, unknown in the page.
    const phases = (await page.evaluate(`new Promise((resolve) => {
      const mark = (name) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? NaN;
      let figures = NaN;
      new PerformanceObserver((list) => {
        figures = list.getEntries().find((entry) => entry.identifier === 'overblik-figures')?.renderTime ?? NaN;
      }).observe({ type: 'element', buffered: true });
      // The observer hands over the buffered entries in a task of its own; read them in the next one.
      setTimeout(() => resolve(Number.isNaN(figures) ? null : {
        timeOrigin: performance.timeOrigin,
        modules: mark('kredsbog:moduler'),
        settings: mark('kredsbog:indstillinger'),
        paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        figures,
      }), 0);
    })`)) as { timeOrigin: number; modules: number; settings: number; paint: number; figures: number } | null;
    if (phases) return phases;
  }
  throw new Error('Overbliks tal blev ikke malet inden for 30 s');
}

type ColdStart = {
  host: { modules: number; database: number; ready: number; spawnToLine: number };
  firstHtml: number;
  page: { modules: number; settings: number; paint: number; figures: number };
  firstView: number;
  /** Only the last start opens Kontakter after Overblik and reads the host's peak memory. */
  contactRows?: number;
  hostPeakMb?: number;
};

/** Cold starts measured; the bench reports each phase's median (one start varied by ± 0.15 s on this 2-core machine). */
const coldStarts = 3;

async function browserFigures(dbFile: string): Promise<void> {
  if (!fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
    console.log('(browser-tal sprunget over: kør `vite build` først)');
    return;
  }
  // A daily start, not the first: the consultant's name is set, so Overblik opens without the first-run dialog
  // (which shows once, on a new database).
  const named = await openDatabase(dbFile);
  if (!(await getSettings(named.db)).userName) await updateSettings(named.db, { userName: 'Kredskonsulent' });
  await named.close();
  // The host as `npm run start:browser` runs it: bundled, plain Node (scripts/build-host.mjs).
  if (spawnSync(process.execPath, [path.join(root, 'scripts', 'build-host.mjs')], { cwd: root, stdio: 'inherit' }).status !== 0) throw new Error('scripts/build-host.mjs fejlede');
  const starts: ColdStart[] = [];
  // Each start: a new host process and a new browser; the last one then opens Kontakter and reads the host's peak memory.
  for (let run = 1; run <= coldStarts; run++) starts.push(await coldStart(dbFile, run === coldStarts));
  const median = (pick: (start: ColdStart) => number) => {
    const sorted = starts.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  };
  const all = (pick: (start: ColdStart) => number) => `${starts.map((start) => pick(start).toFixed(2)).join(' / ')} s`;
  // Phases of a cold start: the host process (spawn → modules → database session → listening), then the page in a browser already running.
  report('kold start: host-moduler indlæst (s)', median((s) => s.host.modules), 's', undefined, 'siden host-processens start');
  report('kold start: database åben (s)', median((s) => s.host.database), 's', undefined, 'siden host-processens start: sikker åbning, session');
  report('kold start: host klar (s)', median((s) => s.host.ready), 's', undefined, `siden host-processens start; ${median((s) => s.host.spawnToLine).toFixed(2)} s fra spawn til første linje`);
  report('kold start: første HTML (s)', median((s) => s.firstHtml), 's', undefined, 'fra sidens goto');
  report('kold start: sidens moduler evalueret (s)', median((s) => s.page.modules), 's', undefined, 'fra navigationens start: hentet, parset og kørt');
  report('kold start: indstillinger modtaget (s)', median((s) => s.page.settings), 's', undefined, 'fra navigationens start; Overbliks data er sendt efter samtidig');
  report('kold start: første tekst malet (s)', median((s) => s.page.paint), 's', undefined, 'first-contentful-paint, fra navigationens start');
  report('kold start: Overblik med tal malet (s)', median((s) => s.page.figures), 's', undefined, `fra navigationens start til browseren malede tallene (Element Timing); ${all((s) => s.page.figures)}`);
  report('kold start til første interaktive visning (s)', median((s) => s.firstView), 's', undefined, `fra sidens goto til browseren malede Overbliks tal; ${all((s) => s.firstView)}`);
  report('kold start: processtart til første visning (s)', median((s) => s.host.ready + s.firstView), 's', undefined, 'host klar + siden (browserens egen start ikke medregnet)');
  const last = starts.at(-1)!;
  if (last.contactRows !== undefined) report('DOM-rækker i kontaktlisten', last.contactRows, 'rækker');
  if (last.hostPeakMb !== undefined) report('browser-host, største RSS (MB)', last.hostPeakMb, 'MB');
}

async function coldStart(dbFile: string, thenContacts: boolean): Promise<ColdStart> {
  const { chromium } = await import('playwright-core');
  const started = process.hrtime.bigint();
  const host = spawn(process.execPath, [path.join(root, 'dist', 'host', 'browser-host.mjs'), '--db', dbFile, '--renderer', path.join(root, 'dist', 'renderer')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => host.once('exit', resolve));
  try {
    // The host's own start-up phases, in ms since its process started (host/browser-host.ts prints them after the URL).
    const { url, phases } = await new Promise<{ url: string; phases: { modules: number; database: number; ready: number } }>((resolve, reject) => {
      let buffer = '';
      host.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const match = /Kredsbog kører på (\S+)/.exec(buffer);
        const timing = /Opstart \(ms siden processtart\): moduler (\d+), database (\d+), klar (\d+)/.exec(buffer);
        if (match && timing) resolve({ url: match[1]!, phases: { modules: Number(timing[1]), database: Number(timing[2]), ready: Number(timing[3]) } });
      });
      host.on('exit', (code) => reject(new Error(`browser-host stoppede (${code})`)));
    });
    const spawnToLine = seconds(started);
    const browser = await chromium.launch({ executablePath: process.env.KREDSBOG_CHROMIUM ?? '/usr/bin/chromium', args: ['--lang=da-DK'] });
    try {
      const page = await browser.newPage();
      const pageStarted = process.hrtime.bigint();
      const gotoAt = Date.now();
      await page.goto(url, { waitUntil: 'commit' });
      const firstHtml = seconds(pageStarted);
      const pagePhases = await startUpPhases(page);
      // Only now Playwright's own checks: its locators inject a script and poll inside the page, which took ≈ 60 ms of
      // the page's main thread at the very start (measured in a CPU profile) and would be counted as start-up.
      await page.getByRole('heading', { name: 'Goddag' }).waitFor();
      await page.getByTestId('overdue-count').waitFor();
      let contacts: Pick<ColdStart, 'contactRows' | 'hostPeakMb'> = {};
      if (thenContacts) {
        await page.goto(`${url.split('#')[0]}#/kontakter`);
        await page.locator('table tbody tr, [role="row"]').first().waitFor();
        const hwm = fs.readFileSync(`/proc/${host.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/);
        contacts = { contactRows: await page.locator('table tbody tr, [role="row"]').count(), ...(hwm ? { hostPeakMb: Number(hwm[1]) / 1024 } : {}) };
      }
      return {
        ...contacts,
        host: { modules: phases.modules / 1000, database: phases.database / 1000, ready: phases.ready / 1000, spawnToLine },
        firstHtml,
        page: { modules: pagePhases.modules / 1000, settings: pagePhases.settings / 1000, paint: pagePhases.paint / 1000, figures: pagePhases.figures / 1000 },
        firstView: (pagePhases.timeOrigin + pagePhases.figures - gotoAt) / 1000,
      };
    } finally {
      await browser.close();
    }
  } finally {
    host.kill('SIGTERM');
    await exited;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
