import { sql } from 'kysely';
import { transactional } from './transactional';

/**
 * FROZEN once released. foldDanish became idempotent ("aaa" and "aea" now
 * fold all the way to "a", as a second fold would): the search index holds
 * folded text, so it is rebuilt with the new rule. Keys (search_key rowids)
 * stay; only the folded text is written again. The indexed expressions are
 * those of migration 0007 (copied: a frozen migration never imports another).
 */
const sources: readonly { readonly kind: string; readonly table: string; readonly title: string; readonly body: string }[] = [
  { kind: 'kommune', table: 'kommune', title: "t.navn || ' kommune'", body: 't.notes' },
  { kind: 'organisation', table: 'organisation', title: 't.name', body: 't.notes' },
  { kind: 'contact', table: 'contact', title: 't.name', body: "t.emails || ' ' || t.phones || ' ' || t.notes" },
  { kind: 'meeting', table: 'meeting', title: 't.title', body: "t.place || ' ' || t.notes" },
  { kind: 'agenda_item', table: 'agenda_item', title: 't.title', body: "t.description || ' ' || t.minutes || ' ' || t.decision" },
  { kind: 'follow_up', table: 'follow_up', title: 't.title', body: 't.details' },
];

export const m0013SearchRefold = transactional(async (db) => {
  await sql`DELETE FROM search_index`.execute(db);
  for (const s of sources) {
    await sql
      .raw(
        `INSERT INTO search_index (rowid, title, body)
         SELECT k.rowid, dk_fold(${s.title}), dk_fold(${s.body})
         FROM ${s.table} t JOIN search_key k ON k.kind = '${s.kind}' AND k.ref_id = t.id WHERE t.deleted_at IS NULL`,
      )
      .execute(db);
  }
});
