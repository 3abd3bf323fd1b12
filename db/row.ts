/**
 * Columns every user-editable (synced) row has. Timestamps are ISO 8601 UTC
 * strings; `deleted_at` is the tombstone — nothing is ever hard-deleted.
 */
export interface SyncedColumns {
  id: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}
