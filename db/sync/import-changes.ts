import type BetterSqlite3 from 'better-sqlite3';
import type { RowChange } from './apply';

/**
 * What each recent import changed, so that "Fortryd import" can set every
 * field back (db/sync/import-undo.ts). Kept for the most recent imports only,
 * and only for an import that changed at most `maxFields` fields: a first
 * import of a colleague's whole database is undone with the backup taken
 * before it, not field by field.
 */
export const importUndo = { keepImports: 10, maxFields: 100_000 } as const;

/** The marker field of a record the import created (undo: delete it). */
export const createdMarker = '*';

export function recordImportChanges(sqlite: BetterSqlite3.Database, journalId: number, changes: readonly RowChange[]): void {
  const insert = sqlite.prepare('INSERT OR REPLACE INTO sync_import_change (journal_id, tbl, row_id, field, before, after) VALUES (?, ?, ?, ?, ?, ?)');
  for (const change of changes) {
    if (change.kind === 'created') {
      insert.run(journalId, change.table, change.rowId, createdMarker, null, null);
      continue;
    }
    for (const [field, after] of Object.entries(change.after)) {
      insert.run(journalId, change.table, change.rowId, field, JSON.stringify(change.before[field] ?? null), JSON.stringify(after));
    }
  }
  // Older imports can no longer be undone field by field: their records go.
  sqlite
    .prepare(
      `DELETE FROM sync_import_change WHERE journal_id < (
         SELECT min(id) FROM (SELECT id FROM sync_journal WHERE kind = 'import' ORDER BY id DESC LIMIT ?)
       )`,
    )
    .run(importUndo.keepImports);
}
