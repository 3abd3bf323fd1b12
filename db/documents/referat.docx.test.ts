import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/test-database';
import { renderReferatCollectionDocx, renderReferatDocx } from './referat.docx';
import { loadReferat, loadReferatCollection } from './referat.model';
import { seedReferatContext, seedReferatMeeting } from './referat.test-data';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

function readDocx(bytes: Uint8Array) {
  const files = unzipSync(bytes);
  const part = (name: string) => {
    const file = files[name];
    if (!file) throw new Error(`${name} missing from the .docx`);
    return strFromU8(file);
  };
  return { document: part('word/document.xml'), core: part('docProps/core.xml'), footers: Object.keys(files).filter((n) => /^word\/footer\d*\.xml$/.test(n)).map(part) };
}

/** The visible text of each table row (w:t runs of each w:tr). */
function tableRows(xml: string): string[][] {
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) => [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => [...c[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')));
}

describe('referat as .docx', () => {
  it('contains the Danish text, people, agenda, decisions and a real follow-up table', async () => {
    const { meetingId } = await seedReferatMeeting(t.db);
    const { document, core, footers } = readDocx(await renderReferatDocx(await loadReferat(t.db, meetingId)));
    for (const text of [
      'Referat',
      'Styringsdialog',
      'KØGE KOMMUNE · STYRINGSDIALOG KØGE 2026',
      'tirsdag den 24. november 2026 kl. 9.00–11.00',
      'Køge Rådhus, mødelokale 2',
      'Deltagere',
      'Bjørn Ålund',
      ', Direktør, KAB',
      'Afbud',
      'Jørgen Æbelø',
      'Ordstyrer: ',
      'Marie Stjernqvist, Borgmester, Køge Kommune',
      'Referent: ',
      'Åse Løvgren, Boligchef, Køge Kommune',
      'Dagsorden',
      '2. Styringsrapporten for 2025',
      'Udlejningen i Ølby går bedre end ventet.',
      'Beslutning: ',
      'Parterne aftalte at følge udviklingen i ventelisterne.',
      'Søren Ærøskøbing, BL – Danmarks Almene Boliger',
    ]) {
      expect(document, text).toContain(text);
    }
    expect(document).toContain('&lt;script&gt;alert(1)&lt;/script&gt; og &lt;b&gt;fed&lt;/b&gt; &amp; **ikke fed**');
    expect(document).not.toContain('<script>');
    expect(tableRows(document)).toEqual([
      ['Opgave', 'Ansvarlig', 'Frist'],
      ['Send ventelistetal for Ølby', 'Bjørn Ålund', '1. december 2026'],
      ['Indkald til opfølgende møde', 'Søren Ærøskøbing', '15. januar 2027'],
      ['Afklar medfinansiering', 'Åse Løvgren', '–'],
    ]);
    expect(document).toContain('<w:tblHeader');
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(core).toContain('<dc:title>Referat – Styringsdialog</dc:title>');
    expect(core).toContain('<dc:creator>Søren Ærøskøbing</dc:creator>');
    const footer = footers.join('');
    expect(footer).toContain('Side ');
    expect(footer).toContain(' af ');
    expect(footer).toMatch(/PAGE[\s\S]*NUMPAGES/);
  });

  it('drops characters Word cannot read instead of writing a broken file', async () => {
    const { meetingId } = await seedReferatMeeting(t.db);
    const referat = await loadReferat(t.db, meetingId);
    const broken = { ...referat, title: 'Møde\u0001\u000bmed\uD800 tegn 😀' };
    const { document } = readDocx(await renderReferatDocx(broken));
    expect(document).toContain('Mødemed tegn 😀');
  });

  it('puts each meeting of a collection on its own page', async () => {
    const first = await seedReferatMeeting(t.db);
    await seedReferatMeeting(t.db, { seriesId: first.seriesId, startsAt: '2026-03-10T09:00:00Z', endsAt: '2026-03-10T11:00:00Z' });
    const { document } = readDocx(await renderReferatCollectionDocx(await loadReferatCollection(t.db, { seriesId: first.seriesId })));
    expect(document).toContain('Referater');
    expect(document).toContain('1. tirsdag den 10. marts 2026: Styringsdialog');
    expect(document).toContain('2. tirsdag den 24. november 2026: Styringsdialog');
    expect(document.match(/<w:pageBreakBefore\/>/g)).toHaveLength(2);
    expect(tableRows(document).filter((row) => row[0] === 'Opgave')).toHaveLength(2);
  });
});

describe('the issue-17 context in the .docx', () => {
  it('names the helhedsplan above the people and lists the styringsdialog aftale with a real goal table after the agenda', async () => {
    const seeded = await seedReferatMeeting(t.db);
    await seedReferatContext(t.db, seeded);
    const { document } = readDocx(await renderReferatDocx(await loadReferat(t.db, seeded.meetingId)));
    const text = [...document.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
    expect(text).toContain('Boligsocial helhedsplan: |Helhedsplan Ølby 2023–2026 · 1. januar 2023 – 31. december 2026');
    expect(text).toContain('Indsatsområder: |Beskæftigelse, Uddannelse og livschancer');
    expect(text).toContain('Aftaler fra styringsdialogen 2026|Styringsdialogaftale KAB 2026|Gældende · 1. januar 2026 – 31. december 2026 · Parter: KAB');
    expect(text.indexOf('Helhedsplan Ølby')).toBeLessThan(text.indexOf('Deltagere'));
    expect(text.indexOf('Dagsorden')).toBeLessThan(text.indexOf('Aftaler fra styringsdialogen'));
    expect(tableRows(document)).toEqual(
      expect.arrayContaining([
        ['Mål', 'Indikator', 'Status'],
        ['Færre fraflytninger i Ølby', 'Fraflytningsprocent under 10', 'I gang'],
        ['Energirenovering af Søndre Grønning', '–', 'Nået'],
      ]),
    );
    const off = readDocx(await renderReferatDocx(await loadReferat(t.db, seeded.meetingId, { context: false }))).document;
    expect(off).not.toContain('Helhedsplan Ølby');
    expect(off).not.toContain('Aftaler fra styringsdialogen');
  });

  it('names the helhedsplan once on the cover of the series document', async () => {
    const seeded = await seedReferatMeeting(t.db);
    await seedReferatMeeting(t.db, { seriesId: seeded.seriesId, organisationId: seeded.organisationId, startsAt: '2026-03-10T12:00:00.000Z', endsAt: '2026-03-10T14:00:00.000Z' });
    await seedReferatContext(t.db, seeded);
    const { document } = readDocx(await renderReferatCollectionDocx(await loadReferatCollection(t.db, { seriesId: seeded.seriesId })));
    expect(document.match(/Helhedsplan Ølby 2023–2026/g)).toHaveLength(1);
    expect(document.indexOf('Helhedsplan Ølby')).toBeLessThan(document.indexOf('Indhold'));
  });
});
