import type { Kysely } from 'kysely';
import type { AffiliationKind, OrganisationKind } from '../../common/domain';
import { emailSchema, phoneSchema } from '../../common/domain';
import type { ImportCounts, ImportRow, OrganisationToCreate, UnknownOrganisation } from '../../common/contact-files/contact-files.domain';
import { namesAlike, normaliseEmail, normaliseName, normalisePhone } from '../../common/duplicates';
import { foldDanish } from '../../common/text-fold';
import { selectAffiliations, todayInDenmark } from '../contacts/affiliations.query';
import { describeRole } from '../contacts/contacts.repository';
import type { Database } from '../schema';
import { parseStringList } from '../row';
import { mergeChain } from '../sync/merge-chain';


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
 * - Possible duplicates (skipped unless the user asks for them): the same
 *   name and the same phone number, the same name and organisation, the same
 *   name without an e-mail to tell them apart, or an e-mail an earlier row of
 *   the file already has.
 * - A shared phone number alone is no duplicate: colleagues share a
 *   switchboard. Different names on one number are different people and are
 *   imported; names that nearly agree ("Søren Æbelø" / "Søren Æbeløe") are
 *   imported too, with a note, and the pair appears under Mulige dubletter.
 *   No person is dropped on a guess.
 * - Only a row without a name is rejected (or a name or notes beyond what a
 *   contact can hold). An invalid e-mail or number drops only that value, with a note.
 * - Organisations are matched by name; an unknown one is listed once per name
 *   (however many rows name it) and created only if the user asks for it
 *   (name, kind, kommune), in the import's transaction. Otherwise the role is
 *   left out with a note ("Køge Kommune" is recognised as the kommune).
 * - A reason or note never quotes more than a short piece of the file.
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
  /** Problems found while reading the row: the row is rejected with these. */
  readonly problems?: readonly string[];
}

interface ResolvedRole {
  readonly organisationId: string | null;
  /** Set when the role's organisation is one the import creates (normalised name): organisationId is then a placeholder. */
  readonly pendingOrganisation: string | null;
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
  /** Unknown organisations named in the file, once per name, in the order the file names them. */
  readonly unknownOrganisations: readonly UnknownOrganisation[];
  /** Organisations the import creates, by normalised name. */
  readonly organisationsToCreate: ReadonlyMap<string, OrganisationToCreate>;
}

export interface PlanOptions {
  /** Row numbers of possible duplicates to create anyway. */
  readonly forceNew?: readonly number[];
  /** Unknown organisations to create, matched to the file's names by normaliseName. */
  readonly createOrganisations?: readonly OrganisationToCreate[];
  readonly today?: string;
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
const maxNotes = 20_000;
const defaultTitle = 'Kontaktperson';
const politicalTitle = /borgmester|radmand|byrad|kommunalbestyrelse|udvalgsformand|politiker|regionsrad/;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A short, single-line piece of the file for a note: control characters removed, at most 60 characters. */
export function quote(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return `«${clean.length > 60 ? `${clean.slice(0, 59)}…` : clean}»`;
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

/**
 * Who holds one phone number: by normalised name (the same name on the
 * number is a duplicate, found at once however many share it), and the first
 * few holders to compare nearly equal names with. A number many people share
 * is a switchboard; comparing every newcomer with every holder would make a
 * 20,000-row file quadratic.
 */
class NumberHolders<T extends { readonly name: string }> {
  static readonly compared = 10;
  readonly byName = new Map<string, T>();
  readonly first: T[] = [];

  add(holder: T): void {
    const key = normaliseName(holder.name);
    if (!this.byName.has(key)) this.byName.set(key, holder);
    if (this.first.length < NumberHolders.compared) this.first.push(holder);
  }
}

function holdersOf<T extends { readonly name: string }>(map: Map<string, NumberHolders<T>>, key: string): NumberHolders<T> {
  let holders = map.get(key);
  if (!holders) map.set(key, (holders = new NumberHolders<T>()));
  return holders;
}

/** An unknown organisation as the rows name it: first spelling, rows, and how often each kommune appears beside it. */
interface UnknownTally {
  readonly name: string;
  readonly rows: number[];
  readonly kommuneVotes: Map<string, number>;
}

class Context {
  readonly byId = new Map<string, ExistingContact>();
  readonly byEmail = new Map<string, ExistingContact>();
  readonly byPhone = new Map<string, NumberHolders<ExistingContact>>();
  readonly byName = new Map<string, ExistingContact[]>();
  readonly organisations = new Map<string, { id: string; name: string; kind: OrganisationKind }[]>();
  readonly kommuner = new Map<string, { id: string; navn: string }>();
  readonly mergedInto = new Map<string, string>();
  readonly erased = new Set<string>();
  readonly unknown = new Map<string, UnknownTally>();
  /** Normalised name → what to create, for names the file really has and the database does not. */
  toCreate = new Map<string, OrganisationToCreate>();

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
      const contact: ExistingContact = { id: row.id, name: row.name, emails: parseStringList(row.emails), phones: parseStringList(row.phones), notes: row.notes, roles: rolesByContact.get(row.id) ?? [] };
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
      if (key.length >= 8) holdersOf(this.byPhone, key).add(contact);
    }
    push(this.byName, normaliseName(contact.name), contact);
  }

  /** A UID's contact, following merges to the survivor. */
  contactForUid(id: string): ExistingContact | undefined {
    for (const current of mergeChain(id, (loser) => this.mergedInto.get(loser))) {
      const live = this.byId.get(current);
      if (live) return live;
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

  /** The organisation a row names, if the database knows it (exactly one) or the file names a kommune by it. */
  private knownOrganisation(text: string): { id: string; name: string; kind: OrganisationKind } | 'ambiguous' | null {
    const matches = this.organisations.get(normaliseName(text)) ?? [];
    if (matches.length > 1) return 'ambiguous';
    return matches[0] ?? null;
  }

  /**
   * Before planning the rows: every unknown organisation the file names,
   * tallied once per name, and which of them the import is to create (a
   * request for a name the file does not have, or that exists, is ignored).
   */
  tallyUnknown(candidates: readonly ImportCandidate[], requested: readonly OrganisationToCreate[]): void {
    for (const candidate of candidates) {
      for (const role of candidate.roles) {
        const text = role.organisation.trim();
        if (!text || this.knownOrganisation(text) !== null) continue;
        if (/kommune$/i.test(text) && this.findKommune(text)) continue;
        const key = normaliseName(text);
        if (!key) continue;
        let tally = this.unknown.get(key);
        if (!tally) this.unknown.set(key, (tally = { name: text.slice(0, 200), rows: [], kommuneVotes: new Map() }));
        // Candidates come in row order: a row that names it twice is counted once.
        if (tally.rows[tally.rows.length - 1] !== candidate.rowNumber) tally.rows.push(candidate.rowNumber);
        const kommune = role.kommune.trim() ? this.findKommune(role.kommune.trim()) : undefined;
        if (kommune) tally.kommuneVotes.set(kommune.id, (tally.kommuneVotes.get(kommune.id) ?? 0) + 1);
      }
    }
    this.toCreate = new Map();
    for (const request of requested) {
      const key = normaliseName(request.name);
      if (this.unknown.has(key) && !this.toCreate.has(key)) this.toCreate.set(key, request);
    }
  }

  unknownOrganisations(): UnknownOrganisation[] {
    return [...this.unknown.entries()].map(([key, tally]) => {
      const [suggested] = [...tally.kommuneVotes.entries()].sort((a, b) => b[1] - a[1]);
      return { name: tally.name, rows: tally.rows, suggestedKommuneId: suggested?.[0] ?? null, willCreate: this.toCreate.has(key) };
    });
  }

  resolveRole(role: RoleCandidate, notes: string[]): ResolvedRole | null {
    const organisationText = role.organisation.trim();
    const kommuneText = role.kommune.trim();
    const title = role.title.trim().slice(0, 200) || defaultTitle;
    let organisation: { id: string | null; pending: string | null; name: string; kind: OrganisationKind } | null = null;
    let kommune: { id: string; navn: string } | null = null;
    if (organisationText) {
      const known = this.knownOrganisation(organisationText);
      if (known === 'ambiguous') {
        notes.push(`Flere organisationer hedder ${quote(organisationText)} – rollen er ikke oprettet.`);
        return null;
      }
      if (known) organisation = { id: known.id, pending: null, name: known.name, kind: known.kind };
      else {
        const named = /kommune$/i.test(organisationText) ? this.findKommune(organisationText) : undefined;
        const key = normaliseName(organisationText);
        const create = this.toCreate.get(key);
        if (named) kommune = named;
        else if (create) organisation = { id: null, pending: key, name: create.name, kind: create.kind };
        else {
          // The kommune column then says where the unknown organisation is, not that the person works for the kommune.
          notes.push(`Ukendt organisation ${quote(organisationText)} – rollen er ikke oprettet (opret organisationen først).`);
          return null;
        }
      }
    }
    if (kommuneText) {
      const found = this.findKommune(kommuneText);
      if (found) kommune = found;
      else notes.push(`Ukendt kommune ${quote(kommuneText)}.`);
    }
    if (!organisation && !kommune) return null;
    const where = organisation ? organisation.name : `${kommune?.navn ?? ''} Kommune`;
    return {
      organisationId: organisation?.id ?? null,
      pendingOrganisation: organisation?.pending ?? null,
      kommuneId: kommune?.id ?? null,
      title,
      kind: affiliationKind(organisation?.kind ?? null, title),
      label: `${title}, ${where}`,
    };
  }
}

/** The role's place: an organisation (existing or to be created) or, without one, a kommune. */
const placeKey = (role: ResolvedRole) => (role.pendingOrganisation ? `p:${role.pendingOrganisation}` : role.organisationId ? `o:${role.organisationId}` : `k:${role.kommuneId ?? ''}`);

/** Whether the contact already has a current role at the role's organisation (or, kommune-only, at that kommune). */
function hasRole(contact: ExistingContact, role: ResolvedRole): ExistingContact['roles'][number] | undefined {
  if (role.pendingOrganisation) return undefined;
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
    if (!parsed.success) remarks.push(`E-mailen ${quote(raw)} er ugyldig og importeres ikke.`);
    else if (!emails.some((e) => normaliseEmail(e) === normaliseEmail(parsed.data))) emails.push(parsed.data);
  }
  if (emails.length > maxList) {
    remarks.push(`Kun de første ${maxList} e-mails importeres.`);
    emails.length = maxList;
  }
  const phones: string[] = [];
  for (const raw of candidate.phones) {
    const parsed = phoneSchema.safeParse(raw);
    if (!parsed.success) remarks.push(`Telefonnummeret ${quote(raw)} er ikke gyldigt og springes over.`);
    else if (!phones.some((p) => normalisePhone(p) === normalisePhone(parsed.data))) phones.push(parsed.data);
  }
  if (phones.length > maxList) {
    remarks.push(`Kun de første ${maxList} telefonnumre importeres.`);
    phones.length = maxList;
  }
  let notes = candidate.notes.replace(/\r\n?/g, '\n').trim();
  if (notes.length > maxNotes) {
    remarks.push('Noterne er over 20.000 tegn og er ikke importeret.');
    notes = '';
  }
  return { name, emails, phones, notes, problems, remarks };
}

/**
 * Judges every candidate against the database (read-only).
 */
export async function planImport(db: Kysely<Database>, candidates: readonly ImportCandidate[], options: PlanOptions = {}): Promise<ImportPlan> {
  const context = await Context.load(db, options.today ?? todayInDenmark());
  context.tallyUnknown(candidates, options.createOrganisations ?? []);
  const forced = new Set(options.forceNew ?? []);
  const emailRows = new Map<string, number>();
  const file: FileContacts = { byPhone: new Map(), byName: new Map(), byNameOrganisation: new Map() };
  const rows: PlannedRow[] = [];

  for (const candidate of candidates) {
    const v = validate(candidate);
    const notes = [...v.remarks];
    const roles = v.problems.length ? [] : candidate.roles.map((r) => context.resolveRole(r, notes)).filter((r): r is ResolvedRole => r !== null);
    const base = { rowNumber: candidate.rowNumber, name: v.name, emails: v.emails, phones: v.phones, role: roles[0]?.label ?? null, notes };

    if (v.problems.length) {
      rows.push({ ...base, outcome: 'rejected', match: null, reasons: v.problems, notes: [], action: { kind: 'none' } });
      continue;
    }
    if (candidate.contactId && context.erased.has(candidate.contactId)) {
      // An old export must not bring back a person erased under GDPR ("Slet person").
      rows.push({ ...base, outcome: 'rejected', match: null, reasons: ['Personen er slettet efter GDPR og importeres ikke igen.'], notes: [], action: { kind: 'none' } });
      continue;
    }
    const repeated = v.emails.map((e) => emailRows.get(normaliseEmail(e))).find((r) => r !== undefined);
    if (repeated !== undefined && !forced.has(candidate.rowNumber)) {
      rows.push({ ...base, outcome: 'duplicate', match: null, reasons: [`Samme e-mail som række ${repeated}.`], action: { kind: 'none' } });
      continue;
    }
    for (const email of v.emails) if (!emailRows.has(normaliseEmail(email))) emailRows.set(normaliseEmail(email), candidate.rowNumber);

    const byUid = candidate.contactId ? context.contactForUid(candidate.contactId) : undefined;
    const existing = byUid ?? (repeated === undefined ? v.emails.map((e) => context.byEmail.get(normaliseEmail(e))).find((c) => c !== undefined) : undefined);
    if (existing) {
      rows.push(planUpdate(existing, v, roles, byUid !== undefined, base));
      continue;
    }

    const judged = findDuplicate(context, file, v, roles);
    if (judged?.certain && !forced.has(candidate.rowNumber)) {
      rows.push({ ...base, outcome: 'duplicate', match: judged.match, reasons: [judged.reason], action: { kind: 'none' } });
      continue;
    }
    for (const phone of v.phones) if (normalisePhone(phone).length >= 8) holdersOf(file.byPhone, normalisePhone(phone)).add({ row: candidate.rowNumber, name: v.name });
    file.byName.set(normaliseName(v.name), candidate.rowNumber);
    for (const role of roles) if (role.organisationId || role.pendingOrganisation) file.byNameOrganisation.set(`${normaliseName(v.name)}|${placeKey(role)}`, candidate.rowNumber);
    const reasons = judged ? [judged.certain ? `${judged.reason} Oprettes alligevel.` : judged.reason] : [];
    rows.push({
      ...base,
      outcome: 'new',
      match: judged?.match ?? null,
      reasons,
      action: { kind: 'create', name: v.name, emails: v.emails, phones: v.phones, notes: v.notes, roles: uniqueRoles(roles) },
    });
  }
  const counts: ImportCounts = { new: 0, updated: 0, unchanged: 0, duplicate: 0, rejected: 0 };
  for (const row of rows) counts[row.outcome]++;
  return { rows, counts, unknownOrganisations: context.unknownOrganisations(), organisationsToCreate: context.toCreate };
}

function uniqueRoles(roles: readonly ResolvedRole[]): ResolvedRole[] {
  const seen = new Set<string>();
  return roles.filter((r) => {
    const key = placeKey(r);
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
    if (combined.length <= maxNotes) {
      action.notes = combined;
      changes.push('Noter tilføjet');
    } else notes.push('Noterne er ikke tilføjet: kontaktens noter ville blive over 20.000 tegn.');
  }
  for (const role of uniqueRoles(roles)) {
    const current = hasRole(existing, role);
    if (!current) {
      action.roles.push(role);
      changes.push(`Ny rolle: ${role.label}`);
    } else if (foldDanish(current.title) !== foldDanish(role.title)) notes.push(`Har allerede rollen «${current.label}»; titlen ${quote(role.title)} fra filen er ikke gemt.`);
  }
  const changed = changes.length > 0;
  return { ...base, notes, outcome: changed ? 'updated' : 'unchanged', match: { id: existing.id, name: existing.name }, reasons: changes, action: changed ? action : { kind: 'none' } };
}

interface FileContacts {
  readonly byPhone: Map<string, NumberHolders<{ readonly row: number; readonly name: string }>>;
  readonly byName: Map<string, number>;
  readonly byNameOrganisation: Map<string, number>;
}

/**
 * A possible duplicate: `certain` ones (same name and number, same name and
 * organisation, same name and no e-mail) are skipped unless forced; the
 * uncertain one (same number, a name that nearly agrees) is imported with the
 * reason as a note. A number alone, under another name, is nothing.
 */
function findDuplicate(context: Context, file: FileContacts, v: Validated, roles: readonly ResolvedRole[]): { reason: string; match: { id: string; name: string } | null; certain: boolean } | null {
  const name = normaliseName(v.name);
  let alike: { reason: string; match: { id: string; name: string } | null; certain: boolean } | null = null;
  for (const phone of v.phones) {
    const key = normalisePhone(phone);
    if (key.length < 8) continue;
    const known = context.byPhone.get(key);
    const same = known?.byName.get(name);
    if (same) return { reason: `Samme navn og telefonnummer som ${same.name}.`, match: { id: same.id, name: same.name }, certain: true };
    const earlier = file.byPhone.get(key);
    const sameRow = earlier?.byName.get(name);
    if (sameRow) return { reason: `Samme navn og telefonnummer som række ${sameRow.row}.`, match: null, certain: true };
    const other: ExistingContact | undefined = alike ? undefined : known?.first.find((c) => namesAlike(c.name, v.name));
    if (other) alike = { reason: `Ligner ${other.name} (samme telefonnummer) – parret vises under Mulige dubletter.`, match: { id: other.id, name: other.name }, certain: false };
    const otherRow: { readonly row: number; readonly name: string } | undefined = alike ? undefined : earlier?.first.find((r) => namesAlike(r.name, v.name));
    if (otherRow) alike = { reason: `Ligner række ${otherRow.row} (samme telefonnummer) – parret vises under Mulige dubletter.`, match: null, certain: false };
  }
  for (const role of roles) {
    if (!role.organisationId && !role.pendingOrganisation) continue;
    const other = role.organisationId ? (context.byName.get(name) ?? []).find((c) => c.roles.some((r) => r.organisationId === role.organisationId)) : undefined;
    if (other) return { reason: `Samme navn og organisation som ${other.name}.`, match: { id: other.id, name: other.name }, certain: true };
    const row = file.byNameOrganisation.get(`${name}|${placeKey(role)}`);
    if (row !== undefined) return { reason: `Samme navn og organisation som række ${row}.`, match: null, certain: true };
  }
  if (v.emails.length === 0) {
    const other = context.byName.get(name)?.[0];
    if (other) return { reason: `Samme navn som ${other.name} (og ingen e-mail at skelne på).`, match: { id: other.id, name: other.name }, certain: true };
    const row = file.byName.get(name);
    if (row !== undefined) return { reason: `Samme navn som række ${row} (og ingen e-mail at skelne på).`, match: null, certain: true };
  }
  return alike;
}

/** The preview rows without the internal actions. */
export function publicRows(plan: ImportPlan): ImportRow[] {
  return plan.rows.map(({ action: _action, ...row }) => row);
}
