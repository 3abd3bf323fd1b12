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
  seriesFieldsSchema,
  seriesListInputSchema,
  seriesPageInputSchema,
  seriesPageSchema,
  seriesSchema,
  seriesSummarySchema,
  seriesUpdateInputSchema,
} from './meetings.domain';
import { aftalerContract } from './contracts/aftaler.contract';
import { appShellContract } from './contracts/app-shell.contract';
import { backupsContract } from './contracts/backups.contract';
import { calendarContract } from './contracts/calendar.contract';
import { contactFilesContract } from './contracts/contact-files.contract';
import { documentsContract } from './contracts/documents.contract';
import { gdprContract } from './contracts/gdpr.contract';
import { syncFolderContract } from './contracts/sync-folder.contract';
import { importUndoContract } from './contracts/import-undo.contract';
import { jobInfoSchema } from './jobs.domain';
import { searchInputSchema, searchResultSchema } from './search.domain';
import { dashboardSchema, kommuneMapStatsSchema } from './dashboard.domain';
import { conflictPageInputSchema, conflictPageSchema, folderSyncResultSchema, historyEntrySchema, importPreviewSchema, syncFolderStatusSchema, syncExportResultSchema, syncFilePayloadSchema, syncStatusSchema } from './sync.domain';

/**
 * The IPC contract. This object is the only place a channel name is written:
 * main registers every key, preload exposes every key, the browser host serves
 * every key and the renderer's api.ts is typed from it.
 * Adding a channel? Add its handler in main/handlers (the handler table's type
 * makes a missing one a compile error) — nothing else needs to list it.
 */
const byId = z.object({ id: idSchema });
const none = z.object({}).strict().optional();

export const contract = {
  'app.info': { input: none, output: appInfoSchema },

  'jobs.list': { input: none, output: z.array(jobInfoSchema) },
  'jobs.cancel': { input: z.object({ id: z.number().int() }), output: z.null() },

  'settings.get': { input: none, output: settingsSchema },
  'settings.update': { input: settingsUpdateInputSchema, output: settingsSchema },

  'stats.get': { input: none, output: statsSchema },
  'dashboard.get': { input: none, output: dashboardSchema },
  'dashboard.map': { input: none, output: kommuneMapStatsSchema },

  'regions.list': { input: none, output: z.array(regionSchema) },
  'kredse.list': { input: none, output: z.array(kredsSchema) },

  'kommuner.list': { input: kommuneListInputSchema, output: z.array(kommuneSummarySchema) },
  'kommuner.get': { input: byId, output: kommuneDetailSchema },
  'kommuner.update': { input: kommuneUpdateInputSchema, output: kommuneDetailSchema },
  'kommuner.setKreds': { input: kommuneSetKredsInputSchema, output: z.object({ changed: z.number().int() }) },

  'organisations.list': { input: organisationListInputSchema, output: z.array(organisationSchema) },
  'organisations.page': { input: organisationPageInputSchema, output: organisationPageSchema },
  'organisations.get': { input: byId, output: organisationDetailSchema },
  'organisations.create': { input: organisationCreateInputSchema, output: organisationSchema },
  'organisations.update': { input: organisationUpdateInputSchema, output: organisationSchema },
  'organisations.delete': { input: byId, output: organisationSchema },
  'organisations.restore': { input: byId, output: organisationSchema },

  'contacts.list': { input: contactListInputSchema, output: z.array(contactSummarySchema) },
  'contacts.page': { input: contactPageInputSchema, output: contactPageSchema },
  'contacts.get': { input: byId, output: contactSchema },
  'contacts.create': { input: contactCreateInputSchema, output: contactSchema },
  'contacts.update': { input: contactUpdateInputSchema, output: contactSchema },
  'contacts.delete': { input: byId, output: contactSchema },
  'contacts.restore': { input: byId, output: contactSchema },

  'search.query': { input: searchInputSchema, output: searchResultSchema },

  'duplicates.list': { input: z.object({ table: z.enum(['contact', 'organisation']).optional() }).optional(), output: z.array(duplicateSuggestionSchema) },
  'duplicates.merge': { input: mergeInputSchema, output: mergeSummarySchema },
  'duplicates.dismiss': { input: duplicateDismissInputSchema, output: z.null() },

  'affiliations.create': { input: affiliationCreateInputSchema, output: affiliationSchema },
  'affiliations.update': { input: affiliationUpdateInputSchema, output: affiliationSchema },
  'affiliations.delete': { input: byId, output: affiliationSchema },
  'affiliations.restore': { input: byId, output: affiliationSchema },

  'series.list': { input: seriesListInputSchema, output: z.array(seriesSummarySchema) },
  'series.page': { input: seriesPageInputSchema, output: seriesPageSchema },
  'series.get': { input: byId, output: seriesSchema },
  'series.create': { input: seriesFieldsSchema, output: seriesSchema },
  'series.update': { input: seriesUpdateInputSchema, output: seriesSchema },
  'series.archive': { input: z.object({ id: idSchema, archived: z.boolean() }), output: seriesSchema },
  'series.delete': { input: byId, output: seriesSchema },
  'series.restore': { input: byId, output: seriesSchema },
  'series.proposeNext': { input: byId, output: meetingProposalSchema },

  'meetings.list': { input: meetingListInputSchema, output: z.array(meetingSummarySchema) },
  'meetings.page': { input: meetingPageInputSchema, output: meetingPageSchema },
  'meetings.get': { input: byId, output: meetingSchema },
  'meetings.create': { input: meetingCreateInputSchema, output: meetingSchema },
  'meetings.update': { input: meetingUpdateInputSchema, output: meetingSchema },
  'meetings.close': { input: byId, output: meetingSchema },
  'meetings.delete': { input: byId, output: meetingSchema },
  'meetings.restore': { input: byId, output: meetingSchema },

  'agenda.add': { input: agendaAddInputSchema, output: agendaItemSchema },
  'agenda.update': { input: agendaUpdateInputSchema, output: agendaItemSchema },
  'agenda.move': { input: agendaMoveInputSchema, output: agendaItemSchema },
  'agenda.delete': { input: byId, output: agendaItemSchema },
  'agenda.restore': { input: byId, output: agendaItemSchema },

  'attendance.set': { input: attendanceSetInputSchema, output: z.array(attendanceSchema) },
  'attendance.remove': { input: attendanceRemoveInputSchema, output: z.array(attendanceSchema) },

  'followUps.list': { input: followUpListInputSchema, output: z.array(followUpSchema) },
  'followUps.page': { input: followUpPageInputSchema, output: followUpPageSchema },
  'followUps.get': { input: byId, output: followUpSchema },
  'followUps.create': { input: followUpFieldsSchema, output: followUpSchema },
  'followUps.update': { input: followUpUpdateInputSchema, output: followUpSchema },
  'followUps.setStatus': { input: followUpStatusInputSchema, output: z.array(followUpSchema) },
  'followUps.delete': { input: byId, output: followUpSchema },
  'followUps.restore': { input: byId, output: followUpSchema },

  'sync.status': { input: none, output: syncStatusSchema },
  'sync.rename': { input: z.object({ name: z.string().trim().min(1, { error: 'validation.required' }).max(200, { error: 'validation.tooLong' }) }), output: syncStatusSchema },
  'sync.export': { input: z.object({ peerId: z.string().max(64).optional() }), output: syncExportResultSchema },
  'sync.preview': { input: syncFilePayloadSchema, output: importPreviewSchema },
  'sync.import': { input: syncFilePayloadSchema.extend({ confirmLargeDeletes: z.boolean().default(false) }), output: importPreviewSchema },
  'sync.conflicts': { input: conflictPageInputSchema, output: conflictPageSchema },
  'sync.folder': { input: none, output: syncFolderStatusSchema },
  'sync.setFolder': { input: z.object({ folder: z.string().trim().min(1, { error: 'validation.required' }).max(1000).nullable() }), output: syncFolderStatusSchema },
  'sync.folderNow': { input: none, output: folderSyncResultSchema },
  /** A record's history, newest first, a page at a time: pass the previous page's nextBefore as `before` for older changes. */
  'sync.history': {
    input: z.object({
      table: z.enum(['organisation', 'contact', 'affiliation', 'meeting', 'meeting_series', 'agenda_item', 'follow_up', 'kommune']),
      id: idSchema,
      before: z.string().max(64).optional(),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    output: z.object({ entries: z.array(historyEntrySchema), nextBefore: z.string().nullable() }),
  },
  /** Answers the first page of the conflicts still open. */
  'sync.resolve': { input: z.object({ id: z.number().int(), keep: z.enum(['current', 'other']) }), output: conflictPageSchema },

  ...documentsContract,
  ...calendarContract,
  ...backupsContract,
  ...appShellContract,
  ...contactFilesContract,
  ...gdprContract,
  ...syncFolderContract,
  ...importUndoContract,
  ...aftalerContract,
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What a caller may pass (before defaults are applied). */
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives (after parsing and defaults). */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** The prefix every IPC channel carries, so preload and main never touch Electron's own channels. */
export const ipcPrefix = 'kredsbog:';
