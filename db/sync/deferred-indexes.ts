import type BetterSqlite3 from 'better-sqlite3';

/**
 * Index maintenance deferred to the end of a large import, inside its
 * transaction. An index filled row by row costs a B-tree descent per row,
 * into pages scattered across the file once the index outgrows the page cache
 * (a scale-10 first import: millions of operations into a 64 MiB cache); an
 * index built by CREATE INDEX is sorted once and written in order. So when an
 * import brings a large share of a table, its secondary indexes are dropped
 * before the rows go in and created again before anything reads through them.
 *
 * Only non-unique indexes are deferred: a UNIQUE index is a constraint and
 * must hold while rows are written. The DDL is part of the caller's
 * transaction, so a failed or cancelled import (or a preview, which always
 * rolls back) leaves every index exactly as it was; other connections keep
 * reading their snapshot, indexes included, until the import commits.
 *
 * Statements prepared with `INDEXED BY` an index dropped here fail while it
 * is gone: callers defer an index only over a stretch of code that cannot run
 * them (see apply.ts).
 */
export interface DeferredIndexes {
  /** Names of the indexes dropped, in the order they are created again. */
  readonly names: readonly string[];
  /** Creates every dropped index again (once; later calls do nothing). */
  restore(): void;
}

/** Operations (or rows) below which deferring costs more than it saves: creating an index scans its whole table. */
export const deferMinimum = 20_000;

/**
 * Drops the non-unique secondary indexes of the given tables; `restore()`
 * creates them again from their own stored definitions, so an index added by
 * a later migration is covered without changing this code.
 */
export function deferIndexes(sqlite: BetterSqlite3.Database, tables: readonly string[]): DeferredIndexes {
  if (!sqlite.inTransaction) throw new Error('deferIndexes must run inside the import transaction');
  const dropped: { name: string; sql: string }[] = [];
  const list = sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`);
  for (const table of tables) {
    for (const index of list.all(table) as { name: string; sql: string }[]) {
      if (/^\s*CREATE\s+UNIQUE\b/i.test(index.sql)) continue;
      dropped.push(index);
    }
  }
  for (const index of dropped) sqlite.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
  let restored = false;
  return {
    names: dropped.map((index) => index.name),
    restore() {
      if (restored) return;
      restored = true;
      for (const index of dropped) sqlite.exec(index.sql);
    },
  };
}

/** Rows a table has held (its largest rowid): a cheap stand-in for its size that never scans the table. */
export function tableSize(sqlite: BetterSqlite3.Database, table: string): number {
  return (sqlite.prepare(`SELECT coalesce(max(rowid), 0) FROM "${table.replace(/"/g, '""')}"`).pluck().get() as number) ?? 0;
}
