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

/**
 * A JSON list column (contact e-mails and phones, …) as its strings: the one
 * reader of such columns. Every value arriving by sync is checked against its
 * field's schema (db/sync/field-schemas.ts), so text that is not a JSON list
 * of strings cannot be stored; should one still be met, the list reads as
 * empty rather than failing the page that shows it.
 */
export function parseStringList(json: string | null): string[] {
  if (json === null) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
