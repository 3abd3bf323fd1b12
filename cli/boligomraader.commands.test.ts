import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { runCapturedCli as run, useTempDirs } from './cli.testing';

const workDir = useTempDirs();
const fixture = (name: string) => path.join(import.meta.dirname, '..', 'db', 'boligomraader', 'fixtures', name);

async function emptyDatabase(): Promise<string> {
  const file = path.join(workDir(), 'kredsbog.sqlite');
  const app = await openDatabase(file);
  await app.close();
  return file;
}

describe('cli boligomraader-import', () => {
  it('previews with --dry-run (writes nothing), imports, then shows what changed since last year', async () => {
    const file = await emptyDatabase();
    const dry = await run('boligomraader-import', '--db', file, fixture('lister-2022-ministeriets-opstilling.csv'), '--year', '2022', '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, applied: false, newAreas: 10, counts: { new: 10 } });
    expect(JSON.parse((await run('boligomraader', '--db', file, '--json')).stdout)).toEqual({ year: null, items: [] });

    expect((await run('boligomraader-import', '--db', file, fixture('lister-2022-ministeriets-opstilling.csv'), '--year', '2022')).stdout).toMatch(/Importeret: listerne pr. 1. december 2022/);
    const next = await run('boligomraader-import', '--db', file, fixture('lister-2023-uddrag.csv'), '--year', '2023');
    expect(next.stdout).toMatch(/sammenlignet med 2022/);
    expect(next.stdout).toMatch(/Ude af listerne\s+Mjølnerparken \(København\): parallelsamfund, omdannelsesområde → ingen liste/);
    expect(next.stdout).toMatch(/Berørte kommuner: Ishøj, København, Slagelse/);
    const listed = await run('boligomraader', '--db', file, '--year', '2023', '--category', 'udsat_boligomraade');
    expect(listed.stdout).toMatch(/Motalavej \(Slagelse\): udsat boligområde/);
  });

  it('refuses a bad file, a missing year and an unknown category with a Danish message and exit code 1', async () => {
    const file = await emptyDatabase();
    const bad = await run('boligomraader-import', '--db', file, fixture('lister-fejl.csv'), '--year', '2023');
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringMatching(/Listen er ikke importeret\. Række 3: kommunen kendes ikke/) });
    expect(bad.stderr).not.toMatch(/Nordpolen/);
    expect(await run('boligomraader-import', '--db', file, fixture('lister-2023-uddrag.csv'))).toMatchObject({ code: 1, stderr: expect.stringMatching(/--year 2026/) });
    expect(await run('boligomraader', '--db', file, '--category', 'ghetto')).toMatchObject({ code: 1, stderr: expect.stringMatching(/--category skal være/) });
    expect(JSON.parse((await run('boligomraader', '--db', file, '--json')).stdout).items).toEqual([]);
  });
});
