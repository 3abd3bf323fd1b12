import type { Selectable } from 'kysely';
import type { AffiliationKind } from '../../common/domain';
import type { SyncedColumns } from '../row';

export interface ContactTable extends SyncedColumns {
  name: string;
  /** JSON array of lower-cased addresses; the first is the primary one. */
  emails: string;
  /** JSON array of numbers as typed; the first is the primary one. */
  phones: string;
  notes: string;
  /** Set when merged into another contact (which survives); the row is then tombstoned for good. */
  merged_into: string | null;
  /** JSON {origin: clock}: what this row's history held when it was merged (see db/sync/merge-forward.ts). */
  merged_seen: string | null;
  /** Set by "Slet person" (GDPR erasure); see db/gdpr. */
  erased_at: string | null;
  /** "Hold kontakten": every N months (migration 0018); null = the default of the person's key roles, if any. */
  keep_in_touch_months: number | null;
}

/** A role a contact holds in an organisation and/or a kommune, for a period. */
export interface AffiliationTable extends SyncedColumns {
  contact_id: string;
  organisation_id: string | null;
  kommune_id: string | null;
  title: string;
  kind: AffiliationKind;
  /** YYYY-MM-DD, inclusive; null = unknown/open. */
  from_date: string | null;
  to_date: string | null;
  /** "Hold kontakten" for this role: every N months (migration 0018); null = the default for its title (db/relationships/key-roles.ts). */
  keep_in_touch_months: number | null;
}

export type ContactRow = Selectable<ContactTable>;
export type AffiliationRow = Selectable<AffiliationTable>;
