import { helhedsplanLine, personLine, referatContext, referatTexts as T, textParagraphs } from './referat.format';
import type { Referat, ReferatCollection, ReferatHelhedsplan, ReferatPerson, ReferatStyringsdialog } from './referat.model';

/**
 * The referat as one self-contained HTML document: the app's live preview
 * (sandboxed iframe), the clipboard's text/html and the PDF all use it.
 * Every piece of user text goes through `escapeHtml`; nothing user-written
 * ever lands in an attribute.
 *
 * The app's CSP (main/security/csp.ts) allows inline style only by hash, and a
 * srcdoc iframe inherits that policy: the <style> element's text must be
 * exactly `referatStyleSheet` so its hash can be allowed there.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export const referatStyleSheet = `@page { size: A4; margin: 20mm 18mm; @bottom-center { content: "Side " counter(page) " af " counter(pages); font-family: "Segoe UI", Calibri, Arial, sans-serif; font-size: 8.5pt; color: #5b6675; } }
html { font-family: "Segoe UI", Calibri, "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #1f2933; background: #fff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
@media screen { body { padding: 28px 32px; } .referat, .collection-cover { max-width: 174mm; margin: 0 auto; } .referat + .referat, .collection-cover + .referat { margin-top: 48px; padding-top: 32px; border-top: 1px dashed #c5ced8; } }
.referat + .referat, .collection-cover + .referat { break-before: page; }
.eyebrow { margin: 0 0 4pt; font-size: 8.5pt; letter-spacing: 0.08em; text-transform: uppercase; color: #5b6675; }
h1 { margin: 0; font-size: 22pt; font-weight: 600; line-height: 1.15; color: #0b3954; }
.subtitle { margin: 3pt 0 0; font-size: 13pt; color: #1f2933; }
.referat__header { padding-bottom: 8pt; margin-bottom: 10pt; border-bottom: 2pt solid #0b3954; }
.notice { margin: 8pt 0; padding: 4pt 8pt; border: 0.75pt solid #b42318; color: #b42318; }
table.meta { border-collapse: collapse; margin: 0 0 4pt; }
table.meta th { width: 30mm; padding: 1.5pt 8pt 1.5pt 0; text-align: left; vertical-align: top; font-weight: 600; color: #5b6675; }
table.meta td { padding: 1.5pt 0; vertical-align: top; }
h2 { margin: 16pt 0 6pt; padding-bottom: 2pt; font-size: 12.5pt; font-weight: 600; color: #0b3954; border-bottom: 0.75pt solid #c5ced8; break-after: avoid; }
h3 { margin: 12pt 0 3pt; font-size: 11pt; font-weight: 600; break-after: avoid; }
p { margin: 0 0 5pt; }
ul.people { margin: 0; padding: 0; list-style: none; }
ul.people li { margin: 0 0 2pt; break-inside: avoid; }
.role { color: #5b6675; }
ol.agenda { margin: 0; padding: 0; list-style: none; }
.agenda__item { break-inside: auto; }
.presenter { margin: -1pt 0 4pt; font-style: italic; color: #5b6675; }
.description { color: #3e4c59; }
.decision { margin: 6pt 0 8pt; padding: 4pt 8pt; background: #eef3f7; border-left: 3pt solid #0b3954; break-inside: avoid; }
.decision__label { margin: 0 0 2pt; font-weight: 600; color: #0b3954; }
table.follow-ups, table.goals { width: 100%; border-collapse: collapse; margin-bottom: 6pt; }
table.follow-ups thead, table.goals thead { display: table-header-group; }
table.follow-ups th, table.follow-ups td, table.goals th, table.goals td { padding: 3pt 6pt; text-align: left; vertical-align: top; border: 0.75pt solid #c5ced8; }
table.follow-ups th, table.goals th { background: #0b3954; color: #fff; font-weight: 600; }
table.follow-ups tr, table.goals tr { break-inside: avoid; }
table.follow-ups .due { width: 32mm; white-space: nowrap; }
table.follow-ups .owner { width: 48mm; }
ol.contents { margin: 0; padding-left: 16pt; }
.context { margin: 8pt 0; padding: 4pt 8pt; background: #f4f6f8; border-left: 3pt solid #c5ced8; break-inside: avoid; }
.context p { margin: 0 0 2pt; }
.context .label { font-weight: 600; color: #5b6675; }
.aftale__meta { margin: -1pt 0 4pt; color: #5b6675; }
table.goals .status { width: 26mm; }
.footer-note { margin-top: 18pt; font-size: 8.5pt; color: #5b6675; }`;

/** Free text as paragraphs, single line breaks kept. */
function textBlock(text: string, className?: string): string {
  const cls = className ? ` class="${className}"` : '';
  return textParagraphs(text)
    .map((lines) => `<p${cls}>${lines.map(escapeHtml).join('<br>')}</p>`)
    .join('\n');
}

function person(p: ReferatPerson): string {
  return `<li><span class="name">${escapeHtml(p.name)}</span>${p.roleLine ? `<span class="role">, ${escapeHtml(p.roleLine)}</span>` : ''}</li>`;
}

function metaRow(label: string, value: string): string {
  return `<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
}

/** The helhedsplaner a meeting (or a series document) belongs to: a short grey block. */
function helhedsplanBlock(plans: readonly ReferatHelhedsplan[]): string {
  return plans
    .map(
      (h) =>
        `<div class="context"><p><span class="label">${T.helhedsplan}:</span> ${escapeHtml(helhedsplanLine(h))}</p>${
          h.indsatsomraader.length ? `<p><span class="label">${T.indsatsomraader}:</span> ${escapeHtml(h.indsatsomraader.join(', '))}</p>` : ''
        }</div>`,
    )
    .join('\n');
}

/** The aftaler a styringsdialog ended in, each with its goals as a table. */
function styringsdialogSection(d: ReferatStyringsdialog): string {
  const aftaler = d.aftaler.map((a) => {
    const meta = [a.statusText, a.periodText, a.organisations.length ? `${T.parties}: ${a.organisations.join(', ')}` : ''].filter(Boolean).join(' · ');
    const goals = a.goals.length
      ? `<table class="goals"><thead><tr><th>${T.goal}</th><th>${T.indicator}</th><th class="status">${T.status}</th></tr></thead><tbody>${a.goals
          .map((g) => `<tr><td>${escapeHtml(g.text)}</td><td>${escapeHtml(g.indicator || '–')}</td><td class="status">${escapeHtml(g.statusText)}</td></tr>`)
          .join('')}</tbody></table>`
      : `<p>${T.noGoals}</p>`;
    return `<h3>${escapeHtml(a.title)}</h3><p class="aftale__meta">${escapeHtml(meta)}</p>${goals}`;
  });
  return `<section><h2>${escapeHtml(T.styringsdialogAftaler(d.year))}</h2>${aftaler.join('\n')}</section>`;
}

function referatArticle(r: Referat): string {
  const s = r.sections;
  const parts: string[] = [];
  const context = referatContext(r);
  parts.push(
    `<header class="referat__header">${context ? `<p class="eyebrow">${escapeHtml(context)}</p>` : ''}<h1>${T.referat}</h1><p class="subtitle">${escapeHtml(r.title)}</p></header>`,
  );
  if (r.status === 'aflyst') parts.push(`<p class="notice">${T.cancelled}</p>`);
  const meta = [metaRow(T.time, escapeHtml(r.whenText))];
  if (r.place) meta.push(metaRow(T.place, escapeHtml(r.place)));
  if (r.ordstyrer) meta.push(metaRow(T.ordstyrer, escapeHtml(personLine(r.ordstyrer))));
  if (r.referent) meta.push(metaRow(T.referent, escapeHtml(personLine(r.referent))));
  if (r.consultantName) meta.push(metaRow(T.consultant, `${escapeHtml(r.consultantName)}, ${T.organisation}`));
  parts.push(`<table class="meta"><tbody>${meta.join('')}</tbody></table>`);
  if (s.context && r.helhedsplaner.length) parts.push(helhedsplanBlock(r.helhedsplaner));
  if (s.participants && r.participants.length) parts.push(`<section><h2>${T.participants}</h2><ul class="people">${r.participants.map(person).join('')}</ul></section>`);
  if (s.afbud && r.afbud.length) parts.push(`<section><h2>${T.afbud}</h2><ul class="people">${r.afbud.map(person).join('')}</ul></section>`);
  const items = r.agenda.map((item) => {
    const body: string[] = [`<h3>${item.number}. ${escapeHtml(item.title)}</h3>`];
    if (item.presenter) body.push(`<p class="presenter">${T.presenter} ${escapeHtml(item.presenter)}</p>`);
    if (s.description && item.description) body.push(textBlock(item.description, 'description'));
    if (s.minutes && item.minutes) body.push(textBlock(item.minutes));
    if (s.decisions && item.decision) body.push(`<div class="decision"><p class="decision__label">${T.decision}</p>${textBlock(item.decision)}</div>`);
    return `<li class="agenda__item">${body.join('\n')}</li>`;
  });
  parts.push(`<section><h2>${T.agenda}</h2>${items.length ? `<ol class="agenda">${items.join('\n')}</ol>` : `<p>${T.noAgenda}</p>`}</section>`);
  if (s.context && r.styringsdialog) parts.push(styringsdialogSection(r.styringsdialog));
  if (s.followUps && r.followUps.length) {
    const rows = r.followUps.map((f) => `<tr><td>${escapeHtml(f.title)}</td><td class="owner">${escapeHtml(f.owner || '–')}</td><td class="due">${escapeHtml(f.dueText ?? '–')}</td></tr>`);
    parts.push(
      `<section><h2>${T.followUps}</h2><table class="follow-ups"><thead><tr><th>${T.task}</th><th class="owner">${T.owner}</th><th class="due">${T.due}</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`,
    );
  }
  return `<article class="referat">\n${parts.join('\n')}\n</article>`;
}

function htmlDocument(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${referatStyleSheet}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** One meeting's referat as a complete HTML document. */
export function renderReferatHtml(referat: Referat): string {
  return htmlDocument(`${T.referat} – ${referat.title}`, referatArticle(referat));
}

/** Several referater in one document: a contents page, then each meeting on a new page. */
export function renderReferatCollectionHtml(collection: ReferatCollection): string {
  const contents = collection.referater.map((r) => `<li>${escapeHtml(r.dateText)}: ${escapeHtml(r.title)}</li>`).join('');
  const cover = `<section class="collection-cover"><header class="referat__header"><p class="eyebrow">${T.organisation}</p><h1>${T.referater}</h1><p class="subtitle">${escapeHtml(collection.title)}</p>${
    collection.periodText ? `<p>${escapeHtml(collection.periodText)}</p>` : ''
  }</header>${helhedsplanBlock(collection.helhedsplaner)}<h2>${T.contents}</h2><ol class="contents">${contents}</ol></section>`;
  return htmlDocument(`${T.referater} – ${collection.title}`, [cover, ...collection.referater.map(referatArticle)].join('\n'));
}
