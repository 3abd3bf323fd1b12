import { z } from 'zod';

/**
 * "Fortryd import" (issue 12): what undoing a sync import did, and the recent
 * imports with whether each can still be undone (db/sync/import-undo.ts).
 */
export const importUndoSummarySchema = z.object({
  /** Fields set back to the value they had before the import. */
  restoredFields: z.number().int(),
  /** Records the import created (or restored) that are deleted again. */
  deletedRecords: z.number().int(),
  /** Records the import deleted that are restored. */
  restoredRecords: z.number().int(),
  /** Changes left alone because the field or record was changed again after the import. */
  skippedChangedSince: z.number().int(),
  /** Changes left alone because they concern a person erased under GDPR (never brought back). */
  skippedErased: z.number().int(),
  /** Changes left alone because they belong to a merge of duplicates (merges are final). */
  skippedMerged: z.number().int(),
});
export type ImportUndoSummary = z.infer<typeof importUndoSummarySchema>;

/**
 * - undoable: the import's changes are kept and it has not been undone
 * - undone: already undone (undoneAt says when)
 * - tooLarge: it changed too many fields to be kept; restore the backup taken before it
 * - tooOld: its changes are no longer kept (only the most recent imports' are), or it predates the feature
 * - nothingChanged: it changed nothing, so there is nothing to undo
 */
export const importUndoStates = ['undoable', 'undone', 'tooLarge', 'tooOld', 'nothingChanged'] as const;
export type ImportUndoState = (typeof importUndoStates)[number];

export const recentImportSchema = z.object({
  journalId: z.number().int(),
  at: z.string(),
  peerName: z.string().nullable(),
  fileName: z.string().nullable(),
  applied: z.number().int(),
  state: z.enum(importUndoStates),
  /** Fields the import changed and records it created, as kept for the undo (0 when none are kept). */
  changedFields: z.number().int(),
  createdRecords: z.number().int(),
  undoneAt: z.string().nullable(),
  /** What the undo did, once undone. */
  undo: importUndoSummarySchema.nullable(),
});
export type RecentImport = z.infer<typeof recentImportSchema>;

export const undoImportInputSchema = z.object({
  journalId: z.number().int().positive(),
  /** Compute what the undo would do and change nothing (for the confirmation). */
  dryRun: z.boolean().default(false),
});

export const undoImportResultSchema = z.object({ journalId: z.number().int(), undone: z.boolean(), summary: importUndoSummarySchema });
export type UndoImportResult = z.infer<typeof undoImportResultSchema>;
