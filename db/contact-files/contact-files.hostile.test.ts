import fc from 'fast-check';
import { strToU8, Zip, ZipDeflate, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../common/result';
import { databaseDigest } from '../maintenance';
import { createTestDatabase } from '../testing/test-database';
import { importContactFile, previewContactFile } from './contacts.import';
import { contactFileLimits, parseCsv, readCsv } from './spreadsheet.read';
import { decodeQuotedPrintable, readVcards } from './vcard.import';
import { TagCounter } from './xlsx.guard';

/**
 * Contact files built to hurt: an .xlsx whose farthest cell is XFD1048576,
 * 16,384 headings, a zip that inflates to hundreds of megabytes, a CSV of 17
 * million columns or a million rows, a vCard 2.1 note of 40,000 soft line
 * breaks. Each is refused (or read) in seconds with one Danish sentence that
 * names the reason, never the file's content, and the database is unchanged.
 */

const workbookParts = (sheetRelsExtra = ''): Record<string, Uint8Array> => ({
  '[Content_Types].xml': strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  ),
  '_rels/.rels': strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  ),
  'xl/workbook.xml': strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>',
  ),
  'xl/_rels/workbook.xml.rels': strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>${sheetRelsExtra}</Relationships>`,
  ),
});
const sheetStart = (dimension: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="${dimension}"/><sheetData>`;
const sheetEnd = '</sheetData></worksheet>';
const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const column = (index: number) => {
  let name = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

/** An .xlsx written part by part, as Excel would lay it out. */
function xlsx(sheetXml: string): Uint8Array {
  return zipSync({ ...workbookParts(), 'xl/worksheets/sheet1.xml': strToU8(sheetXml) }, { level: 9 });
}

/** An .xlsx whose sheet is `times` copies of `block` between the sheet's start and end, streamed (never held whole). */
function streamedXlsx(block: string, times: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    chunks.push(data);
  });
  for (const [name, bytes] of Object.entries(workbookParts())) {
    const part = new ZipDeflate(name);
    zip.add(part);
    part.push(bytes, true);
  }
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 9 });
  zip.add(sheet);
  sheet.push(strToU8(`${sheetStart('A1')}<row r="1">${cell('A1', 'Navn')}</row>`));
  const bytes = strToU8(block);
  for (let i = 0; i < times; i++) sheet.push(bytes);
  sheet.push(strToU8(sheetEnd), true);
  zip.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

const mib = 1024 * 1024;
const utf8 = (text: string) => new TextEncoder().encode(text);

// Building some of these files takes a second or two on a busy machine; each refusal is timed on its own below.
describe('hostile contact files', { timeout: 30_000 }, () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeEach(async () => {
    t = await createTestDatabase();
  });
  afterEach(() => t.dispose());

  /** Preview and import both refuse with `reason`, in seconds, with bounded memory, and change nothing. */
  async function expectRefused(fileName: string, bytes: Uint8Array, reason: RegExp): Promise<void> {
    const digest = databaseDigest(t.sqlite);
    const before = process.memoryUsage().rss;
    const started = performance.now();
    for (const attempt of [() => previewContactFile(t.db, { fileName, bytes }), () => importContactFile(t.db, { fileName, bytes, mapping: { name: 'Navn' } })]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'VALIDATION' });
      const message = (error as AppError).message;
      expect(message).toMatch(reason);
      // One sentence naming the reason, not the file's content.
      expect(message).toMatch(/^[^\n]*\.$/);
      expect(message).not.toMatch(/Kaj|Hemmelig|xxxx|=C3/);
    }
    expect(performance.now() - started).toBeLessThan(10_000);
    // maxRSS is the process's peak (KiB): against the RSS before, the rise can only be overstated.
    expect((process.resourceUsage().maxRSS * 1024 - before) / mib).toBeLessThan(300);
    expect(databaseDigest(t.sqlite)).toBe(digest);
  }

  describe('xlsx', () => {
    it('reads only the cells a sheet has, whatever its dimension claims', async () => {
      const bytes = xlsx(`${sheetStart('A1:XFD1048576')}<row r="1">${cell('A1', 'Navn')}</row><row r="2">${cell('A2', 'Kaj Munk')}</row>${sheetEnd}`);
      const preview = await previewContactFile(t.db, { fileName: 'dimension.xlsx', bytes });
      expect(preview).toMatchObject({ headers: ['Navn'], counts: { new: 1 } });
    });

    it('refuses a 1.6 KB sheet whose farthest cell is XFD1048576', async () => {
      const bytes = xlsx(`${sheetStart('A1:XFD1048576')}<row r="1">${cell('A1', 'Navn')}${cell('XFD1', 'x')}</row><row r="1048576">${cell('XFD1048576', 'Hemmelig')}</row>${sheetEnd}`);
      expect(bytes.length).toBeLessThan(2_000);
      await expectRefused('langt-ude.xlsx', bytes, /^Række 1 har flere end 200 kolonner\.$/);
      // The far corner alone, under a sane heading: its column gives it away too.
      const corner = xlsx(`${sheetStart('A1:XFD1048576')}<row r="1">${cell('A1', 'Navn')}</row><row r="1048576">${cell('XFD1048576', 'Hemmelig')}</row>${sheetEnd}`);
      await expectRefused('hjoerne.xlsx', corner, /^Række 1\.048\.576 har flere end 200 kolonner\.$/);
    });

    it('refuses 16,384 headings', async () => {
      const headings = Array.from({ length: 16_384 }, (_, i) => cell(`${column(i + 1)}1`, `Kolonne${i}`)).join('');
      const bytes = xlsx(`${sheetStart('A1:XFD2')}<row r="1">${headings}</row><row r="2">${cell('A2', 'Kaj')}</row>${sheetEnd}`);
      await expectRefused('bred.xlsx', bytes, /^Række 1 har flere end 200 kolonner\.$/);
    });

    it('refuses a zip that inflates to a hundred megabytes before exceljs sees it', async () => {
      // 100 MiB of whitespace inside the sheet, a hundred kilobytes on disk.
      const bytes = streamedXlsx(' '.repeat(mib), 100);
      expect(bytes.length).toBeLessThan(mib);
      await expectRefused('bombe.xlsx', bytes, /^Excel-filen fylder for meget, når den pakkes ud\.$/);
    });

    it('refuses more cells, rows or data rows than it reads, and an over-long cell', async () => {
      await expectRefused('celler.xlsx', streamedXlsx('<c r="B2"><v>1</v></c>', contactFileLimits.maxCells + 1), /^Excel-filen har for mange celler \(over 400\.000\)\.$/);
      await expectRefused('tomme-raekker.xlsx', streamedXlsx('<row r="3"/>', contactFileLimits.maxRowElements + 1), /^Excel-filen har for mange rækker \(over 100\.000\)\.$/);
      const rows = Array.from({ length: contactFileLimits.maxRows + 1 }, (_, i) => `<row r="${i + 2}">${cell(`A${i + 2}`, `Kaj ${i}`)}</row>`).join('');
      await expectRefused('lang.xlsx', xlsx(`${sheetStart('A1')}<row r="1">${cell('A1', 'Navn')}</row>${rows}${sheetEnd}`), /^Filen har flere end 20\.000 rækker \(del den op i mindre filer\)\.$/);
      const long = xlsx(`${sheetStart('A1')}<row r="1">${cell('A1', 'Navn')}</row><row r="2">${cell('A2', 'x'.repeat(40_000))}</row>${sheetEnd}`);
      await expectRefused('celle.xlsx', long, /^En celle i række 2 er længere end 32\.767 tegn\.$/);
    });
  });

  it('counts cells and rows however the inflated bytes are cut into chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('<c r="A1">', '<c>', '<c/>', '<col>', '<cols>', '<row r="2">', '<row>', '<rows>', '</c>', '</row>', 'x', '<'), { maxLength: 60 }), fc.array(fc.nat({ max: 400 }), { maxLength: 8 }), (pieces, cuts) => {
        const bytes = strToU8(pieces.join(''));
        const cells = new TagCounter('c');
        const rows = new TagCounter('row');
        const at = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
        let from = 0;
        for (const to of [...at, bytes.length]) {
          const final = to === bytes.length;
          if (to < from || (to === from && !final)) continue;
          cells.push(bytes.subarray(from, to), final);
          rows.push(bytes.subarray(from, to), final);
          from = to;
          if (final) break;
        }
        expect(cells.count).toBe(pieces.filter((p) => /^<c[ >/]/.test(p)).length);
        expect(rows.count).toBe(pieces.filter((p) => /^<row[ >/]/.test(p)).length);
      }),
      { numRuns: 300, seed: 13 },
    );
  });

  describe('csv', () => {
    it('refuses 17 million columns at column 201, without splitting the line', async () => {
      const bytes = utf8(`Navn${';'.repeat(17_000_000)}\r\nKaj\r\n`);
      await expectRefused('bred.csv', bytes, /^Række 1 har flere end 200 kolonner\.$/);
    });

    it('refuses a million rows at row 20,002', async () => {
      const bytes = utf8(`Navn;E-mail\r\n${'Kaj;k@x.dk\r\n'.repeat(1_000_000)}`);
      expect(bytes.length).toBeLessThan(20 * mib);
      await expectRefused('lang.csv', bytes, /^Filen har flere end 20\.000 rækker \(del den op i mindre filer\)\.$/);
    });

    it('refuses an over-long cell, quoted or not, and a quote that never closes', async () => {
      await expectRefused('celle.csv', utf8(`Navn;Noter\r\nKaj;${'x'.repeat(40_000)}\r\n`), /^En celle i række 2 er længere end 32\.767 tegn\.$/);
      await expectRefused('citeret.csv', utf8(`Navn;Noter\r\nKaj;"${'x""'.repeat(20_000)}"\r\n`), /^En celle i række 2 er længere end 32\.767 tegn\.$/);
      await expectRefused('aaben.csv', utf8(`Navn;Noter\r\nKaj;"${'x'.repeat(10 * mib)}\r\n`), /^Filen kan ikke læses som CSV: et anførselstegn lukkes ikke \(række 2\)\.$/);
    });

    it('keeps every row of a file that mixes CR, LF and CRLF', () => {
      const table = readCsv(utf8('Navn;E-mail\rKaj Munk;kaj@example.dk\nBo Bæk;bo@example.dk\r\nEva Ås;eva@example.dk\r"Ib\r\nIbsen";ib@example.dk'));
      expect(table.headers).toEqual(['Navn', 'E-mail']);
      expect(table.rows).toEqual([
        { rowNumber: 2, cells: ['Kaj Munk', 'kaj@example.dk'] },
        { rowNumber: 3, cells: ['Bo Bæk', 'bo@example.dk'] },
        { rowNumber: 4, cells: ['Eva Ås', 'eva@example.dk'] },
        // A line break inside quotes is part of the cell.
        { rowNumber: 5, cells: ['Ib\r\nIbsen', 'ib@example.dk'] },
      ]);
    });

    it('parses quotes as Excel writes them and keeps blank rows out but counted', () => {
      expect(parseCsv('a;"b;""c"""\r\n\r\n;\r\nd;e;\r\n', ';')).toEqual({
        header: ['a', 'b;"c"'],
        rows: [{ rowNumber: 4, cells: ['d', 'e', ''] }],
      });
      expect(() => parseCsv('a;"b"c\r\n', ';')).toThrow('et anførselstegn står midt i et felt (række 1)');
    });
  });

  describe('vcard', () => {
    const qpCard = (lines: number) =>
      `BEGIN:VCARD\r\nVERSION:2.1\r\nN:Hansen;Jens\r\nFN:Jens Hansen\r\nNOTE;ENCODING=QUOTED-PRINTABLE:${Array.from({ length: lines }, () => '=C3=B8=').join('\r\n')}\r\nx\r\nEND:VCARD\r\n`;

    it('unfolds 30,000 quoted-printable soft line breaks in linear time', () => {
      const started = performance.now();
      const [card] = readVcards(qpCard(30_000));
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(card?.notes).toBe(`${'ø'.repeat(30_000)}x`);
    });

    it('refuses a 40,000-line note (the 103-second card) in well under a second, as too long a value', async () => {
      const started = performance.now();
      await expectRefused('lang-note.vcf', utf8(qpCard(40_000)), /^Kort nr\. 1 har en værdi på over 32\.767 tegn\.$/);
      expect(performance.now() - started).toBeLessThan(2_000);
    });

    it('decodes quoted-printable bytes, keeps other characters and a stray "="', () => {
      expect(decodeQuotedPrintable('K=C3=B8ge =3D Køge =ZZ 😀')).toBe('Køge = Køge =ZZ 😀');
    });

    it('refuses more cards than rows, and a card larger than its limit', async () => {
      const card = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kaj\r\nEND:VCARD\r\n';
      await expectRefused('mange.vcf', utf8(card.repeat(contactFileLimits.maxRows + 1)), /^Filen har flere end 20\.000 vCard-kort \(del den op i mindre filer\)\.$/);
      await expectRefused('stor.vcf', utf8(`BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kaj\r\n${'X-A:1\r\n'.repeat(800_000)}END:VCARD\r\n`), /^Kort nr\. 1 er større end 4 MB\.$/);
      // Millions of empty lines after the card's start are counted, not split into an array.
      await expectRefused('tomme-linjer.vcf', utf8(`BEGIN:VCARD\r\n${'\n'.repeat(19 * mib)}`), /^Kort nr\. 1 er større end 4 MB\.$/);
    });
  });
});
