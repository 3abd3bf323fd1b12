// `npm test`: typecheck, lint, Vitest (unit, component, property),
// Playwright (end to end in Chromium) and the bench at scale 1 as a smoke
// test, then one closing line
// "N passed, N failed" counting every test plus the typecheck and lint steps.
// Exit code is non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const artifacts = path.join(root, 'e2e', 'artifacts');
fs.mkdirSync(artifacts, { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

let passed = 0;
let failed = 0;
const summary = [];

function step(name, args) {
  const started = Date.now();
  console.log(`\n━━ ${name} ━━`);
  const result = spawnSync(npx, args, { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: result.status === 0, seconds };
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

for (const [name, args] of [
  ['typecheck', ['tsc', '-b']],
  ['lint', ['eslint', '.']],
]) {
  const { ok, seconds } = step(name, args);
  if (ok) passed += 1;
  else failed += 1;
  summary.push(`${name}: ${ok ? 'ok' : 'FEJL'} (${seconds} s)`);
}

const vitestJson = path.join(artifacts, 'vitest.json');
fs.rmSync(vitestJson, { force: true });
const vitest = step('vitest', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const unit = readJson(vitestJson);
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  summary.push(`vitest: ${unit.numPassedTests} bestået, ${unit.numFailedTests} fejlet (${vitest.seconds} s)`);
}
if (!unit || (!vitest.ok && unit.numFailedTests === 0)) {
  failed += 1;
  summary.push('vitest: kørslen fejlede');
}

const build = step('vite build (renderer til e2e)', ['vite', 'build', '--logLevel', 'warn']);
const hostBuild = build.ok && spawnSync(process.execPath, [path.join(root, 'scripts', 'build-host.mjs')], { cwd: root, stdio: 'inherit' }).status === 0;
if (build.ok && !hostBuild) build.ok = false;
if (!build.ok) {
  failed += 1;
  summary.push('vite build: FEJL');
} else {
  const e2eJson = path.join(artifacts, 'results.json');
  fs.rmSync(e2eJson, { force: true });
  const e2e = step('playwright', ['playwright', 'test']);
  const report = readJson(e2eJson);
  if (report) {
    const ok = report.stats.expected + report.stats.flaky;
    passed += ok;
    failed += report.stats.unexpected;
    summary.push(`playwright: ${ok} bestået, ${report.stats.unexpected} fejlet, ${report.stats.skipped} sprunget over (${e2e.seconds} s)`);
  }
  if (!report || (!e2e.ok && report.stats.unexpected === 0)) {
    failed += 1;
    summary.push('playwright: kørslen fejlede');
  }
}

// The bench at scale 1 as a smoke test (issue 6): every figure must be produced; timings are printed, never asserted.
if (build.ok) {
  const bench = step('bench (skala 1, røgtest)', ['tsx', 'bench/bench.ts', '--scale', '1']);
  if (bench.ok) passed += 1;
  else failed += 1;
  summary.push(`bench skala 1: ${bench.ok ? 'ok' : 'FEJL'} (${bench.seconds} s)`);
}

console.log(`\n━━ resultat ━━\n${summary.join('\n')}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
