// Builds better-sqlite3 for Electron's ABI into .native/electron-<version>/,
// leaving node_modules' Node build (used by tests, CLI and browser host) alone.
// main/native-binding.ts passes the result as better-sqlite3's `nativeBinding`.
//
// The trap this script guards against: an npm config `nodedir` (set on some
// machines) or missing Electron headers make node-gyp quietly compile against
// the *Node* headers. We clear nodedir, ask for Electron's headers explicitly,
// and then refuse any result that loads in plain Node (an Electron-ABI module never does).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const betterSqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const betterSqliteVersion = JSON.parse(fs.readFileSync(path.join(betterSqliteDir, 'package.json'), 'utf8')).version;
const outDir = path.join(root, '.native', `electron-${electronVersion}`);
const outFile = path.join(outDir, 'better_sqlite3.node');
const stampFile = path.join(outDir, 'stamp.json');
const stamp = JSON.stringify({ electronVersion, betterSqliteVersion, platform: process.platform, arch: process.arch });

if (fs.existsSync(outFile) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) {
  process.exit(0);
}

const fail = (message) => {
  console.error(`\nKredsbog: better-sqlite3 kunne ikke bygges til Electron ${electronVersion}.\n${message}\n`);
  process.exit(1);
};

const buildDir = path.join(root, '.native', `build-${electronVersion}`);
fs.rmSync(buildDir, { recursive: true, force: true });
fs.mkdirSync(buildDir, { recursive: true });
for (const entry of ['binding.gyp', 'src', 'deps', 'package.json']) {
  fs.cpSync(path.join(betterSqliteDir, entry), path.join(buildDir, entry), { recursive: true });
}

const env = { ...process.env };
for (const key of Object.keys(env)) if (/^npm_config_(nodedir|target|runtime|dist_url|disturl)$/i.test(key)) delete env[key];
const devdir = path.join(root, '.native', 'headers');
const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
console.log(`Bygger better-sqlite3 ${betterSqliteVersion} til Electron ${electronVersion} (kræver Electrons headers fra electronjs.org første gang) …`);
const result = spawnSync(
  process.execPath,
  [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers', `--devdir=${devdir}`],
  { cwd: buildDir, env, stdio: 'inherit' },
);
if (result.status !== 0) fail('node-gyp fejlede (se ovenfor). Uden netadgang til electronjs.org kan Electrons headers ikke hentes; brug "npm run start:browser" i stedet.');

const headerFile = path.join(devdir, electronVersion, 'include', 'node', 'node_version.h');
if (!fs.existsSync(headerFile)) fail(`Electrons headers blev ikke brugt (${headerFile} mangler).`);
const built = path.join(buildDir, 'build', 'Release', 'better_sqlite3.node');
const probe = spawnSync(process.execPath, ['-e', `process.dlopen({ exports: {} }, ${JSON.stringify(built)})`], { encoding: 'utf8' });
if (probe.status === 0) fail('Modulet kan indlæses af Node selv — det er bygget mod Nodes headers, ikke Electrons. Afvist.');

fs.mkdirSync(outDir, { recursive: true });
fs.copyFileSync(built, outFile);
fs.writeFileSync(stampFile, stamp);
fs.rmSync(buildDir, { recursive: true, force: true });
console.log(`OK: ${path.relative(root, outFile)}`);
