import type { Migration } from 'kysely';
import { m0001InitialSchema } from './0001-initial-schema';
import { m0002ReferenceData } from './0002-reference-data';
import { m0003AgendaItemKind } from './0003-agenda-item-kind';
import { m0004SyncLog } from './0004-sync-log';
import { m0005MergePointer } from './0005-merge-pointer';
import { m0006CalendarUidAndErasure } from './0006-calendar-uid-and-erasure';
import { m0007SearchIndex } from './0007-search-index';
import { m0008DashboardIndexes } from './0008-dashboard-indexes';
import { m0009DanishSortIndexes } from './0009-danish-sort-indexes';
import { m0010ForeignKeyIndexes } from './0010-foreign-key-indexes';
import { m0011OpenFollowUpIndexes } from './0011-open-follow-up-indexes';
import { m0012ListIndexes } from './0012-list-indexes';
import { m0013SearchRefold } from './0013-search-refold';
import { m0014CompactOperationLog } from './0014-compact-operation-log';
import { m0015SyncMergesAndWaiting } from './0015-sync-merges-and-waiting';
import { m0016SearchSecureDelete } from './0016-search-secure-delete';
import { m0017SeriesSearchAndOrder } from './0017-series-search-and-order';
import { m0018ContactLog } from './0018-contact-log';
import { m0019DatedRegionsAndAftaler } from './0019-dated-regions-and-aftaler';
import { m0020Boligomraader } from './0020-boligomraader';
import { m0021Styringsdialog } from './0021-styringsdialog';
import { m0022Helhedsplaner } from './0022-helhedsplaner';
import { m0023LastAttended } from './0023-last-attended';
import { m0024WatchedRoles } from './0024-watched-roles';

/**
 * Every migration, in order, listed explicitly (never discovered from the file
 * system, so bundling cannot reorder or drop one). Names sort in order.
 * Released migrations are frozen: add a new entry, never edit an old one,
 * and add a test in migrations.test.ts that upgrades data of the previous version.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001-initial-schema': m0001InitialSchema,
  '0002-reference-data': m0002ReferenceData,
  '0003-agenda-item-kind': m0003AgendaItemKind,
  '0004-sync-log': m0004SyncLog,
  '0005-merge-pointer': m0005MergePointer,
  '0006-calendar-uid-and-erasure': m0006CalendarUidAndErasure,
  '0007-search-index': m0007SearchIndex,
  '0008-dashboard-indexes': m0008DashboardIndexes,
  '0009-danish-sort-indexes': m0009DanishSortIndexes,
  '0010-foreign-key-indexes': m0010ForeignKeyIndexes,
  '0011-open-follow-up-indexes': m0011OpenFollowUpIndexes,
  '0012-list-indexes': m0012ListIndexes,
  '0013-search-refold': m0013SearchRefold,
  '0014-compact-operation-log': m0014CompactOperationLog,
  '0015-sync-merges-and-waiting': m0015SyncMergesAndWaiting,
  '0016-search-secure-delete': m0016SearchSecureDelete,
  '0017-series-search-and-order': m0017SeriesSearchAndOrder,
  '0018-contact-log': m0018ContactLog,
  '0019-dated-regions-and-aftaler': m0019DatedRegionsAndAftaler,
  '0020-boligomraader': m0020Boligomraader,
  '0021-styringsdialog': m0021Styringsdialog,
  '0022-helhedsplaner': m0022Helhedsplaner,
  '0023-last-attended': m0023LastAttended,
  '0024-watched-roles': m0024WatchedRoles,
};

export const migrationNames = Object.keys(migrations);
/** Schema version = number of migrations; stored in PRAGMA user_version too. */
export const schemaVersion = migrationNames.length;
