import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderReferatCollectionHtml, renderReferatHtml } from '../../common/documents/referat.html';
import { loadReferat, loadReferatCollection } from '../../db/documents/referat.model';
import { seedReferatMeeting } from '../../db/documents/referat.test-data';
import { createTestDatabase } from '../../db/testing/test-database';
import { chromiumPdfRenderer } from './pdf-renderer';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

function pdfText(bytes: Uint8Array): string {
  const file = path.join(t.dir, 'out.pdf');
  fs.writeFileSync(file, bytes);
  return execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

const leftovers = () => new Set(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('kredsbog-pdf-')));

describe('chromiumPdfRenderer', () => {
  it('prints the referat as an A4 PDF with Danish letters, page numbers and literal markup', async () => {
    const { meetingId } = await seedReferatMeeting(t.db);
    const before = leftovers();
    const bytes = await chromiumPdfRenderer()(renderReferatHtml(await loadReferat(t.db, meetingId)));
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const text = pdfText(bytes);
    expect(text).toContain('Referat');
    expect(text).toContain('KØGE KOMMUNE · STYRINGSDIALOG KØGE 2026');
    expect(text).toContain('tirsdag den 24. november 2026 kl. 9.00–11.00');
    expect(text).toContain('Jørgen Æbelø');
    expect(text).toContain('Åse Løvgren');
    expect(text).toContain('Udlejningen i Ølby går bedre end ventet.');
    expect(text).toContain('<script>alert(1)</script> og <b>fed</b> & **ikke fed**');
    expect(text).toMatch(/Send ventelistetal for Ølby\s+Bjørn Ålund\s+1\. december 2026/);
    expect(text).toContain('Side 1 af');
    // The temp folder (HTML, PDF and Chromium profile) is gone afterwards.
    expect([...leftovers()].filter((name) => !before.has(name))).toEqual([]);
  }, 90_000);

  it('starts each meeting of a collection on a new page', async () => {
    const first = await seedReferatMeeting(t.db);
    await seedReferatMeeting(t.db, { seriesId: first.seriesId, startsAt: '2026-03-10T09:00:00Z', endsAt: '2026-03-10T11:00:00Z' });
    const text = pdfText(await chromiumPdfRenderer()(renderReferatCollectionHtml(await loadReferatCollection(t.db, { seriesId: first.seriesId }))));
    const pages = text.split('\f').filter((page) => page.trim() !== '');
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages[0]).toContain('Referater');
    expect(pages[0]).not.toContain('Dagsorden');
    expect(pages[1]).toContain('tirsdag den 10. marts 2026');
    expect(pages.findIndex((page) => page.includes('tirsdag den 24. november 2026 kl.'))).toBeGreaterThan(1);
    expect(pages.at(-1)).toContain(`Side ${pages.length} af ${pages.length}`);
  }, 90_000);

  it('explains in Danish when Chromium is missing', async () => {
    await expect(chromiumPdfRenderer('/nonexistent/chromium')('<p>x</p>')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('Chromium blev ikke fundet') });
  });
});
