import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './import-graph';

const root = path.resolve(import.meta.dirname, '..');
const sourceFolders = ['common', 'db', 'server', 'main', 'preload', 'host', 'cli', 'renderer/src', 'renderer/map'];

describe('import graph', () => {
  it('has no import cycle among the source files, type imports included', () => {
    const graph = importGraph(root, sourceFolders);
    expect(graph.size).toBeGreaterThan(200);
    expect(importCycles(graph).map((cycle) => cycle.map((file) => path.relative(root, file)))).toEqual([]);
  });

  it('finds a cycle through three files, a type-only one, and a file that imports itself', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-cycles-'));
    try {
      fs.mkdirSync(path.join(dir, 'src', 'sub'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'src', 'a.ts'), "import { b } from './sub/b';\nexport const a = b;\n");
      fs.writeFileSync(path.join(dir, 'src', 'sub', 'b.ts'), "import { c } from '../c';\nexport const b = c;\n");
      fs.writeFileSync(path.join(dir, 'src', 'c.ts'), "// import { a } from './a' is only a comment\nimport type { A } from './a';\nexport const c = 1 as unknown as A;\n");
      fs.writeFileSync(path.join(dir, 'src', 'self.ts'), "export * from './self';\n");
      fs.writeFileSync(path.join(dir, 'src', 'free.ts'), "import { a } from './a';\nexport const free = a;\n");
      const cycles = importCycles(importGraph(dir, ['src'])).map((cycle) => cycle.map((file) => path.relative(dir, file)).join(' '));
      expect(cycles.sort()).toEqual([path.join('src', 'a.ts') + ' ' + path.join('src', 'c.ts') + ' ' + path.join('src', 'sub', 'b.ts'), path.join('src', 'self.ts')]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
