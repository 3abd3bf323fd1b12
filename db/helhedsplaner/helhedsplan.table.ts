import type { HelhedsplanBody, HelhedsplanDeadlineKind, HelhedsplanStatus } from '../../common/helhedsplaner.domain';
import type { SyncedColumns } from '../row';

/** An indsatsområde of a Landsbyggefonden frame (migration 0022): editable reference data. */
export interface IndsatsomraadeTable extends SyncedColumns {
  name: string;
  /** The frame it belongs to, e.g. "2019–2026". */
  frame: string;
  valid_from: string | null;
  valid_to: string | null;
  /** 1: no longer offered for new helhedsplaner (kept on those that have it). */
  retired: 0 | 1;
}

/** A boligsocial helhedsplan (migration 0022). Adding a column? Also update the mapper in helhedsplaner.repository.ts and db/sync/field-schemas.ts. */
export interface HelhedsplanTable extends SyncedColumns {
  name: string;
  status: HelhedsplanStatus;
  kommune_id: string | null;
  from_date: string | null;
  to_date: string | null;
  /** Landsbyggefonden's journal/sagsnummer. */
  journal_number: string;
  notes: string;
}

/** Link rows of a helhedsplan; ids derived from the pair. */
export interface HelhedsplanOrganisationTable extends SyncedColumns {
  helhedsplan_id: string;
  organisation_id: string;
}
export interface HelhedsplanBoligomraadeTable extends SyncedColumns {
  helhedsplan_id: string;
  boligomraade_id: string;
}
export interface HelhedsplanIndsatsomraadeTable extends SyncedColumns {
  helhedsplan_id: string;
  indsatsomraade_id: string;
}
export interface HelhedsplanSeriesTable extends SyncedColumns {
  helhedsplan_id: string;
  series_id: string;
}

/** A contact's dated seat in a body of the helhedsplan (personal data). */
export interface HelhedsplanRoleTable extends SyncedColumns {
  helhedsplan_id: string;
  contact_id: string;
  body: HelhedsplanBody;
  title: string;
  from_date: string | null;
  to_date: string | null;
}

/** A reporting deadline: open until done_date is set. */
export interface HelhedsplanDeadlineTable extends SyncedColumns {
  helhedsplan_id: string;
  kind: HelhedsplanDeadlineKind;
  title: string;
  due_date: string;
  done_date: string | null;
}
