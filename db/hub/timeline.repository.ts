import { sql, type Kysely, type RawBuilder } from 'kysely';
import { timelineKinds, type TimelineCursor, type TimelineEvent, type TimelineKind, type TimelinePage, type TimelineScope } from '../../common/relationships.domain';
import { todayInDenmark } from '../contacts/affiliations.query';
import type { Database } from '../schema';

/**
 * The Tidslinje of a kommune, an organisation or a person (issue 16): every
 * meeting, decision, follow-up (made, and closed in a meeting), role change
 * (started, ended) and logged contact, newest first, filterable by kind and
 * year, paged in SQL by keyset (at, key).
 *
 * Each source is one SELECT that walks an index newest first from the
 * cursor and stops after a page (`LIMIT`), and the page is the newest
 * `limit` of their union: a page reads at most (sources × limit) rows
 * however long the history is. Dates (roles, logged contacts) stand at
 * noon UTC of their day. A follow-up is placed at the meeting it came from,
 * else when it was written on this installation (created_at); its later
 * status changes at the time the operation log records for them.
 */

type Db = Kysely<Database>;

interface Source {
  readonly kind: TimelineKind;
  /** SELECT key, at, kind, what, title, detail, href FROM … WHERE …, with the cursor's and the year's range applied. */
  readonly select: (range: Range) => RawBuilder<unknown>;
}

interface Range {
  /** Only events strictly before this cursor (at, key); null = from the newest. */
  readonly before: TimelineCursor | null;
  /** Inclusive lower and exclusive upper bound of `at` (the year filter). */
  readonly from: string | null;
  readonly to: string | null;
  readonly limit: number;
  readonly today: string;
}

const noon = (column: string) => `${column} || 'T12:00:00.000Z'`;

/**
 * The WHERE terms for a source whose order column is `at` (an indexed
 * column, or an expression over one: `indexed` gives the column's own
 * bounds so the index range still applies), and its ORDER BY / LIMIT.
 */
function window(at: string, key: string, range: Range, indexed?: { column: string; toColumn: (bound: string) => string }): { where: RawBuilder<unknown>; tail: RawBuilder<unknown> } {
  const terms: RawBuilder<unknown>[] = [];
  const atSql = sql.raw(at);
  const column = indexed ? sql.raw(indexed.column) : atSql;
  const bound = (value: string) => (indexed ? indexed.toColumn(value) : value);
  if (range.before) {
    terms.push(sql`${column} <= ${bound(range.before.at)}`);
    terms.push(sql`(${atSql} < ${range.before.at} OR (${atSql} = ${range.before.at} AND ${sql.raw(key)} < ${range.before.key}))`);
  }
  if (range.from) terms.push(sql`${column} >= ${bound(range.from)}`);
  if (range.to) terms.push(sql`${column} < ${bound(range.to)}`);
  const where = terms.length ? sql`AND ${sql.join(terms, sql` AND `)}` : sql``;
  return { where, tail: sql`ORDER BY ${atSql} DESC, ${sql.raw(key)} DESC LIMIT ${range.limit}` };
}

const dateColumn = (column: string) => ({ column, toColumn: (bound: string) => bound.slice(0, 10) });

function sourcesFor(scope: TimelineScope): Source[] {
  if ('kommuneId' in scope) return kommuneSources(scope.kommuneId);
  if ('organisationId' in scope) return organisationSources(scope.organisationId);
  return contactSources(scope.contactId);
}

/** People of a logged contact, for the detail line. */
const logPeople = `coalesce((SELECT group_concat(c.name, ', ') FROM contact_log_contact lc JOIN contact c ON c.id = lc.contact_id WHERE lc.log_id = l.id AND lc.deleted_at IS NULL), '')`;

function contactLogSource(from: string, where: RawBuilder<unknown>, indexColumn: string): Source {
  return {
    kind: 'contact_log',
    select: (range) => {
      const w = window(noon('l.date'), `'contact_log:' || l.id`, range, dateColumn(indexColumn));
      return sql`SELECT 'contact_log:' || l.id AS key, ${sql.raw(noon('l.date'))} AS at, 'contact_log' AS kind, l.kind AS what, l.note AS title, ${sql.raw(logPeople)} AS detail, '' AS href
        FROM ${sql.raw(from)} WHERE ${where} AND l.deleted_at IS NULL AND l.date <= ${range.today} ${w.where} ${w.tail}`;
    },
  };
}

/** Role changes of the roles matched by `where` (alias a): started on from_date, ended on to_date, both up to today. */
function roleSources(where: RawBuilder<unknown>): Source[] {
  const place = `coalesce(o.name, k.navn || ' Kommune', '')`;
  const one = (column: 'from_date' | 'to_date', what: string): Source => ({
    kind: 'role',
    select: (range) => {
      const w = window(noon(`a.${column}`), `'role:${what}:' || a.id`, range, dateColumn(`a.${column}`));
      return sql`SELECT 'role:${sql.raw(what)}:' || a.id AS key, ${sql.raw(noon(`a.${column}`))} AS at, 'role' AS kind, ${what} AS what, c.name AS title,
          a.title || CASE WHEN ${sql.raw(place)} = '' THEN '' ELSE ', ' || ${sql.raw(place)} END AS detail, '/kontakter/' || a.contact_id AS href
        FROM affiliation a JOIN contact c ON c.id = a.contact_id LEFT JOIN organisation o ON o.id = a.organisation_id LEFT JOIN kommune k ON k.id = a.kommune_id
        WHERE ${where} AND a.deleted_at IS NULL AND c.deleted_at IS NULL AND a.${sql.raw(column)} IS NOT NULL AND a.${sql.raw(column)} <= ${range.today} ${w.where} ${w.tail}`;
    },
  });
  return [one('from_date', 'started'), one('to_date', 'ended')];
}

const followUpColumns = (at: string) =>
  sql.raw(`'follow_up:made:' || f.id AS key, ${at} AS at, 'follow_up' AS kind, f.status AS what, f.title AS title,
    coalesce(f.due_date, '') AS detail, CASE WHEN f.source_meeting_id IS NULL THEN '/opfoelgning' ELSE '/moeder/' || f.source_meeting_id END AS href`);

/** Follow-ups matched by `where` (alias f, a few rows: a person's): made (at their source meeting, else created_at) and closed in a meeting. */
function followUpSources(where: RawBuilder<unknown>): Source[] {
  const made: Source = {
    kind: 'follow_up',
    select: (range) => {
      const at = 'coalesce(sm.starts_at, f.created_at)';
      const w = window(at, `'follow_up:made:' || f.id`, range);
      return sql`SELECT ${followUpColumns(at)}
        FROM follow_up f LEFT JOIN meeting sm ON sm.id = f.source_meeting_id WHERE ${where} AND f.deleted_at IS NULL ${w.where} ${w.tail}`;
    },
  };
  const closed: Source = {
    kind: 'follow_up',
    select: (range) => {
      const w = window('cm.starts_at', `'follow_up:closed:' || f.id`, range);
      return sql`SELECT 'follow_up:closed:' || f.id AS key, cm.starts_at AS at, 'follow_up' AS kind, 'closed' AS what, f.title AS title,
          f.status AS detail, '/moeder/' || cm.id AS href
        FROM follow_up f JOIN meeting cm ON cm.id = f.closed_in_meeting_id
        WHERE ${where} AND f.deleted_at IS NULL AND f.status IN ('udfoert', 'annulleret') ${w.where} ${w.tail}`;
    },
  };
  return [made, closed];
}

/**
 * Status changes of the follow-ups matched by `where` (alias f), read from the
 * operation log: each later operation on the status field (prev set: not the
 * first value) is a change, at its clock's wall time. A close that a meeting
 * records is shown once, as "closed" at that meeting. The log is per
 * follow-up (sync_log_row: row, field, clock), so this reads a scope's
 * follow-ups' status operations — a few per follow-up — not the whole log.
 * If you change how db/mutations.ts records a field (sync_symbol names), also change this.
 */
function followUpStatusChanges(where: RawBuilder<unknown>): Source {
  const at = `strftime('%Y-%m-%dT%H:%M:%fZ', l.wall / 1000.0, 'unixepoch')`;
  const key = `'follow_up:status:' || f.id || ':' || printf('%016d%06d', l.wall, l.counter)`;
  return {
    kind: 'follow_up',
    select: (range) => {
      const w = window(at, key, range);
      return sql`SELECT ${sql.raw(key)} AS key, ${sql.raw(at)} AS at, 'follow_up' AS kind, 'changed' AS what, f.title AS title,
          json_extract(l.value, '$') AS detail, CASE WHEN f.source_meeting_id IS NULL THEN '/opfoelgning' ELSE '/moeder/' || f.source_meeting_id END AS href
        FROM follow_up f
        JOIN sync_row r ON r.tbl = (SELECT id FROM sync_symbol WHERE name = 'follow_up') AND r.uuid = f.id
        JOIN sync_log l ON l.row = r.id AND l.field = (SELECT id FROM sync_symbol WHERE name = 'status')
        WHERE ${where} AND f.deleted_at IS NULL AND l.prev_wall IS NOT NULL
          AND NOT (f.closed_in_meeting_id IS NOT NULL AND json_extract(l.value, '$') IN ('udfoert', 'annulleret')) ${w.where} ${w.tail}`;
    },
  };
}

function kommuneSources(kommuneId: string): Source[] {
  const organisations = sql`(SELECT ok.organisation_id FROM organisation_kommune ok WHERE ok.kommune_id = ${kommuneId} AND ok.deleted_at IS NULL)`;
  return [
    {
      kind: 'meeting',
      select: (range) => {
        const w = window('m.starts_at', `'meeting:' || m.id`, range);
        return sql`SELECT 'meeting:' || m.id AS key, m.starts_at AS at, 'meeting' AS kind, m.status AS what, m.title AS title, m.place AS detail, '/moeder/' || m.id AS href
          FROM meeting m WHERE m.kommune_id = ${kommuneId} AND m.deleted_at IS NULL ${w.where} ${w.tail}`;
      },
    },
    {
      kind: 'decision',
      select: (range) => {
        const w = window('m.starts_at', `'decision:' || ai.id`, range);
        return sql`SELECT 'decision:' || ai.id AS key, m.starts_at AS at, 'decision' AS kind, '' AS what, ai.title AS title, ai.decision AS detail, '/moeder/' || m.id AS href
          FROM meeting m JOIN agenda_item ai ON ai.meeting_id = m.id
          WHERE m.kommune_id = ${kommuneId} AND m.deleted_at IS NULL AND m.status != 'aflyst' AND ai.deleted_at IS NULL AND ai.decision != '' ${w.where} ${w.tail}`;
      },
    },
    // A kommune's follow-ups (hundreds): those made in a meeting through the kommune's meetings, newest first; the others,
    // and those closed in a meeting, through their own index walks — never all of them sorted.
    {
      kind: 'follow_up',
      select: (range) => {
        const w = window('sm.starts_at', `'follow_up:made:' || f.id`, range);
        return sql`SELECT ${followUpColumns('sm.starts_at')}
          FROM meeting sm JOIN follow_up f ON f.source_meeting_id = sm.id
          WHERE sm.kommune_id = ${kommuneId} AND sm.deleted_at IS NULL AND f.kommune_id = ${kommuneId} AND f.deleted_at IS NULL ${w.where} ${w.tail}`;
      },
    },
    {
      kind: 'follow_up',
      select: (range) => {
        const w = window('f.created_at', `'follow_up:made:' || f.id`, range);
        return sql`SELECT ${followUpColumns('f.created_at')}
          FROM follow_up f WHERE f.kommune_id = ${kommuneId} AND f.deleted_at IS NULL AND f.source_meeting_id IS NULL ${w.where} ${w.tail}`;
      },
    },
    {
      kind: 'follow_up',
      select: (range) => {
        const w = window('cm.starts_at', `'follow_up:closed:' || f.id`, range);
        return sql`SELECT 'follow_up:closed:' || f.id AS key, cm.starts_at AS at, 'follow_up' AS kind, 'closed' AS what, f.title AS title, f.status AS detail, '/moeder/' || cm.id AS href
          FROM meeting cm JOIN follow_up f ON f.closed_in_meeting_id = cm.id
          WHERE cm.kommune_id = ${kommuneId} AND cm.deleted_at IS NULL AND f.kommune_id = ${kommuneId} AND f.deleted_at IS NULL AND f.status IN ('udfoert', 'annulleret') ${w.where} ${w.tail}`;
      },
    },
    followUpStatusChanges(sql`f.kommune_id = ${kommuneId}`),
    ...roleSources(sql`(a.kommune_id = ${kommuneId} OR a.organisation_id IN ${organisations})`),
    contactLogSource('contact_log l', sql`l.kommune_id = ${kommuneId}`, 'l.date'),
  ];
}

function organisationSources(organisationId: string): Source[] {
  return [
    {
      kind: 'meeting',
      select: (range) => {
        const w = window('m.starts_at', `'meeting:' || m.id`, range);
        return sql`SELECT 'meeting:' || m.id AS key, m.starts_at AS at, 'meeting' AS kind, m.status AS what, m.title AS title, m.place AS detail, '/moeder/' || m.id AS href
          FROM meeting_series_organisation so JOIN meeting m ON m.series_id = so.series_id
          WHERE so.organisation_id = ${organisationId} AND so.deleted_at IS NULL AND m.deleted_at IS NULL ${w.where} ${w.tail}`;
      },
    },
    {
      kind: 'decision',
      select: (range) => {
        const w = window('m.starts_at', `'decision:' || ai.id`, range);
        return sql`SELECT 'decision:' || ai.id AS key, m.starts_at AS at, 'decision' AS kind, '' AS what, ai.title AS title, ai.decision AS detail, '/moeder/' || m.id AS href
          FROM meeting_series_organisation so JOIN meeting m ON m.series_id = so.series_id JOIN agenda_item ai ON ai.meeting_id = m.id
          WHERE so.organisation_id = ${organisationId} AND so.deleted_at IS NULL AND m.deleted_at IS NULL AND m.status != 'aflyst'
            AND ai.deleted_at IS NULL AND ai.decision != '' ${w.where} ${w.tail}`;
      },
    },
    // Follow-ups made in (and closed in) the meetings of the organisation's series.
    ...followUpSources(sql`f.source_meeting_id IN (SELECT m.id FROM meeting_series_organisation so JOIN meeting m ON m.series_id = so.series_id
      WHERE so.organisation_id = ${organisationId} AND so.deleted_at IS NULL AND m.deleted_at IS NULL)`),
    followUpStatusChanges(sql`f.source_meeting_id IN (SELECT m.id FROM meeting_series_organisation so JOIN meeting m ON m.series_id = so.series_id
      WHERE so.organisation_id = ${organisationId} AND so.deleted_at IS NULL AND m.deleted_at IS NULL)`),
    ...roleSources(sql`a.organisation_id = ${organisationId}`),
    contactLogSource('contact_log l', sql`l.organisation_id = ${organisationId}`, 'l.date'),
  ];
}

function contactSources(contactId: string): Source[] {
  return [
    {
      kind: 'meeting',
      select: (range) => {
        const w = window('m.starts_at', `'meeting:' || m.id`, range);
        // What the person did: deltog, afbud or (only) inviteret.
        return sql`SELECT 'meeting:' || m.id AS key, m.starts_at AS at, 'meeting' AS kind, att.status AS what, m.title AS title, m.place AS detail, '/moeder/' || m.id AS href
          FROM attendance att JOIN meeting m ON m.id = att.meeting_id
          WHERE att.contact_id = ${contactId} AND att.deleted_at IS NULL AND m.deleted_at IS NULL ${w.where} ${w.tail}`;
      },
    },
    ...followUpSources(sql`f.owner_contact_id = ${contactId}`),
    followUpStatusChanges(sql`f.owner_contact_id = ${contactId}`),
    ...roleSources(sql`a.contact_id = ${contactId}`),
    contactLogSource('contact_log_contact lc JOIN contact_log l ON l.id = lc.log_id', sql`lc.contact_id = ${contactId} AND lc.deleted_at IS NULL`, 'l.date'),
  ];
}

export interface TimelineOptions {
  readonly kinds?: readonly TimelineKind[];
  readonly year?: number | null;
  readonly after?: TimelineCursor | null;
  readonly limit?: number;
  readonly now?: Date;
}

/**
 * One page of a timeline, newest first, and the cursor of the next page
 * (null at the end).
 *
 * @example const first = await timelinePage(db, { kommuneId }, { kinds: ['meeting'], year: 2026 }); await timelinePage(db, { kommuneId }, { after: first.next })
 */
export async function timelinePage(db: Db, scope: TimelineScope, options: TimelineOptions = {}): Promise<TimelinePage> {
  const limit = options.limit ?? 50;
  const kinds = new Set(options.kinds && options.kinds.length > 0 ? options.kinds : timelineKinds);
  const year = options.year ?? null;
  const range: Range = {
    before: options.after ?? null,
    from: year === null ? null : `${year}-01-01`,
    to: year === null ? null : `${year + 1}-01-01`,
    // One more than a page tells whether another page follows.
    limit: limit + 1,
    today: todayInDenmark(options.now),
  };
  const sources = sourcesFor(scope).filter((s) => kinds.has(s.kind));
  if (sources.length === 0) return { events: [], next: null };
  const union = sql.join(
    sources.map((s) => sql`SELECT * FROM (${s.select(range)})`),
    sql` UNION ALL `,
  );
  const { rows } = await sql<TimelineEvent>`SELECT key, at, kind, what, title, detail, href FROM (${union}) ORDER BY at DESC, key DESC LIMIT ${limit + 1}`.execute(db);
  const events = rows.slice(0, limit).map((r) => ({ ...r, what: r.what ?? '', title: r.title ?? '', detail: r.detail ?? '', href: r.href ?? '' }));
  const last = events[events.length - 1];
  return { events, next: rows.length > limit && last ? { at: last.at, key: last.key } : null };
}
