import type { Kysely, Migration } from 'kysely';

/**
 * Kysely runs SQLite migrations without a transaction (SQLite's adapter does
 * not claim transactional DDL), so a failure halfway would leave a
 * half-migrated file. Every migration body goes through this wrapper: all of
 * it, or none of it.
 */
// Migrations are written against Kysely<any> on purpose: they are frozen and must
// not change when today's schema types change (Kysely's own recommendation).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function transactional(up: (trx: Kysely<any>) => Promise<void>): Migration {
  return {
    up: async (db) => {
      await db.transaction().execute(async (trx) => up(trx));
    },
  };
}
