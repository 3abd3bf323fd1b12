import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../common/result';
import { backupDatabase } from '../db/connection';
import { isoDateSchema } from '../common/domain';
import { danishDate, danishInstant } from '../common/time';
import { listFollowUps } from '../db/follow-ups/follow-ups.repository';
import { checkDatabase, collectStats, databaseDigest } from '../db/maintenance';
import { listMeetings } from '../db/meetings/meetings.repository';
import { seedDemo } from '../db/demo/seed-demo';
import { simulateEdits } from '../db/demo/simulate-edits';
import { exportSync, importSync, listPeers, previewImport } from '../db/sync/sync.service';
import { setSyncFolder, syncFolderNow } from '../db/sync/sync-folder';
import packageJson from '../package.json';
import { openSession, type Session } from '../server/session';
import { kommunerCommands, kommunerUsage } from './kommuner.commands';
import { UserError, type CommandContext, type CommandTable, type Output } from './command.types';
import { calendarCommands, calendarUsage } from './calendar.commands';
import { contactFilesCommands, contactFilesUsage } from './contact-files.commands';
import { documentsCommands, documentsUsage } from './documents.commands';
import { gdprCommands, gdprUsage } from './gdpr.commands';
import { backupsCommands, backupsUsage } from './backups.commands';
import { importUndoCommands, importUndoUsage } from './import-undo.commands';
import { relationshipsCommands, relationshipsUsage } from './relationships.commands';
import { aftalerCommands, aftalerUsage } from './aftaler.commands';
import { boligomraaderCommands, boligomraaderUsage } from './boligomraader.commands';
import { styringsdialogCommands, styringsdialogUsage } from './styringsdialog.commands';
import { helhedsplanerCommands, helhedsplanerUsage } from './helhedsplaner.commands';
import { terminalOutput } from './terminal';

export { UserError };

/**
 * Administrator and test CLI over the same services as the app.
 * Exit codes: 0 ok, 1 user error (clear Danish message), 2 internal error.
 * Adding a command? Add it to `commands`, the usage text and the README.
 */
const usage = `Brug: npm run cli -- <kommando> --db STI [tilvalg]

Kommandoer:
  stats [--date DATO]   antal poster pr. type (regioner: dem der findes på datoen, som standard i dag)
  digest                SHA-256 over alle domænedata (sammenlign to installationer)
  check                 integrity_check + foreign_key_check (exit 1 ved fejl)
  backup --out FIL      sikkerhedskopi via SQLite's backup-API
  meetings [--from DATO] [--to DATO]
                        møder i perioden (DATO som ÅÅÅÅ-MM-DD, dansk tid; --to er medtaget)
  seed-demo --scale N [--seed S]
                        realistiske danske demodata (skala 1 ≈ én konsulent i fem år), deterministisk pr. seed
  followups [--overdue] [--kommune KODE]
                        åbne opfølgningspunkter (med --overdue kun de forfaldne)
  simulate-edits --count N [--seed S]
                        N tilfældige, realistiske brugerrettelser gennem de samme tjenester som appen
  export --out FIL [--full | --peer ID]
                        synkroniseringsfil (.kredsbog): alt, eller hvad modtageren mangler
  import FIL [--dry-run] [--confirm-deletes]
                        importér en .kredsbog-fil (--dry-run viser kun forhåndsvisningen)
  peers                 kendte installationer (modtagere/afsendere)
  sync-folder [--dir MAPPE]
                        én runde med synkroniseringsmappen (--dir vælger mappen først)
${importUndoUsage}${kommunerUsage}${aftalerUsage}${boligomraaderUsage}${styringsdialogUsage}${helhedsplanerUsage}${documentsUsage}${calendarUsage}${contactFilesUsage}${gdprUsage}${backupsUsage}${relationshipsUsage}
Tilvalg:
  --json                maskinlæsbart output
`;

function dateOption(values: CommandContext['values'], name: string): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isoDateSchema.safeParse(value).success) throw new UserError(`--${name} skal være en dato som 2026-11-23.`);
  return value;
}

function timeText(instant: string): string {
  return new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', dateStyle: 'short', timeStyle: 'short' }).format(new Date(instant));
}

const commands: CommandTable = {
  ...documentsCommands,
  ...calendarCommands,
  ...contactFilesCommands,
  ...gdprCommands,
  ...backupsCommands,
  ...importUndoCommands,
  ...relationshipsCommands,
  ...aftalerCommands,
  ...boligomraaderCommands,
  ...helhedsplanerCommands,
  ...kommunerCommands,
  ...styringsdialogCommands,
  async meetings({ app, json, values, out }) {
    const from = dateOption(values, 'from');
    const to = dateOption(values, 'to');
    const meetings = await listMeetings(app.db, {
      from: from ? danishInstant(from, 0) : undefined,
      to: to ? new Date(Date.parse(danishInstant(to, 0)) + 86_400_000).toISOString() : undefined,
    });
    if (json) out.write(`${JSON.stringify(meetings)}\n`);
    else if (meetings.length === 0) out.write('Ingen møder i perioden.\n');
    else out.write(meetings.map((m) => `${timeText(m.startsAt)}  ${m.status.padEnd(8)}  ${m.kommune?.name ?? '–'}  ${m.title}`).join('\n') + '\n');
    return 0;
  },
  async 'seed-demo'({ app, json, values, out }) {
    const scale = Number(values.scale ?? 1);
    const seed = Number(values.seed ?? 1);
    if (!Number.isFinite(scale) || scale <= 0 || scale > 100) throw new UserError('--scale skal være et tal større end 0 og højst 100.');
    if (!Number.isInteger(seed)) throw new UserError('--seed skal være et heltal.');
    const started = Date.now();
    let lastLine = 0;
    const summary = await seedDemo(app.db, {
      scale,
      seed,
      onProgress: (phase, done, total) => {
        if (json || (Date.now() - lastLine < 500 && done !== total)) return;
        lastLine = Date.now();
        process.stderr.write(`${phase}: ${done}/${total}\n`);
      },
    });
    const seconds = (Date.now() - started) / 1000;
    if (json) out.write(`${JSON.stringify({ ...summary, seconds })}\n`);
    else out.write(`Demodata oprettet på ${seconds.toFixed(1)} s: ${summary.organisations} organisationer, ${summary.contacts} kontakter, ${summary.series} møderækker, ${summary.meetings} møder, ${summary.agendaItems} dagsordenspunkter, ${summary.followUps} opfølgningspunkter, ${summary.aftaler} aftaler.\n`);
    return 0;
  },
  async 'simulate-edits'({ app, json, values, out }) {
    const count = Number(values.count ?? 100);
    const seed = Number(values.seed ?? 1);
    if (!Number.isInteger(count) || count < 1 || count > 1_000_000) throw new UserError('--count skal være et heltal mellem 1 og 1.000.000.');
    if (!Number.isInteger(seed)) throw new UserError('--seed skal være et heltal.');
    const started = Date.now();
    const done = await simulateEdits(app.db, count, seed);
    const seconds = (Date.now() - started) / 1000;
    out.write(json ? `${JSON.stringify({ ...done, seconds })}\n` : `${count} rettelser udført på ${seconds.toFixed(1)} s: ${Object.entries(done).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
    return 0;
  },
  async export({ app, json, values, out }) {
    if (typeof values.out !== 'string' || values.out === '') throw new UserError('Angiv filen: --out FIL');
    if (values.full && values.peer) throw new UserError('Vælg enten --full eller --peer, ikke begge.');
    const result = await exportSync(app, { out: path.resolve(values.out), peerId: typeof values.peer === 'string' ? values.peer : undefined, appVersion: packageJson.version });
    out.write(json ? `${JSON.stringify(result)}\n` : `${result.operations} ændringer skrevet til ${result.file}${result.peer ? ` (til ${result.peer.name})` : ''}.\n`);
    return 0;
  },
  async import({ app, json, values, positionals, out }) {
    const file = positionals[1];
    if (!file) throw new UserError('Angiv filen der skal importeres: npm run cli -- import --db STI FIL');
    const result = values['dry-run'] ? await previewImport(app, path.resolve(file)) : await importSync(app, path.resolve(file), { confirmLargeDeletes: values['confirm-deletes'] === true });
    if (json) {
      out.write(`${JSON.stringify({ dryRun: values['dry-run'] === true, ...result })}\n`);
      return 0;
    }
    const r = result.report;
    const lines = [
      `${values['dry-run'] ? 'Forhåndsvisning af import' : 'Importeret'} fra ${result.sender.name} (${result.sender.createdAt}):`,
      r.nothingToDo ? '  Intet nyt – alt i filen findes allerede.' : `  ${r.applied} nye ændringer, ${r.alreadyPresent} fandtes allerede, ${r.conflicts} konflikter, ${r.held} gemt til en nyere version.`,
      ...Object.entries(r.tables).map(([table, t]) => `  ${table}: ${t.created} nye, ${t.changed} ændrede, ${t.deleted} slettede, ${t.restored} gendannede`),
      ...(r.editsToDeleted ? [`  ${r.editsToDeleted} rettelser til slettede poster.`] : []),
      ...(r.possibleDuplicates ? [`  ${r.possibleDuplicates} mulige dubletter (se Mulige dubletter i appen).`] : []),
      ...result.warnings.map((w) => `  Advarsel: ${w}`),
      ...(result.largeDeletes.length ? [`  Sletter mere end 20 % af: ${result.largeDeletes.join(', ')} (kræver --confirm-deletes).`] : []),
    ];
    out.write(`${lines.join('\n')}\n`);
    return 0;
  },
  async 'sync-folder'({ app, json, values, out }) {
    if (typeof values.dir === 'string') await setSyncFolder(app, values.dir);
    const result = await syncFolderNow(app, packageJson.version);
    out.write(json ? `${JSON.stringify(result)}\n` : `Synkroniseringsmappe ${result.folder}: ${result.written ? `skrev ${result.written}` : 'intet nyt at skrive'}, importerede ${result.imported.length} filer, ${result.waiting.length} venter.${result.heldBack.length ? ` ${result.heldBack.length} holdt tilbage (sletter mere end 20 %: bekræft eller afvis i appen): ${result.heldBack.map((h) => h.file).join(', ')}.` : ''}${result.setAside.length ? ` ${result.setAside.length} lagt til side: ${result.setAside.map((s) => `${s.file} (${s.reason})`).join('; ')}` : ''}\n`);
    return 0;
  },
  async peers({ app, json, out }) {
    const peers = await listPeers(app.db);
    if (json) out.write(`${JSON.stringify(peers)}\n`);
    else if (peers.length === 0) out.write('Ingen kendte installationer endnu.\n');
    else out.write(peers.map((p) => `${p.installationId}  ${p.name}  modtaget ${p.lastReceivedAt ?? '–'}  sendt ${p.lastSentAt ?? '–'}`).join('\n') + '\n');
    return 0;
  },
  async followups({ app, json, values, out }) {
    let kommuneId: string | undefined;
    if (values.kommune !== undefined) {
      const kode = Number(values.kommune);
      const kommune = await app.db.selectFrom('kommune').select('id').where('kode', '=', kode).executeTakeFirst();
      if (!kommune) throw new UserError(`Ingen kommune har koden ${String(values.kommune)}.`);
      kommuneId = kommune.id;
    }
    const followUps = await listFollowUps(app.db, { kommuneId, statuses: ['aaben', 'i_gang'], due: values.overdue ? 'overdue' : undefined }, danishDate(new Date()));
    if (json) out.write(`${JSON.stringify(followUps)}\n`);
    else if (followUps.length === 0) out.write('Ingen åbne opfølgningspunkter.\n');
    else out.write(followUps.map((f) => `${f.dueDate ?? '(ingen frist)'}  ${f.overdue ? 'FORFALDEN ' : ''}${f.title} — ${f.ownerIsMe ? 'mig' : (f.ownerName ?? 'ingen')}`).join('\n') + '\n');
    return 0;
  },
  async stats({ app, json, values, out }) {
    const stats = collectStats(app.sqlite, dateOption(values, 'date'));
    out.write(json ? `${JSON.stringify(stats)}\n` : Object.entries(stats).map(([k, v]) => `${k.padEnd(16)} ${v}`).join('\n') + '\n');
    return 0;
  },
  async digest({ app, json, out }) {
    const digest = databaseDigest(app.sqlite);
    out.write(json ? `${JSON.stringify({ digest })}\n` : `${digest}\n`);
    return 0;
  },
  async check({ app, json, out }) {
    const report = checkDatabase(app.sqlite);
    if (json) out.write(`${JSON.stringify(report)}\n`);
    else if (report.ok) out.write('Databasen er i orden (integrity_check: ok, ingen brudte fremmednøgler).\n');
    else out.write(`Databasen har fejl:\n${[...report.integrity, ...report.foreignKeys.map((f) => `fremmednøgle: ${f.table} → ${f.parent} (række ${f.rowid})`)].join('\n')}\n`);
    return report.ok ? 0 : 1;
  },
  async backup({ app, json, values, out }) {
    const target = values.out;
    if (typeof target !== 'string' || target === '') throw new UserError('Angiv hvor kopien skal gemmes: --out FIL');
    const destination = path.resolve(target);
    if (fs.existsSync(destination)) throw new UserError(`Filen findes allerede: ${destination}. Vælg et andet navn.`);
    await backupDatabase(app.sqlite, destination);
    out.write(json ? `${JSON.stringify({ backup: destination })}\n` : `Sikkerhedskopi gemt: ${destination}\n`);
    return 0;
  },
};

/**
 * Runs the CLI and returns the exit code; `out`/`err` are injectable for tests.
 * Both go through terminal.ts: no user data reaches the terminal with control characters.
 */
export async function runCli(argv: readonly string[], rawOut: Output = process.stdout, rawErrOut: Output = process.stderr): Promise<number> {
  const errOut = terminalOutput(rawErrOut);
  let out = terminalOutput(rawOut);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        out: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        date: { type: 'string' },
        kommune: { type: 'string' },
        overdue: { type: 'boolean', default: false },
        scale: { type: 'string' },
        seed: { type: 'string' },
        full: { type: 'boolean', default: false },
        count: { type: 'string' },
        dir: { type: 'string' },
        peer: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'confirm-deletes': { type: 'boolean', default: false },
        meeting: { type: 'string' },
        series: { type: 'string' },
        contact: { type: 'string' },
        journal: { type: 'string' },
        format: { type: 'string' },
        version: { type: 'string' },
        map: { type: 'string' },
        kode: { type: 'string' },
        kind: { type: 'string' },
        note: { type: 'string' },
        months: { type: 'string' },
        on: { type: 'string' },
        'due-within': { type: 'string' },
        year: { type: 'string' },
        kreds: { type: 'string' },
        help: { type: 'boolean', default: false },
        category: { type: 'string' },
      },
    });
  } catch (error) {
    errOut.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 1;
  }
  const [name] = parsed.positionals;
  if (parsed.values.help || !name) {
    (name ? out : errOut).write(usage);
    return parsed.values.help ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    errOut.write(`Ukendt kommando: ${name}\n\n${usage}`);
    return 1;
  }
  if (!parsed.values.db) {
    errOut.write('Angiv databasen: --db STI\n');
    return 1;
  }
  // JSON lines keep their values exactly (escaped, not removed).
  if (parsed.values.json) out = terminalOutput(rawOut, true);
  let session: Session | undefined;
  try {
    // The backend's session without its background work: a short run never recovers, backs up or syncs a file the app may hold open.
    session = await openSession(parsed.values.db, { version: packageJson.version, background: false });
    return await command({ app: session.app, json: parsed.values.json ?? false, values: parsed.values, positionals: parsed.positionals, out });
  } catch (error) {
    if (error instanceof UserError || (error instanceof AppError && error.code !== 'INTERNAL')) {
      errOut.write(`${error.message}\n`);
      return 1;
    }
    errOut.write(`Intern fejl: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  } finally {
    await session?.close();
  }
}

if (process.argv[1] && /cli\.(ts|mjs|js)$/.test(process.argv[1])) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
