import { helhedsplanLine, personLine, referatContext, referatTexts as T, textParagraphs } from './referat.format';
import type { Referat, ReferatCollection, ReferatHelhedsplan, ReferatStyringsdialog } from './referat.model';

/**
 * The referat as CommonMark (+ a GFM table for follow-ups). User text is
 * escaped so "**fed**", "<script>" or "# overskrift" in the minutes show as
 * typed instead of becoming formatting or HTML.
 */

/** Backslash-escapes every character that can start inline markup or raw HTML. */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~#&!]/g, (c) => `\\${c}`);
}

/** One line of user text, also safe at the start of a line (no list, heading, quote, rule or code block). */
function escapeLine(line: string): string {
  const escaped = escapeInline(line.replace(/^[ \t]+/, ''));
  return escaped.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Text on one line (headings, list items): line breaks become spaces. */
export function escapeMarkdown(text: string): string {
  return escapeLine(text.replace(/\s*[\r\n]+\s*/g, ' '));
}

/** A table cell cannot start a block, so only inline markup (and the cell separator "|") needs escaping. */
function escapeCell(text: string): string {
  return escapeInline(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());
}

/** Multi-line text as paragraphs; single line breaks become hard breaks (a trailing backslash). */
export function escapeMarkdownBlock(text: string): string {
  return textParagraphs(text)
    .map((lines) => lines.map(escapeLine).join('\\\n'))
    .join('\n\n');
}

function helhedsplanMarkdown(plans: readonly ReferatHelhedsplan[]): string[] {
  return plans.map((h) => [`> **${T.helhedsplan}:** ${escapeMarkdown(helhedsplanLine(h))}`, ...(h.indsatsomraader.length ? [`> **${T.indsatsomraader}:** ${escapeMarkdown(h.indsatsomraader.join(', '))}`] : [])].join('\\\n'));
}

function styringsdialogMarkdown(d: ReferatStyringsdialog, sub: string, item: string): string[] {
  const out = [`${sub} ${escapeMarkdown(T.styringsdialogAftaler(d.year))}`];
  for (const a of d.aftaler) {
    out.push(`${item} ${escapeMarkdown(a.title)}`);
    out.push(`*${escapeMarkdown([a.statusText, a.periodText, a.organisations.length ? `${T.parties}: ${a.organisations.join(', ')}` : ''].filter(Boolean).join(' · '))}*`);
    if (a.goals.length === 0) out.push(T.noGoals);
    else out.push([`| ${T.goal} | ${T.indicator} | ${T.status} |`, '| --- | --- | --- |', ...a.goals.map((g) => `| ${escapeCell(g.text)} | ${escapeCell(g.indicator || '–')} | ${escapeCell(g.statusText)} |`)].join('\n'));
  }
  return out;
}

function referatMarkdown(r: Referat, heading: '#' | '##'): string {
  const sub = heading === '#' ? '##' : '###';
  const item = heading === '#' ? '###' : '####';
  const s = r.sections;
  const out: string[] = [`${heading} ${T.referat}: ${escapeMarkdown(r.title)}`];
  const context = referatContext(r);
  if (context) out.push(`*${escapeMarkdown(context)}*`);
  if (r.status === 'aflyst') out.push(`**${T.cancelled}**`);
  const meta = [`- **${T.time}:** ${escapeMarkdown(r.whenText)}`];
  if (r.place) meta.push(`- **${T.place}:** ${escapeMarkdown(r.place)}`);
  if (r.ordstyrer) meta.push(`- **${T.ordstyrer}:** ${escapeMarkdown(personLine(r.ordstyrer))}`);
  if (r.referent) meta.push(`- **${T.referent}:** ${escapeMarkdown(personLine(r.referent))}`);
  if (r.consultantName) meta.push(`- **${T.consultant}:** ${escapeMarkdown(r.consultantName)}, ${T.organisation}`);
  out.push(meta.join('\n'));
  if (s.context && r.helhedsplaner.length) out.push(...helhedsplanMarkdown(r.helhedsplaner));
  if (s.participants && r.participants.length) out.push(`${sub} ${T.participants}`, r.participants.map((p) => `- ${escapeMarkdown(personLine(p))}`).join('\n'));
  if (s.afbud && r.afbud.length) out.push(`${sub} ${T.afbud}`, r.afbud.map((p) => `- ${escapeMarkdown(personLine(p))}`).join('\n'));
  out.push(`${sub} ${T.agenda}`);
  if (r.agenda.length === 0) out.push(T.noAgenda);
  for (const a of r.agenda) {
    out.push(`${item} ${a.number}. ${escapeMarkdown(a.title)}`);
    if (a.presenter) out.push(`*${T.presenter} ${escapeMarkdown(a.presenter)}*`);
    if (s.description && a.description) out.push(escapeMarkdownBlock(a.description));
    if (s.minutes && a.minutes) out.push(escapeMarkdownBlock(a.minutes));
    if (s.decisions && a.decision) out.push(`> **${T.decision}:**\\\n> ${escapeMarkdownBlock(a.decision).replace(/\n/g, '\n> ')}`);
  }
  if (s.context && r.styringsdialog) out.push(...styringsdialogMarkdown(r.styringsdialog, sub, item));
  if (s.followUps && r.followUps.length) {
    const rows = r.followUps.map((f) => `| ${escapeCell(f.title)} | ${escapeCell(f.owner || '–')} | ${escapeCell(f.dueText ?? '–')} |`);
    out.push(`${sub} ${T.followUps}`, [`| ${T.task} | ${T.owner} | ${T.due} |`, '| --- | --- | --- |', ...rows].join('\n'));
  }
  return out.join('\n\n');
}

export function renderReferatMarkdown(referat: Referat): string {
  return `${referatMarkdown(referat, '#')}\n`;
}

export function renderReferatCollectionMarkdown(collection: ReferatCollection): string {
  const head = [`# ${T.referater}: ${escapeMarkdown(collection.title)}`];
  if (collection.periodText) head.push(escapeMarkdown(collection.periodText));
  head.push(...helhedsplanMarkdown(collection.helhedsplaner));
  return `${[...head, ...collection.referater.map((r) => `---\n\n${referatMarkdown(r, '##')}`)].join('\n\n')}\n`;
}
