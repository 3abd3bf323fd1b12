import { z } from 'zod';

/**
 * Backups of the local database ("Sikkerhedskopier"): what they are, what a
 * risky database location is and what the app tells the user after it had
 * to recover from a damaged database at start.
 */

/**
 * File names the app writes: kredsbog-<owner>-<UTC ISO with -, not :.>-<reason>.sqlite,
 * owner being the owning database's id (16 hex digits, db/backups/backup-owner.ts);
 * older versions wrote the same without the owner. Nothing else is ever opened or deleted.
 * Groups: 1 owner (or undefined), 2 date, 3–6 time, 7 reason.
 */
export const backupFileNamePattern = /^kredsbog-(?:([0-9a-f]{16})-)?(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-([a-z0-9]+(?:-[a-z0-9]+)*)\.sqlite$/;

export const backupNameSchema = z.string().max(200).regex(backupFileNamePattern, { error: 'validation.invalid' });

/** daily: the automatic one on the first start of a day; manual: "Tag sikkerhedskopi nu"; safety: taken before a risky change ('foer-…'). */
export const backupKinds = ['daily', 'manual', 'safety'] as const;
export type BackupKind = (typeof backupKinds)[number];

export const backupEntrySchema = z.object({
  name: backupNameSchema,
  /** The reason part of the name: 'dagligt', 'manuel', 'foer-import', 'foer-migrering-9', 'foer-gendannelse', 'foer-flytning' … */
  reason: z.string(),
  /** UTC instant the backup was taken (from the name). */
  createdAt: z.string(),
  size: z.number().int().nonnegative(),
  kind: z.enum(backupKinds),
});
export type BackupEntry = z.infer<typeof backupEntrySchema>;

export const cloudProviders = ['OneDrive', 'Dropbox', 'iCloud', 'Google Drive'] as const;
export type CloudProvider = (typeof cloudProviders)[number];

export const locationRiskSchema = z.object({
  kind: z.enum(['network', 'cloud-sync']),
  provider: z.enum(cloudProviders).optional(),
  /** A Danish sentence for the user. */
  message: z.string(),
});
export type LocationRisk = z.infer<typeof locationRiskSchema>;

/** What happened when the database was found damaged at start. */
export const recoveryInfoSchema = z.object({
  /** Name of the backup that was restored; null when no usable backup existed (the app started empty). */
  restoredFrom: z.string().nullable(),
  /** When that backup was taken (UTC); changes after it are missing. */
  backupTakenAt: z.string().nullable(),
  /** Where the damaged file was kept (full path). */
  damagedFileKeptAt: z.string(),
  /** When the recovery happened (UTC). */
  recoveredAt: z.string(),
});
export type RecoveryInfo = z.infer<typeof recoveryInfoSchema>;

/**
 * The full integrity check of this start: a large database opens after a
 * light probe and is checked in the background (quick_check reads every
 * page: ≈ 30 s for 2.4 GB with a cold disk cache), so the window never waits.
 */
export const integrityStates = ['ok', 'checking', 'damaged'] as const;
export type IntegrityState = (typeof integrityStates)[number];

export const backupsStatusSchema = z.object({
  databaseFile: z.string(),
  folder: z.string(),
  lastBackup: backupEntrySchema.nullable(),
  count: z.number().int().nonnegative(),
  locationRisk: locationRiskSchema.nullable(),
  recovery: recoveryInfoSchema.nullable(),
  /** The host can reopen the database (needed to move it); false in tests and the CLI. */
  canMove: z.boolean(),
  integrity: z.enum(integrityStates),
});
export type BackupsStatus = z.infer<typeof backupsStatusSchema>;

export const backupRestoreInputSchema = z.object({ name: backupNameSchema });
export const backupRestoreResultSchema = z.object({ restoredFrom: backupEntrySchema, safetyBackup: backupEntrySchema });
export type BackupRestoreResult = z.infer<typeof backupRestoreResultSchema>;

export const databaseMoveInputSchema = z.object({ folder: z.string().trim().min(1, { error: 'validation.required' }).max(1000, { error: 'validation.tooLong' }) });
export const databaseMoveResultSchema = z.object({ databaseFile: z.string(), locationRisk: locationRiskSchema.nullable() });
