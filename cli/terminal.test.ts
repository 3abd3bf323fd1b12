import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCapturedCli, useTempDirs } from './cli.testing';
import { terminalJson, terminalText } from './terminal';

const workDir = useTempDirs();
/** Clears the screen, sets the window title, rings the bell, moves the cursor back, and a one-character C1 CSI. */
const hostile = 'Kaj\u001b[2J\u001b]0;ejet\u0007 Munk\r\b\u009b31m\u007f';
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('terminal-safe CLI output', () => {
  it('removes C0, DEL and C1 controls but keeps newline and tab', () => {
    expect(terminalText(`${hostile}\n\tnæste linje`)).toBe('Kaj[2J]0;ejet Munk31m\n\tnæste linje');
  });

  it('escapes DEL and C1 in JSON so the values read back unchanged', () => {
    const line = JSON.stringify({ name: hostile });
    const safe = terminalJson(line);
    expect(safe).not.toMatch(controls);
    expect(JSON.parse(safe)).toEqual({ name: hostile });
  });

  it('prints a vCard name with escape sequences without them, in text and in JSON', async () => {
    const dir = workDir();
    const db = path.join(dir, 'kredsbog.sqlite');
    const vcf = path.join(dir, 'kort.vcf');
    // A carriage return would end the vCard line: the rest of the sequence is in the name.
    const name = hostile.replace('\r', '');
    fs.writeFileSync(vcf, `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\nEMAIL:kaj@example.dk\r\nEND:VCARD\r\n`);
    const text = await runCapturedCli('contacts-import', '--db', db, vcf, '--dry-run');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('række 1: ny – Kaj[2J]0;ejet Munk31m');
    expect(text.stdout).not.toMatch(controls);
    const json = await runCapturedCli('contacts-import', '--db', db, vcf, '--dry-run', '--json');
    expect(json.stdout).not.toMatch(controls);
    expect((JSON.parse(json.stdout) as { rows: { name: string }[] }).rows[0]?.name).toBe(name);
  });

  it('prints a sync file sender name with escape sequences without them', async () => {
    const dir = workDir();
    const file = path.join(dir, 'fra-a.kredsbog');
    expect((await runCapturedCli('export', '--db', path.join(dir, 'a.sqlite'), '--out', file, '--full')).code).toBe(0);
    // The sender's name is the file's to choose: rewrite the header with a correct checksum.
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trimEnd().split('\n');
    const body = [JSON.stringify({ ...(JSON.parse(lines[0]!) as object), installationName: hostile }), ...lines.slice(1, -1)].map((l) => `${l}\n`).join('');
    const trailer = { ...(JSON.parse(lines.at(-1)!) as object), sha256: createHash('sha256').update(body).digest('hex') };
    fs.writeFileSync(file, zlib.gzipSync(`${body}${JSON.stringify(trailer)}\n`));
    const result = await runCapturedCli('import', '--db', path.join(dir, 'b.sqlite'), file, '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Forhåndsvisning af import fra Kaj[2J]0;ejet Munk31m');
    expect(result.stdout).not.toMatch(controls);
  });

  it('keeps control characters out of error messages too', async () => {
    const result = await runCapturedCli(`frob\u001b[2Jnicate`, '--db', 'x.sqlite');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Ukendt kommando: frob[2Jnicate');
    expect(result.stderr).not.toMatch(controls);
  });
});
