import ICAL from 'ical.js';
import type { ImportCandidate, RoleCandidate } from './import-plan';

/**
 * vCard 3.0 and 4.0 (and, best effort, Outlook's 2.1) into import candidates.
 * Each BEGIN:VCARD … END:VCARD block is parsed on its own, so one broken card
 * is one rejected row instead of a rejected file.
 */

const uuidUrn = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The text of each card, in file order (line ends normalised to CRLF). */
export function splitVcards(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const cards: string[] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    if (/^BEGIN:VCARD\s*$/i.test(line)) current = [line];
    else if (current) {
      current.push(line);
      if (/^END:VCARD\s*$/i.test(line)) {
        cards.push(`${current.join('\r\n')}\r\n`);
        current = null;
      }
    }
  }
  if (current) cards.push(`${current.join('\r\n')}\r\n`);
  return cards;
}

export function looksLikeVcard(text: string): boolean {
  return /^\s*BEGIN:VCARD/i.test(text.replace(/^\uFEFF/, ''));
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
    if (/ENCODING=QUOTED-PRINTABLE/i.test(line.split(':')[0] ?? '')) {
      while (line.endsWith('=') && i + 1 < raw.length) line = line.slice(0, -1) + (raw[++i] ?? '');
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
      if (quotedPrintable) {
        const bytes: number[] = [];
        for (let j = 0; j < value.length; j++) {
          const hex = value.slice(j + 1, j + 3);
          if (value[j] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
            bytes.push(parseInt(hex, 16));
            j += 2;
          } else bytes.push(...new TextEncoder().encode(value[j]));
        }
        value = new TextDecoder('utf-8').decode(new Uint8Array(bytes)).replace(/\r\n|\r|\n/g, '\\n');
      }
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
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { rowNumber, name: /^FN[^:]*:(.*)$/im.exec(card)?.[1]?.trim() ?? '', emails: [], phones: [], notes: '', roles: [], problems: [`Kortet kan ikke læses som vCard (${detail}).`] };
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

/** Candidates from a .vcf text; row numbers count cards from 1. */
export function readVcards(text: string): ImportCandidate[] {
  return splitVcards(text).map((card, i) => candidateFrom(card, i + 1));
}
