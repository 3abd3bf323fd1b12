import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCapturedCli, useTempDirs } from './cli.testing';

const workDir = useTempDirs();

const run = runCapturedCli;

describe('contact files CLI', () => {
  it('imports a CSV (dry run first, then for real), exports it as vCard and re-imports that without changes', async () => {
    const dir = workDir();
    const db = path.join(dir, 'kredsbog.sqlite');
    const csv = path.join(dir, 'medlemmer.csv');
    fs.writeFileSync(csv, '\uFEFFMedlem;Mail\r\nKirsten Ågård;kirsten@example.dk\r\n;uden@navn.dk\r\n');

    const dry = await run('contacts-import', '--db', db, csv, '--dry-run', '--map', '{"name":"Medlem","email":"Mail"}');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Forhåndsvisning: 1 nye, 0 opdaterede, 0 uændrede, 0 mulige dubletter (springes over), 1 afviste.');
    expect(dry.stdout).toContain('række 3: afvist – (uden navn) (Mangler navn.)');
    expect(JSON.parse((await run('stats', '--db', db, '--json')).stdout).contacts).toBe(0);

    const real = await run('contacts-import', '--db', db, csv, '--json', '--map', '{"name":"Medlem","email":"Mail"}');
    expect(JSON.parse(real.stdout)).toMatchObject({ dryRun: false, created: 1, rejected: 1 });

    const vcf = path.join(dir, 'alle.vcf');
    expect((await run('contacts-export', '--db', db, '--format', 'vcf', '--version', '3.0', '--out', vcf)).code).toBe(0);
    expect(fs.readFileSync(vcf, 'utf8')).toContain('FN;CHARSET=UTF-8:Kirsten Ågård\r\n');
    const before = (await run('digest', '--db', db)).stdout;
    const again = await run('contacts-import', '--db', db, vcf);
    expect(again.stdout).toContain('0 nye, 0 opdaterede, 1 uændrede');
    expect((await run('digest', '--db', db)).stdout).toBe(before);
  });

  it('exports lists as CSV and XLSX, and rejects bad options with exit 1 and a Danish message', async () => {
    const dir = workDir();
    const db = path.join(dir, 'kredsbog.sqlite');
    const out = path.join(dir, 'kommuner.xlsx');
    expect((await run('spreadsheet-export', 'organisations', '--db', db, '--format', 'xlsx', '--out', out)).code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const csv = path.join(dir, 'opf.csv');
    expect((await run('spreadsheet-export', 'followups', '--db', db, '--format', 'csv', '--out', csv)).code).toBe(0);
    expect(fs.readFileSync(csv, 'utf8')).toBe('\uFEFFTitel;Detaljer;Ansvarlig;Frist;Status;Forfalden;Kommune;Fra møde;Mødedato\r\n');
    const log = path.join(dir, 'kontaktlog.csv');
    expect((await run('spreadsheet-export', 'kontaktlog', '--db', db, '--format', 'csv', '--out', log)).code).toBe(0);
    expect(fs.readFileSync(log, 'utf8')).toBe('\uFEFFDato;Type;Personer;Kommune;Organisation;Note\r\n');
    const areas = path.join(dir, 'omraader.csv');
    expect((await run('spreadsheet-export', 'boligomraader', '--db', db, '--format', 'csv', '--out', areas)).code).toBe(0);
    // No list imported yet: no year columns.
    expect(fs.readFileSync(areas, 'utf8')).toBe('\uFEFFBoligområde;Kommune;Organisationer;Noter\r\n');
    const plans = path.join(dir, 'helhedsplaner.xlsx');
    expect((await run('spreadsheet-export', 'helhedsplaner', '--db', db, '--format', 'xlsx', '--out', plans)).code).toBe(0);
    expect(fs.readFileSync(plans).subarray(0, 2).toString()).toBe('PK');

    const wrongWhat = await run('spreadsheet-export', 'kommuner', '--db', db, '--format', 'csv', '--out', csv);
    expect(wrongWhat).toMatchObject({ code: 1, stderr: 'Angiv hvad der skal eksporteres: contacts, organisations, followups, meetings, aftaler, kontaktlog, helhedsplaner eller boligomraader.\n' });
    expect((await run('contacts-export', '--db', db, '--format', 'pdf', '--out', csv)).stderr).toContain('--format vcf, csv eller xlsx');
    expect((await run('contacts-export', '--db', db, '--format', 'vcf', '--out', path.join(dir, 'x.vcf'))).stderr).toBe('Der er ingen kontakter at eksportere.\n');
    expect((await run('contacts-import', '--db', db, path.join(dir, 'mangler.csv'))).stderr).toContain('Filen findes ikke');
    expect((await run('contacts-import', '--db', db, csv, '--map', '{nope')).stderr).toContain('--map skal være JSON');
  });
});
