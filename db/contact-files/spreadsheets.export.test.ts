import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guardCsvFormula } from '../../common/contact-files/contact-files.domain';
import { followUpFieldsSchema } from '../../common/meetings.domain';
import { contactLogInputSchema } from '../../common/relationships.domain';
import { createAftale } from '../aftaler/aftaler.repository';
import { createBoligomraade, setBoligomraadeStatus } from '../boligomraader/boligomraader.repository';
import { addHelhedsplanDeadline, addHelhedsplanRole, createHelhedsplan } from '../helhedsplaner/helhedsplaner.repository';
import { createSeries } from '../meetings/series.repository';
import { seriesFieldsSchema } from '../../common/meetings.domain';
import { createContactLog, deleteContactLog } from '../contact-log/contact-log.repository';
import { createContact } from '../contacts/contacts.repository';
import { createFollowUp } from '../follow-ups/follow-ups.repository';
import { updateSettings } from '../settings/settings.repository';
import { derivedId } from '../ids';
import { databaseDigest } from '../maintenance';
import { createMeeting } from '../meetings/meetings.repository';
import { createOrganisation } from '../organisations/organisations.repository';
import { createTestDatabase } from '../testing/test-database';
import { importContactFile } from './contacts.import';
import { exportSpreadsheet, sheetToCsv, sheetToXlsx, stripXmlInvalid, type Sheet } from './spreadsheets.export';

const koege = derivedId('kommune', 259);

/**
 * The test's own reading of when a spreadsheet program runs a cell as a
 * formula that can do harm: after the TAB/CR some programs skip, a cell that
 * starts with = or @, or with + or - and holds anything beyond digits,
 * spaces and ( ) . , / + - (a letter for a function or a cell, | or ! for
 * another program). Written apart from the guard, so the guard is checked, not repeated.
 */
function runsAsFormula(cell: string): boolean {
  const start = cell.replace(/^[\t\r]+/, '');
  if (/^[=@]/.test(start)) return true;
  return /^[+-]/.test(start) && /[^0-9\s().,/+-]/.test(start);
}

function readCsvBack(bytes: Uint8Array): string[][] {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  expect(text.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
}

async function readXlsxBack(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let i = 1; i <= row.cellCount; i++) {
      const value = row.getCell(i).value;
      expect(value === null || typeof value === 'string').toBe(true);
      cells.push(typeof value === 'string' ? value : '');
    }
    rows.push(cells);
  });
  return rows;
}

describe('spreadsheet export', () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeEach(async () => {
    t = await createTestDatabase();
  });
  afterEach(() => t.dispose());

  it('writes contacts as Danish Excel CSV: BOM, semicolons, CRLF, Danish headers and dates, formulas guarded and phone numbers as they are', async () => {
    const organisation = await createOrganisation(t.db, { name: 'Køge Boligselskab', kind: 'boligorganisation', notes: '', kommuneIds: [koege] });
    await createContact(t.db, { name: 'Mette Ørsted', emails: ['mette@kab.dk', 'm@privat.dk'], phones: ['+45 20 30 40 50'], notes: 'Linje 1\nLinje 2; med semikolon' }, [
      { organisationId: organisation.id, kommuneId: koege, title: 'Udlejningschef', kind: 'boligorganisation', fromDate: null, toDate: null },
    ]);
    await createContact(t.db, { name: '=HYPERLINK("http://x","klik")', emails: [], phones: [], notes: '@SUM(A1)' }, []);
    const file = await exportSpreadsheet(t.db, 'contacts', 'csv', new Date('2026-03-02T10:00:00Z'));
    expect(file.fileName).toBe('Kredsbog Kontakter 2026-03-02.csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes);
    expect(text.startsWith('\uFEFFNavn;E-mail;Andre e-mails;Telefon;Andre telefonnumre;Organisation;Titel;Kommune;Alle nuværende roller;Noter;Oprettet;Ændret\r\n')).toBe(true);
    // Rows end in CRLF; the only bare LF is the line break inside the quoted notes.
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace('Linje 1\nLinje 2', '')).not.toMatch(/[^\r]\n/);
    const rows = readCsvBack(file.bytes);
    const [header, first, second] = rows;
    expect(header?.[0]).toBe('Navn');
    expect(first?.[0]).toBe(`'=HYPERLINK("http://x","klik")`);
    expect(first?.[9]).toBe("'@SUM(A1)");
    // No apostrophe before the number: "+45 20 30 40 50" cannot call anything.
    expect(second?.slice(0, 10)).toEqual(['Mette Ørsted', 'mette@kab.dk', 'm@privat.dk', '+45 20 30 40 50', '', 'Køge Boligselskab', 'Udlejningschef', 'Køge', 'Udlejningschef, Køge Boligselskab', 'Linje 1\nLinje 2; med semikolon']);
    expect(text).toContain(';+45 20 30 40 50;');
    expect(text).not.toContain("'+45");
    expect(second?.[10]).toMatch(/^\d{2}-\d{2}-\d{4}$/);
  });

  it('an exported contact list imports again without changing anything', async () => {
    const organisation = await createOrganisation(t.db, { name: 'Køge Boligselskab', kind: 'boligorganisation', notes: '', kommuneIds: [koege] });
    await createContact(t.db, { name: 'Mette Ørsted', emails: ['mette@kab.dk', 'm@privat.dk'], phones: ['+45 20 30 40 50', '33 44 55 66'], notes: 'Noter; med tegn' }, [
      { organisationId: organisation.id, kommuneId: null, title: 'Udlejningschef', kind: 'boligorganisation', fromDate: null, toDate: null },
    ]);
    await createContact(t.db, { name: 'Søren Borgmester', emails: ['s@koege.dk'], phones: [], notes: '' }, [{ organisationId: null, kommuneId: koege, title: 'Borgmester', kind: 'politiker', fromDate: null, toDate: null }]);
    const digest = databaseDigest(t.sqlite);
    for (const format of ['csv', 'xlsx'] as const) {
      const file = await exportSpreadsheet(t.db, 'contacts', format);
      const result = await importContactFile(t.db, { fileName: file.fileName, bytes: file.bytes });
      expect(result.preview.counts).toEqual({ new: 0, updated: 0, unchanged: 2, duplicate: 0, rejected: 0 });
      expect(databaseDigest(t.sqlite)).toBe(digest);
    }
  });

  it('names the consultant as the owner of their own follow-ups, never "Mig": the name, else the initials, else the role', async () => {
    await createFollowUp(t.db, followUpFieldsSchema.parse({ title: 'Ring til direktøren', ownerIsMe: true }));
    const owner = async () => readCsvBack((await exportSpreadsheet(t.db, 'followUps', 'csv')).bytes)[1]?.[2];
    expect(await owner()).toBe('BL’s kredskonsulent');
    await updateSettings(t.db, { initials: 'KK' });
    expect(await owner()).toBe('KK');
    await updateSettings(t.db, { userName: 'Karen Kredskonsulent' });
    expect(await owner()).toBe('Karen Kredskonsulent');
  });

  it('exports organisations, follow-ups and meetings with Danish labels, dates and real Excel dates in XLSX', async () => {
    await createOrganisation(t.db, { name: 'Køge Boligselskab', kind: 'boligorganisation', notes: '', kommuneIds: [koege] });
    await createFollowUp(t.db, followUpFieldsSchema.parse({ title: 'Send udlejningstal', dueDate: '2026-04-01', kommuneId: koege }));
    await createMeeting(t.db, { title: 'Styringsdialog', startsAt: '2026-03-30T08:00:00.000Z', endsAt: null, place: 'Rådhuset', kommuneId: koege, seriesId: null, status: 'planlagt', notes: '', inviteeIds: [], agenda: [] });
    const organisations = readCsvBack((await exportSpreadsheet(t.db, 'organisations', 'csv')).bytes);
    expect(organisations[1]?.slice(0, 4)).toEqual(['Køge Boligselskab', 'Boligorganisation', 'Køge', '0']);
    const followUps = readCsvBack((await exportSpreadsheet(t.db, 'followUps', 'csv')).bytes);
    expect(followUps[0]?.slice(0, 5)).toEqual(['Titel', 'Detaljer', 'Ansvarlig', 'Frist', 'Status']);
    expect(followUps[1]?.slice(3, 7)).toEqual(['01-04-2026', 'Åben', expect.any(String), 'Køge']);
    const meetings = readCsvBack((await exportSpreadsheet(t.db, 'meetings', 'csv')).bytes);
    // 08:00 UTC is 10:00 Danish summer time.
    expect(meetings[1]?.slice(0, 6)).toEqual(['30-03-2026 10:00', '', 'Styringsdialog', 'Planlagt', 'Køge', 'Region Sjælland']);

    const xlsx = await exportSpreadsheet(t.db, 'meetings', 'xlsx');
    expect(xlsx.fileName).toMatch(/^Kredsbog Møder \d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ArrayBuffer);
    const cell = workbook.worksheets[0]?.getRow(2).getCell(1);
    expect(cell?.value).toEqual(new Date(Date.UTC(2026, 2, 30, 10, 0)));
    expect(cell?.numFmt).toBe('dd-mm-yyyy hh:mm');
  });
});

describe('formula guard (property)', () => {
  // Text as users type it, biased towards formula starts, phone numbers and CSV/XML-significant characters.
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", '"', ';', ' ', '+45 ', '-2+3'), fc.string({ unit: 'grapheme', maxLength: 20 })).map(([a, b]) => a + b),
    fc.constantFrom(
      '=1+2',
      '=HYPERLINK("http://evil","x")',
      '@SUM(A1)',
      '-2+3',
      "-2+3+cmd|' /C calc'!A0",
      '+cmd|\'/c calc\'!A1',
      '\t=1+1',
      '+45 20 30 40 50',
      '+46 8 123 456 78',
      '(+45) 20-30-40-50',
      '- ikke fredag',
      "'=already",
      'Ærø; Køge, "Syd"',
      'Linje 1\r\nLinje 2',
      '_x0041_',
    ),
  );
  const table = fc.array(fc.array(text, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 });

  it('keeps a phone number readable in CSV and in XLSX', async () => {
    const sheet: Sheet = { title: 'Test', headers: ['Telefon'], rows: [['+45 20 30 40 50'], ['+46 8 123 456 78'], ['(+45) 20-30-40-50']] };
    const csv = Papa.parse<string[]>(new TextDecoder('utf-8', { ignoreBOM: true }).decode(sheetToCsv(sheet)).slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(csv).toEqual([['Telefon'], ['+45 20 30 40 50'], ['+46 8 123 456 78'], ['(+45) 20-30-40-50']]);
    expect((await readXlsxBack(await sheetToXlsx(sheet))).slice(1)).toEqual([['+45 20 30 40 50'], ['+46 8 123 456 78'], ['(+45) 20-30-40-50']]);
  });

  it('no CSV cell read back by papaparse can run as a formula; unguarded text round-trips and a guarded cell is the text after one apostrophe', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const width = Math.max(...rows.map((r) => r.length));
        const padded = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
        const sheet: Sheet = { title: 'Test', headers: padded[0]!.map((_, i) => `Kolonne ${i + 1}`), rows: padded };
        const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(sheetToCsv(sheet)).slice(1);
        const back = Papa.parse<string[]>(text, { delimiter: ';' }).data.slice(1, padded.length + 1);
        expect(back).toHaveLength(padded.length);
        back.forEach((row, r) =>
          row.forEach((cell, c) => {
            const original = padded[r]?.[c] ?? '';
            expect(runsAsFormula(cell)).toBe(false);
            expect(cell === original || cell === `'${original}`).toBe(true);
            expect(cell).toBe(guardCsvFormula(original));
            // Only a cell that would run is touched.
            if (!runsAsFormula(original) && !/^[\t\r]/.test(original)) expect(cell).toBe(original);
          }),
        );
      }),
      { numRuns: 400 },
    );
  });

  it('every XLSX cell read back by exceljs is a plain string, never a formula, with the text as typed', async () => {
    await fc.assert(
      fc.asyncProperty(table, async (rows) => {
        const sheet: Sheet = { title: 'Test', headers: ['A', 'B', 'C', 'D'], rows };
        const bytes = await sheetToXlsx(sheet);
        // No formula element anywhere in the sheet: every cell is a value.
        const xml = unzipSync(bytes)['xl/worksheets/sheet1.xml'];
        expect(xml).toBeDefined();
        expect(strFromU8(xml ?? new Uint8Array())).not.toMatch(/<f[ >]/);
        const back = (await readXlsxBack(bytes)).slice(1);
        rows.forEach((row, r) =>
          row.forEach((original, c) => {
            // XLSX keeps line breaks as Excel does (LF) and cannot hold XML-invalid characters; nothing else changes.
            expect(back[r]?.[c] ?? '').toBe(stripXmlInvalid(original.replace(/\r\n?/g, '\n')));
          }),
        );
      }),
      { numRuns: 60 },
    );
  });
});

describe('spreadsheet export of aftaler and of meetings across the 2027 regions', () => {
  it('writes aftaler with their parties, dates, goals and documents, and a 2027 meeting in Køge with Region Østdanmark', async () => {
    const t2 = await createTestDatabase();
    try {
      const koegeId = derivedId('kommune', 259);
      await createAftale(t2.db, {
        kind: 'udlejningsaftale',
        title: 'Udlejningsaftale Køge',
        status: 'gaeldende',
        kommuneId: koegeId,
        fromDate: '2026-01-01',
        goals: [{ text: 'Færre udsættelser', indicator: 'Fogedsager', status: 'i_gang' }],
        documents: ['Bilag 1.pdf'],
      });
      const rows = readCsvBack((await exportSpreadsheet(t2.db, 'aftaler', 'csv')).bytes);
      expect(rows[0]?.slice(0, 6)).toEqual(['Titel', 'Type', 'Status', 'Kommune', 'Organisationer', 'Fra']);
      expect(rows[1]).toEqual(expect.arrayContaining(['Udlejningsaftale Køge', 'Udlejningsaftale', 'Gældende', 'Køge', '01-01-2026', 'Færre udsættelser (Fogedsager): i gang', 'Bilag 1.pdf']));
      await createMeeting(t2.db, { title: 'Kommunesamarbejde januar', kommuneId: koegeId, startsAt: '2027-01-20T09:00:00.000Z', endsAt: null, place: '', seriesId: null, status: 'planlagt', notes: '', inviteeIds: [], agenda: [] });
      const meetings = readCsvBack((await exportSpreadsheet(t2.db, 'meetings', 'csv')).bytes);
      expect(meetings[1]?.slice(2, 6)).toEqual(['Kommunesamarbejde januar', 'Planlagt', 'Køge', 'Region Østdanmark']);
    } finally {
      await t2.dispose();
    }
  });
});

describe('spreadsheet export of the kontaktlog', () => {
  it('writes every live entry newest first with its people, kommune and note, and leaves out a deleted one', async () => {
    const t2 = await createTestDatabase();
    try {
      const koegeId = derivedId('kommune', 259);
      const mette = await createContact(t2.db, { name: 'Mette Ølgaard', emails: [], phones: [], notes: '' }, []);
      const bo = await createContact(t2.db, { name: 'Bo Åkjær', emails: [], phones: [], notes: '' }, []);
      const log = (date: string, note: string, contactIds: string[]) => createContactLog(t2.db, contactLogInputSchema.parse({ date, kind: 'telefon', note, contactIds, kommuneId: koegeId }));
      await log('2026-03-02', 'Ringede om huslejen i Ølby', [mette.id]);
      await log('2026-11-20', 'Aftalte næste dialogmøde', [mette.id, bo.id]);
      const gone = await log('2026-05-05', 'Slettet igen', [bo.id]);
      await deleteContactLog(t2.db, gone.id);
      const before = databaseDigest(t2.sqlite);
      const file = await exportSpreadsheet(t2.db, 'contactLog', 'csv', new Date('2026-12-07T08:00:00Z'));
      expect(file.fileName).toBe('Kredsbog Kontaktlog 2026-12-07.csv');
      expect(readCsvBack(file.bytes)).toEqual([
        ['Dato', 'Type', 'Personer', 'Kommune', 'Organisation', 'Note'],
        ['20-11-2026', 'Telefon', 'Bo Åkjær, Mette Ølgaard', 'Køge', '', 'Aftalte næste dialogmøde'],
        ['02-03-2026', 'Telefon', 'Mette Ølgaard', 'Køge', '', 'Ringede om huslejen i Ølby'],
      ]);
      expect(databaseDigest(t2.sqlite)).toBe(before);
    } finally {
      await t2.dispose();
    }
  });
});

describe('spreadsheet export of helhedsplaner and boligområder', () => {
  it('writes a helhedsplan with its period, indsatsområder, the people in each body today, the next deadline and its series, in CSV and XLSX', async () => {
    const t2 = await createTestDatabase();
    try {
      const kab = await createOrganisation(t2.db, { name: 'KAB', kind: 'boligorganisation', notes: '', kommuneIds: [koege] });
      const area = await createBoligomraade(t2.db, { name: 'Ølby', kommuneId: koege, organisationIds: [kab.id] });
      const series = await createSeries(t2.db, seriesFieldsSchema.parse({ title: 'Boligsocial bestyrelse Ølby', kind: 'helhedsplan', kommuneId: koege }));
      const plan = await createHelhedsplan(t2.db, {
        name: 'Helhedsplan Ølby 2023–2026',
        status: 'aktiv',
        kommuneId: koege,
        fromDate: '2023-01-01',
        toDate: '2026-12-31',
        organisationIds: [kab.id],
        boligomraadeIds: [area.id],
        indsatsomraadeIds: [derivedId('indsatsomraade', '2019-01-01', 'uddannelse'), derivedId('indsatsomraade', '2019-01-01', 'beskaeftigelse')],
        seriesIds: [series.id],
      });
      const formand = await createContact(t2.db, { name: 'Åse Ørum', emails: [], phones: [], notes: '' }, []);
      const former = await createContact(t2.db, { name: 'Bjørn Ægidius', emails: [], phones: [], notes: '' }, []);
      await addHelhedsplanRole(t2.db, { helhedsplanId: plan.id, contactId: formand.id, body: 'bestyrelse', title: 'Formand', fromDate: '2023-01-01' });
      await addHelhedsplanRole(t2.db, { helhedsplanId: plan.id, contactId: former.id, body: 'projektleder', fromDate: '2023-01-01', toDate: '2024-06-30' });
      await addHelhedsplanDeadline(t2.db, { helhedsplanId: plan.id, kind: 'aarsstatus', dueDate: '2026-03-31' });
      await addHelhedsplanDeadline(t2.db, { helhedsplanId: plan.id, kind: 'regnskab', dueDate: '2025-03-31', doneDate: '2025-03-20' });
      const now = new Date('2026-02-01T10:00:00Z');
      const csv = await exportSpreadsheet(t2.db, 'helhedsplaner', 'csv', now);
      expect(csv.fileName).toBe('Kredsbog Helhedsplaner 2026-02-01.csv');
      const rows = readCsvBack(csv.bytes);
      expect(rows[0]).toEqual([
        'Navn', 'Status', 'Kommune', 'Organisationer', 'Boligområder', 'Fra', 'Til', 'Indsatsområder', 'Boligsocial bestyrelse', 'Styregruppe', 'Følgegruppe', 'Projektleder',
        'Næste frist', 'Fristdato', 'Møderækker', 'Journalnummer', 'Noter',
      ]);
      // The projektleder left in 2024: no one holds that seat today, so the cell is empty.
      expect(rows[1]).toEqual([
        'Helhedsplan Ølby 2023–2026', 'I gang', 'Køge', 'KAB', 'Ølby', '01-01-2023', '31-12-2026', 'Beskæftigelse, Uddannelse og livschancer', 'Åse Ørum (Formand)', '', '', '',
        'Årlig status', '31-03-2026', 'Boligsocial bestyrelse Ølby', '', '',
      ]);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from((await exportSpreadsheet(t2.db, 'helhedsplaner', 'xlsx', now)).bytes) as unknown as ArrayBuffer);
      const row = workbook.worksheets[0]!.getRow(2);
      expect([1, 2, 3, 4, 5, 9].map((i) => row.getCell(i).value)).toEqual(['Helhedsplan Ølby 2023–2026', 'I gang', 'Køge', 'KAB', 'Ølby', 'Åse Ørum (Formand)']);
      // Period and deadline are real Excel dates shown the Danish way.
      expect(row.getCell(14).value).toEqual(new Date(Date.UTC(2026, 2, 31)));
      expect(row.getCell(14).numFmt).toBe('dd-mm-yyyy');
    } finally {
      await t2.dispose();
    }
  });

  it('writes each boligområde with one column per list year, newest first, its categories in Danish and blank in a year it was on no list', async () => {
    const t2 = await createTestDatabase();
    try {
      const aarhus = derivedId('kommune', 751);
      const brabrand = await createOrganisation(t2.db, { name: 'Brabrand Boligforening', kind: 'boligorganisation', notes: '', kommuneIds: [aarhus] });
      const gellerup = await createBoligomraade(t2.db, { name: 'Gellerupparken/Toveshøj', kommuneId: aarhus, organisationIds: [brabrand.id], notes: 'Udviklingsplan vedtaget 2019.' });
      await setBoligomraadeStatus(t2.db, { id: gellerup.id, year: 2024, categories: ['parallelsamfund', 'omdannelsesomraade', 'udsat_boligomraade'] });
      await setBoligomraadeStatus(t2.db, { id: gellerup.id, year: 2025, categories: ['omdannelsesomraade'] });
      const bispehaven = await createBoligomraade(t2.db, { name: 'Bispehaven', kommuneId: aarhus });
      await setBoligomraadeStatus(t2.db, { id: bispehaven.id, year: 2024, categories: ['forebyggelsesomraade'] });
      const rows = readCsvBack((await exportSpreadsheet(t2.db, 'boligomraader', 'csv')).bytes);
      expect(rows).toEqual([
        ['Boligområde', 'Kommune', 'Organisationer', 'Liste 2025', 'Liste 2024', 'Noter'],
        ['Bispehaven', 'Aarhus', '', '', 'Forebyggelsesområde', ''],
        ['Gellerupparken/Toveshøj', 'Aarhus', 'Brabrand Boligforening', 'Omdannelsesområde', 'Udsat boligområde, Parallelsamfund, Omdannelsesområde', 'Udviklingsplan vedtaget 2019.'],
      ]);
      const xlsx = await readXlsxBack((await exportSpreadsheet(t2.db, 'boligomraader', 'xlsx')).bytes);
      expect(xlsx[0]).toEqual(rows[0]);
      expect(xlsx[2]?.slice(0, 4)).toEqual(['Gellerupparken/Toveshøj', 'Aarhus', 'Brabrand Boligforening', 'Omdannelsesområde']);
    } finally {
      await t2.dispose();
    }
  });
});
