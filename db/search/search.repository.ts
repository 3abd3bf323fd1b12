import { sql, type Kysely } from 'kysely';
import { highlight, queryTokens, searchKinds, type SearchHit, type SearchKind, type SearchResult } from '../../common/search.domain';
import { compareDanish } from '../../common/text-fold';
import { todayInDenmark } from '../contacts/affiliations.query';
import { regionIdOn } from '../kommuner/kommune-dated.query';
import type { Database } from '../schema';

/**
 * Search over the FTS5 index of migration 0007 (folded Danish text). Every
 * query word is a prefix ("kog" finds Køge), all words must match, ranked by
 * bm25 with titles weighing more than bodies. Display text and highlights come
 * from the records themselves (the index only holds folded text), marked by
 * the same folding rule (common/search.domain.ts).
 */
const CANDIDATES = 400;
/**
 * bm25 is computed for every matching row before the LIMIT applies: ≈ 0.6 µs
 * a row, so a common word in ten years of minutes ("anvis" → 63,000 agenda
 * items) took 36 ms at scale 10. Up to this many matches we rank by bm25;
 * beyond it the query says little about which rows matter, and we rank title
 * matches first, then the newest records (higher rowid = indexed later) —
 * both orders FTS5 delivers from the index without visiting every match.
 */
const RANKED_MATCHES = 2000;
const SNIPPET_WINDOW = 140;

interface Row {
  readonly kind: SearchKind;
  readonly ref_id: string;
}

export async function search(db: Kysely<Database>, query: string, limitPerKind = 6): Promise<SearchResult> {
  const tokens = queryTokens(query);
  if (tokens.length === 0) return { query, hits: [], total: 0 };
  const match = tokens.map((token) => `"${token.replace(/"/g, '""')}"*`).join(' ');
  const rows = await candidates(db, match);
  const byKind = new Map<SearchKind, string[]>();
  for (const row of rows) {
    const ids = byKind.get(row.kind) ?? [];
    if (ids.length < limitPerKind) ids.push(row.ref_id);
    byKind.set(row.kind, ids);
  }
  const hits: SearchHit[] = [];
  for (const kind of searchKinds) {
    const ids = byKind.get(kind);
    if (!ids?.length) continue;
    const loaded = await load(db, kind, ids);
    // Keep the rank order of the index.
    for (const id of ids) {
      const record = loaded.get(id);
      if (!record) continue;
      hits.push({
        kind,
        id,
        title: highlight(record.title, tokens),
        snippet: highlight(record.body, tokens, SNIPPET_WINDOW),
        context: record.context,
        date: record.date,
        href: record.href,
      });
    }
  }
  return { query, hits, total: rows.length };
}

async function candidates(db: Kysely<Database>, match: string): Promise<readonly Row[]> {
  const matches = await sql<{ rowid: number }>`SELECT rowid FROM search_index WHERE search_index MATCH ${match} LIMIT ${RANKED_MATCHES + 1}`.execute(db);
  if (matches.rows.length <= RANKED_MATCHES) {
    const { rows } = await sql<Row>`
      SELECT k.kind, k.ref_id FROM search_index
      JOIN search_key k ON k.rowid = search_index.rowid
      WHERE search_index MATCH ${match}
      ORDER BY bm25(search_index, 4.0, 1.0)
      LIMIT ${CANDIDATES}`.execute(db);
    return rows;
  }
  const newest = (expression: string) => sql<Row & { rowid: number }>`
      SELECT k.rowid, k.kind, k.ref_id FROM search_index
      JOIN search_key k ON k.rowid = search_index.rowid
      WHERE search_index MATCH ${expression}
      ORDER BY search_index.rowid DESC
      LIMIT ${CANDIDATES}`.execute(db);
  const inTitle = (await newest(`{title} : (${match})`)).rows;
  if (inTitle.length >= CANDIDATES) return inTitle;
  const seen = new Set(inTitle.map((r) => r.rowid));
  return [...inTitle, ...(await newest(match)).rows.filter((r) => !seen.has(r.rowid))].slice(0, CANDIDATES);
}

interface Display {
  readonly title: string;
  readonly body: string;
  readonly context: string;
  readonly date: string | null;
  readonly href: string;
}

function list(json: string): string {
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? parsed.join(', ') : '';
  } catch {
    return '';
  }
}

const joinText = (...parts: string[]) => parts.filter((p) => p.trim()).join(' · ');

async function load(db: Kysely<Database>, kind: SearchKind, ids: readonly string[]): Promise<Map<string, Display>> {
  switch (kind) {
    case 'kommune': {
      // The region of today (regions are dated, migration 0019).
      const rows = await db
        .selectFrom('kommune')
        .innerJoin('region', (join) => join.on('region.id', '=', regionIdOn('kommune', todayInDenmark())))
        .select(['kommune.id', 'kommune.navn', 'kommune.notes', 'region.navn as region'])
        .where('kommune.id', 'in', ids)
        .execute();
      return new Map(rows.map((r) => [r.id, { title: `${r.navn} Kommune`, body: r.notes, context: r.region, date: null, href: `/kommuner/${r.id}` }]));
    }
    case 'organisation': {
      const rows = await db.selectFrom('organisation').select(['id', 'name', 'notes']).where('id', 'in', ids).execute();
      const links = await db
        .selectFrom('organisation_kommune')
        .innerJoin('kommune', 'kommune.id', 'organisation_kommune.kommune_id')
        .select(['organisation_kommune.organisation_id', 'kommune.navn'])
        .where('organisation_kommune.organisation_id', 'in', ids)
        .where('organisation_kommune.deleted_at', 'is', null)
        .execute();
      const kommuner = new Map<string, string[]>();
      for (const l of links) kommuner.set(l.organisation_id, [...(kommuner.get(l.organisation_id) ?? []), l.navn]);
      return new Map(rows.map((r) => [r.id, { title: r.name, body: r.notes, context: (kommuner.get(r.id) ?? []).join(', '), date: null, href: `/organisationer/${r.id}` }]));
    }
    case 'contact': {
      const rows = await db.selectFrom('contact').select(['id', 'name', 'emails', 'phones', 'notes']).where('id', 'in', ids).execute();
      const roles = await db
        .selectFrom('affiliation')
        .leftJoin('organisation', 'organisation.id', 'affiliation.organisation_id')
        .leftJoin('kommune', 'kommune.id', 'affiliation.kommune_id')
        .select(['affiliation.contact_id', 'affiliation.title', 'organisation.name as organisation', 'kommune.navn as kommune'])
        .where('affiliation.contact_id', 'in', ids)
        .where('affiliation.deleted_at', 'is', null)
        .where('affiliation.to_date', 'is', null)
        .execute();
      const roleText = new Map<string, string[]>();
      for (const r of roles) roleText.set(r.contact_id, [...(roleText.get(r.contact_id) ?? []), [r.title, r.organisation ?? (r.kommune ? `${r.kommune} Kommune` : null)].filter(Boolean).join(', ')]);
      return new Map(rows.map((r) => [r.id, { title: r.name, body: joinText(list(r.emails), list(r.phones), r.notes), context: (roleText.get(r.id) ?? []).join(' · '), date: null, href: `/kontakter/${r.id}` }]));
    }
    case 'series': {
      const rows = await db.selectFrom('meeting_series').leftJoin('kommune', 'kommune.id', 'meeting_series.kommune_id').select(['meeting_series.id', 'meeting_series.title', 'meeting_series.notes', 'kommune.navn as kommune']).where('meeting_series.id', 'in', ids).execute();
      // The organisations tell four "Styringsdialog 2025" of one kommune apart.
      const links = await db
        .selectFrom('meeting_series_organisation')
        .innerJoin('organisation', 'organisation.id', 'meeting_series_organisation.organisation_id')
        .select(['meeting_series_organisation.series_id', 'organisation.name'])
        .where('meeting_series_organisation.series_id', 'in', ids)
        .where('meeting_series_organisation.deleted_at', 'is', null)
        .where('organisation.deleted_at', 'is', null)
        .execute();
      const organisations = new Map<string, string[]>();
      for (const l of links) organisations.set(l.series_id, [...(organisations.get(l.series_id) ?? []), l.name].sort(compareDanish));
      return new Map(rows.map((r) => [r.id, { title: r.title, body: r.notes, context: joinText(r.kommune ?? '', (organisations.get(r.id) ?? []).join(', ')), date: null, href: `/moederaekker/${r.id}` }]));
    }
    case 'meeting': {
      const rows = await db.selectFrom('meeting').leftJoin('kommune', 'kommune.id', 'meeting.kommune_id').select(['meeting.id', 'meeting.title', 'meeting.place', 'meeting.notes', 'meeting.starts_at', 'kommune.navn as kommune']).where('meeting.id', 'in', ids).execute();
      return new Map(rows.map((r) => [r.id, { title: r.title, body: joinText(r.place, r.notes), context: r.kommune ?? '', date: r.starts_at, href: `/moeder/${r.id}` }]));
    }
    case 'agenda_item': {
      const rows = await db
        .selectFrom('agenda_item')
        .innerJoin('meeting', 'meeting.id', 'agenda_item.meeting_id')
        .select(['agenda_item.id', 'agenda_item.title', 'agenda_item.description', 'agenda_item.minutes', 'agenda_item.decision', 'meeting.id as meeting_id', 'meeting.title as meeting', 'meeting.starts_at'])
        .where('agenda_item.id', 'in', ids)
        .execute();
      return new Map(rows.map((r) => [r.id, { title: r.title, body: joinText(r.description, r.minutes, r.decision), context: r.meeting, date: r.starts_at, href: `/moeder/${r.meeting_id}` }]));
    }
    case 'follow_up': {
      const rows = await db
        .selectFrom('follow_up')
        .leftJoin('contact', 'contact.id', 'follow_up.owner_contact_id')
        .select(['follow_up.id', 'follow_up.title', 'follow_up.details', 'follow_up.due_date', 'follow_up.source_meeting_id', 'contact.name as owner'])
        .where('follow_up.id', 'in', ids)
        .execute();
      return new Map(rows.map((r) => [r.id, { title: r.title, body: r.details, context: r.owner ?? '', date: r.due_date, href: r.source_meeting_id ? `/moeder/${r.source_meeting_id}` : '/opfoelgning' }]));
    }
    case 'contact_log': {
      // A logged contact (migration 0018): the note, with the people and the kommune; it opens the first person.
      const rows = await db.selectFrom('contact_log as l').leftJoin('kommune as k', 'k.id', 'l.kommune_id').select(['l.id', 'l.note', 'l.date', 'k.id as kommune_id', 'k.navn as kommune']).where('l.id', 'in', ids).execute();
      const people = await db
        .selectFrom('contact_log_contact as lc')
        .innerJoin('contact as c', 'c.id', 'lc.contact_id')
        .select(['lc.log_id', 'c.id', 'c.name'])
        .where('lc.log_id', 'in', ids)
        .where('lc.deleted_at', 'is', null)
        .orderBy('c.name')
        .execute();
      const byEntry = new Map<string, { id: string; name: string }[]>();
      for (const p of people) byEntry.set(p.log_id, [...(byEntry.get(p.log_id) ?? []), { id: p.id, name: p.name }]);
      return new Map(
        rows.map((r) => {
          const names = byEntry.get(r.id) ?? [];
          const href = names[0] ? `/kontakter/${names[0].id}` : r.kommune_id ? `/kommuner/${r.kommune_id}` : '/';
          return [r.id, { title: r.note, body: '', context: joinText(names.map((n) => n.name).join(', '), r.kommune ?? ''), date: r.date, href }];
        }),
      );
    }
    case 'aftale': {
      const rows = await db
        .selectFrom('aftale')
        .leftJoin('kommune', 'kommune.id', 'aftale.kommune_id')
        .select(['aftale.id', 'aftale.title', 'aftale.goals', 'aftale.documents', 'aftale.notes', 'aftale.to_date', 'kommune.navn as kommune'])
        .where('aftale.id', 'in', ids)
        .execute();
      const goals = (json: string) => {
        try {
          const parsed = JSON.parse(json) as unknown;
          return Array.isArray(parsed) ? parsed.map((g) => (g && typeof g === 'object' && 'text' in g ? String(g.text) : '')).join(' · ') : '';
        } catch {
          return '';
        }
      };
      return new Map(
        rows.map((r) => [r.id, { title: r.title, body: joinText(goals(r.goals), list(r.documents), r.notes), context: r.kommune ? `${r.kommune} Kommune` : '', date: r.to_date, href: `/aftaler/${r.id}` }]),
      );
    }
    case 'boligomraade': {
      // A boligområde (migration 0020): its name, with its kommune and notes.
      const rows = await db.selectFrom('boligomraade').leftJoin('kommune', 'kommune.id', 'boligomraade.kommune_id').select(['boligomraade.id', 'boligomraade.name', 'boligomraade.notes', 'kommune.navn as kommune']).where('boligomraade.id', 'in', ids).execute();
      return new Map(rows.map((r) => [r.id, { title: r.name, body: r.notes, context: r.kommune ? `${r.kommune} Kommune` : '', date: null, href: `/boligomraader/${r.id}` }]));
    }
    case 'styringsdialog': {
      // A pair's styringsdialog cycle (migration 0021): its notes and who-texts; it opens the cycle's page.
      const rows = await db
        .selectFrom('styringsdialog as s')
        .innerJoin('kommune as k', 'k.id', 's.kommune_id')
        .innerJoin('organisation as o', 'o.id', 's.organisation_id')
        .select(['s.id', 's.year', 's.kommune_id', 's.organisation_id', 's.notes', 's.pakke_who', 's.aftaler_who', 's.referat_who', 's.redegoerelse_who', 'k.navn as kommune', 'o.name as organisation'])
        .where('s.id', 'in', ids)
        .execute();
      return new Map(
        rows.map((r) => [
          r.id,
          {
            title: `Styringsdialog ${r.year} ${r.organisation}`,
            body: joinText(r.pakke_who, r.aftaler_who, r.referat_who, r.redegoerelse_who, r.notes),
            context: `${r.kommune} Kommune`,
            date: null,
            href: `/styringsdialog/${r.kommune_id}/${r.organisation_id}/${r.year}`,
          },
        ]),
      );
    }
    case 'helhedsplan': {
      const rows = await db
        .selectFrom('helhedsplan')
        .leftJoin('kommune', 'kommune.id', 'helhedsplan.kommune_id')
        .select(['helhedsplan.id', 'helhedsplan.name', 'helhedsplan.journal_number', 'helhedsplan.notes', 'helhedsplan.to_date', 'kommune.navn as kommune'])
        .where('helhedsplan.id', 'in', ids)
        .execute();
      return new Map(
        rows.map((r) => [r.id, { title: r.name, body: joinText(r.journal_number, r.notes), context: r.kommune ? `${r.kommune} Kommune` : '', date: r.to_date, href: `/helhedsplaner/${r.id}` }]),
      );
    }
  }
}
