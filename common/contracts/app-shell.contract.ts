import { z } from 'zod';
import { readOnly, type ChannelSpec } from './query-areas';
import { syncFilePayloadSchema } from '../sync.domain';

/**
 * Channels of the application shell (issue 7), spread into the one contract
 * (common/contract.ts). Every channel name here starts with "appShell." (the
 * handler table is server/handlers/app-shell.handlers.ts).
 *
 * The preload forwards contract calls only — main cannot push to the
 * renderer. So what main learns on its own (a .kredsbog file double-clicked,
 * a menu click) waits in main until the renderer asks: `appShell.nextRequest`
 * is a long poll that answers as soon as something happens.
 */
const none = z.object({}).strict().optional();

export const shellRequestSchema = z.enum(['openFiles', 'about', 'reportProblem']);
export type ShellRequest = z.infer<typeof shellRequestSchema>;

export const aboutInfoSchema = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  host: z.enum(['electron', 'browser']),
  /** null outside Electron (the browser host, tests). */
  electron: z.string().nullable(),
  chrome: z.string().nullable(),
  node: z.string(),
  os: z.string(),
  databaseFile: z.string(),
  dataFolder: z.string(),
  backupsFolder: z.string(),
  logsFolder: z.string(),
});
export type AboutInfo = z.infer<typeof aboutInfoSchema>;

export const openFileRejectionSchema = z.object({ fileName: z.string(), reason: z.enum(['notKredsbog', 'tooLarge', 'unreadable']) });
export const pendingOpenFilesSchema = z.object({
  /** Read and checked like a file chosen on the sync page; ready for sync.preview. */
  files: z.array(syncFilePayloadSchema),
  /** Opened files that cannot be imported, so the renderer can say why. */
  rejected: z.array(openFileRejectionSchema),
});
export type PendingOpenFiles = z.infer<typeof pendingOpenFilesSchema>;

export const appShellContract = {
  /** "Om Kredsbog": versions and where the data, backups and logs are. */
  'appShell.about': { input: none, output: aboutInfoSchema, affects: readOnly },
  /** "Rapportér problem": a zip of logs, versions, OS and a database check — counts only, no personal data. */
  'appShell.diagnostics': { input: none, output: z.object({ fileName: z.string(), base64: z.string() }), affects: readOnly },
  /** .kredsbog files the operating system asked Kredsbog to open since the last call (always empty in the browser host). */
  'appShell.pendingOpenFiles': { input: none, output: pendingOpenFilesSchema, affects: readOnly },
  /**
   * Waits (up to about half a minute) for the next thing main wants the
   * renderer to do; `request: null` means nothing happened — ask again while
   * `waitAgain` is true. The browser host answers at once with waitAgain false.
   */
  'appShell.nextRequest': { input: none, output: z.object({ request: shellRequestSchema.nullable(), waitAgain: z.boolean() }), affects: readOnly },
} as const satisfies Record<string, ChannelSpec>;
