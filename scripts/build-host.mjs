// Bundles the browser host (host/browser-host.ts) and its job worker, so
// `npm run start:browser`, the e2e tests and the bench run the host as plain
// Node without tsx: tsx's loader and its second copy in the worker thread
// cost ≈ 130 MB of memory and a second of start-up per host.
// ESM keeps import.meta.url working; better-sqlite3 stays external (native).
import fs from 'node:fs';
import { build } from 'esbuild';

// The entry's chunks carry content hashes: start from an empty folder so old ones do not pile up.
fs.rmSync('dist/host', { recursive: true, force: true });

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: false, logLevel: 'warning', external: ['better-sqlite3', 'electron', 'playwright-core'] };

await build({
  ...common,
  format: 'esm',
  entryPoints: ['host/browser-host.ts'],
  // What the handlers load on first use (docx, exceljs, ical.js, the file readers: import() in server/handlers) goes to
  // chunks of its own beside the entry, so a start parses only what it runs (one 6.4 MB file took ≈ 0.15 s to decode
  // and compile before the first line ran, measured).
  splitting: true,
  outdir: 'dist/host',
  entryNames: '[name]',
  chunkNames: 'chunk-[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  // Bundled CommonJS dependencies call require() and read __dirname (@touch4it/ical-timezones looks for its zone files
  // there; it finds none beside the bundle and calendar.ics.ts falls back to its own Europe/Copenhagen VTIMEZONE, as in
  // the Electron bundle): give the ESM bundle both.
  banner: {
    js: [
      "import { createRequire as __kredsbogRequire } from 'node:module';",
      "import { fileURLToPath as __kredsbogFileUrlToPath } from 'node:url';",
      'const require = __kredsbogRequire(import.meta.url);',
      'const __filename = __kredsbogFileUrlToPath(import.meta.url);',
      "const __dirname = require('node:path').dirname(__filename);",
    ].join(' '),
  },
});
// If you change this file name, also change bundledWorker in host/browser-host.ts.
await build({ ...common, format: 'cjs', entryPoints: ['server/jobs/job.worker.ts'], outfile: 'dist/host/job.worker.cjs' });
// The integrity check's small worker lies beside it (server/jobs/job-runner.ts workerFileFor).
await build({ ...common, format: 'cjs', entryPoints: ['server/jobs/quick-check.worker.ts'], outfile: 'dist/host/quick-check.worker.cjs' });
console.log('Bygget: dist/host/browser-host.mjs, dist/host/job.worker.cjs, dist/host/quick-check.worker.cjs');
