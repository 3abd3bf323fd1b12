import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * What a start evaluates: the files and packages reached from an entry (renderer/src/main.tsx, host/browser-host.ts) by
 * static imports that carry values (type-only imports are erased; `import()` loads later, in a chunk of its own).
 * Package imports are returned as "package:name" with the names imported, e.g. "date-fns:parse".
 */
export function staticImports(entry: string): { files: Set<string>; packages: Set<string> } {
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
