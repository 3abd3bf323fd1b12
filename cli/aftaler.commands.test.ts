import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDanishDays } from '../common/time';
import { createAftale } from '../db/aftaler/aftaler.repository';
import { todayInDenmark } from '../db/contacts/affiliations.query';
import { openDatabase } from '../db/connection';
import { derivedId } from '../db/ids';
import { runCapturedCli as run, useTempDirs } from './cli.testing';

const workDir = useTempDirs();

async function withAftaler(): Promise<string> {
  const file = path.join(workDir(), 'kredsbog.sqlite');
  const app = await openDatabase(file);
  try {
    await createAftale(app.db, { kind: 'udlejningsaftale', title: 'Udlejningsaftale Køge', status: 'gaeldende', kommuneId: derivedId('kommune', 259), evaluationDate: '2027-01-15', toDate: '2029-12-31' });
    await createAftale(app.db, { kind: 'samarbejdsaftale', title: 'Samarbejdsaftale Aarhus', kommuneId: derivedId('kommune', 751), renegotiationDate: '2027-02-01' });
  } finally {
    await app.close();
  }
  return file;
}

describe('cli aftaler', () => {
  it('lists all aftaler or one kommune’s, as text and JSON', async () => {
    const file = await withAftaler();
    const all = await run('aftaler', '--db', file, '--json');
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout).map((a: { title: string }) => a.title)).toEqual(['Samarbejdsaftale Aarhus', 'Udlejningsaftale Køge']);
    const koege = await run('aftaler', '--db', file, '--kommune', '259');
    expect(koege.stdout).toMatch(/Udlejningsaftale Køge/);
    expect(koege.stdout).not.toMatch(/Aarhus/);
    expect(await run('aftaler', '--db', file, '--kommune', '9999')).toMatchObject({ code: 1, stderr: expect.stringMatching(/Ingen kommune/) });
  });

  it('lists deadlines in a range and writes them as a calendar file', async () => {
    const file = await withAftaler();
    const list = await run('aftale-frister', '--db', file, '--from', '2027-01-01', '--to', '2027-03-31', '--json');
    expect(JSON.parse(list.stdout).map((d: { kind: string; date: string }) => [d.kind, d.date])).toEqual([
      ['evaluation', '2027-01-15'],
      ['renegotiation', '2027-02-01'],
    ]);
    const ics = path.join(workDir(), 'frister.ics');
    expect((await run('aftale-frister', '--db', file, '--from', '2027-01-01', '--to', '2027-03-31', '--out', ics)).code).toBe(0);
    const text = fs.readFileSync(ics, 'utf8');
    expect(text).toMatch(/METHOD:PUBLISH/);
    expect(text).toMatch(/SUMMARY:Evaluering: Udlejningsaftale Køge/);
    expect(text).toMatch(/DTSTART;VALUE=DATE:20270115/);
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(await run('aftale-frister', '--db', file, '--from', '2030-01-01', '--to', '2030-02-01', '--out', ics)).toMatchObject({ code: 1, stderr: expect.stringMatching(/ingen frister/) });
    expect(await run('aftale-frister', '--db', file, '--from', '2027-02-01', '--to', '2027-01-01')).toMatchObject({ code: 1 });
  });

  it('keeps only the aftaler with a deadline from today through the next N days with --due-within', async () => {
    const file = path.join(workDir(), 'kredsbog.sqlite');
    const today = todayInDenmark();
    const app = await openDatabase(file);
    try {
      await createAftale(app.db, { kind: 'udlejningsaftale', title: 'Snart evalueret', kommuneId: derivedId('kommune', 259), evaluationDate: addDanishDays(today, 10) });
      await createAftale(app.db, { kind: 'samarbejdsaftale', title: 'Genforhandles om et halvt år', kommuneId: derivedId('kommune', 259), renegotiationDate: addDanishDays(today, 180) });
      await createAftale(app.db, { kind: 'anvisningsaftale', title: 'Evalueret i fjor', kommuneId: derivedId('kommune', 751), evaluationDate: addDanishDays(today, -30) });
    } finally {
      await app.close();
    }
    const titles = async (...args: string[]) => JSON.parse((await run('aftaler', '--db', file, '--json', ...args)).stdout).map((a: { title: string }) => a.title);
    expect(await titles('--due-within', '30')).toEqual(['Snart evalueret']);
    expect(await titles('--due-within', '365')).toEqual(['Genforhandles om et halvt år', 'Snart evalueret']);
    expect(await titles('--due-within', '365', '--kommune', '751')).toEqual([]);
    expect(await titles()).toHaveLength(3);
    expect(await run('aftaler', '--db', file, '--due-within', 'snart')).toMatchObject({ code: 1, stderr: expect.stringMatching(/--due-within skal være/) });
  });
});
