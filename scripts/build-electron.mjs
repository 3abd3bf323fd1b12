// Bundles the Electron main process and the preload into CommonJS files.
// better-sqlite3 stays external (native); electron is provided by the runtime.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: false, logLevel: 'warning' };

await build({ ...common, entryPoints: ['main/main.ts'], outfile: 'dist/main/main.cjs', external: ['electron', 'better-sqlite3'] });
// The worker thread for long jobs (server/jobs/job-runner.ts) is its own file.
await build({ ...common, entryPoints: ['server/jobs/job.worker.ts'], outfile: 'dist/main/job.worker.cjs', external: ['electron', 'better-sqlite3'] });
// The integrity check's small worker lies beside it (server/jobs/job-runner.ts workerFileFor).
await build({ ...common, entryPoints: ['server/jobs/quick-check.worker.ts'], outfile: 'dist/main/quick-check.worker.cjs', external: ['electron', 'better-sqlite3'] });
// Sandboxed preloads can require only 'electron' (and a few polyfills); everything else is bundled in.
await build({ ...common, entryPoints: ['preload/preload.ts'], outfile: 'dist/preload/preload.cjs', external: ['electron'] });
console.log('Bygget: dist/main/main.cjs, dist/main/job.worker.cjs, dist/main/quick-check.worker.cjs, dist/preload/preload.cjs');
