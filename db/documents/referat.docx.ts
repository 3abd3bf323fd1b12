import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type ParagraphChild,
} from 'docx';
import { helhedsplanLine, personLine, referatContext, referatTexts as T, textParagraphs } from '../../common/documents/referat.format';
import type { Referat, ReferatCollection, ReferatHelhedsplan, ReferatPerson, ReferatStyringsdialog } from '../../common/documents/referat.model';

/**
 * The referat as a Word document (A4, "Side X af Y" in the footer, a real
 * table for the follow-ups). Node side only: the docx library packs a zip.
 * Keep the structure in step with common/documents/referat.html.ts.
 */

const accent = '0B3954';
const muted = '5B6675';
const rule = 'C5CED8';
const font = 'Calibri';
/** A4 in twentieths of a point; margins 20 mm top/bottom, 18 mm left/right as in the HTML's @page. */
const page = { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1020, right: 1020, footer: 567 } };

/** Characters XML 1.0 forbids (Word refuses a file containing them); user text could carry them from a paste. */
function xmlSafe(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) out += text[i]! + text[++i]!;
      continue;
    }
    const forbidden = (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0xdc00 && code <= 0xdfff) || code === 0xfffe || code === 0xffff;
    if (!forbidden) out += text[i]!;
  }
  return out;
}

const run = (text: string, options: { bold?: boolean; italics?: boolean; color?: string; size?: number } = {}) => new TextRun({ text: xmlSafe(text), ...options });

/** Free text as paragraphs; single line breaks stay line breaks. */
function textBlock(text: string, options: { color?: string; indentLeft?: number } = {}): Paragraph[] {
  return textParagraphs(text).map(
    (lines) =>
      new Paragraph({
        indent: options.indentLeft ? { left: options.indentLeft } : undefined,
        spacing: { after: 100 },
        children: lines.map((line, i) => new TextRun({ text: xmlSafe(line), break: i > 0 ? 1 : undefined, color: options.color })),
      }),
  );
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel], pageBreakBefore = false): Paragraph {
  return new Paragraph({ heading: level, pageBreakBefore, keepNext: true, children: [run(text)] });
}

function people(list: readonly ReferatPerson[]): Paragraph[] {
  return list.map((p) => new Paragraph({ bullet: { level: 0 }, children: [run(p.name), ...(p.roleLine ? [run(`, ${p.roleLine}`, { color: muted })] : [])] }));
}

function metaLine(label: string, value: string): Paragraph {
  return new Paragraph({ spacing: { after: 40 }, children: [run(`${label}: `, { bold: true, color: muted }), run(value)] });
}

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: rule };
const cellBorders = { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder };

function cell(text: string, widthPercent: number, header = false): TableCell {
  return new TableCell({
    width: { size: widthPercent, type: WidthType.PERCENTAGE },
    borders: cellBorders,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: accent } : undefined,
    children: [new Paragraph({ children: [run(text, header ? { bold: true, color: 'FFFFFF' } : {})] })],
  });
}

function followUpTable(r: Referat): Table {
  const widths = [52, 28, 20];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: [cell(T.task, widths[0]!, true), cell(T.owner, widths[1]!, true), cell(T.due, widths[2]!, true)] }),
      ...r.followUps.map((f) => new TableRow({ cantSplit: true, children: [cell(f.title, widths[0]!), cell(f.owner || '–', widths[1]!), cell(f.dueText ?? '–', widths[2]!)] })),
    ],
  });
}

/** The helhedsplaner a meeting (or a series document) belongs to: a short grey block, as in the HTML. */
function helhedsplanBlock(plans: readonly ReferatHelhedsplan[]): Paragraph[] {
  const bar = { style: BorderStyle.SINGLE, size: 18, color: rule, space: 8 };
  const line = (label: string, value: string, last: boolean) =>
    new Paragraph({ indent: { left: 200 }, border: { left: bar }, shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F4F6F8' }, spacing: { after: last ? 160 : 0 }, children: [run(`${label}: `, { bold: true, color: muted }), run(value)] });
  return plans.flatMap((h) => [
    line(T.helhedsplan, helhedsplanLine(h), h.indsatsomraader.length === 0),
    ...(h.indsatsomraader.length ? [line(T.indsatsomraader, h.indsatsomraader.join(', '), true)] : []),
  ]);
}

/** The aftaler a styringsdialog ended in, each with its goals as a table. */
function styringsdialogSection(d: ReferatStyringsdialog): FileChild[] {
  const widths = [50, 30, 20];
  const out: FileChild[] = [heading(T.styringsdialogAftaler(d.year), HeadingLevel.HEADING_1)];
  for (const a of d.aftaler) {
    out.push(heading(a.title, HeadingLevel.HEADING_2));
    const meta = [a.statusText, a.periodText, a.organisations.length ? `${T.parties}: ${a.organisations.join(', ')}` : ''].filter(Boolean).join(' · ');
    out.push(new Paragraph({ children: [run(meta, { color: muted })] }));
    if (a.goals.length === 0) out.push(new Paragraph({ children: [run(T.noGoals)] }));
    else
      out.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, cantSplit: true, children: [cell(T.goal, widths[0]!, true), cell(T.indicator, widths[1]!, true), cell(T.status, widths[2]!, true)] }),
            ...a.goals.map((g) => new TableRow({ cantSplit: true, children: [cell(g.text, widths[0]!), cell(g.indicator || '–', widths[1]!), cell(g.statusText, widths[2]!)] })),
          ],
        }),
      );
  }
  return out;
}

function referatBody(r: Referat, pageBreakBefore: boolean): FileChild[] {
  const s = r.sections;
  const out: FileChild[] = [];
  const context = referatContext(r);
  if (context) out.push(new Paragraph({ pageBreakBefore, spacing: { after: 60 }, children: [run(context.toLocaleUpperCase('da'), { color: muted, size: 17 })] }));
  out.push(heading(T.referat, HeadingLevel.TITLE, pageBreakBefore && !context));
  out.push(
    new Paragraph({
      spacing: { after: 200 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: accent, space: 6 } },
      children: [run(r.title, { size: 26 })],
    }),
  );
  if (r.status === 'aflyst') out.push(new Paragraph({ children: [run(T.cancelled, { bold: true, color: 'B42318' })] }));
  out.push(metaLine(T.time, r.whenText));
  if (r.place) out.push(metaLine(T.place, r.place));
  if (r.ordstyrer) out.push(metaLine(T.ordstyrer, personLine(r.ordstyrer)));
  if (r.referent) out.push(metaLine(T.referent, personLine(r.referent)));
  if (r.consultantName) out.push(metaLine(T.consultant, `${r.consultantName}, ${T.organisation}`));
  if (s.context && r.helhedsplaner.length) out.push(...helhedsplanBlock(r.helhedsplaner));
  if (s.participants && r.participants.length) out.push(heading(T.participants, HeadingLevel.HEADING_1), ...people(r.participants));
  if (s.afbud && r.afbud.length) out.push(heading(T.afbud, HeadingLevel.HEADING_1), ...people(r.afbud));
  out.push(heading(T.agenda, HeadingLevel.HEADING_1));
  if (r.agenda.length === 0) out.push(new Paragraph({ children: [run(T.noAgenda)] }));
  for (const a of r.agenda) {
    out.push(heading(`${a.number}. ${a.title}`, HeadingLevel.HEADING_2));
    if (a.presenter) out.push(new Paragraph({ children: [run(`${T.presenter} ${a.presenter}`, { italics: true, color: muted })] }));
    if (s.description && a.description) out.push(...textBlock(a.description, { color: '3E4C59' }));
    if (s.minutes && a.minutes) out.push(...textBlock(a.minutes));
    if (s.decisions && a.decision) {
      const decision: ParagraphChild[] = [run(`${T.decision}: `, { bold: true, color: accent })];
      const [first, ...rest] = textParagraphs(a.decision);
      first?.forEach((line, i) => decision.push(new TextRun({ text: xmlSafe(line), break: i > 0 ? 1 : undefined })));
      const bar = { style: BorderStyle.SINGLE, size: 18, color: accent, space: 8 };
      out.push(new Paragraph({ indent: { left: 200 }, border: { left: bar }, shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF3F7' }, spacing: { after: rest.length ? 60 : 160 }, children: decision }));
      rest.forEach((lines, i) =>
        out.push(
          new Paragraph({
            indent: { left: 200 },
            border: { left: bar },
            shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF3F7' },
            spacing: { after: i === rest.length - 1 ? 160 : 60 },
            children: lines.map((line, j) => new TextRun({ text: xmlSafe(line), break: j > 0 ? 1 : undefined })),
          }),
        ),
      );
    }
  }
  if (s.context && r.styringsdialog) out.push(...styringsdialogSection(r.styringsdialog));
  if (s.followUps && r.followUps.length) out.push(heading(T.followUps, HeadingLevel.HEADING_1), followUpTable(r));
  return out;
}

function document(title: string, creator: string, children: FileChild[]): Document {
  return new Document({
    title: xmlSafe(title),
    creator: xmlSafe(creator),
    lastModifiedBy: xmlSafe(creator),
    description: T.organisation,
    styles: {
      default: {
        document: { run: { font, size: 21, color: '1F2933', language: { value: 'da-DK' } }, paragraph: { spacing: { after: 80, line: 276 } } },
        title: { run: { font, size: 44, bold: false, color: accent }, paragraph: { spacing: { after: 40 } } },
        heading1: { run: { font, size: 25, bold: true, color: accent }, paragraph: { spacing: { before: 320, after: 120 }, border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: rule, space: 2 } } } },
        heading2: { run: { font, size: 22, bold: true, color: '1F2933' }, paragraph: { spacing: { before: 240, after: 60 } } },
      },
    },
    sections: [
      {
        properties: { page },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ color: muted, size: 17, children: ['Side ', PageNumber.CURRENT, ' af ', PageNumber.TOTAL_PAGES] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
}

async function pack(doc: Document): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** One referat as .docx bytes. */
export async function renderReferatDocx(referat: Referat): Promise<Uint8Array> {
  return pack(document(`${T.referat} – ${referat.title}`, referat.consultantName || 'Kredsbog', referatBody(referat, false)));
}

/** Several referater in one .docx: a contents page, then each meeting on a new page. */
export async function renderReferatCollectionDocx(collection: ReferatCollection): Promise<Uint8Array> {
  const cover: FileChild[] = [
    new Paragraph({ spacing: { after: 60 }, children: [run(T.organisation.toLocaleUpperCase('da'), { color: muted, size: 17 })] }),
    heading(T.referater, HeadingLevel.TITLE),
    new Paragraph({ spacing: { after: 200 }, border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: accent, space: 6 } }, children: [run(collection.title, { size: 26 })] }),
    ...(collection.periodText ? [new Paragraph({ children: [run(collection.periodText)] })] : []),
    ...helhedsplanBlock(collection.helhedsplaner),
    heading(T.contents, HeadingLevel.HEADING_1),
    ...collection.referater.map((r, i) => new Paragraph({ children: [run(`${i + 1}. ${r.dateText}: ${r.title}`)] })),
  ];
  const creator = collection.referater.find((r) => r.consultantName)?.consultantName || 'Kredsbog';
  return pack(document(`${T.referater} – ${collection.title}`, creator, [...cover, ...collection.referater.flatMap((r) => referatBody(r, true))]));
}
