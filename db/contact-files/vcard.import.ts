import ICAL from 'ical.js';
import { AppError } from '../../common/result';
import type { ImportCandidate, RoleCandidate } from './import-plan';
import { contactFileLimits, type ContactFileLimits } from './spreadsheet.read';

/**
 * vCard 3.0 and 4.0 (and, best effort, Outlook's 2.1) into import candidates.
 * Each BEGIN:VCARD … END:VCARD block is parsed on its own, so one broken card
 * is one rejected row instead of a rejected file.
 */

const number = new Intl.NumberFormat('da-DK');
const refuse = (message: string): never => {
  throw new AppError('VALIDATION', message);
};

const uuidUrn = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * The text of each card, in file order (line ends normalised to CRLF). Lines
 * are walked in place, not split into an array first, and lines outside a
 * card are skipped unkept; the number of cards and each card's size are
 * checked as the cards are found.
 */
export function splitVcards(text: string, limits: ContactFileLimits = contactFileLimits): string[] {
  const cards: string[] = [];
  let current: string[] | null = null;
  let size = 0;
  const lineEnd = /\r\n|\r|\n/g;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const finish = (card: string[]) => {
    if (cards.length >= limits.maxRows) refuse(`Filen har flere end ${number.format(limits.maxRows)} vCard-kort (del den op i mindre filer).`);
    cards.push(`${card.join('\r\n')}\r\n`);
  };
  for (let from = start; from <= text.length; ) {
    lineEnd.lastIndex = from;
    const match = lineEnd.exec(text);
    const to = match ? match.index : text.length;
    const line = text.slice(from, to);
    from = match ? to + match[0].length : text.length + 1;
    if (/^BEGIN:VCARD\s*$/i.test(line)) {
      current = [line];
      size = line.length;
    } else if (current) {
      current.push(line);
      size += line.length + 2;
      if (size > limits.maxCardChars) refuse(`Kort nr. ${number.format(cards.length + 1)} er større end ${number.format(limits.maxCardChars / 1024 / 1024)} MB.`);
      if (/^END:VCARD\s*$/i.test(line)) {
        finish(current);
        current = null;
      }
    }
  }
  if (current) finish(current);
  return cards;
}

export function looksLikeVcard(text: string): boolean {
  return /^\s*BEGIN:VCARD/i.test(text.replace(/^\uFEFF/, ''));
}

const isHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** "=C3=B8" → "ø": one pass into one buffer (a quoted-printable byte is never longer than its text). */
export function decodeQuotedPrintable(value: string): string {
  const bytes = Buffer.allocUnsafe(Buffer.byteLength(value, 'utf8'));
  let length = 0;
  for (let j = 0; j < value.length; j++) {
    const c = value.charCodeAt(j);
    if (c === 0x3d && isHex(value.charCodeAt(j + 1)) && isHex(value.charCodeAt(j + 2))) {
      bytes[length++] = parseInt(value.slice(j + 1, j + 3), 16);
      j += 2;
    } else if (c < 0x80) {
      bytes[length++] = c;
    } else {
      const point = value.codePointAt(j) ?? c;
      length += bytes.write(String.fromCodePoint(point), length, 'utf8');
      if (point > 0xffff) j++;
    }
  }
  return new TextDecoder('utf-8').decode(bytes.subarray(0, length));
}

/**
 * vCard 2.1 (Outlook's "Gem som vCard") differs from 3.0 in ways ical.js does
 * not read: bare parameters (TEL;WORK;VOICE:) and QUOTED-PRINTABLE values with
 * soft line breaks. This rewrites such a card as 3.0 text.
 */
function upgrade21(card: string): string {
  const raw = card.split('\r\n');
  const lines: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    let line = raw[i] ?? '';
    if (/ENCODING=QUOTED-PRINTABLE/i.test(line.split(':', 1)[0] ?? '')) {
      // Soft line breaks: collected and joined once (appending to a growing string and asking it endsWith each time was quadratic).
      const parts: string[] = [];
      while (line.endsWith('=') && i + 1 < raw.length) {
        parts.push(line.slice(0, -1));
        line = raw[++i] ?? '';
      }
      parts.push(line);
      line = parts.join('');
    }
    lines.push(line);
  }
  return lines
    .map((line) => {
      const colon = line.indexOf(':');
      if (colon < 0 || /^(BEGIN|END):/i.test(line)) return line;
      const [name = '', ...params] = line.slice(0, colon).split(';');
      let value = line.slice(colon + 1);
      if (/^VERSION$/i.test(name)) return 'VERSION:3.0';
      const types: string[] = [];
      let quotedPrintable = false;
      for (const param of params) {
        const [key, val] = param.includes('=') ? param.split('=', 2) : ['TYPE', param];
        if (/^ENCODING$/i.test(key ?? '') && /^QUOTED-PRINTABLE$/i.test(val ?? '')) quotedPrintable = true;
        else if (/^TYPE$/i.test(key ?? '') && val) types.push(val);
      }
      if (quotedPrintable) value = decodeQuotedPrintable(value).replace(/\r\n|\r|\n/g, '\\n');
      return `${name}${types.length ? `;TYPE=${types.join(',')}` : ''}:${value}`;
    })
    .join('\r\n');
}

function texts(component: ICAL.Component, name: string): { value: string; group: string | null }[] {
  return component.getAllProperties(name).map((prop) => {
    const value = prop.getFirstValue();
    const group = prop.getParameter('group');
    return { value: typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value), group: typeof group === 'string' ? group.toLowerCase() : null };
  });
}

function roles(component: ICAL.Component): RoleCandidate[] {
  const orgs = component.getAllProperties('org').map((prop) => {
    const values = prop.getValues();
    const first = values[0];
    const organisation = Array.isArray(first) ? String(first[0] ?? '') : String(first ?? '');
    const group = prop.getParameter('group');
    return { organisation, group: typeof group === 'string' ? group.toLowerCase() : null };
  });
  const titles = texts(component, 'title');
  const result: RoleCandidate[] = [];
  const ungroupedTitles = titles.filter((t) => t.group === null);
  let ungrouped = 0;
  for (const org of orgs) {
    const title = org.group ? titles.find((t) => t.group === org.group) : ungroupedTitles[ungrouped++];
    result.push({ organisation: org.organisation, kommune: '', title: title?.value ?? '' });
  }
  return result;
}

function candidateFrom(card: string, rowNumber: number): ImportCandidate {
  const version = /^VERSION:\s*(\S+)/im.exec(card)?.[1] ?? '';
  const text = version === '2.1' ? upgrade21(card) : card;
  let component: ICAL.Component;
  try {
    component = new ICAL.Component(ICAL.parse(text) as never);
  } catch {
    // ical.js's message quotes the offending line (up to the card's size): the reason is said without it.
    return { rowNumber, name: /^FN[^:]*:(.*)$/im.exec(card)?.[1]?.trim() ?? '', emails: [], phones: [], notes: '', roles: [], problems: ['Kortet kan ikke læses som vCard.'] };
  }
  const fn = texts(component, 'fn')[0]?.value.trim() ?? '';
  const nProp = component.getFirstProperty('n');
  const nValue = nProp?.getFirstValue();
  const nParts = Array.isArray(nValue) ? nValue.map((p) => (Array.isArray(p) ? p.join(' ') : String(p ?? ''))) : [];
  const fromN = [nParts[1], nParts[2], nParts[0]].map((p) => (p ?? '').trim()).filter(Boolean).join(' ');
  const uid = texts(component, 'uid')[0]?.value.trim() ?? '';
  const problems: string[] = [];
  if (version && !['2.1', '3.0', '4.0'].includes(version)) problems.push(`vCard-version ${version} understøttes ikke.`);
  return {
    rowNumber,
    name: fn || fromN,
    emails: texts(component, 'email').map((e) => e.value.replace(/^mailto:/i, '')).filter((e) => e.trim() !== ''),
    phones: texts(component, 'tel').map((t) => t.value.replace(/^tel:/i, '').split(';')[0] ?? '').filter((t) => t.trim() !== ''),
    notes: texts(component, 'note').map((n) => n.value).filter((n) => n.trim() !== '').join('\n\n'),
    roles: roles(component),
    contactId: uuidUrn.exec(uid)?.[1]?.toLowerCase() ?? null,
    problems,
  };
}

/** Candidates from a .vcf text; row numbers count cards from 1. A value longer than a spreadsheet cell may hold refuses the file. */
export function readVcards(text: string, limits: ContactFileLimits = contactFileLimits): ImportCandidate[] {
  return splitVcards(text, limits).map((card, i) => {
    const candidate = candidateFrom(card, i + 1);
    const values = [candidate.name, candidate.notes, ...candidate.emails, ...candidate.phones, ...candidate.roles.flatMap((r) => [r.organisation, r.title])];
    if (values.some((v) => v.length > limits.maxCellChars)) refuse(`Kort nr. ${number.format(i + 1)} har en værdi på over ${number.format(limits.maxCellChars)} tegn.`);
    return candidate;
  });
}
