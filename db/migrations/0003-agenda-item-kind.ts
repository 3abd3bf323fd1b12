import { sql } from 'kysely';
import { transactional } from './transactional';

/**
 * FROZEN once released. Agenda items get a kind: the fixed first item
 * "Opfølgning fra sidste møde" (follow_up_review), under which a meeting shows
 * its series' open follow-ups, and ordinary items (normal).
 */
export const m0003AgendaItemKind = transactional(async (db) => {
  await sql`ALTER TABLE agenda_item ADD COLUMN kind TEXT NOT NULL DEFAULT 'normal' CHECK (kind IN ('normal','follow_up_review'))`.execute(db);
  await sql`CREATE INDEX meeting_status_starts ON meeting(status, starts_at)`.execute(db);
  await sql`CREATE INDEX follow_up_due ON follow_up(due_date)`.execute(db);
});
