import { zipSync } from 'fflate';
import ICAL from 'ical.js';
import type { Kysely } from 'kysely';
import { safeFileName, splitDanishName, uniqueFileNames } from '../../common/contact-files/contact-files.domain';
import { AppError } from '../../common/result';
import { compareDanish } from '../../common/text-fold';
import { danishDate } from '../../common/time';
import { selectAffiliations, todayInDenmark } from '../contacts/affiliations.query';
import type { Database } from '../schema';

/**
 * vCard export, built and serialised by ical.js (escaping, CRLF, UTF-8):
 * 4.0 (RFC 6350) for phones and modern clients, 3.0 (RFC 2426) for Outlook.
 * Outlook reads only the first card of a .vcf, hence the zip of one file per contact.
 */

export type VcardVersion = '4.0' | '3.0';
export type VcardPackaging = 'single' | 'zip';

export interface VcardContact {
  readonly id: string;
  readonly name: string;
  readonly emails: readonly string[];
  readonly phones: readonly string[];
  readonly notes: string;
  readonly updatedAt: string;
  /** Current roles, most relevant first. */
  readonly roles: readonly { readonly organisation: string; readonly title: string }[];
}

const prodId = '-//BL//Kredsbog//DA';

/** RFC 6350/2426: lines SHOULD be at most 75 octets; ical.js counts the first line without and continuations with the leading space, so 74 keeps every line ≤ 75. */
const foldOctets = 74;

function property(name: string, value: string | string[], type?: string): ICAL.Property {
  const prop = new ICAL.Property(name);
  if (type) prop.resetType(type);
  prop.setValue(value as never);
  return prop;
}

/** "+45" for 8-digit Danish numbers; a tel: URI when the number can be one (RFC 3966 global number), else null. */
function telUri(phone: string): string | null {
  const compact = phone.replace(/[\s()]/g, '');
  if (/^\+\d[\d-]{6,}$/.test(compact)) return `tel:${compact}`;
  if (/^00\d[\d-]{6,}$/.test(compact)) return `tel:+${compact.slice(2)}`;
  if (/^\d{8}$/.test(compact.replace(/-/g, ''))) return `tel:+45${compact.replace(/-/g, '')}`;
  return null;
}

const nonAscii = /[^\p{ASCII}]/u;

/** One contact as one vCard (CRLF line ends, folded), without a trailing line end. */
export function contactToVcard(contact: VcardContact, version: VcardVersion): string {
  const card = new ICAL.Component(['vcard', [], []]);
  const v3 = version === '3.0';
  card.addPropertyWithValue('version', version);
  card.addProperty(new ICAL.Property(['prodid', {}, 'unknown', prodId]));
  const add = (prop: ICAL.Property, text: string) => {
    // Outlook reads a 3.0 card as Windows-1252 unless told otherwise.
    if (v3 && nonAscii.test(text)) prop.setParameter('charset', 'UTF-8');
    card.addProperty(prop);
  };
  add(property('fn', contact.name), contact.name);
  const { given, family } = splitDanishName(contact.name);
  add(property('n', [family, given, '', '', '']), contact.name);
  contact.emails.forEach((email, i) => {
    const prop = property('email', email);
    if (v3) prop.setParameter('type', i === 0 ? ['INTERNET', 'PREF'] : ['INTERNET']);
    else if (i === 0) prop.setParameter('pref', '1');
    card.addProperty(prop);
  });
  contact.phones.forEach((phone, i) => {
    const uri = v3 ? null : telUri(phone);
    const prop = uri ? property('tel', uri, 'uri') : property('tel', phone, v3 ? 'phone-number' : 'text');
    // Outlook drops a TEL without TYPE; WORK,VOICE lands in "Business Phone".
    if (v3) prop.setParameter('type', i === 0 ? ['WORK', 'VOICE', 'PREF'] : ['WORK', 'VOICE']);
    else {
      prop.setParameter('type', ['work', 'voice']);
      if (i === 0) prop.setParameter('pref', '1');
    }
    card.addProperty(prop);
  });
  contact.roles.forEach((role, i) => {
    const org = property('org', [role.organisation]);
    const title = property('title', role.title);
    // Several roles: each ORG/TITLE pair is tied together by a property group; the first stays ungrouped for Outlook.
    if (i > 0) {
      org.setParameter('group', `role${i + 1}`);
      title.setParameter('group', `role${i + 1}`);
    }
    add(org, role.organisation);
    add(title, role.title);
  });
  if (contact.notes.trim()) add(property('note', contact.notes.replace(/\r\n?/g, '\n')), contact.notes);
  card.addPropertyWithValue('uid', `urn:uuid:${contact.id}`);
  const rev = new Date(contact.updatedAt);
  if (!Number.isNaN(rev.getTime())) card.addProperty(new ICAL.Property(['rev', {}, v3 ? 'date-time' : 'timestamp', `${rev.toISOString().slice(0, 19)}Z`]));
  const previous = ICAL.foldLength;
  ICAL.foldLength = foldOctets;
  try {
    return card.toString();
  } finally {
    ICAL.foldLength = previous;
  }
}

/** Live contacts (all, or the given ids in Danish name order) with their current roles. */
export async function loadVcardContacts(db: Kysely<Database>, contactIds?: readonly string[], today = todayInDenmark()): Promise<VcardContact[]> {
  let query = db.selectFrom('contact').select(['id', 'name', 'emails', 'phones', 'notes', 'updated_at']).where('deleted_at', 'is', null);
  if (contactIds) query = query.where('id', 'in', contactIds.length ? [...contactIds] : ['']);
  const rows = await query.execute();
  if (contactIds && rows.length !== new Set(contactIds).size) throw new AppError('NOT_FOUND', 'En eller flere af kontakterne findes ikke (længere).');
  const wanted = new Set(rows.map((r) => r.id));
  const roles = new Map<string, { organisation: string; title: string }[]>();
  for (const role of await selectAffiliations(db, (eb) => eb('affiliation.contact_id', 'is not', null), today)) {
    if (!role.current || !wanted.has(role.contactId)) continue;
    const organisation = role.organisationName ?? (role.kommuneNavn ? `${role.kommuneNavn} Kommune` : null);
    if (!organisation) continue;
    const list = roles.get(role.contactId) ?? [];
    list.push({ organisation, title: role.title });
    roles.set(role.contactId, list);
  }
  const list = (json: string): string[] => {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  };
  return rows
    .map((r) => ({ id: r.id, name: r.name, emails: list(r.emails), phones: list(r.phones), notes: r.notes, updatedAt: r.updated_at, roles: roles.get(r.id) ?? [] }))
    .sort((a, b) => compareDanish(a.name, b.name) || a.id.localeCompare(b.id));
}

export interface VcardExport {
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

/** One .vcf holding every card, or a .zip with one "Navn.vcf" per contact. */
export async function exportVcards(db: Kysely<Database>, options: { contactIds?: readonly string[]; version: VcardVersion; packaging: VcardPackaging; now?: Date }): Promise<VcardExport> {
  const contacts = await loadVcardContacts(db, options.contactIds);
  if (contacts.length === 0) throw new AppError('VALIDATION', 'Der er ingen kontakter at eksportere.');
  const encoder = new TextEncoder();
  const cards = contacts.map((c) => `${contactToVcard(c, options.version)}\r\n`);
  const suffix = options.version === '3.0' ? ' (Outlook)' : '';
  const stamp = danishDate(options.now ?? new Date());
  if (options.packaging === 'zip') {
    const names = uniqueFileNames(contacts.map((c) => safeFileName(c.name, 'vcf')));
    const files: Record<string, Uint8Array> = {};
    names.forEach((name, i) => {
      files[name] = encoder.encode(cards[i] ?? '');
    });
    return { fileName: `Kredsbog kontakter ${stamp}${suffix}.zip`, bytes: zipSync(files, { mtime: options.now ?? new Date() }) };
  }
  const only = contacts.length === 1 ? contacts[0] : undefined;
  const fileName = only ? safeFileName(only.name, 'vcf') : `Kredsbog kontakter ${stamp}${suffix}.vcf`;
  return { fileName, bytes: encoder.encode(cards.join('')) };
}
