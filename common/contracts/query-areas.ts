import type { z } from 'zod';

/**
 * What a channel's success makes stale in the renderer's cache. Every cached
 * read is keyed by its channel name first ("contacts.page", …), and its area
 * is the name's prefix ("contacts"). Each contract channel declares, beside its
 * schemas, the areas a success changes (`affects`): the renderer refetches
 * those and nothing else (renderer/src/queries.ts). Reads and read-only
 * exports declare `readOnly`. The field is required, so a new channel cannot
 * forget it (ChannelSpec below; the contract `satisfies` it).
 */
export const queryAreas = [
  'app',
  'jobs',
  'settings',
  'stats',
  'dashboard',
  'regions',
  'kredse',
  'kommuner',
  'organisations',
  'contacts',
  'search',
  'duplicates',
  'series',
  'meetings',
  'followUps',
  'sync',
  'referat',
  'calendar',
  'backups',
  'appShell',
  'contactFiles',
  'gdpr',
  'relationships',
  'aftaler',
  'boligomraader',
  'styringsdialog',
  'helhedsplaner',
] as const;
export type QueryArea = (typeof queryAreas)[number];

export interface ChannelSpec {
  readonly input: z.ZodType;
  readonly output: z.ZodType;
  /** The cached reads a success makes stale; `readOnly` for a read. */
  readonly affects: readonly QueryArea[];
}

/** A read, or an export that writes nothing: nothing to refetch. */
export const readOnly = [] as const satisfies readonly QueryArea[];

/**
 * What any change to the records touches besides their own lists: the overview, counts, search, the sync state
 * (unexported changes, history) and the hub pages and timelines, which show every kind of record.
 */
const anyRecord = ['dashboard', 'stats', 'search', 'sync', 'relationships'] as const satisfies readonly QueryArea[];

/** The areas a write to a kind of record touches (its own lists and details, and the pages that show it inside theirs). */
export const affects = {
  kommuner: [...anyRecord, 'kommuner', 'kredse', 'organisations', 'contacts', 'meetings', 'followUps'],
  organisations: [...anyRecord, 'organisations', 'kommuner', 'contacts', 'meetings', 'series', 'followUps', 'duplicates'],
  contacts: [...anyRecord, 'contacts', 'organisations', 'kommuner', 'meetings', 'followUps', 'duplicates'],
  affiliations: [...anyRecord, 'contacts', 'organisations', 'kommuner', 'meetings'],
  series: [...anyRecord, 'series', 'meetings', 'kommuner', 'organisations'],
  meetings: [...anyRecord, 'meetings', 'series', 'kommuner', 'organisations', 'contacts', 'followUps', 'referat'],
  /** Agenda items and attendance live inside a meeting; attendance also shows on the contact. */
  meetingParts: [...anyRecord, 'meetings', 'referat', 'contacts', 'organisations', 'followUps'],
  followUps: [...anyRecord, 'followUps', 'meetings', 'contacts', 'organisations', 'kommuner'],
  duplicates: ['duplicates'],
  /** Logged contacts and keep-in-touch intervals: the hubs, timelines and Overblik's overdue list (anyRecord), and the contact's page. */
  relationships: [...anyRecord, 'contacts', 'kommuner', 'organisations'],
  /** Aftaler: their page, the kommune page's section, Overblik's deadlines (dashboard) and the parties' pages. */
  aftaler: [...anyRecord, 'aftaler', 'kommuner', 'organisations'],
  /** Boligområder and their lists: their pages, the kommune hub's section, Overblik's card (dashboard), the map and the organisations' pages; an import also takes the day's backup. */
  boligomraader: [...anyRecord, 'boligomraader', 'kommuner', 'organisations', 'backups'],
  /** The styringsdialog cycle: the board, the kommune and organisation pages, and (planning) the meeting and its series. */
  styringsdialog: [...anyRecord, 'styringsdialog', 'kommuner', 'organisations', 'meetings', 'series'],
  /** Helhedsplaner: their page, the kommune and organisation sections, the contacts' seats and Overblik's deadlines (dashboard). */
  helhedsplaner: [...anyRecord, 'helhedsplaner', 'kommuner', 'organisations', 'contacts'],
  /** A merge, an import, a restore, an undo or an erasure may change any record, or the whole database. */
  everything: [...queryAreas],
  syncState: ['sync'],
  backups: ['backups'],
  jobs: ['jobs'],
} as const satisfies Record<string, readonly QueryArea[]>;
