import type { FollowUpStatus } from '../../common/domain';
import type { SyncedColumns } from '../row';

export interface FollowUpTable extends SyncedColumns {
  title: string;
  details: string;
  owner_contact_id: string | null;
  /** 1 when the consultant owns it (then owner_contact_id is null). */
  owner_is_me: number;
  due_date: string | null;
  status: FollowUpStatus;
  kommune_id: string | null;
  source_meeting_id: string | null;
  source_agenda_item_id: string | null;
  closed_in_meeting_id: string | null;
}
