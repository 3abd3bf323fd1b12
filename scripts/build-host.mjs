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
  // Bundled CommonJS dependencies call require(): give the ESM bundle one.
  banner: { js: "import { createRequire as __kredsbogRequire } from 'node:module'; const require = __kredsbogRequire(import.meta.url);" },
});
// If you change this file name, also change bundledWorker in host/browser-host.ts.
await build({ ...common, format: 'cjs', entryPoints: ['main/jobs/job.worker.ts'], outfile: 'dist/host/job.worker.cjs' });
console.log('Bygget: dist/host/browser-host.mjs, dist/host/job.worker.cjs');
