import { z } from 'zod';
import { affects, readOnly, type ChannelSpec } from './query-areas';
import { recentImportSchema, undoImportInputSchema, undoImportResultSchema } from '../import-undo.domain';

const none = z.object({}).strict().optional();

/**
 * "Fortryd import" (db/sync/import-undo.ts), spread into the one contract
 * (common/contract.ts); handlers in server/handlers/sync.handlers.ts.
 */
export const importUndoContract = {
  /** The most recent sync imports, newest first, each with whether it can be undone. */
  'sync.imports': { input: none, output: z.array(recentImportSchema), affects: readOnly },
  /** Sets what one import changed back, as new edits that sync; with dryRun only says what it would do. */
  'sync.undoImport': { input: undoImportInputSchema, output: undoImportResultSchema, affects: affects.everything },
} as const satisfies Record<string, ChannelSpec>;
