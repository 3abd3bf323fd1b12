import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { derivedId } from '../db/ids';
import { setKommunerKreds } from '../db/kommuner/kommuner.repository';
import { runCapturedCli as run, useTempDirs } from './cli.testing';

const workDir = useTempDirs();

interface Row {
  kode: number;
  navn: string;
  region: { navn: string };
  kreds: { number: number } | null;
}

describe('cli kommuner', () => {
  it('answers each kommune’s region and kreds as of --on', async () => {
    const file = path.join(workDir(), 'kredsbog.sqlite');
    const app = await openDatabase(file);
    try {
      await setKommunerKreds(app.db, { ids: [derivedId('kommune', 259)], kredsId: derivedId('kreds', 11) }, '2026-06-01');
    } finally {
      await app.close();
    }
    const on = async (day: string) => {
      const result = await run('kommuner', '--db', file, '--on', day, '--json');
      expect(result.code).toBe(0);
      const rows = JSON.parse(result.stdout) as Row[];
      expect(rows).toHaveLength(98);
      return (kode: number) => rows.find((r) => r.kode === kode);
    };
    const spring2026 = await on('2026-05-01');
    const newYear2026 = await on('2026-12-31');
    const newYear2027 = await on('2027-01-01');
    expect(newYear2026(259)).toMatchObject({ navn: 'Køge', region: { navn: 'Region Sjælland' }, kreds: { number: 11 } });
    expect(newYear2027(259)).toMatchObject({ region: { navn: 'Region Østdanmark' }, kreds: { number: 11 } });
    expect(newYear2027(101)?.region.navn).toBe('Region Østdanmark');
    expect(newYear2027(751)?.region.navn).toBe('Region Midtjylland');
    expect(spring2026(259)?.kreds?.number).not.toBe(11);
    const text = await run('kommuner', '--db', file, '--on', '2027-01-01');
    expect(text.stdout).toMatch(/259 {2}Køge +Region Østdanmark +11\. kreds/);
    expect(await run('kommuner', '--db', file, '--on', '1. januar')).toMatchObject({ code: 1, stderr: expect.stringMatching(/--on skal være en dato/) });
  });
});
