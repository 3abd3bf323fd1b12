import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedReferatMeeting } from '../../db/documents/referat.test-data';
import { createTestDatabase } from '../../db/testing/test-database';
import { createDispatcher } from '../ipc/dispatch';
import { handlers } from './index';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const dispatcher = (pdf?: (html: string) => Promise<Uint8Array>) => createDispatcher(handlers, { app: t, host: 'browser', version: 'test', pdf }, { checkOutput: true });
const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

describe('referat handlers', () => {
  it('previews the referat as escaped HTML and plain text, honouring the options', async () => {
    const { meetingId } = await seedReferatMeeting(t.db);
    const result = await dispatcher()('referat.preview', { meetingId, options: { afbud: false } });
    if (!result.ok) throw new Error(result.error.message);
    const { html, text } = result.value as { html: string; text: string };
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<h2>Afbud</h2>');
    expect(html).toContain('<h2>Deltagere</h2>');
    expect(text).toContain('REFERAT: Styringsdialog');
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('- Send ventelistetal for Ølby – Ansvarlig: Bjørn Ålund – Frist: 1. december 2026');
  });

  it('exports Markdown and Word with a safe Danish file name', async () => {
    const { meetingId } = await seedReferatMeeting(t.db);
    const md = await dispatcher()('referat.export', { meetingId, format: 'md' });
    expect(md).toMatchObject({ ok: true, value: { fileName: 'Referat 2026-11-24 Styringsdialog Køge.md' } });
    if (!md.ok) return;
    expect(new TextDecoder().decode(bytesOf((md.value as { base64: string }).base64))).toContain('\\<script\\>alert(1)\\</script\\>');
    const docx = await dispatcher()('referat.export', { meetingId, format: 'docx', options: { followUps: false } });
    if (!docx.ok) throw new Error(docx.error.message);
    const value = docx.value as { fileName: string; base64: string };
    expect(value.fileName).toBe('Referat 2026-11-24 Styringsdialog Køge.docx');
    const xml = strFromU8(unzipSync(bytesOf(value.base64))['word/document.xml']!);
    expect(xml).toContain('Styringsrapporten for 2025');
    expect(xml).not.toContain('Opfølgning');
  });

  it('prints PDF with the renderer from the context (Electron passes its own)', async () => {
    const { meetingId } = await seedReferatMeeting(t.db);
    const printed: string[] = [];
    const result = await dispatcher(async (html) => {
      printed.push(html);
      return new TextEncoder().encode('%PDF-1.7 test');
    })('referat.export', { meetingId, format: 'pdf' });
    expect(result).toMatchObject({ ok: true, value: { fileName: 'Referat 2026-11-24 Styringsdialog Køge.pdf', base64: Buffer.from('%PDF-1.7 test').toString('base64') } });
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('<h1>Referat</h1>');
  });

  it('exports a series as one document and counts its meetings', async () => {
    const first = await seedReferatMeeting(t.db);
    await seedReferatMeeting(t.db, { seriesId: first.seriesId, startsAt: '2026-03-10T09:00:00Z', endsAt: '2026-03-10T11:00:00Z' });
    const result = await dispatcher()('referat.exportCollection', { filter: { seriesId: first.seriesId }, format: 'md' });
    expect(result).toMatchObject({ ok: true, value: { fileName: 'Referater 2026-03-10 til 2026-11-24 Styringsdialog Køge 2026.md', meetings: 2 } });
  });

  it('rejects an unknown format, an empty filter and a filter without meetings', async () => {
    const { meetingId, seriesId } = await seedReferatMeeting(t.db);
    expect(await dispatcher()('referat.export', { meetingId, format: 'odt' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await dispatcher()('referat.exportCollection', { filter: {}, format: 'md' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await dispatcher()('referat.exportCollection', { filter: { seriesId, from: '2030-01-01' }, format: 'md' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
