import type { SyncedColumns } from '../row';

/**
 * A styringsdialog cycle of one kommune × boligorganisation × year (migration
 * 0021); id derived from (kommune_id, organisation_id, year). Adding a column?
 * Also update the mapper in styringsdialog.repository.ts and db/sync/field-schemas.ts.
 */
export interface StyringsdialogTable extends SyncedColumns {
  kommune_id: string;
  organisation_id: string;
  year: number;
  /** The dialogmøde (planned or held); several rows may share one joint meeting. */
  meeting_id: string | null;
  /** The aftale of kind styringsdialog_aftale the dialogue ended in. */
  aftale_id: string | null;
  pakke_date: string | null;
  pakke_contact_id: string | null;
  pakke_who: string;
  aftaler_date: string | null;
  aftaler_contact_id: string | null;
  aftaler_who: string;
  referat_date: string | null;
  referat_contact_id: string | null;
  referat_who: string;
  redegoerelse_date: string | null;
  redegoerelse_contact_id: string | null;
  redegoerelse_who: string;
  notes: string;
}
