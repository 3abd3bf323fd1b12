/**
 * The operation log and sync bookkeeping (migrations 0004 and 0014). Local
 * tables: never in the digest. sync_op is a view over the compact tables
 * below (migration 0014); hot paths use db/sync/op-log.ts.
 */
export interface SyncOpTable {
  hlc: string;
  tbl: string;
  row_id: string;
  field: string;
  /** JSON of the field's new value (string, number or null). */
  value: string | null;
  /** Clock of the value the author replaced; null for a new row. */
  prev: string | null;
  /** Installation that authored the operation. */
  origin: string;
}

export interface SyncStateTable {
  key: string;
  value: string;
}

export interface SyncConflictTable {
  id: number | null;
  tbl: string;
  row_id: string;
  field: string;
  winner_hlc: string;
  loser_hlc: string;
  resolved_hlc: string | null;
}

export interface SyncPeerTable {
  installation_id: string;
  name: string;
  last_received_at: string | null;
  /** JSON: origin installation → highest clock that peer had when it wrote its last file to us. */
  last_received_vector: string;
  last_sent_at: string | null;
}

export interface SyncJournalTable {
  id: number | null;
  at: string;
  kind: string;
  peer_id: string | null;
  peer_name: string | null;
  file_name: string | null;
  summary: string;
}

export interface SyncOriginTable {
  id: number | null;
  installation: string;
  max_wall: number;
  max_counter: number;
}

export interface SyncSymbolTable {
  id: number | null;
  name: string;
}

export interface SyncRowTable {
  id: number | null;
  tbl: number;
  uuid: string;
}

export interface SyncLogTable {
  wall: number;
  counter: number;
  origin: number;
  row: number;
  field: number;
  value: string | null;
  prev_wall: number | null;
  prev_counter: number | null;
  prev_origin: number | null;
}

/** Before/after of each field an import changed, for "Fortryd import" (the most recent imports only). */
export interface SyncImportChangeTable {
  journal_id: number;
  tbl: string;
  row_id: string;
  field: string;
  before: string | null;
  after: string | null;
}

/** Every merge the log holds and whether it is void (migration 0015; db/sync/merges.ts). */
export interface SyncMergeTable {
  tbl: string;
  loser: string;
  survivor: string;
  hlc: string;
  voided: number;
}

/** A record held back until the row it references arrives (migration 0015; db/sync/materialize.ts). */
export interface SyncWaitingTable {
  target_tbl: string;
  target_id: string;
  tbl: string;
  row_id: string;
}
