import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layer rules (ARCHITECTURE.md §3, STYLE.md): common/ is pure TypeScript,
 * the renderer reaches the outside only through api.ts, preload only forwards.
 * Adding a layer? Give it its block here.
 */
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'url', 'util', 'stream', 'zlib', 'events', 'buffer'];
const pattern = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', '.native/**', 'test-results/**', 'playwright-report/**', 'e2e/artifacts/**', 'bench/results/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-nocheck': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='only']", message: 'No focused tests.' }],
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['electron', ...nodeBuiltins], 'common/ is shared by every process: no electron or Node imports.'),
            pattern(['react', 'react-dom', '**/renderer/**', '**/server/**', '**/main/**', '**/db/**', '**/preload/**', '**/host/**', '**/cli/**'], 'common/ imports nothing from other layers and no DOM code.'),
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage'],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    ignores: ['renderer/src/test/**', 'renderer/src/**/*.test.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['**/db/**', '**/server/**', '**/main/**', '**/preload/**', '**/host/**', '**/cli/**'], 'The renderer reaches the outside only through renderer/src/api.ts.'),
            pattern(['electron', ...nodeBuiltins, 'better-sqlite3', 'kysely'], 'The renderer is sandboxed: no Electron, Node or database modules.'),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['preload/**/*.ts'],
    ignores: ['preload/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [pattern(['**/db/**', '**/server/**', '**/main/**', '**/renderer/**', '**/host/**', '**/cli/**', ...nodeBuiltins, 'better-sqlite3', 'kysely', 'react'], 'preload imports only common/ and electron.')] },
      ],
    },
  },
  {
    // Electron security checklist 15: opening URLs with the OS is a code-execution risk; Kredsbog has no outside links.
    // Property only (no object), so `electron.shell.openExternal` and destructuring are caught too.
    files: ['server/**/*.ts', 'main/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-properties': ['error', { property: 'openExternal', message: 'shell.openExternal hands a URL to the OS (Electron security checklist 15); Kredsbog opens nothing outside the app.' }],
    },
  },
  {
    // Layers only point down: db/ (the database) knows nothing of the processes that drive it. Its tests may (they drive it
    // through the handlers, as the app does). No import cycle anywhere: scripts/import-graph.test.ts.
    files: ['db/**/*.ts'],
    ignores: ['db/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['electron'], 'Only the Electron entry (main/) may import electron.'),
            pattern(['**/renderer/**', '**/server/**', '**/main/**', '**/host/**', '**/cli/**', '**/preload/**'], 'db/ imports only common/: the layers above it (server/, main/, host/, cli/, renderer/) call into db/, never the other way.'),
          ],
        },
      ],
    },
  },
  {
    // server/ is the transport-neutral backend (handlers, dispatch, jobs, log, the session): it runs under Electron, the
    // browser host and the CLI alike, so it imports only db/ and common/. The shells (main/, host/, cli/) import it.
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['electron'], 'server/ runs without Electron: only main/ may import electron.'),
            pattern(['**/main/**', '**/host/**', '**/cli/**', '**/renderer/**', '**/preload/**'], 'server/ imports only db/ and common/: the shells (main/, host/, cli/) call into server/, never the other way.'),
          ],
        },
      ],
    },
  },
  {
    files: ['cli/**/*.ts', 'host/**/*.ts', 'db/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [pattern(['electron'], 'Only the Electron entry (main/) may import electron.'), pattern(['**/renderer/**'], 'Node-side code never imports the renderer.')] }],
    },
  },
);
