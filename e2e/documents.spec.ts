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

test('the referat of a styringsdialog dialogmøde in a helhedsplan series shows the aftale with its goals and the helhedsplan, and the option removes both', async ({ page, kredsbog }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-e2e-docs-'));
  try {
    await page.goto(kredsbog.url);
    await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();
    const kommuner = await apiCall<{ id: string; navn: string }[]>(page, 'kommuner.list', {});
    const koege = kommuner.find((k) => k.navn === 'Køge')!;
    const kab = await apiCall<{ id: string }>(page, 'organisations.create', { name: 'KAB', kind: 'boligorganisation', kommuneIds: [koege.id] });
    const series = await apiCall<{ id: string }>(page, 'series.create', { title: 'Styringsdialog Køge', kind: 'styringsdialog', kommuneId: koege.id, organisationIds: [kab.id] });
    const meeting = await apiCall<{ id: string }>(page, 'meetings.create', {
      kommuneId: koege.id,
      seriesId: series.id,
      title: 'Dialogmøde KAB 2026',
      startsAt: '2026-11-24T08:00:00.000Z',
      endsAt: '2026-11-24T10:00:00.000Z',
      place: 'Køge Rådhus',
      agenda: [{ title: 'Styringsrapporten' }],
    });
    const aftale = await apiCall<{ id: string }>(page, 'aftaler.create', {
      kind: 'styringsdialog_aftale',
      title: 'Styringsdialogaftale KAB 2026',
      status: 'gaeldende',
      kommuneId: koege.id,
      organisationIds: [kab.id],
      fromDate: '2026-01-01',
      toDate: '2026-12-31',
      goals: [
        { text: 'Færre fraflytninger i Ølby', indicator: 'Fraflytningsprocent under 10', status: 'i_gang' },
        { text: 'Energirenovering af Søndre Grønning', indicator: '', status: 'naaet' },
      ],
    });
    await apiCall(page, 'styringsdialog.save', { kommuneId: koege.id, organisationId: kab.id, year: 2026, meetingId: meeting.id, aftaleId: aftale.id });
    const areas = await apiCall<{ id: string; name: string }[]>(page, 'helhedsplaner.indsatsomraader', {});
    await apiCall(page, 'helhedsplaner.create', {
      name: 'Helhedsplan Ølby 2023–2026',
      kommuneId: koege.id,
      fromDate: '2023-01-01',
      toDate: '2026-12-31',
      indsatsomraadeIds: areas.filter((a) => a.name === 'Beskæftigelse' || a.name === 'Uddannelse og livschancer').map((a) => a.id),
      seriesIds: [series.id],
    });

    await page.goto(`${kredsbog.url}#/moeder/${meeting.id}`);
    await page.getByRole('button', { name: 'Eksportér referat …' }).click();
    const dialog = page.getByRole('dialog', { name: 'Eksportér referat' });
    const preview = dialog.frameLocator('iframe');
    await expect(preview.getByRole('heading', { name: 'Aftaler fra styringsdialogen 2026' })).toBeVisible();
    await expect(preview.getByRole('cell', { name: 'Færre fraflytninger i Ølby' })).toBeVisible();
    await expect(preview.getByText('Helhedsplan Ølby 2023–2026 · 1. januar 2023 – 31. december 2026')).toBeVisible();
    await expect(preview.getByText('Beskæftigelse, Uddannelse og livschancer')).toBeVisible();
    await snapshot(page, '23b-referat-eksport-styringsdialog');

    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'PDF' }).click();
    const pdf = path.join(dir, (await download).suggestedFilename());
    await (await download).saveAs(pdf);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Aftaler fra styringsdialogen 2026');
    expect(text).toMatch(/Færre fraflytninger i Ølby\s+Fraflytningsprocent under 10\s+I gang/);
    expect(text).toContain('Helhedsplan Ølby 2023–2026');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, path.join(root, 'e2e/artifacts/screenshots/23c-referat-pdf-styringsdialog')]);

    await dialog.getByRole('checkbox', { name: 'Styringsdialogens aftaler og helhedsplan' }).uncheck();
    await expect(preview.getByRole('heading', { name: 'Aftaler fra styringsdialogen 2026' })).toHaveCount(0);
    await expect(preview.getByText('Helhedsplan Ølby 2023–2026')).toHaveCount(0);
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
