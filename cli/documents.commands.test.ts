import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedReferatMeeting } from '../db/documents/referat.test-data';
import { createTestDatabase } from '../db/testing/test-database';
import { runCli } from './cli';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args, '--db', path.join(t.dir, 'kredsbog.sqlite')], { write: (s) => void (stdout += s) }, { write: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

describe('referat commands', () => {
  it('writes one meeting\'s referat as Markdown', async () => {
    const { meetingId } = await seedReferatMeeting(t.db);
    const out = path.join(t.dir, 'referat.md');
    const result = await cli('referat', '--meeting', meetingId, '--format', 'md', '--out', out);
    expect(result).toMatchObject({ code: 0, stdout: `Referat gemt: ${out}\n` });
    const md = fs.readFileSync(out, 'utf8');
    expect(md).toContain('# Referat: Styringsdialog');
    expect(md).toContain('## Afbud\n\n- Jørgen Æbelø, Formand, KAB');
  });

  it('collects a kommune\'s referater in a period into one PDF', async () => {
    const first = await seedReferatMeeting(t.db);
    await seedReferatMeeting(t.db, { seriesId: first.seriesId, startsAt: '2026-03-10T09:00:00Z', endsAt: '2026-03-10T11:00:00Z' });
    const out = path.join(t.dir, 'samlet.pdf');
    const result = await cli('referater', '--kommune', '259', '--from', '2026-01-01', '--to', '2026-12-31', '--format', 'pdf', '--out', out, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ file: out, meetings: 2, fileName: 'Referater 2026-03-10 til 2026-11-24 Køge Kommune.pdf' });
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  }, 90_000);

  it('explains missing or wrong options in Danish', async () => {
    const { meetingId } = await seedReferatMeeting(t.db);
    expect(await cli('referat', '--meeting', meetingId, '--out', path.join(t.dir, 'x'))).toMatchObject({ code: 1, stderr: 'Angiv formatet: --format docx, pdf eller md\n' });
    expect(await cli('referat', '--meeting', 'nej', '--format', 'md', '--out', path.join(t.dir, 'x'))).toMatchObject({ code: 1, stderr: 'Angiv mødet: --meeting ID (mødets id)\n' });
    expect(await cli('referater', '--format', 'md', '--out', path.join(t.dir, 'x'))).toMatchObject({ code: 1, stderr: 'Angiv enten --series ID eller --kommune KODE.\n' });
    expect(await cli('referater', '--kommune', '9999', '--format', 'md', '--out', path.join(t.dir, 'x'))).toMatchObject({ code: 1, stderr: 'Ingen kommune har koden 9999.\n' });
    expect((await cli('referater', '--kommune', '259', '--from', '2030-01-01', '--format', 'md', '--out', path.join(t.dir, 'x'))).code).toBe(1);
    expect(fs.existsSync(path.join(t.dir, 'x'))).toBe(false);
  });
});
