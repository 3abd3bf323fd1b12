import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, referatStyleSheet, renderReferatCollectionHtml, renderReferatHtml } from './referat.html';
import type { Referat } from './referat.model';
import { sampleContext, sampleReferat } from './referat.sample';

const tags = (html: string) => html.match(/<[^>]*>/g) ?? [];
/** Paragraph and line-break tags depend on the line structure of free text; every other tag must not. */
const structuralTags = (html: string) => tags(html).filter((tag) => !/^<\/?p( class="[a-z_]+")?>$|^<br>$/.test(tag));

const inline = (s: string): Referat =>
  sampleReferat({
    title: s,
    place: s,
    kommune: { name: s, label: s },
    ordstyrer: { name: s, roleLine: s },
    participants: [{ name: s, roleLine: s }],
    followUps: [{ title: s, owner: s, dueDate: null, dueText: s, status: 'aaben' }],
    agenda: [{ number: 1, kind: 'normal', title: s, presenter: s, description: '', minutes: '', decision: '' }],
    helhedsplaner: [{ name: s, periodText: s, indsatsomraader: [s] }],
    styringsdialog: { year: 2026, aftaler: [{ title: s, status: 'gaeldende', statusText: s, organisations: [s], periodText: s, goals: [{ text: s, indicator: s, status: 'i_gang', statusText: s }] }] },
  });
const block = (s: string): Referat => sampleReferat({ agenda: [{ number: 1, kind: 'normal', title: 'Punkt', presenter: '', description: s, minutes: s, decision: s }] });

describe('renderReferatHtml', () => {
  it('renders a complete A4 document with Danish headings', () => {
    const html = renderReferatHtml(sampleReferat());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="da">');
    expect(html).toContain('@page { size: A4; margin: 20mm 18mm; @bottom-center { content: "Side " counter(page) " af " counter(pages);');
    expect(html).toContain(`<style>${referatStyleSheet}</style>`);
    for (const heading of ['<h1>Referat</h1>', '<h2>Deltagere</h2>', '<h2>Afbud</h2>', '<h2>Dagsorden</h2>', '<h2>Opfølgning</h2>', '>Beslutning<', '>Ordstyrer<', '>Referent<']) {
      expect(html).toContain(heading);
    }
    expect(html).toContain('tirsdag den 24. november 2026 kl. 9.00–11.00');
    expect(html).toContain('<h3>2. Styringsrapporten</h3>');
    expect(html).toContain('<p>Drøftelse af nøgletal.<br>God udvikling.</p>');
    expect(html).toContain('<td>Send ventelistetal</td><td class="owner">Bjørn Ålund</td><td class="due">1. december 2026</td>');
  });

  it('omits switched-off and empty sections', () => {
    const html = renderReferatHtml(sampleReferat({ afbud: [], sections: { participants: false, afbud: true, description: false, minutes: true, decisions: false, followUps: false, context: true } }));
    expect(html).not.toContain('Deltagere');
    expect(html).not.toContain('<h2>Afbud</h2>');
    expect(html).not.toContain('Kort velkomst.');
    expect(html).not.toContain('Beslutning');
    expect(html).not.toContain('<h2>Opfølgning</h2>');
    expect(html).toContain('Dagsordenen blev godkendt.');
  });

  it('names the helhedsplan of the series above the people and lists the styringsdialog aftaler with their goals after the agenda, escaped', () => {
    const html = renderReferatHtml(sampleReferat(sampleContext));
    expect(html).toContain('<div class="context"><p><span class="label">Boligsocial helhedsplan:</span> Helhedsplan Ølby 2023–2026 · 1. januar 2023 – 31. december 2026</p><p><span class="label">Indsatsområder:</span> Beskæftigelse, Uddannelse og livschancer</p></div>');
    expect(html.indexOf('class="context"')).toBeLessThan(html.indexOf('<h2>Deltagere</h2>'));
    expect(html).toContain('<h2>Aftaler fra styringsdialogen 2026</h2><h3>Styringsdialogaftale KAB 2026</h3><p class="aftale__meta">Gældende · 1. januar 2026 – 31. december 2026 · Parter: KAB</p>');
    expect(html).toContain('<tr><td>Færre fraflytninger i Ølby</td><td>Fraflytningsprocent &lt;10 %</td><td class="status">I gang</td></tr>');
    expect(html).toContain('<td>Energirenovering &amp; &lt;b&gt;tag&lt;/b&gt;</td><td>–</td><td class="status">Nået</td>');
    expect(html.indexOf('<h2>Dagsorden</h2>')).toBeLessThan(html.indexOf('Aftaler fra styringsdialogen'));
    expect(html.indexOf('Aftaler fra styringsdialogen')).toBeLessThan(html.indexOf('<h2>Opfølgning</h2>'));
  });

  it('shows no context when the option is off, and the series document names the helhedsplan once on its cover', () => {
    const off = renderReferatHtml(sampleReferat({ ...sampleContext, sections: { ...sampleReferat().sections, context: false } }));
    expect(off).not.toContain('Helhedsplan Ølby');
    expect(off).not.toContain('Aftaler fra styringsdialogen');
    const collection = renderReferatCollectionHtml({ title: 'Boligsocial bestyrelse Ølby', periodText: '', helhedsplaner: sampleContext.helhedsplaner, referater: [sampleReferat(), sampleReferat()] });
    expect(collection.match(/Helhedsplan Ølby 2023–2026/g)).toHaveLength(1);
    expect(collection.indexOf('Helhedsplan Ølby')).toBeLessThan(collection.indexOf('<h2>Indhold</h2>'));
  });

  it('shows markup in user text as text', () => {
    const html = renderReferatHtml(block('<script>alert(1)</script> <b>fed</b> "citat" & \'x\''));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;fed&lt;/b&gt; &quot;citat&quot; &amp; &#39;x&#39;');
  });

  it('escapes any one-line user text: it appears escaped and never adds a tag', () => {
    const baseline = tags(renderReferatHtml(inline('x')));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }).filter((s) => s.trim() !== '' && !/[\r\n]/.test(s)), (s) => {
        const html = renderReferatHtml(inline(s));
        expect(tags(html)).toEqual(baseline);
        expect(html).toContain(escapeHtml(s));
      }),
      { numRuns: 300 },
    );
  });

  it('escapes any multi-line user text: only paragraphs and line breaks are added', () => {
    const baseline = structuralTags(renderReferatHtml(block('x')));
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", '/', 'a', 'b', 'script', ' ', '\n', 'æ', 'ø', 'å', '='), minLength: 1, maxLength: 40 }).filter((s) => /[^\s]/.test(s)), (s) => {
        const html = renderReferatHtml(block(s));
        expect(structuralTags(html)).toEqual(baseline);
        for (const line of s.split('\n').map((l) => l.trim()).filter(Boolean)) expect(html).toContain(escapeHtml(line));
      }),
      { numRuns: 300 },
    );
  });

  it('starts each meeting of a collection on a new page after a contents list', () => {
    const html = renderReferatCollectionHtml({ title: 'Styringsdialog Køge 2026', periodText: '', helhedsplaner: [], referater: [sampleReferat(), sampleReferat({ title: 'Opfølgningsmøde <2>' })] });
    expect(html.match(/<article class="referat">/g)).toHaveLength(2);
    expect(html).toContain('.referat + .referat, .collection-cover + .referat { break-before: page; }');
    expect(html).toContain('<li>tirsdag den 24. november 2026: Opfølgningsmøde &lt;2&gt;</li>');
  });
});
