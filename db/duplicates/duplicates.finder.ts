import type { Kysely } from 'kysely';
import { nameKey, nameKeysAlike, normaliseEmail, normaliseName, normalisePhone, pairKey, type DuplicateReason, type NameKey } from '../../common/duplicates';
import type { Database } from '../schema';
import type { MergeableTable } from '../sync/merge-forward';
import { parseStringList } from '../row';

/**
 * Suggests pairs of live contacts (same e-mail, same phone, or same name in
 * the same organisation) and organisations (same name) that are probably one
 * and the same, typed in on two installations. Only ever a suggestion: the
 * user merges or dismisses. Runs in memory over grouped keys, linear in the
 * number of rows.
 */
export interface DuplicatePair {
  readonly table: MergeableTable;
  readonly a: string;
  readonly b: string;
  readonly reasons: readonly DuplicateReason[];
}

const DISMISSED_KEY = 'duplicates.dismissed';

export async function dismissedPairs(db: Kysely<Database>): Promise<Set<string>> {
  const row = await db.selectFrom('local_setting').select('value').where('key', '=', DISMISSED_KEY).executeTakeFirst();
  if (!row) return new Set();
  try {
    const parsed = JSON.parse(row.value) as unknown;
    return new Set(Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : []);
  } catch {
    return new Set();
  }
}

/** "Ikke dubletter": the pair is not suggested again on this installation. */
export async function dismissPair(db: Kysely<Database>, a: string, b: string): Promise<void> {
  const dismissed = await dismissedPairs(db);
  dismissed.add(pairKey(a, b));
  const value = JSON.stringify([...dismissed].sort());
  await db.insertInto('local_setting').values({ key: DISMISSED_KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

class PairCollector {
  private readonly pairs = new Map<string, { a: string; b: string; reasons: Set<DuplicateReason> }>();
  constructor(
    private readonly dismissed: ReadonlySet<string>,
    private readonly only: ReadonlySet<string> | null,
  ) {}

  addGroups(groups: Groups, reason: DuplicateReason, accept: (a: string, b: string, groupSize: number) => boolean = () => true): void {
    for (const ids of groups.values()) {
      if (typeof ids === 'string') continue;
      // Groups are tiny (a handful of people sharing an address): all pairs is fine.
      const list = [...ids].sort();
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const [a, b] = [list[i]!, list[j]!];
          if (this.only && !this.only.has(a) && !this.only.has(b)) continue;
          if (!accept(a, b, list.length)) continue;
          const key = pairKey(a, b);
          if (this.dismissed.has(key)) continue;
          const pair = this.pairs.get(key) ?? { a, b, reasons: new Set<DuplicateReason>() };
          pair.reasons.add(reason);
          this.pairs.set(key, pair);
        }
      }
    }
  }

  result(table: MergeableTable): DuplicatePair[] {
    return [...this.pairs.values()].map((p) => ({ table, a: p.a, b: p.b, reasons: [...p.reasons].sort() }));
  }
}

/**
 * Ids per key. Most keys belong to one record: a bare id, not a collection — at scale 10 a Set per e-mail, number and
 * name of 20,000 contacts took ≈ 40 MB of the process's peak memory each time the Kontakter page asked for the count.
 */
type Groups = Map<string, string | string[]>;

function group(groups: Groups, key: string, id: string): void {
  if (!key) return;
  const ids = groups.get(key);
  if (ids === undefined) groups.set(key, id);
  else if (typeof ids === 'string') {
    if (ids !== id) groups.set(key, [ids, id]);
  } else if (!ids.includes(id)) ids.push(id);
}

/** The ids a group holds under a key. */
function idsOf(groups: Groups, key: string): readonly string[] {
  const ids = groups.get(key);
  return ids === undefined ? [] : typeof ids === 'string' ? [ids] : ids;
}

export async function findContactDuplicates(db: Kysely<Database>, only: ReadonlySet<string> | null = null): Promise<DuplicatePair[]> {
  const contacts = await db.selectFrom('contact').select(['id', 'name', 'emails', 'phones']).where('deleted_at', 'is', null).execute();
  const roles = await db
    .selectFrom('affiliation')
    .innerJoin('contact', 'contact.id', 'affiliation.contact_id')
    .select(['affiliation.contact_id', 'affiliation.organisation_id'])
    .where('affiliation.deleted_at', 'is', null)
    .where('contact.deleted_at', 'is', null)
    .where('affiliation.organisation_id', 'is not', null)
    .execute();
  const organisationsOf: Groups = new Map();
  for (const role of roles) group(organisationsOf, role.contact_id, role.organisation_id!);
  const byEmail: Groups = new Map();
  const byPhone: Groups = new Map();
  const byNameAndOrganisation: Groups = new Map();
  const mayPair = candidateFilter(contacts, organisationsOf, only);
  for (const c of contacts) {
    if (!mayPair(c)) continue;
    for (const email of parseStringList(c.emails)) group(byEmail, normaliseEmail(email), c.id);
    // Short numbers ("112", extensions) say nothing about who someone is.
    for (const phone of parseStringList(c.phones)) {
      const normalised = normalisePhone(phone);
      if (normalised.length >= 8) group(byPhone, normalised, c.id);
    }
    const name = normaliseName(c.name);
    for (const organisationId of idsOf(organisationsOf, c.id)) group(byNameAndOrganisation, `${name}\u0000${organisationId}`, c.id);
  }
  const collector = new PairCollector(await dismissedPairs(db), only);
  collector.addGroups(byEmail, 'email');
  // A shared number alone is no duplicate: colleagues share a switchboard. The pair is suggested when the names could be one
  // person typed twice, or when neither has an e-mail and only two or three people have the number (the same rule as the
  // contact import, db/contact-files/import-plan.ts).
  const byId = new Map(contacts.map((c) => [c.id, c]));
  // A switchboard's number is shared by dozens: every pair in its group is compared, so each name is folded once.
  const nameKeys = new Map<string, NameKey>();
  const keyOf = (id: string) => {
    let key = nameKeys.get(id);
    if (!key) nameKeys.set(id, (key = nameKey(byId.get(id)!.name)));
    return key;
  };
  collector.addGroups(byPhone, 'phone', (a, b, groupSize) => {
    const [x, y] = [byId.get(a)!, byId.get(b)!];
    if (nameKeysAlike(keyOf(a), keyOf(b))) return true;
    return groupSize <= 3 && parseStringList(x.emails).length === 0 && parseStringList(y.emails).length === 0;
  });
  collector.addGroups(byNameAndOrganisation, 'name_organisation');
  return collector.result('contact');
}

/**
 * Whether a contact can be in a pair with one of `only` (all contacts when it is null): a cheap superset test on the raw
 * columns, so an import that changed a few contacts does not parse and group every contact's lists (scale 10: 20,000).
 * It must let through every contact that shares a key with one of `only` — if you add a key above, add it here.
 */
function candidateFilter(
  contacts: readonly { id: string; name: string; emails: string; phones: string }[],
  organisationsOf: Groups,
  only: ReadonlySet<string> | null,
): (contact: { id: string; emails: string; phones: string }) => boolean {
  if (only === null || only.size > 1000) return () => true;
  const emails = new Set<string>();
  const phones = new Set<string>();
  const organisations = new Set<string>();
  for (const c of contacts) {
    if (!only.has(c.id)) continue;
    for (const email of parseStringList(c.emails)) {
      // Written escaped in the JSON text, the address would not be found in it: compare every contact the long way.
      if (escapedInJson(email)) return () => true;
      emails.add(normaliseEmail(email));
    }
    for (const phone of parseStringList(c.phones)) {
      const normalised = normalisePhone(phone);
      if (normalised.length >= 8) phones.add(normalised);
    }
    for (const organisationId of idsOf(organisationsOf, c.id)) organisations.add(organisationId);
  }
  return (c) => {
    if (only.has(c.id)) return true;
    if (emails.size > 0) {
      const text = c.emails.toLowerCase();
      for (const email of emails) if (text.includes(email)) return true;
    }
    if (phones.size > 0) {
      const digits = c.phones.replace(/\D/g, '');
      for (const phone of phones) if (digits.includes(phone)) return true;
    }
    for (const organisationId of idsOf(organisationsOf, c.id)) if (organisations.has(organisationId)) return true;
    return false;
  };
}

/** Whether JSON.stringify writes the text otherwise than it is: a quote, a backslash or a control character. */
function escapedInJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x22 || code === 0x5c) return true;
  }
  return false;
}

export async function findOrganisationDuplicates(db: Kysely<Database>, only: ReadonlySet<string> | null = null): Promise<DuplicatePair[]> {
  const organisations = await db.selectFrom('organisation').select(['id', 'name']).where('deleted_at', 'is', null).execute();
  const byName: Groups = new Map();
  for (const o of organisations) group(byName, normaliseName(o.name), o.id);
  const collector = new PairCollector(await dismissedPairs(db), only);
  collector.addGroups(byName, 'name');
  return collector.result('organisation');
}

/** For the import preview: how many suggested pairs involve the rows an import created or changed. */
export async function countDuplicatesAmong(db: Kysely<Database>, ids: Readonly<Record<MergeableTable, readonly string[]>>): Promise<number> {
  let count = 0;
  if (ids.contact.length > 0) count += (await findContactDuplicates(db, new Set(ids.contact))).length;
  if (ids.organisation.length > 0) count += (await findOrganisationDuplicates(db, new Set(ids.organisation))).length;
  return count;
}
