import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { createContact } from '../db/contacts/contacts.repository';
import { addHelhedsplanDeadline, addHelhedsplanRole, createHelhedsplan } from '../db/helhedsplaner/helhedsplaner.repository';
import { derivedId } from '../db/ids';
import { runCapturedCli as run, useTempDirs } from './cli.testing';

const workDir = useTempDirs();

async function withHelhedsplaner(): Promise<string> {
  const file = path.join(workDir(), 'kredsbog.sqlite');
  const app = await openDatabase(file);
  try {
    const plan = await createHelhedsplan(app.db, {
      name: 'Helhedsplan Ølby 2023–2026',
      status: 'aktiv',
      kommuneId: derivedId('kommune', 259),
      fromDate: '2023-01-01',
      toDate: '2026-12-31',
      indsatsomraadeIds: [derivedId('indsatsomraade', '2019-01-01', 'beskaeftigelse')],
    });
    const person = await createContact(app.db, { name: 'Åse Ørum', emails: [], phones: [], notes: '' }, []);
    await addHelhedsplanRole(app.db, { helhedsplanId: plan.id, contactId: person.id, body: 'bestyrelse', title: 'Formand' });
    await addHelhedsplanDeadline(app.db, { helhedsplanId: plan.id, kind: 'slutevaluering', title: 'Slutevaluering til LBF', dueDate: '2027-03-31' });
    await createHelhedsplan(app.db, { name: 'Helhedsplan Gellerup', kommuneId: derivedId('kommune', 751) });
  } finally {
    await app.close();
  }
  return file;
}

describe('cli helhedsplaner', () => {
  it('lists the helhedsplaner with indsatsområder, people and deadlines, as JSON and text, all or one kommune’s', async () => {
    const file = await withHelhedsplaner();
    const all = await run('helhedsplaner', '--db', file, '--json');
    expect(all.code).toBe(0);
    const plans = JSON.parse(all.stdout) as { name: string; roles: { contactName: string }[]; indsatsomraader: { name: string }[]; deadlines: { kind: string }[] }[];
    expect(plans.map((p) => p.name)).toEqual(['Helhedsplan Gellerup', 'Helhedsplan Ølby 2023–2026']);
    expect(plans[1]).toMatchObject({ roles: [{ contactName: 'Åse Ørum' }], indsatsomraader: [{ name: 'Beskæftigelse' }], deadlines: [{ kind: 'slutevaluering' }] });
    const koege = await run('helhedsplaner', '--db', file, '--kommune', '259');
    expect(koege.stdout).toMatch(/Helhedsplan Ølby 2023–2026 · Køge · I gang/);
    expect(koege.stdout).toMatch(/Åse Ørum \(Boligsocial bestyrelse, Formand\)/);
    expect(koege.stdout).not.toMatch(/Gellerup/);
    expect(await run('helhedsplaner', '--db', file, '--kommune', '9999')).toMatchObject({ code: 1, stderr: expect.stringMatching(/Ingen kommune/) });
  });

  it('lists open deadlines in a range and writes them as a calendar file', async () => {
    const file = await withHelhedsplaner();
    const list = await run('helhedsplan-frister', '--db', file, '--from', '2027-01-01', '--to', '2027-06-30', '--json');
    expect(JSON.parse(list.stdout).map((d: { kind: string; date: string }) => [d.kind, d.date])).toEqual([['slutevaluering', '2027-03-31']]);
    const ics = path.join(workDir(), 'frister.ics');
    expect((await run('helhedsplan-frister', '--db', file, '--from', '2027-01-01', '--to', '2027-06-30', '--out', ics)).code).toBe(0);
    const text = fs.readFileSync(ics, 'utf8');
    expect(text).toMatch(/SUMMARY:Slutevaluering til LBF: Helhedsplan Ølby 2023–2026/);
    expect(text).toMatch(/DTSTART;VALUE=DATE:20270331/);
    expect(await run('helhedsplan-frister', '--db', file, '--from', '2030-01-01', '--to', '2030-02-01', '--out', ics)).toMatchObject({ code: 1, stderr: expect.stringMatching(/ingen frister/) });
  });
});
