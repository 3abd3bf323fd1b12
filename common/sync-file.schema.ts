import { z } from 'zod';

/**
 * The .kredsbog sync file (ARCHITECTURE.md §5): gzip-compressed JSON lines —
 * a header, the operations sorted by clock, and a trailer with the count and
 * the SHA-256 of every preceding byte.
 * Bumping SYNC_FORMAT_VERSION? Keep reading older versions, and raise
 * MIN_READER_VERSION only when older apps must refuse the new files.
 */
export const SYNC_FORMAT = 'kredsbog-sync';
export const SYNC_FORMAT_VERSION = 1;
/** The newest minimum-reader version this app understands. */
export const SYNC_READER_VERSION = 1;

const clock = z.string().regex(/^\d{16}-[0-9a-f]{4}-[0-9a-zA-Z-]{1,64}$/);
const name = z.string().regex(/^[a-z_]{1,64}$/);

export const syncHeaderSchema = z
  .object({
    format: z.literal(SYNC_FORMAT),
    formatVersion: z.number().int().min(1),
    minReaderVersion: z.number().int().min(1),
    schemaVersion: z.number().int().min(1),
    appVersion: z.string().max(50),
    installationId: z.string().regex(/^[0-9a-zA-Z-]{1,64}$/),
    installationName: z.string().max(200),
    createdAt: z.iso.datetime(),
    clock: clock.nullable(),
    vector: z.record(z.string().regex(/^[0-9a-zA-Z-]{1,64}$/), clock),
    counts: z.object({ operations: z.number().int().min(0) }),
  })
  .strict();
export type SyncHeader = z.infer<typeof syncHeaderSchema>;

/** One operation, in the compact form it has in the file. */
export const syncOpLineSchema = z
  .object({
    h: clock,
    t: name,
    r: z.string().min(1).max(64),
    f: name,
    v: z.union([z.string().max(1_000_000), z.null()]),
    p: clock.nullable(),
    o: z.string().regex(/^[0-9a-zA-Z-]{1,64}$/),
  })
  .strict()
  .refine((op) => op.h.endsWith(`-${op.o}`), { error: 'clock and origin disagree' })
  .refine((op) => {
    if (op.v === null) return true;
    try {
      const value: unknown = JSON.parse(op.v);
      return value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
    } catch {
      return false;
    }
  }, { error: 'value is not a JSON string, number or null' });
export type SyncOpLine = z.infer<typeof syncOpLineSchema>;

export const syncTrailerSchema = z.object({ trailer: z.literal(true), count: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict();
