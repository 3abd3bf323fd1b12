import type { SyncedColumns } from '../row';

export interface TagTable extends SyncedColumns {
  name: string;
}

/** A tag on a meeting, agenda item or follow-up; id derived from tag + target. */
export interface TagLinkTable extends SyncedColumns {
  tag_id: string;
  /** 'meeting' | 'agenda_item' | 'follow_up' */
  target_type: string;
  target_id: string;
}
