/** The operation log and sync bookkeeping (migration 0004). Local tables: never in the digest. */
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
