// Bundles the browser host (host/browser-host.ts) and its job worker, so
// `npm run start:browser`, the e2e tests and the bench run the host as plain
// Node without tsx: tsx's loader and its second copy in the worker thread
// cost ≈ 130 MB of memory and a second of start-up per host.
// ESM keeps import.meta.url working; better-sqlite3 stays external (native).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: false, logLevel: 'warning', external: ['better-sqlite3', 'electron', 'playwright-core'] };

await build({
  ...common,
  format: 'esm',
  entryPoints: ['host/browser-host.ts'],
  outfile: 'dist/host/browser-host.mjs',
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
