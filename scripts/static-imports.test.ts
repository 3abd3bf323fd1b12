import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticImports } from './static-imports';

const root = path.resolve(import.meta.dirname, '..');

describe('the renderer’s first view', () => {
  const { files, packages } = staticImports(path.join(root, 'renderer', 'src', 'main.tsx'));

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

describe('the backend’s start', () => {
  const { files, packages } = staticImports(path.join(root, 'host', 'browser-host.ts'));
  // The same handler table starts in Electron's main process (server/session.ts), so this holds for the app too.
  const heavy = ['exceljs', 'iconv-lite', 'papaparse', 'ical-generator', 'ical.js', 'docx', 'jszip'];

  it('loads the handlers, and none of the heavy readers and writers (they load on the first call that needs them)', () => {
    expect(files).toContain(path.join(root, 'server', 'handlers', 'index.ts'));
    expect(packages).toContain('kysely');
    expect([...packages].filter((p) => heavy.some((name) => p === name || p.startsWith(`${name}/`) || p.startsWith(`${name}:`)))).toEqual([]);
  });
});
