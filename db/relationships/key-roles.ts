import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { KeyRole } from '../../common/relationships.domain';
import { addCadence, danishDate, danishInstant } from '../../common/time';

/**
 * The key roles a kredskonsulent keeps warm, recognised from a role's title
 * and place (titles are free text; these are the ones kommuner and
 * boligorganisationer use, and the demo data's), and how often to be in
 * touch when neither the role nor the person says otherwise ("hold kontakten").
 *
 * Why these defaults:
 * - borgmester every 3 months: the political head decides the kommune's line on
 *   almene boliger (anvisning, nybyggeri, helhedsplaner); the political
 *   kommunesamarbejde forum meets a few times a year, and a quarterly touch
 *   between meetings keeps the relationship warm without being a nuisance.
 * - udvalgsformænd, kommunaldirektør and direktører every 6 months: they
 *   prepare and carry out the decisions; twice a year matches the usual
 *   rhythm of the strategic and practical groups.
 * - boligorganisationernes formand and direktør/forretningsfører every 6
 *   months: the styringsdialog is at least yearly by law (almenboligloven
 *   § 164, https://www.retsinformation.dk/eli/lta/2024/1090), so once between
 *   two dialogues as well.
 */
export const defaultIntervalMonths: Readonly<Record<KeyRole, number>> = {
  borgmester: 3,
  udvalgsformand: 6,
  kommunaldirektoer: 6,
  direktoer: 6,
  formand: 6,
  boligdirektoer: 6,
};

/** Display order on the hubs: the political head first, then the administration, then the boligorganisationer. */
export const keyRoleOrder: readonly KeyRole[] = ['borgmester', 'udvalgsformand', 'kommunaldirektoer', 'direktoer', 'formand', 'boligdirektoer'];

/**
 * SQL: the key role of the affiliation aliased `alias`, or NULL. LIKE is
 * case-insensitive for ASCII letters, so "Borgmester" and "borgmester" match;
 * æ, ø and å match as written (titles are written with the lower-case letter
 * after the first). Viceborgmester and afdelingsbestyrelsesformand are not
 * key roles (the patterns are anchored at the start).
 */
export function keyRoleSql(alias: string): RawBuilder<KeyRole | null> {
  const a = (column: string) => sql.ref(`${alias}.${column}`);
  return sql<KeyRole | null>`CASE
    WHEN ${a('kommune_id')} IS NOT NULL AND ${a('title')} LIKE 'borgmester%' THEN 'borgmester'
    WHEN ${a('kommune_id')} IS NOT NULL AND (${a('title')} LIKE 'formand for %udvalg%' OR ${a('title')} LIKE 'udvalgsformand%' OR ${a('title')} LIKE 'rådmand%') THEN 'udvalgsformand'
    WHEN ${a('kommune_id')} IS NOT NULL AND ${a('title')} LIKE 'kommunaldirektør%' THEN 'kommunaldirektoer'
    WHEN ${a('kommune_id')} IS NOT NULL AND ${a('title')} LIKE 'direktør%' THEN 'direktoer'
    WHEN ${a('organisation_id')} IS NOT NULL AND (${a('title')} LIKE 'organisationsbestyrelsesformand%' OR ${a('title')} LIKE 'formand%') THEN 'formand'
    WHEN ${a('organisation_id')} IS NOT NULL AND (${a('title')} LIKE 'direktør%' OR ${a('title')} LIKE 'administrerende direktør%' OR ${a('title')} LIKE 'adm. direktør%' OR ${a('title')} LIKE 'forretningsfører%') THEN 'boligdirektoer'
  END`;
}

/**
 * The same classification as keyRoleSql, for rows already read: SQLite's LIKE
 * costs ≈ 3 µs a row over ten patterns, a third of "overdue for contact" at
 * scale 10, so the watched roles are selected through the SQL (which the
 * partial indexes of migration 0024 need) and classified here. LIKE's rules:
 * ASCII letters match either case, every other character only as written.
 * If you change one of the two, change the other: key-roles.test.ts checks
 * they agree on every title pattern and its case variants.
 */
export function keyRoleOf(role: { readonly title: string; readonly kommune_id: string | null; readonly organisation_id: string | null }): KeyRole | null {
  const title = role.title.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const starts = (...prefixes: string[]) => prefixes.some((p) => title.startsWith(p));
  if (role.kommune_id !== null) {
    if (starts('borgmester')) return 'borgmester';
    if ((title.startsWith('formand for ') && title.indexOf('udvalg', 'formand for '.length) >= 0) || starts('udvalgsformand', 'rådmand')) return 'udvalgsformand';
    if (starts('kommunaldirektør')) return 'kommunaldirektoer';
    if (starts('direktør')) return 'direktoer';
  }
  if (role.organisation_id !== null) {
    if (starts('organisationsbestyrelsesformand', 'formand')) return 'formand';
    if (starts('direktør', 'administrerende direktør', 'adm. direktør', 'forretningsfører')) return 'boligdirektoer';
  }
  return null;
}

/** SQL: whether the role aliased `alias` holds on `today` (YYYY-MM-DD; open ends count). */
export function currentRoleSql(alias: string, today: string): RawBuilder<SqlBool> {
  const a = (column: string) => sql.ref(`${alias}.${column}`);
  return sql<SqlBool>`(${a('from_date')} IS NULL OR ${a('from_date')} <= ${today}) AND (${a('to_date')} IS NULL OR ${a('to_date')} >= ${today})`;
}

/** The interval that applies: the role's own, else the person's, else the key role's default; null = not watched. */
export function intervalFor(role: number | null, person: number | null, keyRole: KeyRole | null): number | null {
  return role ?? person ?? (keyRole ? defaultIntervalMonths[keyRole] : null);
}

/** Recent answers of monthsBefore: "overdue for contact" asks the same few (day, interval) pairs for every one of a thousand roles. */
const monthsBeforeCache = new Map<string, string>();

/** YYYY-MM-DD `months` calendar months before `date` (Danish calendar; the 31st becomes the month's last day). */
export function monthsBefore(date: string, months: number): string {
  const key = `${date}|${months}`;
  let answer = monthsBeforeCache.get(key);
  if (answer === undefined) {
    answer = danishDate(addCadence(danishInstant(date, 12), 'months', -months));
    if (monthsBeforeCache.size >= 256) monthsBeforeCache.clear();
    monthsBeforeCache.set(key, answer);
  }
  return answer;
}

/** Whether the last contact (YYYY-MM-DD or null = never) is older than `months` before `today`. */
export function isOverdue(lastContact: string | null, months: number, today: string): boolean {
  return lastContact === null || lastContact < monthsBefore(today, months);
}
