import type { Kysely, Transaction } from 'kysely';
import type { AffiliationKind, OrganisationKind } from '../../common/domain';
import { emailSchema, phoneSchema } from '../../common/domain';
import type { ImportCounts, ImportRow } from '../../common/contact-files/contact-files.domain';
import { normaliseEmail, normaliseName, normalisePhone } from '../../common/duplicates';
import { foldDanish } from '../../common/text-fold';
import { selectAffiliations, todayInDenmark } from '../contacts/affiliations.query';
import { describeRole } from '../contacts/contacts.repository';
import { createRow, updateRow } from '../mutations';
import type { Database } from '../schema';

/**
 * One planner for every contact file (CSV, XLSX, vCard): each row of the file
 * becomes new / updated / unchanged / possible duplicate / rejected, judged
 * against the live contacts. The same plan is shown as the preview and, inside
 * one transaction, applied — so what the user approved is what happens.
 *
 * Rules a consultant can predict:
 * - A row is the same person as an existing contact when its vCard UID is the
 *   contact's id, or when one of its e-mails is the contact's.
 * - Such an update only adds: new e-mails, new numbers, notes not already
 *   there, a role at an organisation/kommune the contact has no current role
 *   at. Nothing is removed; the name changes only on a UID match (our own
 *   export edited elsewhere). Re-importing the same file therefore changes nothing.
 * - Same phone, same name + organisation, or (without e-mail) same name as an
 *   existing contact: a possible duplicate, skipped unless the user asks for it.
 * - Organisations are never created: an unknown one is reported on the row
 *   and the role is left out ("Køge Kommune" is recognised as the kommune).
 */

export interface RoleCandidate {
  readonly organisation: string;
  readonly kommune: string;
  readonly title: string;
}

export interface ImportCandidate {
  readonly rowNumber: number;
  readonly name: string;
  readonly emails: readonly string[];
  readonly phones: readonly string[];
  readonly notes: string;
  readonly roles: readonly RoleCandidate[];
  /** From a vCard UID urn:uuid:<id>. */
  readonly contactId?: string | null;
  /** Problems found while reading the row (bad vCard …): the row is rejected with these. */
  readonly problems?: readonly string[];
}

interface ResolvedRole {
  readonly organisationId: string | null;
  readonly kommuneId: string | null;
  readonly title: string;
  readonly kind: AffiliationKind;
  readonly label: string;
}

type Action =
  | { readonly kind: 'create'; readonly name: string; readonly emails: string[]; readonly phones: string[]; readonly notes: string; readonly roles: readonly ResolvedRole[] }
  | { readonly kind: 'update'; readonly id: string; readonly name?: string; readonly emails?: string[]; readonly phones?: string[]; readonly notes?: string; readonly roles: readonly ResolvedRole[] }
  | { readonly kind: 'none' };

export interface PlannedRow extends ImportRow {
  readonly action: Action;
}

export interface ImportPlan {
  readonly rows: readonly PlannedRow[];
  readonly counts: ImportCounts;
}

interface ExistingContact {
  readonly id: string;
  readonly name: string;
  readonly emails: string[];
  readonly phones: string[];
  readonly notes: string;
  readonly roles: { organisationId: string | null; kommuneId: string | null; title: string; label: string }[];
}

const maxList = 10;
const defaultTitle = 'Kontaktperson';
const politicalTitle = /borgmester|radmand|byrad|kommunalbestyrelse|udvalgsformand|politiker|regionsrad/;

function parseList(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** "Køge Kommune", "Københavns Kommune", "Bornholms Regionskommune" → the kommune's folded name, both with and without genitive s. */
function kommuneKeys(text: string): string[] {
  const folded = foldDanish(text)
    .replace(/\s+(regions)?kommune$/, '')
    .trim();
  return folded.endsWith('s') ? [folded, folded.slice(0, -1)] : [folded];
}

function affiliationKind(organisationKind: OrganisationKind | null, title: string): AffiliationKind {
  if (organisationKind === 'boligorganisation') return 'boligorganisation';
  if (organisationKind === 'politisk_udvalg') return 'politiker';
  if (organisationKind === 'kommunal_forvaltning') return 'embedsmand';
  if (organisationKind === null) return politicalTitle.test(foldDanish(title)) ? 'politiker' : 'embedsmand';
  return 'andet';
}

class Context {
  readonly byId = new Map<string, ExistingContact>();
  readonly byEmail = new Map<string, ExistingContact>();
  readonly byPhone = new Map<string, ExistingContact[]>();
  readonly byName = new Map<string, ExistingContact[]>();
  readonly organisations = new Map<string, { id: string; name: string; kind: OrganisationKind }[]>();
  readonly kommuner = new Map<string, { id: string; navn: string }>();
  readonly mergedInto = new Map<string, string>();
  readonly erased = new Set<string>();

  static async load(db: Kysely<Database>, today: string): Promise<Context> {
    const context = new Context();
    const contacts = await db.selectFrom('contact').select(['id', 'name', 'emails', 'phones', 'notes', 'deleted_at', 'merged_into', 'erased_at']).execute();
    const roles = await selectAffiliations(db, (eb) => eb('affiliation.contact_id', 'is not', null), today);
    const rolesByContact = new Map<string, ExistingContact['roles']>();
    for (const role of roles) {
      if (role.current) push(rolesByContact, role.contactId, { organisationId: role.organisationId, kommuneId: role.kommuneId, title: role.title, label: describeRole(role) });
    }
    for (const row of contacts) {
      if (row.merged_into) context.mergedInto.set(row.id, row.merged_into);
      if (row.erased_at) context.erased.add(row.id);
      if (row.deleted_at !== null) continue;
      const contact: ExistingContact = { id: row.id, name: row.name, emails: parseList(row.emails), phones: parseList(row.phones), notes: row.notes, roles: rolesByContact.get(row.id) ?? [] };
      context.index(contact);
    }
    for (const o of await db.selectFrom('organisation').select(['id', 'name', 'kind']).where('deleted_at', 'is', null).execute()) push(context.organisations, normaliseName(o.name), o);
    for (const k of await db.selectFrom('kommune').select(['id', 'navn']).where('deleted_at', 'is', null).execute()) context.kommuner.set(foldDanish(k.navn), k);
    return context;
  }

  index(contact: ExistingContact): void {
    this.byId.set(contact.id, contact);
    for (const email of contact.emails) if (!this.byEmail.has(normaliseEmail(email))) this.byEmail.set(normaliseEmail(email), contact);
    for (const phone of contact.phones) {
      const key = normalisePhone(phone);
      if (key.length >= 8) push(this.byPhone, key, contact);
    }
    push(this.byName, normaliseName(contact.name), contact);
  }

  /** A UID's contact, following merges to the survivor. */
  contactForUid(id: string): ExistingContact | undefined {
    let current = id;
    for (let hops = 0; hops < 20; hops++) {
      const live = this.byId.get(current);
      if (live) return live;
      const next = this.mergedInto.get(current);
      if (!next) return undefined;
      current = next;
    }
    return undefined;
  }

  findKommune(text: string): { id: string; navn: string } | undefined {
    for (const key of kommuneKeys(text)) {
      const found = this.kommuner.get(key);
      if (found) return found;
    }
    return undefined;
  }

  resolveRole(role: RoleCandidate, notes: string[]): ResolvedRole | null {
    const organisationText = role.organisation.trim();
    const kommuneText = role.kommune.trim();
    const title = role.title.trim().slice(0, 200) || defaultTitle;
    let organisation: { id: string; name: string; kind: OrganisationKind } | null = null;
    let kommune: { id: string; navn: string } | null = null;
    if (organisationText) {
      const matches = this.organisations.get(normaliseName(organisationText)) ?? [];
      if (matches.length === 1) organisation = matches[0] ?? null;
      else if (matches.length > 1) notes.push(`Flere organisationer hedder «${organisationText}» – rollen er ikke oprettet.`);
      else {
        const named = /kommune$/i.test(organisationText) ? this.findKommune(organisationText) : undefined;
        if (named) kommune = named;
        else {
          // The kommune column then says where the unknown organisation is, not that the person works for the kommune.
          notes.push(`Ukendt organisation «${organisationText}» – rollen er ikke oprettet (opret organisationen først).`);
          return null;
        }
      }
      if (!organisation && !kommune) return null;
    }
    if (kommuneText) {
      const found = this.findKommune(kommuneText);
      if (found) kommune = found;
      else notes.push(`Ukendt kommune «${kommuneText}».`);
    }
    if (!organisation && !kommune) return null;
    const where = organisation ? organisation.name : `${kommune?.navn ?? ''} Kommune`;
    return {
      organisationId: organisation?.id ?? null,
      kommuneId: kommune?.id ?? null,
      title,
      kind: affiliationKind(organisation?.kind ?? null, title),
      label: `${title}, ${where}`,
    };
  }
}

/** Whether the contact already has a current role at the role's organisation (or, kommune-only, at that kommune). */
function hasRole(contact: ExistingContact, role: ResolvedRole): ExistingContact['roles'][number] | undefined {
  return contact.roles.find((r) => (role.organisationId ? r.organisationId === role.organisationId : r.organisationId === null && r.kommuneId === role.kommuneId));
}

interface Validated {
  readonly name: string;
  readonly emails: string[];
  readonly phones: string[];
  readonly notes: string;
  readonly problems: string[];
  readonly remarks: string[];
}

function validate(candidate: ImportCandidate): Validated {
  const problems = [...(candidate.problems ?? [])];
  const remarks: string[] = [];
  const name = candidate.name.replace(/\s+/g, ' ').trim();
  if (!name) problems.push('Mangler navn.');
  else if (name.length > 200) problems.push('Navnet er for langt (over 200 tegn).');
  const emails: string[] = [];
  for (const raw of candidate.emails) {
    const parsed = emailSchema.safeParse(raw);
    if (!parsed.success) problems.push(`Ugyldig e-mail «${raw.trim()}».`);
    else if (!emails.includes(parsed.data)) emails.push(parsed.data);
  }
  if (emails.length > maxList) problems.push(`For mange e-mails (${emails.length}, højst ${maxList}).`);
  const phones: string[] = [];
  for (const raw of candidate.phones) {
    const parsed = phoneSchema.safeParse(raw);
    if (!parsed.success) remarks.push(`Telefonnummeret «${raw.trim()}» er ikke gyldigt og springes over.`);
    else if (!phones.some((p) => normalisePhone(p) === normalisePhone(parsed.data))) phones.push(parsed.data);
  }
  if (phones.length > maxList) {
    remarks.push(`Kun de første ${maxList} telefonnumre importeres.`);
    phones.length = maxList;
  }
  const notes = candidate.notes.replace(/\r\n?/g, '\n').trim();
  if (notes.length > 20000) problems.push('Noterne er for lange (over 20.000 tegn).');
  return { name, emails, phones, notes, problems, remarks };
}

/**
 * Judges every candidate against the database (read-only). `forceNew` lists
 * row numbers of possible duplicates to create anyway.
 */
export async function planImport(db: Kysely<Database>, candidates: readonly ImportCandidate[], forceNew: readonly number[] = [], today = todayInDenmark()): Promise<ImportPlan> {
  const context = await Context.load(db, today);
  const forced = new Set(forceNew);
  const emailRows = new Map<string, number>();
  const fileContacts = { byPhone: new Map<string, number>(), byName: new Map<string, number>(), byNameOrganisation: new Map<string, number>() };
  const rows: PlannedRow[] = [];

  for (const candidate of candidates) {
    const v = validate(candidate);
    const notes = [...v.remarks];
    const roles = v.problems.length ? [] : candidate.roles.map((r) => context.resolveRole(r, notes)).filter((r): r is ResolvedRole => r !== null);
    const base = { rowNumber: candidate.rowNumber, name: v.name, emails: v.emails, phones: v.phones, role: roles[0]?.label ?? null, notes };
    const reject = (reasons: string[]): PlannedRow => ({ ...base, outcome: 'rejected', match: null, reasons, notes: [], action: { kind: 'none' } });

    if (v.problems.length) {
      rows.push(reject(v.problems));
      continue;
    }
    const repeated = v.emails.map((e) => emailRows.get(normaliseEmail(e))).find((r) => r !== undefined);
    if (repeated !== undefined) {
      rows.push(reject([`Samme e-mail som række ${repeated}.`]));
      continue;
    }
    for (const email of v.emails) emailRows.set(normaliseEmail(email), candidate.rowNumber);

    if (candidate.contactId && context.erased.has(candidate.contactId)) {
      // An old export must not bring back a person erased under GDPR ("Slet person").
      rows.push(reject(['Personen er slettet efter GDPR og importeres ikke igen.']));
      continue;
    }
    const byUid = candidate.contactId ? context.contactForUid(candidate.contactId) : undefined;
    const existing = byUid ?? v.emails.map((e) => context.byEmail.get(normaliseEmail(e))).find((c) => c !== undefined);
    if (existing) {
      rows.push(planUpdate(existing, v, roles, byUid !== undefined, base));
      continue;
    }

    const duplicate = findDuplicate(context, fileContacts, v, roles);
    if (duplicate && !forced.has(candidate.rowNumber)) {
      rows.push({ ...base, outcome: 'duplicate', match: duplicate.match, reasons: [duplicate.reason], action: { kind: 'none' } });
      continue;
    }
    for (const phone of v.phones) if (normalisePhone(phone).length >= 8) fileContacts.byPhone.set(normalisePhone(phone), candidate.rowNumber);
    fileContacts.byName.set(normaliseName(v.name), candidate.rowNumber);
    for (const role of roles) if (role.organisationId) fileContacts.byNameOrganisation.set(`${normaliseName(v.name)}|${role.organisationId}`, candidate.rowNumber);
    rows.push({
      ...base,
      outcome: 'new',
      match: null,
      reasons: duplicate ? [`${duplicate.reason} Oprettes alligevel.`] : [],
      action: { kind: 'create', name: v.name, emails: v.emails, phones: v.phones, notes: v.notes, roles: uniqueRoles(roles) },
    });
  }
  const counts: ImportCounts = { new: 0, updated: 0, unchanged: 0, duplicate: 0, rejected: 0 };
  for (const row of rows) counts[row.outcome]++;
  return { rows, counts };
}

function uniqueRoles(roles: readonly ResolvedRole[]): ResolvedRole[] {
  const seen = new Set<string>();
  return roles.filter((r) => {
    const key = r.organisationId ? `o:${r.organisationId}` : `k:${r.kommuneId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function planUpdate(existing: ExistingContact, v: Validated, roles: readonly ResolvedRole[], byUid: boolean, base: Omit<ImportRow, 'outcome' | 'match' | 'reasons'>): PlannedRow {
  const changes: string[] = [];
  const notes = [...base.notes];
  const action: { kind: 'update'; id: string; name?: string; emails?: string[]; phones?: string[]; notes?: string; roles: ResolvedRole[] } = { kind: 'update', id: existing.id, roles: [] };
  if (byUid && v.name !== existing.name) {
    action.name = v.name;
    changes.push(`Navn: ${existing.name} → ${v.name}`);
  }
  const knownEmails = new Set(existing.emails.map(normaliseEmail));
  const addedEmails = v.emails.filter((e) => !knownEmails.has(normaliseEmail(e)));
  if (addedEmails.length) {
    const emails = [...existing.emails, ...addedEmails];
    if (emails.length > maxList) notes.push(`Kontakten har allerede mange e-mails; kun de første ${maxList} gemmes.`);
    action.emails = emails.slice(0, maxList);
    changes.push(...addedEmails.map((e) => `Ny e-mail: ${e}`));
  }
  const knownPhones = new Set(existing.phones.map(normalisePhone));
  const addedPhones = v.phones.filter((p) => !knownPhones.has(normalisePhone(p)));
  if (addedPhones.length) {
    const phones = [...existing.phones, ...addedPhones];
    if (phones.length > maxList) notes.push(`Kontakten har allerede mange telefonnumre; kun de første ${maxList} gemmes.`);
    action.phones = phones.slice(0, maxList);
    changes.push(...addedPhones.map((p) => `Nyt telefonnummer: ${p}`));
  }
  if (v.notes && !existing.notes.replace(/\r\n?/g, '\n').includes(v.notes)) {
    const combined = existing.notes.trim() ? `${existing.notes.trim()}\n\n${v.notes}` : v.notes;
    if (combined.length <= 20000) {
      action.notes = combined;
      changes.push('Noter tilføjet');
    } else notes.push('Noterne er ikke tilføjet: kontaktens noter ville blive over 20.000 tegn.');
  }
  for (const role of uniqueRoles(roles)) {
    const current = hasRole(existing, role);
    if (!current) {
      action.roles.push(role);
      changes.push(`Ny rolle: ${role.label}`);
    } else if (foldDanish(current.title) !== foldDanish(role.title)) notes.push(`Har allerede rollen «${current.label}»; titlen «${role.title}» fra filen er ikke gemt.`);
  }
  const changed = changes.length > 0;
  return { ...base, notes, outcome: changed ? 'updated' : 'unchanged', match: { id: existing.id, name: existing.name }, reasons: changes, action: changed ? action : { kind: 'none' } };
}

function findDuplicate(
  context: Context,
  file: { byPhone: Map<string, number>; byName: Map<string, number>; byNameOrganisation: Map<string, number> },
  v: Validated,
  roles: readonly ResolvedRole[],
): { reason: string; match: { id: string; name: string } | null } | null {
  const name = normaliseName(v.name);
  for (const phone of v.phones) {
    const key = normalisePhone(phone);
    if (key.length < 8) continue;
    const other = context.byPhone.get(key)?.[0];
    if (other) return { reason: `Samme telefonnummer som ${other.name}.`, match: { id: other.id, name: other.name } };
    const row = file.byPhone.get(key);
    if (row !== undefined) return { reason: `Samme telefonnummer som række ${row}.`, match: null };
  }
  for (const role of roles) {
    if (!role.organisationId) continue;
    const other = (context.byName.get(name) ?? []).find((c) => c.roles.some((r) => r.organisationId === role.organisationId));
    if (other) return { reason: `Samme navn og organisation som ${other.name}.`, match: { id: other.id, name: other.name } };
    const row = file.byNameOrganisation.get(`${name}|${role.organisationId}`);
    if (row !== undefined) return { reason: `Samme navn og organisation som række ${row}.`, match: null };
  }
  if (v.emails.length === 0) {
    const other = context.byName.get(name)?.[0];
    if (other) return { reason: `Samme navn som ${other.name} (og ingen e-mail at skelne på).`, match: { id: other.id, name: other.name } };
    const row = file.byName.get(name);
    if (row !== undefined) return { reason: `Samme navn som række ${row} (og ingen e-mail at skelne på).`, match: null };
  }
  return null;
}

/** Applies a plan made inside the same transaction; returns how many contacts were created and updated. */
export async function applyPlan(trx: Transaction<Database>, plan: ImportPlan): Promise<{ created: number; updated: number }> {
  let created = 0;
  let updated = 0;
  for (const row of plan.rows) {
    const action = row.action;
    if (action.kind === 'none') continue;
    let contactId: string;
    if (action.kind === 'create') {
      contactId = await createRow(trx, 'contact', { name: action.name, emails: JSON.stringify(action.emails), phones: JSON.stringify(action.phones), notes: action.notes });
      created++;
    } else {
      contactId = action.id;
      await updateRow(trx, 'contact', action.id, {
        name: action.name,
        emails: action.emails ? JSON.stringify(action.emails) : undefined,
        phones: action.phones ? JSON.stringify(action.phones) : undefined,
        notes: action.notes,
      });
      updated++;
    }
    for (const role of action.roles) {
      await createRow(trx, 'affiliation', {
        contact_id: contactId,
        organisation_id: role.organisationId,
        kommune_id: role.kommuneId,
        title: role.title,
        kind: role.kind,
        from_date: null,
        to_date: null,
      });
    }
  }
  return { created, updated };
}

/** The preview rows without the internal actions. */
export function publicRows(plan: ImportPlan): ImportRow[] {
  return plan.rows.map(({ action: _action, ...row }) => row);
}
