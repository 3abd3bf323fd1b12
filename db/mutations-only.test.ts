import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncedTables } from './schema';

/**
 * Guards the single mutation path: no file in db/ except mutations.ts (and
 * the frozen migrations, which seed reference data) may write a synced table.
 */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' || entry.name === 'testing' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('the single mutation path', () => {
  const dbDir = path.dirname(new URL(import.meta.url).pathname);
  // mutations.ts authors changes; sync/materialize.ts applies the operation log. Nothing else writes.
  const files = sourceFiles(dbDir).filter((f) => !['mutations.ts', 'materialize.ts'].includes(path.basename(f)));
  const tables = syncedTables.join('|');
  const kyselyWrite = new RegExp(`\\b(insertInto|updateTable|deleteFrom|replaceInto)\\(\\s*['"\`](${tables})\\b`);
  const rawWrite = new RegExp(`\\b(INSERT\\s+(OR\\s+\\w+\\s+)?INTO|UPDATE|DELETE\\s+FROM|REPLACE\\s+INTO)\\s+["\`]?(${tables})\\b`, 'i');

  it('finds the repositories it guards', () => {
    expect(files.some((f) => f.endsWith('contacts.repository.ts'))).toBe(true);
    expect(files.some((f) => f.endsWith('organisations.repository.ts'))).toBe(true);
  });

  it.each(files.map((f) => [path.relative(dbDir, f), f]))('%s writes synced tables only through db/mutations.ts', (_name, file) => {
    const source = fs.readFileSync(file, 'utf8');
    expect(source).not.toMatch(kyselyWrite);
    expect(source).not.toMatch(rawWrite);
  });

  it('would catch a direct write', () => {
    expect(`db.insertInto('contact').values(x)`).toMatch(kyselyWrite);
    expect('UPDATE organisation SET name = 1').toMatch(rawWrite);
  });
});
