import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import ICAL from 'ical.js';
import { apiCall, expect, snapshot, test } from './fixtures';

const root = path.resolve(import.meta.dirname, '..');

test('a referat is exported from a meeting as Word, PDF and Markdown, and the meeting goes to Outlook as .ics', async ({ page, kredsbog }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-e2e-docs-'));
  try {
    await page.goto(kredsbog.url);
    await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();
    const kommuner = await apiCall<{ id: string; navn: string }[]>(page, 'kommuner.list', {});
    const koege = kommuner.find((k) => k.navn === 'Køge')!;
    const mette = await apiCall<{ id: string }>(page, 'contacts.create', { name: 'Mette Ørsted', emails: ['mette@kab.dk'] });
    const soeren = await apiCall<{ id: string }>(page, 'contacts.create', { name: 'Søren Æbelø', emails: ['soeren@koege.dk'] });
    const meeting = await apiCall<{ id: string; agenda: { id: string }[] }>(page, 'meetings.create', {
      kommuneId: koege.id,
      title: 'Styringsdialog Køge 2026',
      startsAt: '2026-11-24T08:00:00.000Z',
      endsAt: '2026-11-24T10:00:00.000Z',
      place: 'Køge Rådhus, mødelokale 2',
      inviteeIds: [mette.id, soeren.id],
      agenda: [{ title: 'Udlejning og ventelister' }, { title: 'Boligsocial indsats' }],
    });
    await apiCall(page, 'attendance.set', { meetingId: meeting.id, contactId: mette.id, status: 'deltog', role: 'ordstyrer' });
    await apiCall(page, 'attendance.set', { meetingId: meeting.id, contactId: soeren.id, status: 'afbud', role: null });
    await apiCall(page, 'agenda.update', { id: meeting.agenda[0]!.id, minutes: 'Ventelisten i Ølby er faldet til 40 familier. <b>ikke fed</b>', decision: 'Kommunen anviser fortsat 25 %.' });

    await page.goto(`${kredsbog.url}#/moeder/${meeting.id}`);
    await page.getByRole('button', { name: 'Eksportér referat …' }).click();
    const dialog = page.getByRole('dialog', { name: 'Eksportér referat' });
    await expect(dialog).toBeVisible();
    const preview = dialog.frameLocator('iframe');
    await expect(preview.getByText('Ventelisten i Ølby er faldet til 40 familier. <b>ikke fed</b>')).toBeVisible();
    await snapshot(page, '23-referat-eksport');

    const save = async (button: string) => {
      const download = page.waitForEvent('download');
      await dialog.getByRole('button', { name: button }).click();
      const file = path.join(dir, (await download).suggestedFilename());
      await (await download).saveAs(file);
      return file;
    };
    const docx = await save('Word (.docx)');
    expect(path.basename(docx)).toBe('Referat 2026-11-24 Styringsdialog Køge 2026.docx');
    const xml = strFromU8(unzipSync(fs.readFileSync(docx))['word/document.xml']!);
    expect(xml).toContain('Ventelisten i Ølby er faldet til 40 familier. &lt;b&gt;ikke fed&lt;/b&gt;');
    expect(xml).toContain('Mette Ørsted');

    const pdf = await save('PDF');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Referat');
    expect(text).toContain('Søren Æbelø');
    expect(text).toMatch(/Side 1 af \d/);

    const md = await save('Markdown');
    expect(fs.readFileSync(md, 'utf8')).toContain('Kommunen anviser fortsat 25 %.');
    await dialog.getByRole('button', { name: 'Luk' }).first().click();

    await page.getByText('Mere').click();
    const icsDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tilføj til Outlook (.ics)' }).click();
    const ics = path.join(dir, (await icsDownload).suggestedFilename());
    await (await icsDownload).saveAs(ics);
    const calendar = new ICAL.Component(ICAL.parse(fs.readFileSync(ics, 'utf8')));
    const event = calendar.getFirstSubcomponent('vevent')!;
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.getFirstPropertyValue('summary')).toBe('Styringsdialog Køge 2026');
    expect(event.getFirstPropertyValue('location')).toBe('Køge Rådhus, mødelokale 2');
    expect(event.getFirstPropertyValue('uid')).toBe(`${meeting.id}@kredsbog.dk`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a Danish Excel contact list comes in through the mapping step, and not twice', async ({ page, kredsbog }) => {
  await page.goto(kredsbog.url);
  await apiCall(page, 'organisations.create', { name: 'Køge Boligselskab', kind: 'boligorganisation' });
  await page.getByRole('navigation').getByRole('link', { name: 'Kontakter' }).click();
  await page.getByRole('link', { name: 'Importér', exact: true }).click();
  const fixture = path.join(root, 'db', 'contact-files', 'fixtures', 'danish-excel-1252.csv');
  await page.getByLabel('Vælg fil').setInputFiles(fixture);
  const mapping = page.getByRole('region', { name: '2. Kolonner' });
  await expect(mapping.getByText(/Windows-1252/)).toBeVisible();
  await expect(mapping.getByLabel('Navn', { exact: true })).toHaveValue('Navn');
  await snapshot(page, '24-kontaktimport-kolonner');
  await mapping.getByRole('button', { name: 'Vis forhåndsvisning' }).click();
  const preview = page.getByRole('region', { name: '3. Forhåndsvisning' });
  await expect(preview.getByRole('region', { name: 'Nye' })).toContainText('Mette Ørsted');
  await expect(preview.getByRole('region', { name: 'Afvist' })).toBeVisible();
  await snapshot(page, '25-kontaktimport-forhaandsvisning');
  await preview.getByRole('button', { name: 'Importér' }).click();
  await expect(page.getByRole('region', { name: 'Importen er færdig' })).toBeVisible();

  const contacts = await apiCall<{ name: string }[]>(page, 'contacts.list', {});
  expect(contacts.map((c) => c.name)).toEqual(expect.arrayContaining(['Mette Ørsted', 'Søren Æbelø', 'Åse Bøgelund']));
  const before = contacts.length;

  await page.getByRole('button', { name: 'Importér en fil mere' }).click();
  await page.getByLabel('Vælg fil').setInputFiles(fixture);
  await page.getByRole('region', { name: '2. Kolonner' }).getByRole('button', { name: 'Vis forhåndsvisning' }).click();
  await expect(page.getByText('Der er intet nyt at importere – alt i filen findes allerede.')).toBeVisible();
  expect(await apiCall<unknown[]>(page, 'contacts.list', {})).toHaveLength(before);
});
