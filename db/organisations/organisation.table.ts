import type { Selectable } from 'kysely';
import type { OrganisationKind } from '../../common/domain';
import type { SyncedColumns } from '../row';

export interface OrganisationTable extends SyncedColumns {
  name: string;
  kind: OrganisationKind;
  notes: string;
}

/** Organisation ↔ kommune; id derived from the pair, unlinking sets the tombstone. */
export interface OrganisationKommuneTable extends SyncedColumns {
  organisation_id: string;
  kommune_id: string;
}

export type OrganisationRow = Selectable<OrganisationTable>;
