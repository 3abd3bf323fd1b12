import type { AttendanceRole, AttendanceStatus, MeetingSeriesKind, MeetingStatus } from '../../common/domain';
import type { AgendaItemKind, CadenceUnit } from '../../common/meetings.domain';
import type { SyncedColumns } from '../row';

export interface MeetingSeriesTable extends SyncedColumns {
  title: string;
  kind: MeetingSeriesKind;
  kommune_id: string | null;
  default_place: string;
  cadence_unit: CadenceUnit;
  cadence_interval: number | null;
  /** JSON array of agenda item titles pre-filled at every meeting. */
  agenda_template: string;
  /** Styringsdialog series are per year. */
  year: number | null;
  archived: number;
  notes: string;
}

export interface MeetingSeriesOrganisationTable extends SyncedColumns {
  series_id: string;
  organisation_id: string;
}

export interface MeetingSeriesMemberTable extends SyncedColumns {
  series_id: string;
  contact_id: string;
}

export interface MeetingTable extends SyncedColumns {
  series_id: string | null;
  kommune_id: string | null;
  title: string;
  /** ISO 8601 instants (UTC); shown in Europe/Copenhagen. */
  starts_at: string;
  ends_at: string | null;
  place: string;
  status: MeetingStatus;
  notes: string;
  /** UID of a meeting imported from an .ics file (Outlook); null for meetings made here (UID derived from id). */
  ics_uid: string | null;
}

export interface AgendaItemTable extends SyncedColumns {
  meeting_id: string;
  /** Fractional index: sorts as a string, so concurrent reorders merge. */
  position: string;
  kind: AgendaItemKind;
  title: string;
  description: string;
  presenter: string;
  planned_minutes: number | null;
  minutes: string;
  decision: string;
}

export interface AttendanceTable extends SyncedColumns {
  meeting_id: string;
  contact_id: string;
  status: AttendanceStatus;
  role: AttendanceRole | null;
}
