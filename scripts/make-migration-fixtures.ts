/**
 * Makes db/migrations/fixtures/<migration>.sqlite for every migration that has
 * none yet: a database brought to exactly that schema version by the Kysely
 * Migrator and filled with realistic Danish data in raw SQL valid at that
 * version (db/migrations/fixtures/fixture-builder.ts).
 * db/migrations/fixtures.test.ts opens each with today's openDatabase.
 *
 * Fixtures are FROZEN: they stand for real users' files of that version. This
 * script never overwrites one, it only adds the missing ones.
 * Added a migration? Run  npx tsx scripts/make-migration-fixtures.ts  and commit the new file.
 */
import path from 'node:path';
import { fixtureFile, makeFixture } from '../db/migrations/fixtures/fixture-builder';
import { migrationNames } from '../db/migrations';

for (const name of migrationNames) {
  const outcome = await makeFixture(name);
  console.log(outcome === 'created' ? `Oprettet: ${path.relative(process.cwd(), fixtureFile(name))}` : `Findes allerede (frosset, ikke overskrevet): ${name}`);
}
