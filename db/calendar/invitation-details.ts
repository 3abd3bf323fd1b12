import { foldDanish } from '../../common/text-fold';

/**
 * What an invitation says beyond time and place, read from its text: the
 * numbered agenda in DESCRIPTION and the kommune named in SUMMARY or LOCATION.
 * Pure functions; the import decides what to do with them.
 */

/** At most this many agenda items are taken from one description (a meeting's agenda holds at most 100). */
export const maxAgendaItems = 100;
const maxAgendaTitle = 300;

/**
 * The numbered agenda in an invitation's text: lines "1. Velkomst",
 * "2) Økonomi", … numbered 1, 2, 3 … in order. Other lines (a greeting, a
 * heading "Dagsorden:", sub-points) may stand between them; the list ends at
 * the first number out of order. Fewer than two items is not an agenda.
 *
 * @example
 *   agendaFromDescription('Kære alle\n\nDagsorden:\n1. Velkomst\n2. Økonomi\n3. Eventuelt') // ['Velkomst', 'Økonomi', 'Eventuelt']
 */
export function agendaFromDescription(description: string): string[] {
  const items: string[] = [];
  for (const line of description.split(/\r\n|\r|\n/)) {
    const match = /^\s*(\d{1,3})\s*[.)]\s+(\S.*)$/.exec(line);
    if (!match) continue;
    const number = Number(match[1]);
    if (number !== items.length + 1) {
      if (items.length === 0) continue;
      break;
    }
    items.push((match[2] ?? '').trim().replace(/\s+/g, ' ').slice(0, maxAgendaTitle));
    if (items.length === maxAgendaItems) break;
  }
  return items.length >= 2 ? items : [];
}

export interface KommuneName {
  readonly id: string;
  readonly navn: string;
}

interface Token {
  readonly folded: string;
  readonly capitalised: boolean;
}

function tokens(text: string): Token[] {
  return (text.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? []).map((word) => ({ folded: foldDanish(word), capitalised: /^\p{Lu}/u.test(word) }));
}

const kommuneWords = new Set(['kommune', 'kommunes', 'regionskommune', 'regionskommunes']);

interface Hit {
  readonly kommune: KommuneName;
  /** Followed by "Kommune": "Køge Kommune", "Københavns Kommune". */
  readonly named: boolean;
  readonly field: number;
  readonly position: number;
}

/**
 * The kommune an invitation names, for the user to confirm: a kommune's name
 * as a word of its own in SUMMARY or LOCATION ("Styringsdialog med Køge
 * Kommune", "Aarhus Rådhus"), with Danish folding ("Koege", "Århus"), a
 * genitive s ("Københavns Kommune") and capitalisation required unless
 * "Kommune" follows (so "på vejen" is not Vejen). Several named: one followed
 * by "Kommune" first, then the earliest — SUMMARY before LOCATION.
 *
 * @example
 *   suggestKommune(['Styringsdialog 2026', 'Køge Rådhus, mødelokale 2'], kommuner) // { id: …, navn: 'Køge' }
 */
export function suggestKommune(texts: readonly string[], kommuner: readonly KommuneName[]): KommuneName | null {
  const names = kommuner.map((kommune) => ({ kommune, parts: tokens(kommune.navn).map((t) => t.folded) })).filter((n) => n.parts.length > 0);
  const hits: Hit[] = [];
  texts.forEach((text, field) => {
    const words = tokens(text);
    for (let i = 0; i < words.length; i++) {
      for (const { kommune, parts } of names) {
        if (i + parts.length > words.length) continue;
        const matches = parts.every((part, j) => {
          const word = words[i + j]!.folded;
          return word === part || (j === parts.length - 1 && word === `${part}s`);
        });
        if (!matches) continue;
        const next = words[i + parts.length];
        const named = next !== undefined && kommuneWords.has(next.folded);
        if (!named && !words[i]!.capitalised) continue;
        hits.push({ kommune, named, field, position: i });
      }
    }
  });
  hits.sort((a, b) => Number(b.named) - Number(a.named) || a.field - b.field || a.position - b.position);
  return hits[0]?.kommune ?? null;
}

/** An e-mail address from a cal-address ("mailto:Jens@Example.dk" → "jens@example.dk"), or null when it is none. */
export function calAddressEmail(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const address = value.trim().replace(/^mailto:/i, '').trim().toLowerCase();
  return /^[^\s@"<>;:,\\()[\]]+@[^\s@"<>;:,\\()[\]]+\.[^\s@"<>;:,\\()[\]]+$/.test(address) ? address : null;
}
