import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { Stats } from '../common/domain';
import { todayInDenmark } from './contacts/affiliations.query';
import { syncedTables } from './schema';

/**
 * Counts of live rows per entity (tombstoned rows are not counted). Regions
 * are those that exist on `day` (regions are dated, migration 0019: 5 until
 * 2026-12-31, 4 from 2027-01-01).
 */
export function collectStats(sqlite: BetterSqlite3.Database, day = todayInDenmark()): Stats {
  const count = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE deleted_at IS NULL`).get() as { n: number }).n;
  const regions = (
    sqlite
      .prepare(`SELECT count(*) AS n FROM region WHERE deleted_at IS NULL AND (valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR valid_to >= ?)`)
      .get(day, day) as { n: number }
  ).n;
  return {
    regions,
    kommuner: count('kommune'),
    kredse: count('kreds'),
    organisations: count('organisation'),
    contacts: count('contact'),
    affiliations: count('affiliation'),
    meetingSeries: count('meeting_series'),
    meetings: count('meeting'),
    agendaItems: count('agenda_item'),
    followUps: count('follow_up'),
    tags: count('tag'),
    aftaler: count('aftale'),
    boligomraader: count('boligomraade'),
  };
}

/** Columns that are local bookkeeping, different per installation by nature. */
const notDigested = new Set(['created_at', 'updated_at']);

/**
 * SHA-256 over every domain row (tombstoned ones too) in a canonical order:
 * tables in `syncedTables` order, rows by id, columns by name. Two
 * installations holding the same data have the same digest.
 * Adding a synced table? It is covered once it is in `syncedTables`.
 */
export function databaseDigest(sqlite: BetterSqlite3.Database): string {
  const hash = createHash('sha256');
  for (const table of syncedTables) {
    const columns = (sqlite.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY name`).all(table) as { name: string }[])
      .map((c) => c.name)
      .filter((name) => !notDigested.has(name));
    hash.update(`table ${table} ${JSON.stringify(columns)}\n`);
    const statement = sqlite.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM ${table} ORDER BY id`).raw(true);
    for (const row of statement.iterate()) hash.update(`${JSON.stringify(row)}\n`);
  }
  return hash.digest('hex');
}

export interface CheckReport {
  readonly ok: boolean;
  readonly integrity: readonly string[];
  readonly foreignKeys: readonly { table: string; rowid: number | null; parent: string }[];
}

/** `PRAGMA integrity_check` and `foreign_key_check`; ok when both are clean. */
export function checkDatabase(sqlite: BetterSqlite3.Database): CheckReport {
  const integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const foreignKeys = sqlite.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string }[];
  return { ok: integrity.length === 1 && integrity[0] === 'ok' && foreignKeys.length === 0, integrity, foreignKeys };
}
