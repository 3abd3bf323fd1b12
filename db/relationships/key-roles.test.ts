import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { keyRoleOf, keyRoleSql } from './key-roles';

/**
 * keyRoleSql (which the partial indexes of migration 0024 and the hubs' WHERE
 * need) and keyRoleOf (which classifies rows already read) are one rule
 * written twice: SQLite itself says what the SQL gives, for the same titles.
 */
const sqlite = new BetterSqlite3(':memory:');
const db = new Kysely<Record<string, never>>({ dialect: new SqliteDialect({ database: sqlite }) });
sqlite.exec('CREATE TABLE role (title TEXT NOT NULL, kommune_id TEXT, organisation_id TEXT)');
const classify = sqlite.prepare(`SELECT ${keyRoleSql('a').compile(db).sql} FROM (SELECT ? AS title, ? AS kommune_id, ? AS organisation_id) AS a`).pluck();
afterAll(async () => {
  await db.destroy();
});

const places = [
  { kommune_id: 'k', organisation_id: null },
  { kommune_id: null, organisation_id: 'o' },
  { kommune_id: 'k', organisation_id: 'o' },
  { kommune_id: null, organisation_id: null },
] as const;

const titles = [
  'Borgmester',
  'borgmester',
  'BORGMESTER',
  'Viceborgmester',
  'Formand for Teknik- og Miljøudvalget',
  'Formand for bestyrelsen',
  'formand for udvalg',
  'Udvalgsformand, Social',
  'Rådmand for Sundhed og Omsorg',
  'RÅDMAND',
  'Kommunaldirektør',
  'KOMMUNALDIREKTØR',
  'Direktør for Social og Sundhed',
  'direktør',
  'Administrerende Direktør',
  'Adm. direktør',
  'Adm direktør',
  'Forretningsfører',
  'Organisationsbestyrelsesformand',
  'Afdelingsbestyrelsesformand',
  'Formand',
  'Næstformand',
  'Projektleder',
  '',
];

describe('key roles', () => {
  it('classifies every title and place exactly as the SQL does', () => {
    for (const title of titles) {
      for (const place of places) {
        expect(keyRoleOf({ title, ...place }), `${title} @ ${JSON.stringify(place)}`).toBe(classify.get(title, place.kommune_id, place.organisation_id) ?? null);
      }
    }
  });

  it('agrees with the SQL on titles made of the patterns’ pieces in any case', () => {
    const pieces = ['borgmester', 'formand', ' for ', 'udvalg', 'udvalgsformand', 'rådmand', 'kommunal', 'direktør', 'administrerende ', 'adm. ', 'forretningsfører', 'organisationsbestyrelses', 'vice', 'næst', ' ', 'Ø', 'Å', 'x', '%', '_'];
    const casing = fc.constantFrom<(s: string) => string>((s) => s, (s) => s.toUpperCase(), (s) => s.charAt(0).toUpperCase() + s.slice(1));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 5 }), casing, fc.constantFrom(...places), (parts, shape, place) => {
        const title = shape(parts.join(''));
        expect(keyRoleOf({ title, ...place })).toBe(classify.get(title, place.kommune_id, place.organisation_id) ?? null);
      }),
      { numRuns: 2000 },
    );
  });
});
