import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { getKommuneHub } from '../db/hub/kommune-hub.repository';
import { timelinePage } from '../db/hub/timeline.repository';
import { relationshipHealth } from '../db/relationships/relationships.repository';
import type { Database } from '../db/schema';

/**
 * Issue 16's figures: the kommune hub (all sections, and its slowest single
 * query), a timeline page (first and a later one, by keyset) and "overdue
 * for contact" in mine kredse (three kredse' kommuner), each the median of 20
 * runs. The raw-SQLite figure is the same SQL statements with the same
 * parameters run straight through better-sqlite3 (prepared, no Kysely, no
 * mapping): what the repository adds on top of SQLite's own work.
 */
type Report = (name: string, value: number, unit: string, raw?: number, note?: string) => void;

export const relationshipFigureNames = [
  'Kommune-hub, alle sektioner (median ms)',
  'Kommune-hub, langsomste forespørgsel (median ms)',
  'Tidslinje, første side (median ms)',
  'Tidslinje, side 5 (median ms)',
  'Forfaldne kontakter i mine kredse (median ms)',
] as const;

const median = (times: number[]) => [...times].sort((x, y) => x - y)[Math.floor(times.length / 2)]!;
const ms = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

export async function relationshipFigures(report: Report, sqlite: BetterSqlite3.Database, now = new Date('2026-11-23T10:00:00Z')): Promise<void> {
  const queries: { sql: string; parameters: readonly unknown[]; ms: number }[] = [];
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === 'query') queries.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis });
    },
  });
  /** Median time of `work` over 20 runs, and of its statements run raw. */
  const measure = async (work: () => Promise<unknown>): Promise<{ value: number; raw: number; slowest: { sql: string; ms: number } }> => {
    const times: number[] = [];
    const perQuery = new Map<string, number[]>();
    let statements: { sql: string; parameters: readonly unknown[] }[] = [];
    for (let i = 0; i < 20; i++) {
      queries.length = 0;
      const started = process.hrtime.bigint();
      await work();
      times.push(ms(started));
      statements = queries.map((q) => ({ sql: q.sql, parameters: q.parameters }));
      for (const q of queries) perQuery.set(q.sql, [...(perQuery.get(q.sql) ?? []), q.ms]);
    }
    const prepared = statements.map((s) => ({ statement: sqlite.prepare(s.sql), parameters: s.parameters as unknown[] }));
    const raw: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = process.hrtime.bigint();
      for (const p of prepared) p.statement.all(...p.parameters);
      raw.push(ms(started));
    }
    const slowest = [...perQuery].map(([sql, list]) => ({ sql, ms: median(list) })).sort((x, y) => y.ms - x.ms)[0] ?? { sql: '', ms: 0 };
    return { value: median(times), raw: median(raw), slowest };
  };

  // The kommune with the most meetings; mine kredse = the three kredse with the most kommuner.
  const kommuneId = sqlite.prepare('SELECT kommune_id FROM meeting WHERE kommune_id IS NOT NULL GROUP BY kommune_id ORDER BY count(*) DESC LIMIT 1').pluck().get() as string;
  const hub = await measure(() => getKommuneHub(db, kommuneId, now));
  report(relationshipFigureNames[0], hub.value, 'ms', hub.raw);
  report(relationshipFigureNames[1], hub.slowest.ms, 'ms', undefined, hub.slowest.sql.replace(/\s+/g, ' ').slice(0, 60));

  const first = await measure(() => timelinePage(db, { kommuneId }, { limit: 50, now }));
  report(relationshipFigureNames[2], first.value, 'ms', first.raw);
  let after = (await timelinePage(db, { kommuneId }, { limit: 50, now })).next;
  for (let page = 2; page < 5 && after; page++) after = (await timelinePage(db, { kommuneId }, { limit: 50, after, now })).next;
  const later = await measure(() => timelinePage(db, { kommuneId }, { limit: 50, after, now }));
  report(relationshipFigureNames[3], later.value, 'ms', later.raw);

  const kommuner = sqlite
    .prepare(`SELECT id FROM kommune WHERE kreds_id IN (SELECT kreds_id FROM kommune WHERE kreds_id IS NOT NULL GROUP BY kreds_id ORDER BY count(*) DESC LIMIT 3)`)
    .pluck()
    .all() as string[];
  // A fresh database has only three kredse with kommuner; with none, the twenty kommuner with the most meetings stand in.
  const scope = kommuner.length > 0 ? kommuner : (sqlite.prepare('SELECT kommune_id FROM meeting WHERE kommune_id IS NOT NULL GROUP BY kommune_id ORDER BY count(*) DESC LIMIT 20').pluck().all() as string[]);
  const health = await measure(() => relationshipHealth(db, { kommuneIds: scope, months: 6, limit: 20, now }));
  report(relationshipFigureNames[4], health.value, 'ms', health.raw, `${scope.length} kommuner`);
}
