import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/**
 * What the renderer's first view evaluates: the files and packages reached from renderer/src/main.tsx by static
 * imports that carry values (type-only imports are erased; `import()` loads later, in a chunk of its own).
 * Package imports are returned as "package:name" with the names imported, e.g. "date-fns:parse".
 */
function firstViewImports(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    for (const statement of source.statements) {
      let specifier: string | undefined;
      let names: string[] = [];
      if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
        const clause = statement.importClause;
        if (clause?.isTypeOnly) continue;
        const bindings = clause?.namedBindings;
        const named = bindings && ts.isNamedImports(bindings) ? bindings.elements.filter((e) => !e.isTypeOnly) : [];
        if (clause && !clause.name && bindings && ts.isNamedImports(bindings) && named.length === 0) continue;
        specifier = statement.moduleSpecifier.text;
        names = named.map((e) => (e.propertyName ?? e.name).text);
      } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) && !statement.isTypeOnly) {
        specifier = statement.moduleSpecifier.text;
      }
      if (specifier === undefined) continue;
      if (!specifier.startsWith('.')) {
        packages.add(specifier);
        for (const name of names) packages.add(`${specifier}:${name}`);
        continue;
      }
      const base = path.resolve(path.dirname(file), specifier);
      const target = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
      if (target) visit(target);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('the renderer’s first view', () => {
  const { files, packages } = firstViewImports(path.join(root, 'renderer', 'src', 'main.tsx'));

  it('loads Overblik with its code, and no zod, no virtualizer and no date-fns parser (they load with the pages and dialogs that need them)', () => {
    expect(files).toContain(path.join(root, 'renderer', 'src', 'pages', 'overview', 'overview.page.tsx'));
    expect(packages).toContain('react-dom/client');
    expect([...packages].filter((p) => p === 'zod' || p.startsWith('zod/') || p.startsWith('@tanstack/react-virtual') || p === 'date-fns:parse')).toEqual([]);
  });

  it('finds a value import behind a re-export, and skips type-only imports', () => {
    expect(files).toContain(path.join(root, 'common', 'vocabulary.ts'));
    expect(files).not.toContain(path.join(root, 'common', 'contract.ts'));
  });
});
