import type BetterSqlite3 from 'better-sqlite3';

/**
 * Derived tables: data computed from domain tables and kept equal to its
 * definition by triggers on every write (the one write path's and
 * materialisation's alike). Never synced, never digested.
 *
 * A large import (one that defers its tables' indexes, deferred-indexes.ts)
 * would make their triggers walk unindexed tables row by row, so it drops the
 * triggers of every derived table fed by a deferred table and, before
 * anything reads again, rebuilds the table in one statement and creates the
 * triggers again from their stored definitions. Like the indexes, all of it
 * happens inside the import's transaction.
 *
 * If you add a derived table (a migration with its triggers), register it
 * here; if you change one's definition, change its `rebuild` too.
 */
interface DerivedTable {
  readonly table: string;
  /** The domain tables whose writes its triggers follow. */
  readonly sources: readonly string[];
  /** Every trigger of the table starts with this (migration 0023). */
  readonly triggerPrefix: string;
  /** Fills the emptied table from the domain tables. */
  readonly rebuild: string;
}

const derivedTables: readonly DerivedTable[] = [
  {
    // Migration 0023: per person, the start of the latest live, not aflyst meeting they attended (deltog).
    table: 'contact_last_attended',
    sources: ['attendance', 'meeting'],
    triggerPrefix: 'last_attended_',
    rebuild: `INSERT INTO contact_last_attended (contact_id, starts_at)
      SELECT att.contact_id, max(m.starts_at) FROM attendance att JOIN meeting m ON m.id = att.meeting_id
      WHERE att.deleted_at IS NULL AND att.status = 'deltog' AND m.deleted_at IS NULL AND m.status != 'aflyst'
      GROUP BY att.contact_id`,
  },
];

export interface DeferredDerivedTables {
  /** Tables whose triggers were dropped. */
  readonly tables: readonly string[];
  /** Rebuilds each table and creates its triggers again (once; later calls do nothing). */
  restore(): void;
}

/** Drops the triggers of the derived tables fed by any of `deferred` (domain tables an import fills in bulk). */
export function deferDerivedTables(sqlite: BetterSqlite3.Database, deferred: readonly string[]): DeferredDerivedTables {
  if (!sqlite.inTransaction) throw new Error('deferDerivedTables must run inside the import transaction');
  const list = sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND substr(name, 1, ?) = ? ORDER BY name`);
  const affected = derivedTables.filter((d) => d.sources.some((source) => deferred.includes(source)));
  const dropped = affected.map((d) => ({ derived: d, triggers: list.all(d.triggerPrefix.length, d.triggerPrefix) as { name: string; sql: string }[] }));
  for (const { triggers } of dropped) for (const trigger of triggers) sqlite.exec(`DROP TRIGGER "${trigger.name.replace(/"/g, '""')}"`);
  let restored = false;
  return {
    tables: affected.map((d) => d.table),
    restore() {
      if (restored) return;
      restored = true;
      for (const { derived, triggers } of dropped) {
        sqlite.exec(`DELETE FROM "${derived.table}"`);
        sqlite.exec(derived.rebuild);
        for (const trigger of triggers) sqlite.exec(trigger.sql);
      }
    },
  };
}
