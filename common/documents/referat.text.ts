import { helhedsplanLine, personLine, referatContext, referatTexts as T, textParagraphs } from './referat.format';
import type { Referat } from './referat.model';

/**
 * The referat as plain text: the text/plain half of "Kopiér som tekst til
 * e-mail", for mail programs that do not take the HTML.
 */
function indented(text: string, indent: string): string {
  return textParagraphs(text)
    .map((lines) => lines.map((line) => `${indent}${line.trim()}`).join('\n'))
    .join('\n\n');
}

export function renderReferatText(r: Referat): string {
  const s = r.sections;
  const out: string[] = [];
  const context = referatContext(r);
  out.push([`${T.referat.toLocaleUpperCase('da')}: ${r.title}`, ...(context ? [context] : [])].join('\n'));
  if (r.status === 'aflyst') out.push(T.cancelled);
  const meta = [`${T.time}: ${r.whenText}`];
  if (r.place) meta.push(`${T.place}: ${r.place}`);
  if (r.ordstyrer) meta.push(`${T.ordstyrer}: ${personLine(r.ordstyrer)}`);
  if (r.referent) meta.push(`${T.referent}: ${personLine(r.referent)}`);
  if (r.consultantName) meta.push(`${T.consultant}: ${r.consultantName}, ${T.organisation}`);
  out.push(meta.join('\n'));
  if (s.context) for (const h of r.helhedsplaner) out.push([`${T.helhedsplan}: ${helhedsplanLine(h)}`, ...(h.indsatsomraader.length ? [`${T.indsatsomraader}: ${h.indsatsomraader.join(', ')}`] : [])].join('\n'));
  if (s.participants && r.participants.length) out.push([`${T.participants.toLocaleUpperCase('da')}`, ...r.participants.map((p) => `- ${personLine(p)}`)].join('\n'));
  if (s.afbud && r.afbud.length) out.push([`${T.afbud.toLocaleUpperCase('da')}`, ...r.afbud.map((p) => `- ${personLine(p)}`)].join('\n'));
  out.push(T.agenda.toLocaleUpperCase('da'));
  if (r.agenda.length === 0) out.push(T.noAgenda);
  for (const a of r.agenda) {
    const block = [`${a.number}. ${a.title}${a.presenter ? ` (${T.presenter} ${a.presenter})` : ''}`];
    if (s.description && a.description) block.push(indented(a.description, '   '));
    if (s.minutes && a.minutes) block.push(indented(a.minutes, '   '));
    if (s.decisions && a.decision) block.push(`   ${T.decision}:\n${indented(a.decision, '   ')}`);
    out.push(block.join('\n\n'));
  }
  if (s.context && r.styringsdialog) {
    out.push(T.styringsdialogAftaler(r.styringsdialog.year).toLocaleUpperCase('da'));
    for (const a of r.styringsdialog.aftaler) {
      const meta = [a.statusText, a.periodText, a.organisations.length ? `${T.parties}: ${a.organisations.join(', ')}` : ''].filter(Boolean).join(' · ');
      const goals = a.goals.length ? a.goals.map((g) => `   - ${g.text}${g.indicator ? ` (${T.indicator}: ${g.indicator})` : ''} – ${T.status}: ${g.statusText}`) : [`   ${T.noGoals}`];
      out.push([a.title, `   ${meta}`, ...goals].join('\n'));
    }
  }
  if (s.followUps && r.followUps.length) {
    out.push([`${T.followUps.toLocaleUpperCase('da')}`, ...r.followUps.map((f) => `- ${f.title} – ${T.owner}: ${f.owner || '–'} – ${T.due}: ${f.dueText ?? '–'}`)].join('\n'));
  }
  return `${out.join('\n\n')}\n`;
}
