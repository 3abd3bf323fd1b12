import { z } from 'zod';

/**
 * Files in the sync folder that wait for the user (issues 12 and 13): the
 * background never applies a file that would delete more than 20 % of a
 * table's live rows, and one file that cannot be applied never stops the
 * others. See db/sync/sync-folder.ts.
 */

/** A file the mass-deletion guard holds back until the user confirms or dismisses it. */
export const folderHeldFileSchema = z.object({
  file: z.string(),
  /** Tables where it would delete more than 20 % of the live rows. */
  tables: z.array(z.string()),
  /** When it was first held back (UTC). */
  at: z.string(),
});
export type FolderHeldFile = z.infer<typeof folderHeldFileSchema>;

/** A complete file that failed to apply: set aside (never moved or deleted) until "Prøv igen". */
export const folderSetAsideFileSchema = z.object({
  file: z.string(),
  /** Why, in Danish; never the file's content. */
  reason: z.string(),
  /** When it was set aside (UTC). */
  at: z.string(),
});
export type FolderSetAsideFile = z.infer<typeof folderSetAsideFileSchema>;

/** A file name in the sync folder as the round lists it: a plain name ending in .kredsbog, never a path. */
export const folderFileNameSchema = z
  .string()
  .min(1, { error: 'validation.required' })
  .max(255, { error: 'validation.tooLong' })
  .regex(/^[^/\\.][^/\\]*\.kredsbog$/, { error: 'validation.invalid' });

export const folderFileInputSchema = z.object({ file: folderFileNameSchema });

/** What became of a file the user acted on. */
export const folderFileOutcomes = ['imported', 'waiting', 'held', 'setAside', 'dismissed'] as const;
export type FolderFileOutcome = (typeof folderFileOutcomes)[number];
