import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, escapeMarkdownBlock, renderReferatCollectionMarkdown, renderReferatMarkdown } from './referat.markdown';
import { renderReferatText } from './referat.text';
import { sampleContext, sampleReferat } from './referat.sample';

/** Undoes the escaping the way a CommonMark parser reads it: "\x" is x, a backslash before a line end is a line break. */
const unescape = (md: string) => md.replace(/\\\n/g, '\n').replace(/\\([!-/:-@[-`{-~])/g, '$1');

describe('referat Markdown', () => {
  it('names the helhedsplan and lists the styringsdialog aftale with its goals as an escaped table; the plain text has the same', () => {
    const md = renderReferatMarkdown(sampleReferat(sampleContext));
    expect(md).toContain('> **Boligsocial helhedsplan:** Helhedsplan Ølby 2023–2026 · 1. januar 2023 – 31. december 2026\\\n> **Indsatsområder:** Beskæftigelse, Uddannelse og livschancer');
    expect(md).toContain('## Aftaler fra styringsdialogen 2026\n\n### Styringsdialogaftale KAB 2026\n\n*Gældende · 1. januar 2026 – 31. december 2026 · Parter: KAB*');
    expect(md).toContain('| Mål | Indikator | Status |\n| --- | --- | --- |\n| Færre fraflytninger i Ølby | Fraflytningsprocent \\<10 % | I gang |\n| Energirenovering \\& \\<b\\>tag\\</b\\> | – | Nået |');
    const text = renderReferatText(sampleReferat(sampleContext));
    expect(text).toContain('Boligsocial helhedsplan: Helhedsplan Ølby 2023–2026 · 1. januar 2023 – 31. december 2026\nIndsatsområder: Beskæftigelse, Uddannelse og livschancer');
    expect(text).toContain('AFTALER FRA STYRINGSDIALOGEN 2026\n\nStyringsdialogaftale KAB 2026\n   Gældende · 1. januar 2026 – 31. december 2026 · Parter: KAB\n   - Færre fraflytninger i Ølby (Indikator: Fraflytningsprocent <10 %) – Status: I gang');
    expect(renderReferatMarkdown(sampleReferat({ ...sampleContext, sections: { ...sampleReferat().sections, context: false } }))).not.toContain('Ølby 2023');
  });

  it('renders headings, people, agenda with decisions and a follow-up table', () => {
    const md = renderReferatMarkdown(sampleReferat());
    expect(md).toContain('# Referat: Styringsdialog\n');
    expect(md).toContain('- **Tid:** tirsdag den 24. november 2026 kl. 9.00–11.00');
    expect(md).toContain('- **Ordstyrer:** Marie Stjernqvist, Borgmester, Køge Kommune');
    expect(md).toContain('## Deltagere\n\n- Marie Stjernqvist, Borgmester, Køge Kommune\n- Bjørn Ålund, Direktør, KAB');
    expect(md).toContain('## Afbud\n\n- Jørgen Æbelø');
    expect(md).toContain('### 2. Styringsrapporten\n\nDrøftelse af nøgletal.\\\nGod udvikling.\n\n> **Beslutning:**\\\n> Parterne følger op.');
    expect(md).toContain('| Opgave | Ansvarlig | Frist |\n| --- | --- | --- |\n| Send ventelistetal | Bjørn Ålund | 1. december 2026 |\n| Indkald til møde | Søren Ærøskøbing | – |');
  });

  it('escapes Markdown and HTML in user text so it renders literally', () => {
    expect(escapeMarkdown('<script>alert(1)</script>')).toBe('\\<script\\>alert(1)\\</script\\>');
    expect(escapeMarkdown('**fed** _kursiv_ [link](http://x) `kode` a|b')).toBe('\\*\\*fed\\*\\* \\_kursiv\\_ \\[link\\](http://x) \\`kode\\` a\\|b');
    expect(escapeMarkdownBlock('# ikke overskrift\n1. ikke liste\n- heller ikke\n> ikke citat\n    ikke kode\n---')).toBe(
      '\\# ikke overskrift\\\n1\\. ikke liste\\\n\\- heller ikke\\\n\\> ikke citat\\\nikke kode\\\n\\---',
    );
    expect(escapeMarkdown('Ølby &amp; Æbelø')).toBe('Ølby \\&amp; Æbelø');
  });

  it('keeps every character of escaped text (nothing lost but leading indentation)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const lines = s.replace(/\r\n?/g, '\n').split('\n');
        if (lines.some((l) => l.trim() === '')) return;
        expect(unescape(escapeMarkdownBlock(s))).toBe(lines.map((l) => l.replace(/^[ \t]+/, '').trimEnd()).join('\n'));
      }),
      { numRuns: 500 },
    );
  });

  it('separates the meetings of a collection with a rule', () => {
    const md = renderReferatCollectionMarkdown({ title: 'Køge Kommune', periodText: '', helhedsplaner: [], referater: [sampleReferat(), sampleReferat()] });
    expect(md.startsWith('# Referater: Køge Kommune\n')).toBe(true);
    expect(md.match(/\n---\n\n## Referat: Styringsdialog/g)).toHaveLength(2);
  });
});
