import type { AftaleKind, AftaleStatus } from '../../common/aftaler.domain';
import type { SyncedColumns } from '../row';

/** An aftale (migration 0019). Adding a column? Also update the mapper in aftaler.repository.ts and db/sync/field-schemas.ts. */
export interface AftaleTable extends SyncedColumns {
  kind: AftaleKind;
  title: string;
  status: AftaleStatus;
  kommune_id: string | null;
  from_date: string | null;
  to_date: string | null;
  evaluation_date: string | null;
  renegotiation_date: string | null;
  bilag_review_date: string | null;
  /** JSON list of { text, indicator, status }. */
  goals: string;
  /** JSON list of document names. */
  documents: string;
  notes: string;
}

/** A party organisation of an aftale; id derived from the pair (a link row). */
export interface AftaleOrganisationTable extends SyncedColumns {
  aftale_id: string;
  organisation_id: string;
}
