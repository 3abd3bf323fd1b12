import { z } from 'zod';
import { affects, readOnly, type ChannelSpec } from './query-areas';
import {
  backupEntrySchema,
  backupRestoreInputSchema,
  backupRestoreResultSchema,
  backupsStatusSchema,
  databaseMoveInputSchema,
  databaseMoveResultSchema,
} from '../backups.domain';

const none = z.object({}).strict().optional();

/**
 * Channels of this area, spread into the one contract (common/contract.ts).
 * Every channel name here starts with "backups." (server/handlers/backups.handlers.ts).
 */
export const backupsContract = {
  /** The backups beside the database, newest first. */
  'backups.list': { input: none, output: z.array(backupEntrySchema), affects: readOnly },
  /** "Tag sikkerhedskopi nu". */
  'backups.create': { input: none, output: backupEntrySchema, affects: affects.backups },
  /** "Gendan": backs the current database up first, checks the chosen backup, then restores it. */
  'backups.restore': { input: backupRestoreInputSchema, output: backupRestoreResultSchema, affects: affects.everything },
  /** Last backup, folder, location warning and what a recovery at this start did. */
  'backups.status': { input: none, output: backupsStatusSchema, affects: readOnly },
  /** The recovery notice has been read: it is not shown again. */
  'backups.dismissRecovery': { input: none, output: backupsStatusSchema, affects: affects.backups },
  /** The background check found damage: keep the damaged file aside and restore the newest good backup (as a damaged start does). */
  'backups.recoverDamaged': { input: none, output: backupsStatusSchema, affects: affects.everything },
  /** "Flyt databasen": copies it (backup API, verified) into the folder; the host reopens it there from now on. */
  'backups.move': { input: databaseMoveInputSchema, output: databaseMoveResultSchema, affects: affects.everything },
} as const satisfies Record<string, ChannelSpec>;
