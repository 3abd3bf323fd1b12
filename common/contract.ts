import { z } from 'zod';
import {
  affiliationCreateInputSchema,
  affiliationSchema,
  affiliationUpdateInputSchema,
  appInfoSchema,
  contactCreateInputSchema,
  contactListInputSchema,
  contactPageInputSchema,
  contactPageSchema,
  contactSchema,
  contactSummarySchema,
  contactUpdateInputSchema,
  duplicateDismissInputSchema,
  duplicateSuggestionSchema,
  idSchema,
  kommuneDetailSchema,
  kommuneListInputSchema,
  kommuneSummarySchema,
  kommuneSetKredsInputSchema,
  kommuneUpdateInputSchema,
  kredsSchema,
  mergeInputSchema,
  mergeSummarySchema,
  organisationCreateInputSchema,
  organisationDetailSchema,
  organisationListInputSchema,
  organisationPageInputSchema,
  organisationPageSchema,
  organisationSchema,
  organisationUpdateInputSchema,
  regionSchema,
  settingsSchema,
  settingsUpdateInputSchema,
  statsSchema,
} from './domain';
import {
  agendaAddInputSchema,
  agendaItemSchema,
  agendaMoveInputSchema,
  agendaTextInputSchema,
  agendaUpdateInputSchema,
  attendanceRemoveInputSchema,
  attendanceSchema,
  attendanceSetInputSchema,
  followUpFieldsSchema,
  followUpListInputSchema,
  followUpPageInputSchema,
  followUpPageSchema,
  followUpSchema,
  followUpStatusInputSchema,
  followUpUpdateInputSchema,
  meetingCreateInputSchema,
  meetingListInputSchema,
  meetingPageInputSchema,
  meetingPageSchema,
  meetingProposalSchema,
  meetingSchema,
  meetingSummarySchema,
  meetingUpdateInputSchema,
  saveAckSchema,
  seriesFieldsSchema,
  seriesListInputSchema,
  seriesPageInputSchema,
  seriesPageSchema,
  seriesSchema,
  seriesSummarySchema,
  seriesUpdateInputSchema,
} from './meetings.domain';
import { aftalerContract } from './contracts/aftaler.contract';
import { boligomraaderContract } from './contracts/boligomraader.contract';
import { styringsdialogContract } from './contracts/styringsdialog.contract';
import { helhedsplanerContract } from './contracts/helhedsplaner.contract';
import { appShellContract } from './contracts/app-shell.contract';
import { backupsContract } from './contracts/backups.contract';
import { calendarContract } from './contracts/calendar.contract';
import { contactFilesContract } from './contracts/contact-files.contract';
import { documentsContract } from './contracts/documents.contract';
import { gdprContract } from './contracts/gdpr.contract';
import { syncFolderContract } from './contracts/sync-folder.contract';
import { importUndoContract } from './contracts/import-undo.contract';
import { affects, readOnly, type ChannelSpec, type QueryArea } from './contracts/query-areas';
import { relationshipsContract } from './contracts/relationships.contract';
import { jobInfoSchema } from './jobs.domain';
import { searchInputSchema, searchResultSchema } from './search.domain';
import { dashboardSchema, dashboardStyringsdialogSchema, kommuneMapStatsSchema } from './dashboard.domain';
import { conflictPageInputSchema, conflictPageSchema, folderSyncResultSchema, historyEntrySchema, importPreviewSchema, syncFolderStatusSchema, syncExportResultSchema, syncFilePayloadSchema, syncStatusSchema } from './sync.domain';

/**
 * The IPC contract. This object is the only place a channel name is written:
 * main registers every key, preload exposes every key, the browser host serves
 * every key and the renderer's api.ts is typed from it.
 * Adding a channel? Add its handler in server/handlers (the handler table's type
 * makes a missing one a compile error) — nothing else needs to list it.
 */
const byId = z.object({ id: idSchema });
const none = z.object({}).strict().optional();

export const contract = {
  'app.info': { input: none, output: appInfoSchema, affects: readOnly },

  'jobs.list': { input: none, output: z.array(jobInfoSchema), affects: readOnly },
  'jobs.cancel': { input: z.object({ id: z.number().int() }), output: z.null(), affects: affects.jobs },

  'settings.get': { input: none, output: settingsSchema, affects: readOnly },
  'settings.update': { input: settingsUpdateInputSchema, output: settingsSchema, affects: affects.everything },

  'stats.get': { input: none, output: statsSchema, affects: readOnly },
  'dashboard.get': { input: none, output: dashboardSchema, affects: readOnly },
  'dashboard.map': { input: none, output: kommuneMapStatsSchema, affects: readOnly },
  'dashboard.styringsdialog': { input: none, output: dashboardStyringsdialogSchema, affects: readOnly },

  'regions.list': { input: none, output: z.array(regionSchema), affects: readOnly },
  'kredse.list': { input: none, output: z.array(kredsSchema), affects: readOnly },

  'kommuner.list': { input: kommuneListInputSchema, output: z.array(kommuneSummarySchema), affects: readOnly },
  'kommuner.get': { input: byId, output: kommuneDetailSchema, affects: readOnly },
  'kommuner.update': { input: kommuneUpdateInputSchema, output: kommuneDetailSchema, affects: affects.kommuner },
  'kommuner.setKreds': { input: kommuneSetKredsInputSchema, output: z.object({ changed: z.number().int() }), affects: affects.kommuner },

  'organisations.list': { input: organisationListInputSchema, output: z.array(organisationSchema), affects: readOnly },
  'organisations.page': { input: organisationPageInputSchema, output: organisationPageSchema, affects: readOnly },
  'organisations.get': { input: byId, output: organisationDetailSchema, affects: readOnly },
  'organisations.create': { input: organisationCreateInputSchema, output: organisationSchema, affects: affects.organisations },
  'organisations.update': { input: organisationUpdateInputSchema, output: organisationSchema, affects: affects.organisations },
  'organisations.delete': { input: byId, output: organisationSchema, affects: affects.organisations },
  'organisations.restore': { input: byId, output: organisationSchema, affects: affects.organisations },

  'contacts.list': { input: contactListInputSchema, output: z.array(contactSummarySchema), affects: readOnly },
  'contacts.page': { input: contactPageInputSchema, output: contactPageSchema, affects: readOnly },
  'contacts.get': { input: byId, output: contactSchema, affects: readOnly },
  'contacts.create': { input: contactCreateInputSchema, output: contactSchema, affects: affects.contacts },
  'contacts.update': { input: contactUpdateInputSchema, output: contactSchema, affects: affects.contacts },
  'contacts.delete': { input: byId, output: contactSchema, affects: affects.contacts },
  'contacts.restore': { input: byId, output: contactSchema, affects: affects.contacts },

  'search.query': { input: searchInputSchema, output: searchResultSchema, affects: readOnly },

  'duplicates.list': { input: z.object({ table: z.enum(['contact', 'organisation']).optional() }).optional(), output: z.array(duplicateSuggestionSchema), affects: readOnly },
  'duplicates.merge': { input: mergeInputSchema, output: mergeSummarySchema, affects: affects.everything },
  'duplicates.dismiss': { input: duplicateDismissInputSchema, output: z.null(), affects: affects.duplicates },

  'affiliations.create': { input: affiliationCreateInputSchema, output: affiliationSchema, affects: affects.affiliations },
  'affiliations.update': { input: affiliationUpdateInputSchema, output: affiliationSchema, affects: affects.affiliations },
  'affiliations.delete': { input: byId, output: affiliationSchema, affects: affects.affiliations },
  'affiliations.restore': { input: byId, output: affiliationSchema, affects: affects.affiliations },

  'series.list': { input: seriesListInputSchema, output: z.array(seriesSummarySchema), affects: readOnly },
  'series.page': { input: seriesPageInputSchema, output: seriesPageSchema, affects: readOnly },
  'series.get': { input: byId, output: seriesSchema, affects: readOnly },
  'series.create': { input: seriesFieldsSchema, output: seriesSchema, affects: affects.series },
  'series.update': { input: seriesUpdateInputSchema, output: seriesSchema, affects: affects.series },
  'series.archive': { input: z.object({ id: idSchema, archived: z.boolean() }), output: seriesSchema, affects: affects.series },
  'series.delete': { input: byId, output: seriesSchema, affects: affects.series },
  'series.restore': { input: byId, output: seriesSchema, affects: affects.series },
  'series.proposeNext': { input: byId, output: meetingProposalSchema, affects: readOnly },

  'meetings.list': { input: meetingListInputSchema, output: z.array(meetingSummarySchema), affects: readOnly },
  'meetings.page': { input: meetingPageInputSchema, output: meetingPageSchema, affects: readOnly },
  'meetings.get': { input: byId, output: meetingSchema, affects: readOnly },
  'meetings.create': { input: meetingCreateInputSchema, output: meetingSchema, affects: affects.meetings },
  'meetings.update': { input: meetingUpdateInputSchema, output: saveAckSchema, affects: affects.meetings },
  'meetings.close': { input: byId, output: meetingSchema, affects: affects.meetings },
  'meetings.delete': { input: byId, output: meetingSchema, affects: affects.meetings },
  'meetings.restore': { input: byId, output: meetingSchema, affects: affects.meetings },

  'agenda.add': { input: agendaAddInputSchema, output: agendaItemSchema, affects: affects.meetingParts },
  'agenda.update': { input: agendaUpdateInputSchema, output: agendaItemSchema, affects: affects.meetingParts },
  /** The referat's autosave (minutes, decision): answers an acknowledgement, not the item. */
  'agenda.saveText': { input: agendaTextInputSchema, output: saveAckSchema, affects: affects.meetingParts },
  'agenda.move': { input: agendaMoveInputSchema, output: agendaItemSchema, affects: affects.meetingParts },
  'agenda.delete': { input: byId, output: agendaItemSchema, affects: affects.meetingParts },
  'agenda.restore': { input: byId, output: agendaItemSchema, affects: affects.meetingParts },

  'attendance.set': { input: attendanceSetInputSchema, output: z.array(attendanceSchema), affects: affects.meetingParts },
  'attendance.remove': { input: attendanceRemoveInputSchema, output: z.array(attendanceSchema), affects: affects.meetingParts },

  'followUps.list': { input: followUpListInputSchema, output: z.array(followUpSchema), affects: readOnly },
  'followUps.page': { input: followUpPageInputSchema, output: followUpPageSchema, affects: readOnly },
  'followUps.get': { input: byId, output: followUpSchema, affects: readOnly },
  'followUps.create': { input: followUpFieldsSchema, output: followUpSchema, affects: affects.followUps },
  'followUps.update': { input: followUpUpdateInputSchema, output: saveAckSchema, affects: affects.followUps },
  'followUps.setStatus': { input: followUpStatusInputSchema, output: z.array(followUpSchema), affects: affects.followUps },
  'followUps.delete': { input: byId, output: followUpSchema, affects: affects.followUps },
  'followUps.restore': { input: byId, output: followUpSchema, affects: affects.followUps },

  'sync.status': { input: none, output: syncStatusSchema, affects: readOnly },
  'sync.rename': { input: z.object({ name: z.string().trim().min(1, { error: 'validation.required' }).max(200, { error: 'validation.tooLong' }) }), output: syncStatusSchema, affects: affects.syncState },
  'sync.export': { input: z.object({ peerId: z.string().max(64).optional() }), output: syncExportResultSchema, affects: affects.syncState },
  'sync.preview': { input: syncFilePayloadSchema, output: importPreviewSchema, affects: readOnly },
  'sync.import': { input: syncFilePayloadSchema.extend({ confirmLargeDeletes: z.boolean().default(false) }), output: importPreviewSchema, affects: affects.everything },
  'sync.conflicts': { input: conflictPageInputSchema, output: conflictPageSchema, affects: readOnly },
  'sync.folder': { input: none, output: syncFolderStatusSchema, affects: readOnly },
  'sync.setFolder': { input: z.object({ folder: z.string().trim().min(1, { error: 'validation.required' }).max(1000).nullable() }), output: syncFolderStatusSchema, affects: affects.syncState },
  'sync.folderNow': { input: none, output: folderSyncResultSchema, affects: affects.everything },
  /** A record's history, newest first, a page at a time: pass the previous page's nextBefore as `before` for older changes. */
  'sync.history': {
    input: z.object({
      table: z.enum(['organisation', 'contact', 'affiliation', 'meeting', 'meeting_series', 'agenda_item', 'follow_up', 'kommune']),
      id: idSchema,
      before: z.string().max(64).optional(),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    output: z.object({ entries: z.array(historyEntrySchema), nextBefore: z.string().nullable() }),
    affects: readOnly,
  },
  /** Answers the first page of the conflicts still open. */
  'sync.resolve': { input: z.object({ id: z.number().int(), keep: z.enum(['current', 'other']) }), output: conflictPageSchema, affects: affects.everything },

  ...documentsContract,
  ...calendarContract,
  ...backupsContract,
  ...appShellContract,
  ...contactFilesContract,
  ...gdprContract,
  ...syncFolderContract,
  ...importUndoContract,
  ...relationshipsContract,
  ...aftalerContract,
  ...boligomraaderContract,
  ...styringsdialogContract,
  ...helhedsplanerContract,
} as const satisfies Record<string, ChannelSpec>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What a caller may pass (before defaults are applied). */
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives (after parsing and defaults). */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const channels = Object.keys(contract) as Channel[];

/** The renderer's cached reads a success on `channel` makes stale, as declared beside the channel (common/contracts/query-areas.ts). */
export function affectedAreas(channel: Channel): readonly QueryArea[] {
  return contract[channel].affects;
}

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** The prefix every IPC channel carries, so preload and main never touch Electron's own channels. */
export const ipcPrefix = 'kredsbog:';
