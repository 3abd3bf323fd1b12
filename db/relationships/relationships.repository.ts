import { sql, type Kysely } from 'kysely';
import { latestElection } from '../../common/dashboard.domain';
import type { KeyPerson, KeyRole, OverduePerson, RelationshipHealth } from '../../common/relationships.domain';
import { compareDanish } from '../../common/text-fold';
import { compareIsoTimes } from '../../common/time';
import { todayInDenmark } from '../contacts/affiliations.query';
import type { Database } from '../schema';
import { currentRoleSql, intervalFor, isOverdue, keyRoleOf, keyRoleOrder, keyRoleSql, monthsBefore } from './key-roles';
import { kommuneLastContactSql, lastContactSql } from './last-contact';

/**
 * Relationship health (issue 16): the key people of a kommune or
 * organisation with "sidst i kontakt", and — for Overblik and the CLI — the
 * people and kommuner in mine kredse who are overdue for contact, and after a
 * kommunalvalg the new council's key roles nobody has met yet.
 */

type Db = Kysely<Database>;

interface RoleRow {
  id: string;
  contact_id: string;
  contact_name: string;
  title: string;
  kind: KeyPerson['kind'];
  kommune_id: string | null;
  kommune_navn: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
  from_date: string | null;
  role_keep: number | null;
  person_keep: number | null;
  last: string | null;
}

/** A role as read, with its key role classified (keyRoleOf: cheaper than the SQL's LIKEs in the select list). */
type ClassifiedRow = RoleRow & { readonly key_role: KeyRole | null };
const classified = <R extends RoleRow>(r: R): R & { readonly key_role: KeyRole | null } => ({ ...r, key_role: keyRoleOf(r) });

/** Where a role is held: its organisation if it has one, else its kommune. */
function placeOf(r: RoleRow): KeyPerson['place'] {
  if (r.organisation_id && r.organisation_name !== null) return { kind: 'organisation', id: r.organisation_id, name: r.organisation_name };
  return { kind: 'kommune', id: r.kommune_id ?? '', name: r.kommune_navn ?? '' };
}

/** Live current roles of live contacts, with key role, interval columns and last contact; `where` narrows them (alias a). */
function currentRoles(db: Db, now: Date, today: string) {
  return db
    .selectFrom('affiliation as a')
    .innerJoin('contact as c', 'c.id', 'a.contact_id')
    .leftJoin('kommune as k', 'k.id', 'a.kommune_id')
    .leftJoin('organisation as o', (join) => join.onRef('o.id', '=', 'a.organisation_id').on('o.deleted_at', 'is', null))
    .where('a.deleted_at', 'is', null)
    .where('c.deleted_at', 'is', null)
    .where(currentRoleSql('a', today))
    .select([
      'a.id',
      'a.contact_id',
      'c.name as contact_name',
      'a.title',
      'a.kind',
      'a.kommune_id',
      'k.navn as kommune_navn',
      'a.organisation_id',
      'o.name as organisation_name',
      'a.from_date',
      'a.keep_in_touch_months as role_keep',
      'c.keep_in_touch_months as person_keep',
      lastContactSql('a.contact_id', now.toISOString(), today).as('last'),
    ]);
}

const byKeyRole = (a: KeyPerson, b: KeyPerson) =>
  keyRoleOrder.indexOf(a.keyRole) - keyRoleOrder.indexOf(b.keyRole) || compareDanish(a.place.name, b.place.name) || compareDanish(a.title, b.title) || compareDanish(a.contactName, b.contactName);

/**
 * The key people of a kommune (its own key roles and those of its
 * organisations) or of one organisation, current on `now`, each with the
 * last contact and who held the same title in the same place before.
 */
export async function keyPeople(db: Db, scope: { readonly kommuneId: string } | { readonly organisationId: string }, now = new Date()): Promise<KeyPerson[]> {
  const today = todayInDenmark(now);
  const rows = (await currentRoles(db, now, today)
    .where(keyRoleSql('a'), 'is not', null)
    .where((eb) =>
      'kommuneId' in scope
        ? eb.or([
            eb('a.kommune_id', '=', scope.kommuneId),
            eb('a.organisation_id', 'in', eb.selectFrom('organisation_kommune as ok').select('ok.organisation_id').where('ok.kommune_id', '=', scope.kommuneId).where('ok.deleted_at', 'is', null)),
          ])
        : eb('a.organisation_id', '=', scope.organisationId),
    )
    .select(
      sql<string | null>`(SELECT json_object('contactId', p.contact_id, 'contactName', pc.name, 'fromDate', p.from_date, 'toDate', p.to_date)
        FROM affiliation p JOIN contact pc ON pc.id = p.contact_id
        WHERE p.deleted_at IS NULL AND p.id != a.id AND p.contact_id != a.contact_id AND p.title = a.title
          AND p.kommune_id IS a.kommune_id AND p.organisation_id IS a.organisation_id
          AND p.to_date IS NOT NULL AND p.to_date < coalesce(a.from_date, ${today})
        ORDER BY p.to_date DESC, p.id LIMIT 1)`.as('previous'),
    )
    .execute()) as (RoleRow & { previous: string | null })[];
  return rows
    .map(classified)
    .map((r): KeyPerson => {
      const keyRole = r.key_role!;
      const intervalMonths = intervalFor(r.role_keep, r.person_keep, keyRole)!;
      return {
        roleId: r.id,
        keyRole,
        contactId: r.contact_id,
        contactName: r.contact_name,
        title: r.title,
        kind: r.kind,
        place: placeOf(r),
        fromDate: r.from_date,
        lastContact: r.last,
        intervalMonths,
        overdue: isOverdue(r.last, intervalMonths, today),
        previous: r.previous ? (JSON.parse(r.previous) as KeyPerson['previous']) : null,
      };
    })
    .sort(byKeyRole);
}

export interface HealthOptions {
  /** Kommuner in scope (mine kredse); null = all of Denmark (the CLI). */
  readonly kommuneIds: readonly string[] | null;
  /** A kommune is overdue after this many months without contact. */
  readonly months: number;
  /** At most this many overdue people (they are counted in all). */
  readonly limit: number;
  readonly now?: Date;
}

/**
 * Who is overdue for contact in scope: every current role in a kommune in
 * scope, or in an organisation linked to one, that is a key role or has a
 * "hold kontakten" interval (on the role or the person), whose holder's last
 * contact is older than the interval — never contacted first, then the
 * longest silence. A person with several such roles is listed once, by the
 * shortest interval. Also the kommuner without contact for `months`, and
 * after a kommunalvalg the new council's key roles without contact since the
 * term began.
 */
export async function relationshipHealth(db: Db, options: HealthOptions): Promise<RelationshipHealth> {
  const now = options.now ?? new Date();
  const today = todayInDenmark(now);
  const empty = options.kommuneIds !== null && options.kommuneIds.length === 0;
  const scopeIds = options.kommuneIds === null ? null : [...options.kommuneIds];
  const rows = empty ? [] : await watchedRoles(db, scopeIds, now, today);

  const people = new Map<string, OverduePerson>();
  for (const r of rows) {
    const interval = intervalFor(r.role_keep, r.person_keep, r.key_role);
    if (interval === null || !isOverdue(r.last, interval, today)) continue;
    const seen = people.get(r.contact_id);
    if (seen && seen.intervalMonths <= interval) continue;
    people.set(r.contact_id, overduePerson(r, interval));
  }
  const overdue = [...people.values()].sort(
    (a, b) => compareIsoTimes(a.lastContact, b.lastContact) || keyRank(a.keyRole) - keyRank(b.keyRole) || compareDanish(a.contactName, b.contactName),
  );

  const overdueKommuner = empty ? [] : await quietKommuner(db, scopeIds, options.months, now, today);

  const election = latestElection(today);
  const newCouncil = election
    ? {
        termStart: election.termStart,
        people: rows
          .filter((r) => (r.key_role === 'borgmester' || r.key_role === 'udvalgsformand') && r.from_date !== null && r.from_date >= election.termStart && (r.last === null || r.last < r.from_date))
          .map((r) => overduePerson(r, intervalFor(r.role_keep, r.person_keep, r.key_role)!))
          .sort((a, b) => compareDanish(a.place.name, b.place.name) || keyRank(a.keyRole) - keyRank(b.keyRole) || compareDanish(a.contactName, b.contactName)),
      }
    : null;

  return { today, overduePeople: overdue.slice(0, options.limit), overduePeopleCount: overdue.length, overdueKommuner, months: options.months, newCouncil };
}

/**
 * The watched current roles in scope (a key role, or an interval on the role
 * or the person), each once. Three statements rather than one with ORs: the
 * kommune's roles and the organisations' roles each walk their covering
 * partial index (migration 0024, which needs `deleted_at IS NULL` and the
 * watched term exactly as written here), and the few people with their own
 * interval come through contact_keep_in_touch.
 */
async function watchedRoles(db: Db, scopeIds: string[] | null, now: Date, today: string): Promise<ClassifiedRow[]> {
  const inScope = (column: 'a.kommune_id' | 'a.organisation_id') =>
    column === 'a.kommune_id'
      ? (scopeIds === null ? sql<boolean>`a.kommune_id IS NOT NULL` : sql<boolean>`a.kommune_id IN (${sql.join(scopeIds)})`)
      : scopeIds === null
        ? sql<boolean>`a.organisation_id IS NOT NULL`
        : sql<boolean>`a.organisation_id IN (SELECT ok.organisation_id FROM organisation_kommune ok WHERE ok.kommune_id IN (${sql.join(scopeIds)}) AND ok.deleted_at IS NULL)`;
  const watched = currentRoles(db, now, today).where((eb) => eb.or([eb(keyRoleSql('a'), 'is not', null), eb('a.keep_in_touch_months', 'is not', null)]));
  const [kommuneRoles, organisationRoles, personRoles] = await Promise.all([
    watched.where(inScope('a.kommune_id')).execute(),
    // Roles held in an organisation of the scope and not already counted by their kommune.
    watched.where(inScope('a.organisation_id')).where((eb) => eb.not(eb.and([eb('a.kommune_id', 'is not', null), inScope('a.kommune_id')]))).execute(),
    currentRoles(db, now, today)
      .where('a.contact_id', 'in', (eb) => eb.selectFrom('contact as kc').select('kc.id').where('kc.keep_in_touch_months', 'is not', null).where('kc.deleted_at', 'is', null))
      .where((eb) => eb.or([inScope('a.kommune_id'), inScope('a.organisation_id')]))
      .execute(),
  ]);
  const byId = new Map<string, RoleRow>();
  for (const r of [...kommuneRoles, ...organisationRoles, ...personRoles] as RoleRow[]) byId.set(r.id, r);
  return [...byId.values()].map(classified);
}

/** A current role as a person on Overblik's list (overdue, or new on the council). */
function overduePerson(r: ClassifiedRow, intervalMonths: number): OverduePerson {
  return {
    roleId: r.id,
    contactId: r.contact_id,
    contactName: r.contact_name,
    title: r.title,
    keyRole: r.key_role,
    place: placeOf(r),
    kommune: r.kommune_id && r.kommune_navn ? { id: r.kommune_id, name: r.kommune_navn } : null,
    lastContact: r.last,
    intervalMonths,
  };
}

const keyRank = (role: KeyRole | null) => (role === null ? keyRoleOrder.length : keyRoleOrder.indexOf(role));

/** Kommuner in scope whose last contact (held meeting or logged contact) is older than `months`, never first. */
async function quietKommuner(db: Db, kommuneIds: string[] | null, months: number, now: Date, today: string) {
  let query = db.selectFrom('kommune as k').select(['k.id', 'k.navn', kommuneLastContactSql('k.id', now.toISOString(), today).as('last')]).where('k.deleted_at', 'is', null);
  if (kommuneIds !== null) query = query.where('k.id', 'in', kommuneIds);
  const rows = await query.execute();
  const limit = monthsBefore(today, months);
  return rows
    .filter((r) => r.last === null || r.last < limit)
    .map((r) => ({ id: r.id, navn: r.navn, lastContact: r.last }))
    .sort((a, b) => compareIsoTimes(a.lastContact, b.lastContact) || compareDanish(a.navn, b.navn));
}
