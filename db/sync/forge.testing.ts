import path from 'node:path';
import { encodeHlc } from '../../common/hlc';
import { SYNC_FORMAT, SYNC_FORMAT_VERSION, type SyncHeader } from '../../common/sync-file.schema';
import { schemaVersion } from '../migrations';
import type { SyncOperation } from './apply';
import { writeSyncFile } from './sync-file';
import { syncTempDir } from './sync-testing';

/**
 * Test support: sync files that are valid on the outside — gzip, JSON lines,
 * header, clock order, count and checksum all as writeSyncFile writes them —
 * and say whatever a test wants inside.
 */
export const forger = 'f0f0f0f0f0f0f0f0';

let fileCounter = 0;

/** A clock `offsetMs` from now (a file more than a day ahead is refused by the reader). */
export function forgedClock(offsetMs = 0, counter = 0, origin = forger): string {
  return encodeHlc({ wall: Date.now() + offsetMs, counter, node: origin });
}

/** One operation; `value` is given as the JavaScript value (written as its JSON text) unless `raw` is set. */
export function forgedOp(hlc: string, tbl: string, rowId: string, field: string, value: unknown, options: { raw?: boolean; prev?: string | null } = {}): SyncOperation {
  const text = options.raw ? (value as string | null) : value === null ? null : JSON.stringify(value);
  return { hlc, tbl, row_id: rowId, field, value: text, prev: options.prev ?? null, origin: hlc.slice(22) };
}

/** A whole record made at one clock: every field one operation (and deleted_at null, as createRow writes). */
export function forgedRow(hlc: string, tbl: string, rowId: string, fields: Record<string, unknown>): SyncOperation[] {
  return [forgedOp(hlc, tbl, rowId, 'deleted_at', null), ...Object.entries(fields).map(([field, value]) => forgedOp(hlc, tbl, rowId, field, value))];
}

/** Writes the operations (sorted by clock) as a checksum-valid .kredsbog file from `installationId`; returns its path. */
export function forgeFile(operations: readonly SyncOperation[], options: { readonly installationId?: string; readonly name?: string } = {}): string {
  const sorted = [...operations].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  const vector: Record<string, string> = {};
  for (const op of sorted) if (!vector[op.origin] || op.hlc > vector[op.origin]!) vector[op.origin] = op.hlc;
  const installationId = options.installationId ?? forger;
  const header: SyncHeader = {
    format: SYNC_FORMAT,
    formatVersion: SYNC_FORMAT_VERSION,
    minReaderVersion: 1,
    schemaVersion,
    appVersion: 'forged',
    installationId,
    installationName: options.name ?? 'Falsk installation',
    createdAt: new Date().toISOString(),
    clock: sorted.at(-1)?.hlc ?? null,
    vector,
    counts: { operations: sorted.length },
  };
  const out = path.join(syncTempDir, `forged-${process.pid}-${++fileCounter}.kredsbog`);
  writeSyncFile(out, header, sorted);
  return out;
}
