import iconv from 'iconv-lite';
import { AppError } from '../../common/result';
import type { ImportCandidate, RoleCandidate } from './contacts.plan';
import { contactFileLimits, type ContactFileLimits } from './spreadsheet.read';

/**
 * vCard 2.1, 3.0 and 4.0 as the programs people use write them — Outlook,
 * Apple Contacts and iOS, Android, Google, Thunderbird, Evolution — into
 * import candidates. The reader is deliberately forgiving: it reads the few
 * properties Kredsbog keeps (FN, N, EMAIL, TEL, ORG, TITLE, NOTE, UID) line
 * by line and skips everything else, so an embedded photo (PHOTO;ENCODING=b,
 * Apple's PHOTO;BASE64, 2.1's base64 block), a vendor property or a
 * parameter no standard knows never costs the card. Each card is read on its
 * own; one odd card is one odd row.
 *
 * Text is handled as bytes until a value is decoded, because a 2.1 card says
 * per property how its bytes are to be read: CHARSET=Windows-1252 or
 * ISO-8859-x with quoted-printable or raw 8-bit bytes, UTF-8 elsewhere — even
 * in one file. UTF-16 files (with or without a byte-order mark) are turned
 * into UTF-8 first.
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
  const start = text.charCodeAt(0) === 0xfeff ? 1 : text.startsWith('\xef\xbb\xbf') ? 3 : 0;
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

/** "=C3=B8" → the bytes C3 B8; other characters are kept as the bytes they stand for (one pass into one buffer). */
function quotedPrintableBytes(value: string, binary: boolean): Buffer {
  const bytes = Buffer.allocUnsafe(binary ? value.length : Buffer.byteLength(value, 'utf8'));
  let length = 0;
  for (let j = 0; j < value.length; j++) {
    const c = value.charCodeAt(j);
    if (c === 0x3d && isHex(value.charCodeAt(j + 1)) && isHex(value.charCodeAt(j + 2))) {
      bytes[length++] = parseInt(value.slice(j + 1, j + 3), 16);
      j += 2;
    } else if (c < 0x80 || (binary && c < 0x100)) {
      bytes[length++] = c;
    } else {
      const point = value.codePointAt(j) ?? c;
      length += bytes.write(String.fromCodePoint(point), length, 'utf8');
      if (point > 0xffff) j++;
    }
  }
  return bytes.subarray(0, length);
}

/** "=C3=B8" → "ø" (UTF-8); other characters are kept, a stray "=" too. */
export function decodeQuotedPrintable(value: string): string {
  return new TextDecoder('utf-8').decode(quotedPrintableBytes(value, false));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes of one value → text. A charset the card names rules bytes it spelled
 * out (quoted-printable, base64); raw bytes are UTF-8 whenever they are valid
 * UTF-8 (Latin text in Windows-1252 practically never is), otherwise read in
 * the card's charset, or Windows-1252 when it names none.
 */
function decodeBytes(bytes: Uint8Array, charset: string | undefined, spelledOut: boolean): string {
  const named = charset && !/^utf-?8$/i.test(charset) && iconv.encodingExists(charset) ? charset : null;
  if (named && spelledOut) return iconv.decode(Buffer.from(bytes), named);
  try {
    return utf8.decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes), named ?? 'win1252');
  }
}

/**
 * The file's bytes as a "binary" string (one character per byte), the form
 * every card is read in. UTF-16 (by its BOM, or without one by its zero
 * bytes) is converted to UTF-8 first; a UTF-8 BOM is dropped.
 */
export function vcardBinary(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let utf16: 'utf-16le' | 'utf-16be' | null = null;
  let skip = 0;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) [utf16, skip] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [utf16, skip] = ['utf-16be', 2];
  else if (bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) utf16 = 'utf-16le';
  else if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0) utf16 = 'utf-16be';
  if (utf16) return Buffer.from(iconv.decode(buffer.subarray(skip), utf16), 'utf8').toString('latin1');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return buffer.subarray(3).toString('latin1');
  return buffer.toString('latin1');
}

interface Property {
  readonly group: string | null;
  readonly name: string;
  readonly params: ReadonlyMap<string, readonly string[]>;
  /** Still encoded: bytes as characters. */
  readonly value: string;
}

const encodings = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);

/** Splits at `separator` outside double quotes. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === separator && !quoted) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

/** Where the name and parameters end: the first ":" outside double quotes (a parameter may quote one), or -1. */
function valueStart(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (c === 0x3a && !quoted) return i;
  }
  return -1;
}

function parseProperty(line: string): Property | null {
  const colon = valueStart(line);
  if (colon <= 0) return null;
  const [nameWithGroup = '', ...rawParams] = splitOutsideQuotes(line.slice(0, colon), ';');
  const dot = nameWithGroup.lastIndexOf('.');
  const group = dot > 0 ? nameWithGroup.slice(0, dot).trim().toLowerCase() : null;
  const name = nameWithGroup.slice(dot + 1).trim().toUpperCase();
  if (!/^[A-Z0-9-]+$/.test(name)) return null;
  const params = new Map<string, string[]>();
  const add = (key: string, values: string[]) => params.set(key, [...(params.get(key) ?? []), ...values]);
  for (const raw of rawParams) {
    const eq = raw.indexOf('=');
    if (eq < 0) {
      // vCard 2.1 writes bare parameters: TEL;WORK;VOICE, PHOTO;BASE64 (Apple), NOTE;QUOTED-PRINTABLE.
      const bare = raw.trim().toUpperCase();
      if (bare) add(encodings.has(bare) ? 'ENCODING' : 'TYPE', [bare]);
      continue;
    }
    const key = raw.slice(0, eq).trim().toUpperCase();
    const values = splitOutsideQuotes(raw.slice(eq + 1), ',').map((v) => v.trim().replace(/^"(.*)"$/s, '$1'));
    add(key, key === 'ENCODING' || key === 'TYPE' ? values.map((v) => v.toUpperCase()) : values);
  }
  return { group, name, params, value: line.slice(colon + 1) };
}

const quotedPrintable = /(^|;)\s*(ENCODING\s*=\s*)?QUOTED-PRINTABLE\s*(;|$)/i;

/**
 * The card's properties. Folded lines (CRLF + space or tab) are unfolded;
 * a quoted-printable value's soft line breaks ("=" at the end of a line) are
 * joined whatever the next line starts with; blank lines (the end of a 2.1
 * base64 block) are skipped. Parts are collected and joined once per property,
 * so a value of 40,000 lines is read in linear time.
 */
function cardProperties(card: string): Property[] {
  const properties: Property[] = [];
  let parts: string[] | null = null;
  let softBreaks = false;
  const flush = () => {
    if (parts) {
      const property = parseProperty(parts.join(''));
      if (property) properties.push(property);
    }
    parts = null;
  };
  for (const line of card.split('\r\n')) {
    const last = parts?.[parts.length - 1];
    if (parts && softBreaks && last?.endsWith('=')) {
      parts[parts.length - 1] = last.slice(0, -1);
      parts.push(line);
      continue;
    }
    if (parts && (line.startsWith(' ') || line.startsWith('\t'))) {
      parts.push(line.slice(1));
      continue;
    }
    flush();
    if (line.trim() === '') continue;
    parts = [line];
    const colon = valueStart(line);
    softBreaks = colon > 0 && quotedPrintable.test(line.slice(0, colon));
  }
  flush();
  return properties;
}

/** A property's value as text: its encoding undone and its bytes read in the right charset. */
function decodeValue(property: Property): string {
  const encoding = property.params.get('ENCODING')?.[0] ?? '';
  const charset = property.params.get('CHARSET')?.[0];
  if (encoding === 'QUOTED-PRINTABLE') return decodeBytes(quotedPrintableBytes(property.value, true), charset, true);
  if (encoding === 'B' || encoding === 'BASE64') return decodeBytes(Buffer.from(property.value.replace(/\s+/g, ''), 'base64'), charset, true);
  return decodeBytes(Buffer.from(property.value, 'latin1'), charset, false);
}

/** Splits a structured value (N, ORG) at ";" not escaped by a backslash. */
function components(value: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '\\') i++;
    else if (value[i] === ';') {
      parts.push(value.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(value.slice(from));
  return parts;
}

/**
 * 3.0 and 4.0 escape "\\", "\n", "\," and "\;" in text (Apple also "\:");
 * 2.1 escapes only ";" in structured values — its commas and backslashes are
 * literal, so a 2.1 note is never cut at a comma.
 */
function unescapeText(text: string, version: string): string {
  const unescaped = version === '2.1' ? text.replace(/\\;/g, ';') : text.replace(/\\([\\;,:nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
  // Quoted-printable line breaks (=0D=0A) come out as CRLF: one line end, as everywhere in Kredsbog.
  return unescaped.replace(/\r\n?/g, '\n');
}

const skipped = new Set(['PHOTO', 'LOGO', 'SOUND', 'KEY']);
const isPreferred = (property: Property) => (property.params.get('TYPE') ?? []).includes('PREF') || property.params.has('PREF');

function candidateFrom(card: string, rowNumber: number): ImportCandidate {
  const properties = cardProperties(card).filter((p) => !skipped.has(p.name));
  const version = properties.find((p) => p.name === 'VERSION')?.value.trim() ?? '3.0';
  const all = (name: string) => properties.filter((p) => p.name === name);
  const text = (property: Property) => unescapeText(decodeValue(property), version);
  // The preferred address and number first (Apple, Outlook and Google mark one), the rest in file order.
  const preferredFirst = (list: Property[]) => [...list.filter(isPreferred), ...list.filter((p) => !isPreferred(p))];

  const fn = all('FN')
    .map(text)
    .map((v) => v.trim())
    .find((v) => v !== '');
  const n = all('N')[0];
  const nParts = n ? components(decodeValue(n)).map((part) => unescapeText(part, version).replace(/,/g, ' ').trim()) : [];
  const fromN = [nParts[1], nParts[2], nParts[0]].filter((p): p is string => Boolean(p)).join(' ');
  const orgs = all('ORG').map((p) => ({ organisation: unescapeText(components(decodeValue(p))[0] ?? '', version).trim(), group: p.group }));
  const titles = all('TITLE').map((p) => ({ title: text(p).trim(), group: p.group }));
  const ungroupedTitles = titles.filter((t) => t.group === null);
  let ungrouped = 0;
  const roles: RoleCandidate[] = orgs
    .filter((o) => o.organisation !== '')
    .map((org) => ({
      organisation: org.organisation,
      kommune: '',
      title: (org.group ? titles.find((t) => t.group === org.group) : ungroupedTitles[ungrouped++])?.title ?? '',
    }));
  const uid = all('UID')[0];
  return {
    rowNumber,
    name: fn ?? fromN,
    emails: preferredFirst(all('EMAIL'))
      .map((p) => text(p).trim().replace(/^mailto:/i, ''))
      .filter((e) => e !== ''),
    phones: preferredFirst(all('TEL'))
      .map((p) => text(p).trim().replace(/^tel:/i, '').split(';')[0] ?? '')
      .filter((t) => t.trim() !== ''),
    notes: all('NOTE')
      .map(text)
      .filter((note) => note.trim() !== '')
      .join('\n\n'),
    roles,
    contactId: uid ? (uuidUrn.exec(decodeValue(uid).trim())?.[1]?.toLowerCase() ?? null) : null,
    problems: [],
  };
}

/** Candidates from a card file's text (already decoded); row numbers count cards from 1. */
export function readVcards(text: string, limits: ContactFileLimits = contactFileLimits): ImportCandidate[] {
  return readBinaryVcards(Buffer.from(text, 'utf8').toString('latin1'), limits);
}

/** Candidates from a .vcf file's bytes, whatever their encoding. */
export function readVcardFile(bytes: Uint8Array, limits: ContactFileLimits = contactFileLimits): ImportCandidate[] {
  return readBinaryVcards(vcardBinary(bytes), limits);
}

/** A value longer than a spreadsheet cell may hold refuses the file (a photo is not a value: it is skipped unread). */
function readBinaryVcards(binary: string, limits: ContactFileLimits): ImportCandidate[] {
  return splitVcards(binary, limits).map((card, i) => {
    const candidate = candidateFrom(card, i + 1);
    const values = [candidate.name, candidate.notes, ...candidate.emails, ...candidate.phones, ...candidate.roles.flatMap((r) => [r.organisation, r.title])];
    if (values.some((v) => v.length > limits.maxCellChars)) refuse(`Kort nr. ${number.format(i + 1)} har en værdi på over ${number.format(limits.maxCellChars)} tegn.`);
    return candidate;
  });
}
