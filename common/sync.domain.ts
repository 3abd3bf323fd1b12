import { z } from 'zod';
import { folderHeldFileSchema, folderSetAsideFileSchema } from './sync-folder.domain';

/** Sync-by-file channels' payloads (issue 4). Files travel as base64 so both hosts work the same. */
const maxFileBase64 = 700 * 1024 * 1024;
/** A file's own name as a file picker gives it: not a path, not "." or "..", no NUL (the upload is written to a temporary file by that name). */
export const uploadFileNameSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !/^\s*\.*\s*$/.test(name) && !/[/\\]/.test(name) && !name.includes('\u0000'), { error: 'validation.invalid' });
export const syncFilePayloadSchema = z.object({
  fileName: uploadFileNameSchema,
  base64: z.string().max(maxFileBase64, { error: 'validation.fileTooLarge' }),
});

const tableChanges = z.object({ created: z.number().int(), changed: z.number().int(), deleted: z.number().int(), restored: z.number().int(), liveBefore: z.number().int().nullable() });

export const importReportSchema = z.object({
  operations: z.number().int(),
  alreadyPresent: z.number().int(),
  applied: z.number().int(),
  held: z.number().int(),
  conflicts: z.number().int(),
  editsToDeleted: z.number().int(),
  possibleDuplicates: z.number().int(),
  tables: z.record(z.string(), tableChanges),
  samples: z.array(z.object({ table: z.string(), rowId: z.string(), kind: z.enum(['created', 'changed', 'deleted', 'restored']), fields: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })) })),
  nothingToDo: z.boolean(),
});

export const importPreviewSchema = z.object({
  sender: z.object({ installationId: z.string(), name: z.string(), createdAt: z.string() }),
  warnings: z.array(z.string()),
  report: importReportSchema,
  largeDeletes: z.array(z.string()),
});
export type ImportPreviewData = z.infer<typeof importPreviewSchema>;

export const peerSchema = z.object({ installationId: z.string(), name: z.string(), lastReceivedAt: z.string().nullable(), lastSentAt: z.string().nullable() });

export const syncStatusSchema = z.object({
  installation: z.object({ id: z.string(), name: z.string() }),
  peers: z.array(peerSchema),
  operations: z.number().int(),
  openConflicts: z.number().int(),
  journal: z.array(z.object({ at: z.string(), peerName: z.string().nullable(), fileName: z.string().nullable(), summary: z.string() })),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncExportResultSchema = z.object({ fileName: z.string(), base64: z.string(), operations: z.number().int() });

const conflictVersion = z.object({ value: z.unknown(), hlc: z.string(), installationId: z.string(), installationName: z.string(), at: z.string(), mine: z.boolean() });
export const conflictSchema = z.object({ id: z.number().int(), table: z.string(), rowId: z.string(), field: z.string(), label: z.string(), current: conflictVersion, other: conflictVersion });
export type ConflictData = z.infer<typeof conflictSchema>;
/** Open conflicts a page at a time (a database can hold a hundred thousand): oldest first, with how many there are in all. */
export const conflictPageInputSchema = z
  .object({ offset: z.number().int().min(0).max(10_000_000).default(0), limit: z.number().int().min(1).max(200).default(50) })
  .strict()
  .default({ offset: 0, limit: 50 });
export const conflictPageSchema = z.object({ rows: z.array(conflictSchema), total: z.number().int(), offset: z.number().int() });
export type ConflictPageData = z.infer<typeof conflictPageSchema>;

export const historyEntrySchema = z.object({
  hlc: z.string(),
  at: z.string(),
  installationId: z.string(),
  installationName: z.string(),
  mine: z.boolean(),
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});
export type HistoryEntryData = z.infer<typeof historyEntrySchema>;

export const folderSyncResultSchema = z.object({
  folder: z.string(),
  written: z.string().nullable(),
  imported: z.array(z.object({ file: z.string(), applied: z.number().int() })),
  waiting: z.array(z.string()),
  /** Files held back by the mass-deletion guard, waiting for the user (all of them, not only this round's). */
  heldBack: z.array(folderHeldFileSchema).default([]),
  /** Files that failed to apply, set aside with their reason (all of them). */
  setAside: z.array(folderSetAsideFileSchema).default([]),
  at: z.string(),
});
export type FolderSyncResultData = z.infer<typeof folderSyncResultSchema>;
export const syncFolderStatusSchema = z.object({
  folder: z.string().nullable(),
  lastResult: folderSyncResultSchema.nullable(),
  heldBack: z.array(folderHeldFileSchema),
  setAside: z.array(folderSetAsideFileSchema),
});
export type SyncFolderStatus = z.infer<typeof syncFolderStatusSchema>;
