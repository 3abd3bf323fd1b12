import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { proposeMapping } from '../../common/contact-files/contact-files.domain';
import { createContact, getContact } from '../contacts/contacts.repository';
import { findContactDuplicates } from '../duplicates/duplicates.finder';
import { derivedId } from '../ids';
import { databaseDigest } from '../maintenance';
import { createOrganisation } from '../organisations/organisations.repository';
import { createTestDatabase } from '../testing/test-database';
import { decodeText, importContactFile, mappingKey, previewContactFile, readCsv } from './contacts.import';

const fixtures = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(fixtures, name)));
const koege = derivedId('kommune', 259);
const aarhus = derivedId('kommune', 751);

async function xlsxBytes(rows: readonly (readonly string[])[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Kontakter');
  for (const row of rows) sheet.addRow([...row]);
  // A second sheet must be ignored: only the first is read.
  workbook.addWorksheet('Andet').addRow(['Navn', 'E-mail']);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('contact import from CSV and XLSX', () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeEach(async () => {
    t = await createTestDatabase();
    await createOrganisation(t.db, { name: 'Køge Boligselskab', kind: 'boligorganisation', notes: '', kommuneIds: [koege] });
  });
  afterEach(() => t.dispose());

  const count = (sql: string) => t.sqlite.prepare(sql).pluck().get() as number;

  it('reads the Danish Excel fixture as Windows-1252 with semicolons', () => {
    const bytes = fixture('danish-excel-1252.csv');
    // The fixture really is Windows-1252: "Ø" is the single byte 0xD8, not UTF-8.
    expect(bytes.includes(0xd8)).toBe(true);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const table = readCsv(bytes);
    expect(table).toMatchObject({ encoding: 'windows-1252', delimiter: ';', headers: ['Navn', 'E-mail', 'Telefon', 'Organisation', 'Titel', 'Kommune', 'Noter'] });
    expect(table.rows[0]?.cells[0]).toBe('Mette Ørsted');
    expect(table.rows[0]?.cells[6]).toBe('Kender "Ærø-sagen"');
    expect(table.rows[2]?.cells[6]).toBe('Træffes bedst om morgenen; ikke fredag');
  });

  it('previews the Danish Excel file: new rows with roles, unknown organisation listed once, an invalid e-mail dropped with a note, a nameless row rejected', async () => {
    const digest = databaseDigest(t.sqlite);
    const preview = await previewContactFile(t.db, { fileName: 'kontakter.csv', bytes: fixture('danish-excel-1252.csv') });
    expect(databaseDigest(t.sqlite)).toBe(digest);
    expect(preview.mappingSource).toBe('proposed');
    expect(preview.mapping).toEqual({ name: 'Navn', email: 'E-mail', phone: 'Telefon', organisation: 'Organisation', title: 'Titel', kommune: 'Kommune', notes: 'Noter' });
    expect(preview.counts).toEqual({ new: 5, updated: 0, unchanged: 0, duplicate: 0, rejected: 1 });
    expect(preview.layout).toBeNull();
    expect(preview.unknownOrganisations).toEqual([{ name: 'Fællesbo Østerbro', rows: [4], suggestedKommuneId: derivedId('kommune', 101), willCreate: false }]);
    const byRow = new Map(preview.rows.map((r) => [r.rowNumber, r]));
    expect(byRow.get(2)).toMatchObject({ outcome: 'new', name: 'Mette Ørsted', role: 'Udlejningschef, Køge Boligselskab' });
    expect(byRow.get(3)).toMatchObject({ outcome: 'new', role: 'Boligchef, Køge Kommune' });
    expect(byRow.get(4)).toMatchObject({ outcome: 'new', role: null });
    expect(byRow.get(4)?.notes.join(' ')).toMatch(/Ukendt organisation «Fællesbo Østerbro»/);
    expect(byRow.get(5)).toMatchObject({ outcome: 'rejected', reasons: ['Mangler navn.'] });
    // The person is kept; only the address that is no address is left out.
    expect(byRow.get(6)).toMatchObject({ outcome: 'new', name: 'Jens Hansen', emails: [], notes: ['E-mailen «jens.hansen(at)example.dk» er ugyldig og importeres ikke.'] });
    expect(byRow.get(7)).toMatchObject({ outcome: 'new', role: 'Borgmester, Køge Kommune' });
    expect(preview.samples[0]?.[0]).toBe('Mette Ørsted');
  });

  it('imports in one go, then re-importing the same file changes nothing', async () => {
    const input = { fileName: 'kontakter.csv', bytes: fixture('danish-excel-1252.csv') };
    const result = await importContactFile(t.db, input);
    expect(result).toMatchObject({ created: 5, updated: 0, rejected: 1, organisationsCreated: 0 });
    expect(count('SELECT count(*) FROM contact WHERE deleted_at IS NULL')).toBe(5);
    const birthe = t.sqlite.prepare(`SELECT a.kind, a.kommune_id FROM affiliation a JOIN contact c ON c.id = a.contact_id WHERE c.name = 'Birthe Østergaard'`).get();
    expect(birthe).toEqual({ kind: 'politiker', kommune_id: koege });
    const mette = t.sqlite.prepare(`SELECT notes, emails, phones FROM contact WHERE name = 'Mette Ørsted'`).get();
    expect(mette).toEqual({ notes: 'Kender "Ærø-sagen"', emails: '["mette.orsted@kab-bolig.dk"]', phones: '["20 30 40 50"]' });

    const digest = databaseDigest(t.sqlite);
    const again = await importContactFile(t.db, input);
    expect(again).toMatchObject({ created: 0, updated: 0 });
    // Birthe and Jens have no e-mail: the same name (and for Birthe the same number) make them possible duplicates, which are skipped.
    expect(again.preview.counts).toEqual({ new: 0, updated: 0, unchanged: 3, duplicate: 2, rejected: 1 });
    expect(databaseDigest(t.sqlite)).toBe(digest);
  });

  it('updates an existing contact matched by e-mail by adding what is new, and never removes anything', async () => {
    const existing = await createContact(t.db, { name: 'Mette Oersted', emails: ['Mette.Orsted@kab-bolig.dk'.toLowerCase()], phones: ['+45 11 22 33 44'], notes: 'Gammel note' }, []);
    const preview = await previewContactFile(t.db, { fileName: 'kontakter.csv', bytes: fixture('danish-excel-1252.csv') });
    const row = preview.rows.find((r) => r.rowNumber === 2);
    expect(row).toMatchObject({ outcome: 'updated', match: { id: existing.id, name: 'Mette Oersted' } });
    expect(row?.reasons).toEqual(['Nyt telefonnummer: 20 30 40 50', 'Noter tilføjet', 'Ny rolle: Udlejningschef, Køge Boligselskab']);
    await importContactFile(t.db, { fileName: 'kontakter.csv', bytes: fixture('danish-excel-1252.csv') });
    const after = await getContact(t.db, existing.id);
    expect(after.name).toBe('Mette Oersted');
    expect(after.phones).toEqual(['+45 11 22 33 44', '20 30 40 50']);
    expect(after.notes).toBe('Gammel note\n\nKender "Ærø-sagen"');
    expect(after.affiliations.map((a) => a.organisationName)).toEqual(['Køge Boligselskab']);
  });

  it('skips the same name on the same number unless forced', async () => {
    const same = await createContact(t.db, { name: 'Søren Æbelø', emails: [], phones: ['56671100'], notes: '' }, []);
    const first = await previewContactFile(t.db, { fileName: 'kontakter.csv', bytes: fixture('danish-excel-1252.csv') });
    expect(first.rows.find((r) => r.rowNumber === 3)).toMatchObject({ outcome: 'duplicate', match: { id: same.id }, reasons: ['Samme navn og telefonnummer som Søren Æbelø.'] });
    const forced = await importContactFile(t.db, { fileName: 'kontakter.csv', bytes: fixture('danish-excel-1252.csv'), forceNew: [3] });
    expect(forced.created).toBe(5);
    expect(count(`SELECT count(*) FROM contact WHERE name = 'Søren Æbelø'`)).toBe(2);
  });

  it('imports a nearly equal name on a known number as a new contact with a note, and the pair is a Mulig dublet', async () => {
    const alike = await createContact(t.db, { name: 'Søren Ebelø', emails: [], phones: ['56671100'], notes: '' }, []);
    const preview = await previewContactFile(t.db, { fileName: 'kontakter.csv', bytes: fixture('danish-excel-1252.csv') });
    expect(preview.rows.find((r) => r.rowNumber === 3)).toMatchObject({ outcome: 'new', match: { id: alike.id }, reasons: ['Ligner Søren Ebelø (samme telefonnummer) – parret vises under Mulige dubletter.'] });
    await importContactFile(t.db, { fileName: 'kontakter.csv', bytes: fixture('danish-excel-1252.csv') });
    const soeren = t.sqlite.prepare(`SELECT id FROM contact WHERE name = 'Søren Æbelø'`).pluck().get() as string;
    expect(await findContactDuplicates(t.db, new Set([soeren]))).toEqual([expect.objectContaining({ reasons: ['phone'] })]);
  });

  it('reads an Outlook export (UTF-8 with BOM, commas, English headers, line breaks in notes)', async () => {
    const bytes = fixture('outlook-contacts.csv');
    expect(decodeText(bytes).encoding).toBe('utf-8-bom');
    const preview = await previewContactFile(t.db, { fileName: 'contacts.csv', bytes });
    expect(preview).toMatchObject({ encoding: 'utf-8-bom', delimiter: ',', layout: 'outlook' });
    expect(preview.mapping).toEqual({
      firstName: 'First Name',
      middleName: 'Middle Name',
      lastName: 'Last Name',
      organisation: 'Company',
      title: 'Job Title',
      notes: 'Notes',
      email: 'E-mail Address',
      email2: 'E-mail 2 Address',
      email3: 'E-mail 3 Address',
      phone: 'Mobile Phone',
      phone2: 'Business Phone',
      phone3: 'Business Phone 2',
    });
    expect(preview.rows.map((r) => [r.name, r.outcome, r.role])).toEqual([
      ['Lars Kjærgaard', 'new', 'Driftschef, Køge Boligselskab'],
      ['Anne Marie Holm', 'new', 'Kontorchef, Aarhus Kommune'],
    ]);
    await importContactFile(t.db, { fileName: 'contacts.csv', bytes });
    const lars = t.sqlite.prepare(`SELECT emails, phones, notes FROM contact WHERE name = 'Lars Kjærgaard'`).get();
    expect(lars).toEqual({ emails: '["lars@kab-bolig.dk","lars.privat@example.dk"]', phones: '["+45 40 50 60 70","+45 56 63 00 00"]', notes: 'Mødt til netværksmøde,\nopfølgning i marts' });
    expect(t.sqlite.prepare(`SELECT kommune_id FROM affiliation WHERE title = 'Kontorchef'`).pluck().get()).toBe(aarhus);
  });

  it('reads the first worksheet of an XLSX and remembers the mapping the user chose for those headers', async () => {
    const bytes = await xlsxBytes([
      ['Medlem', 'Mail', 'Arbejdssted', 'Funktion'],
      ['Kirsten Ågård', 'kirsten@koegebolig.dk', 'Køge Boligselskab', 'Formand'],
      ['Ole Bæk', 'ole@example.dk', '', ''],
    ]);
    const first = await previewContactFile(t.db, { fileName: 'bestyrelse.xlsx', bytes });
    expect(first).toMatchObject({ format: 'xlsx', mappingSource: 'proposed', needsMapping: true, mapping: { email: 'Mail' } });
    expect(first.counts.rejected).toBe(2);
    await expect(importContactFile(t.db, { fileName: 'bestyrelse.xlsx', bytes })).rejects.toThrow('Vælg hvilken kolonne der indeholder navnet');

    const mapping = { name: 'Medlem', email: 'Mail', organisation: 'Arbejdssted', title: 'Funktion' };
    const result = await importContactFile(t.db, { fileName: 'bestyrelse.xlsx', bytes, mapping });
    expect(result.created).toBe(2);
    expect(t.sqlite.prepare('SELECT value FROM local_setting WHERE key = ?').pluck().get(mappingKey(['Medlem', 'Mail', 'Arbejdssted', 'Funktion']))).toBe(JSON.stringify(mapping));

    // The same headers in another order, next month: the remembered mapping is used, and nothing is imported twice.
    const next = await xlsxBytes([
      ['Mail', 'Medlem', 'Funktion', 'Arbejdssted'],
      ['kirsten@koegebolig.dk', 'Kirsten Ågård', 'Formand', 'Køge Boligselskab'],
    ]);
    const digest = databaseDigest(t.sqlite);
    const remembered = await previewContactFile(t.db, { fileName: 'bestyrelse-marts.xlsx', bytes: next });
    expect(remembered).toMatchObject({ mappingSource: 'remembered', mapping, needsMapping: false, counts: { unchanged: 1 } });
    await importContactFile(t.db, { fileName: 'bestyrelse-marts.xlsx', bytes: next });
    expect(databaseDigest(t.sqlite)).toBe(digest);
  });

  it('rejects a mapping to a column the file does not have, and files it cannot read, changing nothing', async () => {
    const digest = databaseDigest(t.sqlite);
    const bytes = fixture('danish-excel-1252.csv');
    await expect(importContactFile(t.db, { fileName: 'k.csv', bytes, mapping: { name: 'Fulde navn' } })).rejects.toThrow('En af de valgte kolonner findes ikke i filen. Vælg kolonnerne igen.');
    await expect(previewContactFile(t.db, { fileName: 'gammel.xls', bytes })).rejects.toThrow(/\.xls\) kan ikke læses/);
    await expect(previewContactFile(t.db, { fileName: 'x.xlsx', bytes: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]) })).rejects.toThrow('kan ikke læses som Excel');
    await expect(previewContactFile(t.db, { fileName: 'billede.png', bytes: new Uint8Array([1, 2, 3]) })).rejects.toThrow('Filtypen .png kan ikke importeres');
    await expect(previewContactFile(t.db, { fileName: 'tom.csv', bytes: new Uint8Array() })).rejects.toThrow('Filen er tom.');
    await expect(previewContactFile(t.db, { fileName: 'stor.csv', bytes: new Uint8Array(20 * 1024 * 1024 + 1) })).rejects.toThrow('over 20 MB');
    expect(databaseDigest(t.sqlite)).toBe(digest);
  });

  it('holds back a second row with an e-mail an earlier row has as a possible duplicate, created only if forced', async () => {
    const csv = new Uint8Array(iconv.encode('Navn;E-mail\r\nKaj Munk;kaj@example.dk\r\nKaj Munk;KAJ@example.dk\r\n', 'win1252'));
    const preview = await previewContactFile(t.db, { fileName: 'k.csv', bytes: csv });
    expect(preview.rows.map((r) => [r.outcome, r.reasons])).toEqual([
      ['new', []],
      ['duplicate', ['Samme e-mail som række 2.']],
    ]);
    expect((await importContactFile(t.db, { fileName: 'k.csv', bytes: csv, forceNew: [3] })).created).toBe(2);
  });

  it('proposes Danish and Outlook headers, mobile before landline', () => {
    expect(proposeMapping(['Fornavn', 'Efternavn', 'E-mail', 'Telefon', 'Mobil', 'Firma', 'Stilling', 'Noter'])).toEqual({
      firstName: 'Fornavn',
      lastName: 'Efternavn',
      email: 'E-mail',
      phone: 'Mobil',
      phone2: 'Telefon',
      organisation: 'Firma',
      title: 'Stilling',
      notes: 'Noter',
    });
    // Outlook's "Title" is Mr./Mrs., never the job title.
    expect(proposeMapping(['Title', 'Job Title']).title).toBe('Job Title');
  });
});
