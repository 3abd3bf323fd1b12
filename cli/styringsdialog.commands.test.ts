import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { organisationCreateInputSchema } from '../common/domain';
import { openDatabase } from '../db/connection';
import { derivedId } from '../db/ids';
import { setKommunerKreds } from '../db/kommuner/kommuner.repository';
import { createOrganisation } from '../db/organisations/organisations.repository';
import { saveStyringsdialog } from '../db/styringsdialog/styringsdialog.repository';
import { runCapturedCli as run, useTempDirs } from './cli.testing';

const workDir = useTempDirs();
const koege = derivedId('kommune', 259);
const aarhus = derivedId('kommune', 751);

async function withCycles(): Promise<string> {
  const file = path.join(workDir(), 'kredsbog.sqlite');
  const app = await openDatabase(file);
  try {
    const kab = await createOrganisation(app.db, organisationCreateInputSchema.parse({ name: 'KAB', kind: 'boligorganisation', kommuneIds: [koege] }));
    await createOrganisation(app.db, organisationCreateInputSchema.parse({ name: 'Brabrand Boligforening', kind: 'boligorganisation', kommuneIds: [aarhus] }));
    await setKommunerKreds(app.db, { ids: [koege], kredsId: derivedId('kreds', 11) });
    await saveStyringsdialog(app.db, { kommuneId: koege, organisationId: kab.id, year: 2026, pakke: { date: '2026-05-20', who: 'LBF-portalen' } });
  } finally {
    await app.close();
  }
  return file;
}

describe('cli styringsdialog', () => {
  it('prints each pair of the year with its stage, as text and JSON, for one kreds or all', async () => {
    const file = await withCycles();
    const all = await run('styringsdialog', '--db', file, '--year', '2026', '--json');
    expect(all.code).toBe(0);
    const parsed = JSON.parse(all.stdout) as { year: number; rows: { kommune: { name: string }; organisation: { name: string }; stage: string }[] };
    expect(parsed.rows.map((r) => [r.kommune.name, r.organisation.name, r.stage])).toEqual([
      // Danish order: "Aa" sorts as "Å", after "K".
      ['Køge', 'KAB', 'pakke_modtaget'],
      ['Aarhus', 'Brabrand Boligforening', 'ikke_startet'],
    ]);
    const kreds = await run('styringsdialog', '--db', file, '--year', '2026', '--kreds', '11');
    expect(kreds.stdout).toMatch(/Køge\s+Pakke modtaget\s+KAB/);
    expect(kreds.stdout).not.toMatch(/Aarhus/);
  });

  it('writes the board as a spreadsheet', async () => {
    const file = await withCycles();
    const target = path.join(workDir(), 'sd.xlsx');
    const result = await run('styringsdialog', '--db', file, '--year', '2026', '--out', target);
    expect(result.code).toBe(0);
    expect(fs.readFileSync(target).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses a missing year or a kreds outside 1–11 with a Danish message', async () => {
    const file = await withCycles();
    expect(await run('styringsdialog', '--db', file)).toMatchObject({ code: 1, stderr: expect.stringMatching(/--year skal være et årstal/) });
    expect(await run('styringsdialog', '--db', file, '--year', '2026', '--kreds', '12')).toMatchObject({ code: 1, stderr: expect.stringMatching(/--kreds skal være/) });
  });
});
