import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { apiCall, expect, snapshot, test } from './fixtures';

/**
 * Contact and calendar files are read and imported in the host's job worker
 * (issue 13): the pages show the job's progress with "Afbryd", and a stopped
 * job changes nothing.
 */
const root = path.resolve(import.meta.dirname, '..');

/** An .xlsx of `rows` contacts with 19 more columns each: large enough that reading it takes the worker a while. */
function largeContactSheet(rows: number): Buffer {
  const xml = (body: string) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${body}`);
  const officeRelationships = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const columns = 'ABCDEFGHIJKLMNOPQRST'.split('');
  const heading = `<row r="1">${columns.map((c, i) => cell(`${c}1`, i === 0 ? 'Navn' : `Felt ${i}`)).join('')}</row>`;
  const body = Array.from({ length: rows }, (_, r) => `<row r="${r + 2}">${columns.map((c, i) => cell(`${c}${r + 2}`, i === 0 ? `Person ${r}` : `Værdi ${r}-${i}`)).join('')}</row>`).join('');
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
      '_rels/.rels': xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${officeRelationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
      'xl/workbook.xml': xml(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${officeRelationships}"><sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      'xl/_rels/workbook.xml.rels': xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${officeRelationships}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
      'xl/worksheets/sheet1.xml': xml(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${heading}${body}</sheetData></worksheet>`),
    }),
  );
}

test('an Outlook invitation is read and imported by the job worker', async ({ page, kredsbog }) => {
  await page.goto(kredsbog.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Kalender' }).click();
  await page.getByRole('link', { name: /Importér fra Outlook/ }).click();
  await page.getByLabel('Vælg .ics-fil').setInputFiles(path.join(root, 'db', 'calendar', 'fixtures', 'outlook-invitation.ics'));
  const preview = page.getByRole('region', { name: 'Forhåndsvisning' });
  await expect(preview).toContainText('Styringsdialog 2026 – KAB og Køge Kommune');
  await snapshot(page, '60-kalenderimport-forhaandsvisning');
  await preview.getByRole('button', { name: 'Importér' }).click();
  await expect(page.getByText('Importen er gennemført: 1 nye, 0 ændrede og 0 aflyste møder.')).toBeVisible();
  const meetings = await apiCall<{ title: string }[]>(page, 'meetings.list', {});
  expect(meetings.map((m) => m.title)).toEqual(['Styringsdialog 2026 – KAB og Køge Kommune']);
});

test('a large contact list is read in the worker with progress and "Afbryd"; stopped, nothing changes', async ({ page, kredsbog }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-e2e-kontakter-'));
  try {
    const file = path.join(dir, 'mange-kontakter.xlsx');
    fs.writeFileSync(file, largeContactSheet(19_000));
    await page.goto(kredsbog.url);
    await page.getByRole('navigation').getByRole('link', { name: 'Kontakter' }).click();
    await page.getByRole('link', { name: 'Importér', exact: true }).click();
    await page.getByLabel('Vælg fil').setInputFiles(file);
    const progress = page.getByRole('status').filter({ hasText: 'Læser filen …' });
    const stop = progress.getByRole('button', { name: 'Afbryd' });
    await expect(stop).toBeVisible();
    await snapshot(page, '61-kontaktimport-laeser');
    await stop.click();
    await expect(page.getByText('Afbrudt. Intet er ændret.')).toBeVisible();
    await expect(progress).toHaveCount(0);
    expect(await apiCall<unknown[]>(page, 'contacts.list', {})).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
