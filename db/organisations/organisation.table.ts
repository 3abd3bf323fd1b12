import type { Selectable } from 'kysely';
import type { OrganisationKind } from '../../common/domain';
import type { SyncedColumns } from '../row';

export interface OrganisationTable extends SyncedColumns {
  name: string;
  kind: OrganisationKind;
  notes: string;
  /** Set when merged into another organisation (which survives); the row is then tombstoned for good. */
  merged_into: string | null;
  /** JSON {origin: clock}: see db/sync/merge-forward.ts. */
  merged_seen: string | null;
}

/** Organisation ↔ kommune; id derived from the pair, unlinking sets the tombstone. */
export interface OrganisationKommuneTable extends SyncedColumns {
  organisation_id: string;
  kommune_id: string;
}

export type OrganisationRow = Selectable<OrganisationTable>;
