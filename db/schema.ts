import type { ContactLogContactTable, ContactLogTable } from './contact-log/contact-log.table';
import type { AftaleOrganisationTable, AftaleTable } from './aftaler/aftale.table';
import type { StyringsdialogTable } from './styringsdialog/styringsdialog.table';
import type { BoligomraadeOrganisationTable, BoligomraadeStatusTable, BoligomraadeTable } from './boligomraader/boligomraade.table';
import type {
  HelhedsplanBoligomraadeTable,
  HelhedsplanDeadlineTable,
  HelhedsplanIndsatsomraadeTable,
  HelhedsplanOrganisationTable,
  HelhedsplanRoleTable,
  HelhedsplanSeriesTable,
  HelhedsplanTable,
  IndsatsomraadeTable,
} from './helhedsplaner/helhedsplan.table';
import type { ContactTable, AffiliationTable } from './contacts/contact.table';
import type { FollowUpTable } from './follow-ups/follow-up.table';
import type { KommuneKredsTable, KommuneRegionTable, KommuneTable, KredsTable, RegionTable } from './kommuner/kommune.table';
import type {
  AgendaItemTable,
  AttendanceTable,
  MeetingSeriesMemberTable,
  MeetingSeriesOrganisationTable,
  MeetingSeriesTable,
  MeetingTable,
} from './meetings/meeting.table';
import type { OrganisationKommuneTable, OrganisationTable } from './organisations/organisation.table';
import type { LocalSettingTable } from './settings/setting.table';
import type {
  SyncConflictTable,
  SyncImportChangeTable,
  SyncJournalTable,
  SyncLogTable,
  SyncMergeTable,
  SyncOpTable,
  SyncOriginTable,
  SyncPeerTable,
  SyncRowTable,
  SyncStateTable,
  SyncSymbolTable,
  SyncWaitingTable,
} from './sync/sync.table';
import type { TagLinkTable, TagTable } from './tags/tag.table';

/**
 * The whole schema as Kysely sees it. Adding a table? Add it here, in a new
 * migration, and — if users edit it — in `syncedTables` below.
 */
export interface Database {
  region: RegionTable;
  kreds: KredsTable;
  kommune: KommuneTable;
  organisation: OrganisationTable;
  organisation_kommune: OrganisationKommuneTable;
  contact: ContactTable;
  affiliation: AffiliationTable;
  meeting_series: MeetingSeriesTable;
  meeting_series_organisation: MeetingSeriesOrganisationTable;
  meeting_series_member: MeetingSeriesMemberTable;
  meeting: MeetingTable;
  agenda_item: AgendaItemTable;
  attendance: AttendanceTable;
  follow_up: FollowUpTable;
  contact_log: ContactLogTable;
  contact_log_contact: ContactLogContactTable;
  tag: TagTable;
  tag_link: TagLinkTable;
  kommune_region_period: KommuneRegionTable;
  kommune_kreds_period: KommuneKredsTable;
  aftale: AftaleTable;
  aftale_organisation: AftaleOrganisationTable;
  boligomraade: BoligomraadeTable;
  boligomraade_organisation: BoligomraadeOrganisationTable;
  boligomraade_status: BoligomraadeStatusTable;
  styringsdialog: StyringsdialogTable;
  indsatsomraade: IndsatsomraadeTable;
  helhedsplan: HelhedsplanTable;
  helhedsplan_organisation: HelhedsplanOrganisationTable;
  helhedsplan_boligomraade: HelhedsplanBoligomraadeTable;
  helhedsplan_indsatsomraade: HelhedsplanIndsatsomraadeTable;
  helhedsplan_series: HelhedsplanSeriesTable;
  helhedsplan_role: HelhedsplanRoleTable;
  helhedsplan_deadline: HelhedsplanDeadlineTable;
  local_setting: LocalSettingTable;
  sync_op: SyncOpTable;
  sync_state: SyncStateTable;
  sync_conflict: SyncConflictTable;
  sync_peer: SyncPeerTable;
  sync_journal: SyncJournalTable;
  sync_origin: SyncOriginTable;
  sync_symbol: SyncSymbolTable;
  sync_row: SyncRowTable;
  sync_log: SyncLogTable;
  sync_import_change: SyncImportChangeTable;
  sync_merge: SyncMergeTable;
  sync_waiting: SyncWaitingTable;
}

/**
 * Domain tables: every row has id/created/updated/tombstone, every write goes
 * through db/mutations.ts, and the digest covers exactly these (in this order).
 */
export const syncedTables = [
  'region',
  'kreds',
  'kommune',
  'organisation',
  'organisation_kommune',
  'contact',
  'affiliation',
  'meeting_series',
  'meeting_series_organisation',
  'meeting_series_member',
  'meeting',
  'agenda_item',
  'attendance',
  'follow_up',
  'contact_log',
  'contact_log_contact',
  'tag',
  'tag_link',
  'kommune_region_period',
  'kommune_kreds_period',
  'aftale',
  'aftale_organisation',
  'boligomraade',
  'boligomraade_organisation',
  'boligomraade_status',
  'styringsdialog',
  'indsatsomraade',
  'helhedsplan',
  'helhedsplan_organisation',
  'helhedsplan_boligomraade',
  'helhedsplan_indsatsomraade',
  'helhedsplan_series',
  'helhedsplan_role',
  'helhedsplan_deadline',
] as const satisfies readonly (keyof Database)[];

export type SyncedTable = (typeof syncedTables)[number];
