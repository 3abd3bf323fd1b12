import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSeries } from '../meetings/series.repository';
import { seriesFieldsSchema } from '../../common/meetings.domain';
import { derivedId } from '../ids';
import { databaseDigest } from '../maintenance';
import { createOrganisation } from '../organisations/organisations.repository';
import { createTestDatabase } from '../testing/test-database';
import { importBoligomraadeList, previewBoligomraadeList } from './boligomraader-list.import';
import { listBoligomraader, updateBoligomraade } from './boligomraader.repository';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name)));
const aarhusId = derivedId('kommune', 751);
const koebenhavnId = derivedId('kommune', 101);

describe('import of a year\'s lists of boligområder', () => {
  it('reads the ministry\'s layout (a title per list), previews without writing, then imports every area with its lists', async () => {
    const bytes = fixture('lister-2022-ministeriets-opstilling.csv');
    const digest = databaseDigest(t.sqlite);
    const preview = await previewBoligomraadeList(t.db, bytes, 'lister-2022.csv', 2022);
    expect(databaseDigest(t.sqlite)).toBe(digest);
    expect(preview).toMatchObject({ year: 2022, previousYear: null, rows: 19, newAreas: 10, statusesAdded: 19, statusesRemoved: 0, replacesYear: false, counts: { new: 10, moved: 0, off: 0, unchanged: 0 } });
    expect(preview.kommuner.map((k) => k.navn)).toContain('København');

    const result = await importBoligomraadeList(t, bytes, 'lister-2022.csv', 2022);
    expect(result.applied).toBe(true);
    const page = await listBoligomraader(t.db, { year: 2022 });
    expect(page.total).toBe(10);
    expect(page.items.find((a) => a.name === 'Askerød')?.categories).toEqual(['parallelsamfund']);
    expect(page.items.find((a) => a.name === 'Mjølnerparken')).toMatchObject({ kommuneId: koebenhavnId, categories: ['parallelsamfund', 'omdannelsesomraade'] });

    // The same file again changes nothing.
    const again = databaseDigest(t.sqlite);
    expect((await importBoligomraadeList(t, bytes, 'lister-2022.csv', 2022)).applied).toBe(false);
    expect(databaseDigest(t.sqlite)).toBe(again);
  });

  it('shows what changed since last year and which kommuner, organisations and meeting series it touches', async () => {
    await importBoligomraadeList(t, fixture('lister-2022-ministeriets-opstilling.csv'), 'lister-2022.csv', 2022);
    const brabrand = await createOrganisation(t.db, { name: 'Brabrand Boligforening', kind: 'boligorganisation', notes: '', kommuneIds: [aarhusId] });
    const gellerup = (await listBoligomraader(t.db, { query: 'gellerup' })).items[0]!;
    await updateBoligomraade(t.db, { id: gellerup.id, organisationIds: [brabrand.id] });
    const series = await createSeries(t.db, seriesFieldsSchema.parse({ title: 'Styringsdialog Brabrand', kind: 'styringsdialog', kommuneId: null, organisationIds: [brabrand.id] }));
    const kbhSeries = await createSeries(t.db, seriesFieldsSchema.parse({ title: 'Kommunesamarbejde København', kind: 'kommunesamarbejde', kommuneId: koebenhavnId }));

    const bytes = fixture('lister-2023-uddrag.csv');
    const digest = databaseDigest(t.sqlite);
    const preview = await previewBoligomraadeList(t.db, bytes, 'lister-2023.csv', 2023);
    expect(databaseDigest(t.sqlite)).toBe(digest);
    expect(preview.previousYear).toBe(2022);
    expect(preview.changes.filter((c) => c.kind !== 'unchanged').map((c) => [c.kind, c.name, c.before, c.after])).toEqual([
      ['new', 'Motalavej', [], ['udsat_boligomraade']],
      ['new', 'Vejleåparken', [], ['udsat_boligomraade']],
      ['off', 'Mjølnerparken', ['parallelsamfund', 'omdannelsesomraade'], []],
    ]);
    expect(preview.counts).toEqual({ new: 2, moved: 0, off: 1, unchanged: 9 });
    expect(preview.kommuner.map((k) => k.navn)).toEqual(['Ishøj', 'København', 'Slagelse']);
    // Gellerupparken is unchanged: its organisation and series are not touched; København's series is.
    expect(preview.series.map((s) => s.id)).toEqual([kbhSeries.id]);
    expect(series.id).not.toBe(kbhSeries.id);

    await importBoligomraadeList(t, bytes, 'lister-2023.csv', 2023);
    const mjoelner = (await listBoligomraader(t.db, { query: 'mjolnerparken', year: 2023 })).items[0]!;
    expect(mjoelner.categories).toEqual([]);
    expect(mjoelner.history).toEqual([{ year: 2022, categories: ['parallelsamfund', 'omdannelsesomraade'] }]);
    expect((await listBoligomraader(t.db, { year: 2023, onlyListed: true })).total).toBe(11);
  });

  it('previews a moved area with its organisation, and the touched meeting series of that organisation', async () => {
    await importBoligomraadeList(t, fixture('lister-2022-ministeriets-opstilling.csv'), 'lister-2022.csv', 2022);
    const brabrand = await createOrganisation(t.db, { name: 'Brabrand Boligforening', kind: 'boligorganisation', notes: '', kommuneIds: [aarhusId] });
    const gellerup = (await listBoligomraader(t.db, { query: 'gellerup' })).items[0]!;
    await updateBoligomraade(t.db, { id: gellerup.id, organisationIds: [brabrand.id] });
    const series = await createSeries(t.db, seriesFieldsSchema.parse({ title: 'Styringsdialog Brabrand', kind: 'styringsdialog', kommuneId: null, organisationIds: [brabrand.id] }));
    const csv = 'Boligområde;Kommune;Kategori\r\nGellerupparken/Toveshøj;Aarhus;Omdannelsesområde\r\n';
    const preview = await previewBoligomraadeList(t.db, new TextEncoder().encode(csv), 'x.csv', 2023);
    const moved = preview.changes.find((c) => c.kind === 'moved')!;
    expect(moved).toMatchObject({ name: 'Gellerupparken/Toveshøj', before: ['parallelsamfund', 'omdannelsesomraade'], after: ['omdannelsesomraade'], organisations: [{ id: brabrand.id }] });
    expect(preview.organisations.map((o) => o.name)).toEqual(['Brabrand Boligforening']);
    expect(preview.series.map((s) => s.id)).toContain(series.id);
  });

  it('reads an .xlsx whose first row is the list\'s title', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Bilag 3');
    sheet.addRow(['Liste over omdannelsesområder pr. 1. december 2024']);
    sheet.addRow(['Kommune', 'Boligområde', 'Boligorganisation']);
    sheet.addRow(['Aarhus Kommune', 'Bispehaven', 'Østjysk Bolig']);
    sheet.addRow(['Kolding Kommune', 'Skovvejen/Skovparken', '']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const preview = await previewBoligomraadeList(t.db, bytes, 'bilag-3.xlsx', 2024);
    expect(preview.changes.map((c) => [c.name, c.kommuneNavn, c.after])).toEqual([
      ['Bispehaven', 'Aarhus', ['omdannelsesomraade']],
      ['Skovvejen/Skovparken', 'Kolding', ['omdannelsesomraade']],
    ]);
    // Its title names 2024: importing it as another year is refused.
    await expect(previewBoligomraadeList(t.db, bytes, 'bilag-3.xlsx', 2025)).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('refuses a file with bad rows whole, with row numbers and without repeating what the file holds, and changes nothing', async () => {
    await importBoligomraadeList(t, fixture('lister-2022-ministeriets-opstilling.csv'), 'lister-2022.csv', 2022);
    const digest = databaseDigest(t.sqlite);
    const error = await importBoligomraadeList(t, fixture('lister-fejl.csv'), 'lister-fejl.csv', 2023).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION' });
    const message = (error as Error).message;
    expect(message).toContain('Række 3: kommunen kendes ikke');
    expect(message).toContain('Række 4, 5: kategorien kendes ikke');
    for (const content of ['Nordpolen', 'Fiktivparken', 'Rød liste', 'Tingbjerg']) expect(message).not.toContain(content);
    expect(databaseDigest(t.sqlite)).toBe(digest);
  });

  it.each([
    ['an empty file', new Uint8Array(), 'tom.csv', 'Filen er tom.'],
    ['a PDF', new TextEncoder().encode('%PDF-1.7\n'), 'liste.pdf', 'PDF'],
    ['a file without the columns', new TextEncoder().encode('Navn;Adresse\r\nA;B\r\n'), 'x.csv', 'overskriftsrække'],
    ['a header without rows', new TextEncoder().encode('Boligområde;Kommune;Kategori\r\n'), 'x.csv', 'ingen boligområder'],
  ])('refuses %s with a Danish sentence and changes nothing', async (_what, bytes, name, expected) => {
    const digest = databaseDigest(t.sqlite);
    await expect(importBoligomraadeList(t, bytes, name, 2024)).rejects.toThrow(expected);
    expect(databaseDigest(t.sqlite)).toBe(digest);
  });
});
