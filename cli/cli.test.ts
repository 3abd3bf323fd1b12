import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCapturedCli, useTempDirs } from './cli.testing';

const workDir = useTempDirs();

const run = runCapturedCli;

function dbPath(): string {
  return path.join(workDir(), 'kredsbog.sqlite');
}

describe('cli', () => {
  it('stats reports 98 kommuner and 5 regions on a fresh database in 2026, 4 regions from 2027-01-01', async () => {
    const file = dbPath();
    const { code, stdout } = await run('stats', '--db', file, '--json', '--date', '2026-12-07');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ kommuner: 98, regions: 5, kredse: 11, contacts: 0, aftaler: 0 });
    expect(JSON.parse((await run('stats', '--db', file, '--json', '--date', '2027-01-01')).stdout)).toMatchObject({ kommuner: 98, regions: 4 });
    expect(await run('stats', '--db', file, '--date', '1. januar')).toMatchObject({ code: 1, stderr: expect.stringMatching(/--date skal være en dato/) });
  });

  it('digest is identical for two fresh databases', async () => {
    const a = await run('digest', '--db', dbPath());
    const b = await run('digest', '--db', dbPath(), '--json');
    expect(a.stdout.trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(b.stdout).digest).toBe(a.stdout.trim());
  });

  it('check passes a healthy database and fails a broken one with exit 1', async () => {
    const file = dbPath();
    expect((await run('check', '--db', file)).code).toBe(0);
    const raw = new BetterSqlite3(file);
    raw.pragma('foreign_keys = OFF');
    raw.prepare(`INSERT INTO affiliation (id, created_at, updated_at, contact_id, title, kind) VALUES ('x', 't', 't', 'ghost', 't', 'andet')`).run();
    raw.close();
    const broken = await run('check', '--db', file, '--json');
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, foreignKeys: [{ table: 'affiliation', parent: 'contact' }] });
  });

  it('backup writes a copy that holds the same data, and refuses to overwrite', async () => {
    const file = dbPath();
    const out = path.join(path.dirname(file), 'kopi.sqlite');
    const first = await run('backup', '--db', file, '--out', out);
    expect(first.code).toBe(0);
    expect((await run('digest', '--db', out)).stdout).toBe((await run('digest', '--db', file)).stdout);
    const again = await run('backup', '--db', file, '--out', out);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/findes allerede/);
  });

  it('gives user errors exit 1 with a Danish message', async () => {
    expect(await run('frobnicate', '--db', dbPath())).toMatchObject({ code: 1, stderr: expect.stringMatching(/Ukendt kommando/) });
    expect(await run('stats')).toMatchObject({ code: 1, stderr: expect.stringMatching(/--db/) });
    expect(await run('stats', '--db', dbPath(), '--bogus')).toMatchObject({ code: 1 });
    expect(await run('backup', '--db', dbPath())).toMatchObject({ code: 1, stderr: expect.stringMatching(/--out/) });
  });

  it('refuses a database from a newer version with exit 1', async () => {
    const file = dbPath();
    await run('stats', '--db', file);
    const raw = new BetterSqlite3(file);
    raw.prepare(`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-future', 'x')`).run();
    raw.close();
    expect(await run('stats', '--db', file)).toMatchObject({ code: 1, stderr: expect.stringMatching(/nyere version/) });
  });
});

describe('cli meetings and followups', () => {
  it('lists meetings in a Danish date range and open follow-ups, overdue and per kommune', async () => {
    const file = dbPath();
    const { openDatabase } = await import('../db/connection');
    const { createMeeting } = await import('../db/meetings/meetings.repository');
    const { createFollowUp } = await import('../db/follow-ups/follow-ups.repository');
    const { derivedId } = await import('../db/ids');
    const app = await openDatabase(file);
    const koege = derivedId('kommune', 259);
    const base = { seriesId: null, kommuneId: koege, endsAt: null, place: '', status: 'planlagt' as const, notes: '', inviteeIds: [], agenda: [] };
    await createMeeting(app.db, { ...base, title: 'Styringsdialog KAB', startsAt: '2026-10-01T08:00:00.000Z' });
    await createMeeting(app.db, { ...base, title: 'Senere', startsAt: '2026-12-01T09:00:00.000Z' });
    const fu = { details: '', ownerContactId: null, ownerIsMe: true, status: 'aaben' as const, sourceMeetingId: null, sourceAgendaItemId: null };
    await createFollowUp(app.db, { ...fu, title: 'Forfalden i Køge', dueDate: '2020-01-01', kommuneId: koege });
    await createFollowUp(app.db, { ...fu, title: 'Fremtidig', dueDate: '2099-01-01', kommuneId: null });
    await app.close();

    const meetings = await run('meetings', '--db', file, '--from', '2026-10-01', '--to', '2026-10-31', '--json');
    expect(JSON.parse(meetings.stdout).map((m: { title: string }) => m.title)).toEqual(['Styringsdialog KAB']);
    const overdue = await run('followups', '--db', file, '--overdue', '--json');
    expect(JSON.parse(overdue.stdout).map((f: { title: string }) => f.title)).toEqual(['Forfalden i Køge']);
    const inKoege = await run('followups', '--db', file, '--kommune', '259');
    expect(inKoege.stdout).toContain('FORFALDEN Forfalden i Køge — mig');
    expect(inKoege.stdout).not.toContain('Fremtidig');
    expect(await run('meetings', '--db', file, '--from', '1/10/2026')).toMatchObject({ code: 1, stderr: expect.stringMatching(/dato som 2026-11-23/) });
    expect(await run('followups', '--db', file, '--kommune', '9999')).toMatchObject({ code: 1, stderr: expect.stringMatching(/Ingen kommune/) });
  });
});

describe('cli sync', () => {
  it('exports, previews with --dry-run (changing nothing), imports, re-imports as nothing to do, and lists the peer', async () => {
    const source = dbPath();
    const target = dbPath();
    const { openDatabase } = await import('../db/connection');
    const { createOrganisation } = await import('../db/organisations/organisations.repository');
    const app = await openDatabase(source);
    await createOrganisation(app.db, { name: 'Domea', kind: 'boligorganisation', notes: '', kommuneIds: [] });
    await app.close();
    const file = path.join(path.dirname(source), 'alt.kredsbog');
    expect((await run('export', '--db', source, '--out', file, '--full')).code).toBe(0);
    await run('stats', '--db', target);
    const before = (await run('digest', '--db', target)).stdout;
    const dry = await run('import', '--db', target, file, '--dry-run', '--json');
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, report: { tables: { organisation: { created: 1 } } } });
    expect((await run('digest', '--db', target)).stdout).toBe(before);
    const imported = await run('import', '--db', target, file);
    expect(imported.stdout).toContain('organisation: 1 nye');
    expect((await run('digest', '--db', target)).stdout).toBe((await run('digest', '--db', source)).stdout);
    expect((await run('import', '--db', target, file)).stdout).toContain('Intet nyt');
    const peers = JSON.parse((await run('peers', '--db', target, '--json')).stdout) as { name: string }[];
    expect(peers).toHaveLength(1);
  });

  it('rejects a damaged file with a Danish message and exit 1', async () => {
    const target = dbPath();
    const bad = path.join(path.dirname(target), 'skidt.kredsbog');
    fs.writeFileSync(bad, 'ikke en fil');
    expect(await run('import', '--db', target, bad)).toMatchObject({ code: 1, stderr: expect.stringMatching(/Filen kan ikke importeres/) });
    expect(await run('export', '--db', target, '--out', bad, '--peer', 'ukendt')).toMatchObject({ code: 1, stderr: expect.stringMatching(/Modtageren er ukendt/) });
  });
});

describe('cli simulate-edits', () => {
  it('makes N edits that all land in the sync log, and a changes-only export carries them', async () => {
    const file = dbPath();
    await run('seed-demo', '--db', file, '--scale', '0.02', '--seed', '5');
    const opsBefore = (new BetterSqlite3(file, { readonly: true }).prepare('SELECT count(*) AS n FROM sync_op').get() as { n: number }).n;
    const result = await run('simulate-edits', '--db', file, '--count', '60', '--seed', '2', '--json');
    expect(result.code).toBe(0);
    const done = JSON.parse(result.stdout) as Record<string, number>;
    expect(Object.entries(done).filter(([k]) => k !== 'seconds').reduce((n, [, v]) => n + v, 0)).toBeGreaterThanOrEqual(60);
    const opsAfter = (new BetterSqlite3(file, { readonly: true }).prepare('SELECT count(*) AS n FROM sync_op').get() as { n: number }).n;
    expect(opsAfter).toBeGreaterThan(opsBefore);
    expect((await run('check', '--db', file)).code).toBe(0);
    expect(await run('simulate-edits', '--db', file, '--count', 'mange')).toMatchObject({ code: 1, stderr: expect.stringMatching(/--count/) });
  });
});
