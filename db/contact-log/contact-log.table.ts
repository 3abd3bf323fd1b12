import type { ContactLogKind } from '../../common/relationships.domain';
import type { SyncedColumns } from '../row';

/** One logged contact: a phone call, an e-mail, a chance meeting (migration 0018). */
export interface ContactLogTable extends SyncedColumns {
  /** YYYY-MM-DD, the Danish calendar day it happened. */
  date: string;
  kind: ContactLogKind;
  note: string;
  kommune_id: string | null;
  organisation_id: string | null;
  /** The follow-up made with the entry, if any. */
  follow_up_id: string | null;
}

/** A person in a logged contact; id derived from (log_id, contact_id) like attendance. */
export interface ContactLogContactTable extends SyncedColumns {
  log_id: string;
  contact_id: string;
}
