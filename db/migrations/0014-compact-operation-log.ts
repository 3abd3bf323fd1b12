import { sql } from 'kysely';
import { transactional } from './transactional';

/**
 * FROZEN once released. The operation log in a compact form (issue 12: the
 * text log with its two indexes was 83 % of the database, ≈ 400 bytes per
 * operation).
 *
 * - sync_origin: installations interned to small integers, with the highest
 *   clock of each one's operations held here (the per-origin maxima that the
 *   version vector reads, instead of an index over every operation).
 * - sync_symbol: table and field names interned to small integers.
 * - sync_row: (table, row id) interned to one integer.
 * - sync_log: one operation per row, keyed by its clock (wall milliseconds,
 *   counter, origin) and the field it sets, so appends land at the end of the
 *   table and an export reads it in clock order without sorting. `prev` (the
 *   clock the author replaced) is stored as its three parts. The one index,
 *   sync_log_row, serves every per-record lookup (current winner, history,
 *   conflicts, materialisation). Its key is the primary key reordered, so it
 *   costs no column twice.
 * - sync_op: a view with the old shape (clock text, table, row id, field,
 *   value, prev, origin) for code that reads a few records' operations and
 *   for outside tools; INSTEAD OF triggers let such code insert, update a
 *   value or delete through it. Hot paths use the tables (db/sync/op-log.ts).
 *
 * The clock text "WWWWWWWWWWWWWWWW-CCCC-<installation>" (common/hlc.ts) is
 * sync_log's (wall, counter, origin); the installation in the clock is the
 * operation's origin (db/mutations.ts and every forwarded or erasure-added
 * operation keep them equal). If you change the view, also change
 * db/sync/op-log.ts, which builds the same text.
 */
const hexDigit = (text: string, position: number) => `(instr('0123456789abcdef', substr(${text}, ${position}, 1)) - 1)`;
const counterOf = (hlc: string) => `(${hexDigit(hlc, 18)} * 4096 + ${hexDigit(hlc, 19)} * 256 + ${hexDigit(hlc, 20)} * 16 + ${hexDigit(hlc, 21)})`;
const wallOf = (hlc: string) => `CAST(substr(${hlc}, 1, 16) AS INTEGER)`;
const nodeOf = (hlc: string) => `substr(${hlc}, 23)`;
const clockText = (wall: string, counter: string, origin: string) => `printf('%016d-%04x-%s', ${wall}, ${counter}, ${origin})`;

export const m0014CompactOperationLog = transactional(async (db) => {
  const statements = [
    `CREATE TABLE sync_origin (
      id INTEGER PRIMARY KEY,
      installation TEXT NOT NULL UNIQUE,
      max_wall INTEGER NOT NULL DEFAULT 0,
      max_counter INTEGER NOT NULL DEFAULT 0
    )`,
    `CREATE TABLE sync_symbol (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)`,
    `CREATE TABLE sync_row (id INTEGER PRIMARY KEY, tbl INTEGER NOT NULL, uuid TEXT NOT NULL, UNIQUE (tbl, uuid))`,
    `CREATE TABLE sync_log (
      wall INTEGER NOT NULL,
      counter INTEGER NOT NULL,
      origin INTEGER NOT NULL,
      row INTEGER NOT NULL,
      field INTEGER NOT NULL,
      value TEXT,
      prev_wall INTEGER,
      prev_counter INTEGER,
      prev_origin INTEGER,
      PRIMARY KEY (wall, counter, origin, row, field)
    ) WITHOUT ROWID`,
    // Interning: every installation, table, field and row the old log names.
    `INSERT INTO sync_origin (installation) SELECT DISTINCT ${nodeOf('hlc')} FROM sync_op`,
    `INSERT OR IGNORE INTO sync_origin (installation) SELECT DISTINCT ${nodeOf('prev')} FROM sync_op WHERE prev IS NOT NULL`,
    `INSERT INTO sync_symbol (name) SELECT DISTINCT tbl FROM sync_op`,
    `INSERT OR IGNORE INTO sync_symbol (name) SELECT DISTINCT field FROM sync_op`,
    `INSERT INTO sync_row (tbl, uuid) SELECT s.id, o.row_id FROM (SELECT DISTINCT tbl, row_id FROM sync_op) o JOIN sync_symbol s ON s.name = o.tbl`,
    // In the old primary key's order (clock first): the new table fills from its end.
    `INSERT INTO sync_log (wall, counter, origin, row, field, value, prev_wall, prev_counter, prev_origin)
     SELECT ${wallOf('o.hlc')}, ${counterOf('o.hlc')}, og.id, r.id, f.id, o.value,
            CASE WHEN o.prev IS NULL THEN NULL ELSE ${wallOf('o.prev')} END,
            CASE WHEN o.prev IS NULL THEN NULL ELSE ${counterOf('o.prev')} END,
            po.id
     FROM sync_op o
     JOIN sync_origin og ON og.installation = ${nodeOf('o.hlc')}
     JOIN sync_symbol t ON t.name = o.tbl
     JOIN sync_row r ON r.tbl = t.id AND r.uuid = o.row_id
     JOIN sync_symbol f ON f.name = o.field
     LEFT JOIN sync_origin po ON po.installation = ${nodeOf('o.prev')}
     ORDER BY o.hlc, o.tbl, o.row_id, o.field`,
    `DROP TABLE sync_op`,
    `CREATE INDEX sync_log_row ON sync_log (row, field, wall, counter, origin)`,
    `UPDATE sync_origin SET (max_wall, max_counter) = (
       SELECT l.wall, l.counter FROM sync_log l WHERE l.origin = sync_origin.id ORDER BY l.wall DESC, l.counter DESC LIMIT 1
     ) WHERE EXISTS (SELECT 1 FROM sync_log l WHERE l.origin = sync_origin.id)`,
    `CREATE VIEW sync_op (hlc, tbl, row_id, field, value, prev, origin) AS
     SELECT ${clockText('l.wall', 'l.counter', 'o.installation')}, t.name, r.uuid, f.name, l.value,
            CASE WHEN l.prev_wall IS NULL THEN NULL ELSE ${clockText('l.prev_wall', 'l.prev_counter', 'po.installation')} END,
            o.installation
     FROM sync_log l
     JOIN sync_row r ON r.id = l.row
     JOIN sync_symbol t ON t.id = r.tbl
     JOIN sync_symbol f ON f.id = l.field
     JOIN sync_origin o ON o.id = l.origin
     LEFT JOIN sync_origin po ON po.id = l.prev_origin`,
    `CREATE TRIGGER sync_op_insert INSTEAD OF INSERT ON sync_op BEGIN
       INSERT OR IGNORE INTO sync_origin (installation) VALUES (${nodeOf('NEW.hlc')});
       INSERT OR IGNORE INTO sync_origin (installation) SELECT ${nodeOf('NEW.prev')} WHERE NEW.prev IS NOT NULL;
       INSERT OR IGNORE INTO sync_symbol (name) VALUES (NEW.tbl);
       INSERT OR IGNORE INTO sync_symbol (name) VALUES (NEW.field);
       INSERT OR IGNORE INTO sync_row (tbl, uuid) VALUES ((SELECT id FROM sync_symbol WHERE name = NEW.tbl), NEW.row_id);
       INSERT INTO sync_log (wall, counter, origin, row, field, value, prev_wall, prev_counter, prev_origin) VALUES (
         ${wallOf('NEW.hlc')}, ${counterOf('NEW.hlc')},
         (SELECT id FROM sync_origin WHERE installation = ${nodeOf('NEW.hlc')}),
         (SELECT r.id FROM sync_row r JOIN sync_symbol t ON t.id = r.tbl WHERE t.name = NEW.tbl AND r.uuid = NEW.row_id),
         (SELECT id FROM sync_symbol WHERE name = NEW.field),
         NEW.value,
         CASE WHEN NEW.prev IS NULL THEN NULL ELSE ${wallOf('NEW.prev')} END,
         CASE WHEN NEW.prev IS NULL THEN NULL ELSE ${counterOf('NEW.prev')} END,
         (SELECT id FROM sync_origin WHERE installation = ${nodeOf('NEW.prev')})
       );
       UPDATE sync_origin SET max_wall = ${wallOf('NEW.hlc')}, max_counter = ${counterOf('NEW.hlc')}
       WHERE installation = ${nodeOf('NEW.hlc')}
         AND (max_wall < ${wallOf('NEW.hlc')} OR (max_wall = ${wallOf('NEW.hlc')} AND max_counter < ${counterOf('NEW.hlc')}));
     END`,
    `CREATE TRIGGER sync_op_update INSTEAD OF UPDATE OF value ON sync_op BEGIN
       UPDATE sync_log SET value = NEW.value
       WHERE wall = ${wallOf('OLD.hlc')} AND counter = ${counterOf('OLD.hlc')}
         AND origin = (SELECT id FROM sync_origin WHERE installation = ${nodeOf('OLD.hlc')})
         AND row = (SELECT r.id FROM sync_row r JOIN sync_symbol t ON t.id = r.tbl WHERE t.name = OLD.tbl AND r.uuid = OLD.row_id)
         AND field = (SELECT id FROM sync_symbol WHERE name = OLD.field);
     END`,
    `CREATE TRIGGER sync_op_delete INSTEAD OF DELETE ON sync_op BEGIN
       DELETE FROM sync_log
       WHERE wall = ${wallOf('OLD.hlc')} AND counter = ${counterOf('OLD.hlc')}
         AND origin = (SELECT id FROM sync_origin WHERE installation = ${nodeOf('OLD.hlc')})
         AND row = (SELECT r.id FROM sync_row r JOIN sync_symbol t ON t.id = r.tbl WHERE t.name = OLD.tbl AND r.uuid = OLD.row_id)
         AND field = (SELECT id FROM sync_symbol WHERE name = OLD.field);
     END`,
    // "Fortryd import": the value each field had before an import changed it, for the most recent imports (db/sync/import-undo.ts).
    `CREATE TABLE sync_import_change (
      journal_id INTEGER NOT NULL,
      tbl TEXT NOT NULL,
      row_id TEXT NOT NULL,
      field TEXT NOT NULL,
      before TEXT,
      after TEXT,
      PRIMARY KEY (journal_id, tbl, row_id, field)
    ) WITHOUT ROWID`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
});
