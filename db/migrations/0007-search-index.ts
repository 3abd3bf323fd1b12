import { sql } from 'kysely';
import { transactional } from './transactional';

/**
 * FROZEN once released. Full-text search over Danish-folded text.
 *
 * SQLite's unicode61 tokenizer does not fold æ/ø/å, so the index holds text
 * already folded by `dk_fold` (common/text-fold.ts, registered on every
 * connection): "Århus", "Aarhus" and "aarhus" are all indexed as "arhus".
 * Queries are folded the same way (db/search/search.repository.ts).
 *
 * `search_key` gives each indexed record a stable rowid so triggers can
 * replace its entry without scanning the FTS table. Triggers keep the index
 * current for every writer — repositories, sync materialisation, migrations —
 * and index only live (not deleted) records.
 * Changing foldDanish or the indexed columns? Add a migration that rebuilds.
 */
interface Source {
  readonly kind: string;
  readonly table: string;
  readonly title: string;
  readonly body: string;
  /** The columns the two expressions read: only updates of these (or deleted_at) touch the index. */
  readonly columns: string;
}

// SQL expressions over NEW.* (triggers) or the table's own columns (backfill); written here once.
const sources: readonly Source[] = [
  { kind: 'kommune', table: 'kommune', title: "navn || ' kommune'", body: 'notes', columns: 'navn, notes' },
  { kind: 'organisation', table: 'organisation', title: 'name', body: 'notes', columns: 'name, notes' },
  { kind: 'contact', table: 'contact', title: 'name', body: "emails || ' ' || phones || ' ' || notes", columns: 'name, emails, phones, notes' },
  { kind: 'meeting', table: 'meeting', title: 'title', body: "place || ' ' || notes", columns: 'title, place, notes' },
  { kind: 'agenda_item', table: 'agenda_item', title: 'title', body: "description || ' ' || minutes || ' ' || decision", columns: 'title, description, minutes, decision' },
  { kind: 'follow_up', table: 'follow_up', title: 'title', body: 'details', columns: 'title, details' },
];

const prefixed = (expression: string, prefix: string) => expression.replace(/\b(navn|name|notes|emails|phones|title|place|description|minutes|decision|details)\b/g, `${prefix}$1`);

export const m0007SearchIndex = transactional(async (db) => {
  await sql`CREATE TABLE search_key (rowid INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref_id TEXT NOT NULL, UNIQUE (kind, ref_id))`.execute(db);
  await sql`CREATE VIRTUAL TABLE search_index USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  for (const s of sources) {
    const key = `(SELECT rowid FROM search_key WHERE kind = '${s.kind}' AND ref_id = OLD.id)`;
    // Insert: a live row gets a key and an entry. One trigger per event, so statement order is certain.
    await sql.raw(`CREATE TRIGGER search_${s.kind}_insert AFTER INSERT ON ${s.table} WHEN NEW.deleted_at IS NULL BEGIN
      INSERT OR IGNORE INTO search_key (kind, ref_id) VALUES ('${s.kind}', NEW.id);
      INSERT INTO search_index (rowid, title, body)
        SELECT rowid, dk_fold(${prefixed(s.title, 'NEW.')}), dk_fold(${prefixed(s.body, 'NEW.')}) FROM search_key WHERE kind = '${s.kind}' AND ref_id = NEW.id;
    END`).execute(db);
    // Update of an indexed column or the tombstone: drop the old entry, add the new one if the row is live.
    await sql.raw(`CREATE TRIGGER search_${s.kind}_update AFTER UPDATE OF ${s.columns}, deleted_at ON ${s.table} BEGIN
      DELETE FROM search_index WHERE rowid = ${key};
      INSERT OR IGNORE INTO search_key (kind, ref_id) SELECT '${s.kind}', NEW.id WHERE NEW.deleted_at IS NULL;
      INSERT INTO search_index (rowid, title, body)
        SELECT rowid, dk_fold(${prefixed(s.title, 'NEW.')}), dk_fold(${prefixed(s.body, 'NEW.')}) FROM search_key WHERE kind = '${s.kind}' AND ref_id = NEW.id AND NEW.deleted_at IS NULL;
    END`).execute(db);
    await sql.raw(`CREATE TRIGGER search_${s.kind}_delete AFTER DELETE ON ${s.table} BEGIN
      DELETE FROM search_index WHERE rowid = ${key};
    END`).execute(db);
    await sql.raw(`INSERT INTO search_key (kind, ref_id) SELECT '${s.kind}', id FROM ${s.table} WHERE deleted_at IS NULL`).execute(db);
    await sql.raw(`INSERT INTO search_index (rowid, title, body)
      SELECT k.rowid, dk_fold(${prefixed(s.title, 't.')}), dk_fold(${prefixed(s.body, 't.')})
      FROM ${s.table} t JOIN search_key k ON k.kind = '${s.kind}' AND k.ref_id = t.id WHERE t.deleted_at IS NULL`).execute(db);
  }
});
