import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { getInstallation } from './clock';

export interface HistoryEntry {
  readonly hlc: string;
  readonly at: string;
  readonly installationId: string;
  readonly installationName: string;
  readonly mine: boolean;
  readonly changes: { field: string; before: unknown; after: unknown }[];
}

const parse = (value: string | null): unknown => (value === null ? null : (JSON.parse(value) as unknown));

/**
 * A record's change history from the operation log: who (which
 * installation), when, and each field's old → new value. Newest first.
 */
export async function recordHistory(db: Kysely<Database>, table: string, rowId: string): Promise<HistoryEntry[]> {
  const me = await getInstallation(db);
  const peers = new Map((await db.selectFrom('sync_peer').select(['installation_id', 'name']).execute()).map((p) => [p.installation_id, p.name]));
  const ops = await db.selectFrom('sync_op').selectAll().where('tbl', '=', table).where('row_id', '=', rowId).orderBy('hlc').orderBy('field').execute();
  const lastValue = new Map<string, unknown>();
  const entries = new Map<string, HistoryEntry>();
  for (const op of ops) {
    let entry = entries.get(op.hlc);
    if (!entry) {
      entry = {
        hlc: op.hlc,
        at: new Date(Number(op.hlc.slice(0, 16))).toISOString(),
        installationId: op.origin,
        installationName: op.origin === me.id ? me.name : (peers.get(op.origin) ?? op.origin),
        mine: op.origin === me.id,
        changes: [],
      };
      entries.set(op.hlc, entry);
    }
    const after = parse(op.value);
    entry.changes.push({ field: op.field, before: lastValue.has(op.field) ? lastValue.get(op.field) : null, after });
    lastValue.set(op.field, after);
  }
  return [...entries.values()].reverse();
}
