import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseDigest } from '../../db/maintenance';
import { createTestDatabase } from '../../db/testing/test-database';
import type { HandlerContext } from '../handlers/handler.types';
import { handlers } from '../handlers/index';
import { createDispatcher, type Dispatch } from '../ipc/dispatch';
import { createJobRunner, type JobRunner, type JobRunnerOptions } from './job-runner';

/**
 * Contact and calendar files are read in the job worker (issue 13): the
 * handlers of the window hand the upload over, a hostile file is refused
 * there with the reader's Danish sentence while the main process's heap stays
 * where it was, and a worker that meets its memory ceiling is stopped with a
 * Danish sentence — never INTERNAL — and nothing changed.
 */
const workerFile = fileURLToPath(new URL('./job.worker.ts', import.meta.url));
let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.dispose());

/** The dispatcher the window talks to, with a job runner that records which kinds it was handed. */
function windowWithWorker(options: Partial<JobRunnerOptions> = {}): { dispatch: Dispatch; kinds: string[] } {
  const runner = createJobRunner({ workerFile, dbFile: t.file, ...options });
  const kinds: string[] = [];
  const jobs: JobRunner = {
    run: (kind, input) => {
      kinds.push(kind);
      return runner.run(kind, input);
    },
    list: () => runner.list(),
    cancel: (id) => runner.cancel(id),
  };
  const context: HandlerContext = { app: t, host: 'browser', version: 'test', jobs };
  return { dispatch: createDispatcher(handlers, context, { checkOutput: true }), kinds };
}

const base64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const calendarFixture = (name: string) => base64(fs.readFileSync(path.join(import.meta.dirname, '../../db/calendar/fixtures', name)));

/** An .xlsx of one sheet, as the hostile contact-file tests build them (db/contact-files/contact-files.hostile.test.ts). */
function xlsx(sheetXml: string): Uint8Array {
  const xml = (body: string) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${body}`);
  const relationships = 'http://schemas.openxmlformats.org/package/2006/relationships';
  const officeRelationships = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zipSync(
    {
      '[Content_Types].xml': xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
      '_rels/.rels': xml(`<Relationships xmlns="${relationships}"><Relationship Id="rId1" Type="${officeRelationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
      'xl/workbook.xml': xml(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${officeRelationships}"><sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      'xl/_rels/workbook.xml.rels': xml(`<Relationships xmlns="${relationships}"><Relationship Id="rId1" Type="${officeRelationships}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
      'xl/worksheets/sheet1.xml': xml(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sheetXml}</worksheet>`),
    },
    { level: 9 },
  );
}
const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** The main process's V8 heap, sampled while `work` runs: its highest value less the value before. */
async function heapRise<T>(work: () => Promise<T>): Promise<{ result: T; riseMb: number }> {
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { result, riseMb: (peak - before) / (1024 * 1024) };
  } finally {
    clearInterval(sampler);
  }
}

describe('contact and calendar files in the job worker', { timeout: 180_000 }, () => {
  it('previews and imports a contact file and a calendar file in the worker; the window’s connection sees the result', async () => {
    const { dispatch, kinds } = windowWithWorker();
    const contacts = { fileName: 'kontakter.csv', base64: base64('Navn;E-mail\r\nMette Ørsted;mette@kab.dk\r\n') };
    expect(await dispatch('contactFiles.previewImport', contacts)).toMatchObject({ ok: true, value: { counts: { new: 1 }, mappingSource: 'proposed' } });
    expect(await dispatch('contactFiles.import', contacts)).toMatchObject({ ok: true, value: { created: 1 } });
    const invitation = { fileName: 'invitation.ics', base64: calendarFixture('outlook-invitation.ics') };
    expect(await dispatch('calendar.previewImport', invitation)).toMatchObject({ ok: true, value: { counts: { new: 1 } } });
    expect(await dispatch('calendar.import', { ...invitation, kommuneChoices: [] })).toMatchObject({ ok: true, value: { created: 1 } });
    expect(kinds).toEqual(['contactFiles.preview', 'contactFiles.import', 'calendar.preview', 'calendar.import']);
    expect(t.sqlite.prepare(`SELECT count(*) FROM contact WHERE name = 'Mette Ørsted'`).pluck().get()).toBe(1);
    expect(t.sqlite.prepare(`SELECT count(*) FROM meeting WHERE title LIKE 'Styringsdialog 2026%'`).pluck().get()).toBe(1);
  });

  it('refuses hostile files in the worker with the reader’s Danish sentence; the main heap does not grow and nothing changes', async () => {
    const { dispatch, kinds } = windowWithWorker();
    const hostile = [
      {
        channel: 'contactFiles.previewImport' as const,
        fileName: 'langt-ude.xlsx',
        // 1.6 KB whose farthest cell is XFD1048576 (once more than 4 GB in the main process).
        bytes: xlsx(`<dimension ref="A1:XFD1048576"/><sheetData><row r="1">${cell('A1', 'Navn')}${cell('XFD1', 'x')}</row><row r="1048576">${cell('XFD1048576', 'Hemmelig')}</row></sheetData>`),
        reason: /^Række 1 har flere end 200 kolonner\.$/,
      },
      {
        channel: 'contactFiles.import' as const,
        fileName: 'bred.csv',
        // 17 million columns (once "Map maximum size exceeded").
        bytes: strToU8(`Navn${';'.repeat(17_000_000)}\r\nHemmelig\r\n`),
        reason: /^Række 1 har flere end 200 kolonner\.$/,
      },
      {
        channel: 'calendar.previewImport' as const,
        fileName: 'ikke-en-kalender.ics',
        bytes: strToU8(`${'Hemmelig '.repeat(100_000)}\r\n`),
        reason: /^Filen er ikke en kalenderfil \(\.ics\): den begynder ikke med BEGIN:VCALENDAR\.$/,
      },
    ];
    const digest = databaseDigest(t.sqlite);
    for (const file of hostile) {
      const upload = { fileName: file.fileName, base64: base64(file.bytes) };
      const { result, riseMb } = await heapRise(() => dispatch(file.channel, upload));
      expect(result, file.fileName).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(file.reason) } });
      if (!result.ok) expect(result.error.message).not.toMatch(/Hemmelig/);
      // This process holds the upload it was given and the answer; the file is decoded and read in the worker (kinds below).
      expect(riseMb, file.fileName).toBeLessThan(16);
    }
    expect(kinds).toEqual(['contactFiles.preview', 'contactFiles.import', 'calendar.preview']);
    expect(databaseDigest(t.sqlite)).toBe(digest);
  });

  it('a worker stopped by its memory ceiling answers with a Danish sentence, not INTERNAL; nothing changes and the next job runs', async () => {
    // A real file of 19 MB needs far more than 64 MB to read: here the ceiling stands in for a file that got past every limit.
    const { dispatch, kinds } = windowWithWorker({ memoryCeilingsMb: { 'contactFiles.import': 64 } });
    const rows = ['Navn;E-mail;Noter', ...Array.from({ length: 19_000 }, (_, i) => `Person ${i};p${i}@kab.dk;${'n'.repeat(1000)}`)];
    const big = { fileName: 'stor.csv', base64: base64(rows.join('\r\n')) };
    const digest = databaseDigest(t.sqlite);
    expect(await dispatch('contactFiles.import', big)).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'Filen kunne ikke læses: den kræver for meget hukommelse. Intet er ændret.' } });
    expect(databaseDigest(t.sqlite)).toBe(digest);
    const events = Array.from(
      { length: 1_990 },
      (_, i) => `BEGIN:VEVENT\r\nUID:m${i}@test\r\nDTSTAMP:20260901T080000Z\r\nDTSTART:20301001T080000Z\r\nSUMMARY:Møde ${i}\r\nDESCRIPTION:${'Dagsorden og referat. '.repeat(100)}\r\nEND:VEVENT`,
    );
    const calendar = { fileName: 'mange.ics', base64: base64(`BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//DA\r\n${events.join('\r\n')}\r\nEND:VCALENDAR\r\n`) };
    // The same runner goes on; under the real ceilings the same file, and a calendar of 1,990 appointments (the limit is
    // 2,000) in 4.8 MB (of 5), are read in full.
    expect(await dispatch('contactFiles.previewImport', big)).toMatchObject({ ok: true, value: { counts: { new: 19_000 } } });
    expect(await dispatch('calendar.import', { ...calendar, kommuneChoices: [] })).toMatchObject({ ok: true, value: { created: 1_990 } });
    expect(kinds).toEqual(['contactFiles.import', 'contactFiles.preview', 'calendar.import']);
  });
});
