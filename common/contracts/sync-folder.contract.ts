import { z } from 'zod';
import { affects, type ChannelSpec } from './query-areas';
import { folderFileInputSchema, folderFileOutcomes } from '../sync-folder.domain';
import { syncFolderStatusSchema } from '../sync.domain';

const folderFileActionResultSchema = z.object({ outcome: z.enum(folderFileOutcomes), status: syncFolderStatusSchema });

/**
 * The sync folder's files that wait for the user (db/sync/sync-folder.ts),
 * spread into the one contract (common/contract.ts); handlers in
 * server/handlers/sync.handlers.ts.
 */
export const syncFolderContract = {
  /** A held-back file (it deletes more than 20 % of a table): import it with the deletions. */
  'sync.folderConfirm': { input: folderFileInputSchema, output: folderFileActionResultSchema, affects: affects.everything },
  /** A held-back or set-aside file: never import it; remembered. */
  'sync.folderDismiss': { input: folderFileInputSchema, output: folderFileActionResultSchema, affects: affects.syncState },
  /** "Prøv igen": a set-aside file is tried again now. */
  'sync.folderRetry': { input: folderFileInputSchema, output: folderFileActionResultSchema, affects: affects.everything },
} as const satisfies Record<string, ChannelSpec>;
