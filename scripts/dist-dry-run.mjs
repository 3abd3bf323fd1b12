// Packaging dry run without a real Electron: builds the app in a staging copy
// of the repository, packs it with electron-builder (`--dir --linux`) around a
// stand-in Electron, and checks the layout the packaged app depends on.
//
// Why a staging copy: electron-builder may rebuild native modules, and this
// repository's node_modules/better-sqlite3 must stay built for Node (tests,
// CLI, browser host). The copy links node_modules read-only in spirit and the
// run passes npmRebuild=false, so nothing is compiled anywhere.
//
// Usage: node scripts/dist-dry-run.mjs   (stage folder: $KREDSBOG_STAGE or <tmp>/kredsbog-pkg-stage)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stage = path.resolve(process.env.KREDSBOG_STAGE ?? path.join(os.tmpdir(), 'kredsbog-pkg-stage'));
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;

if (stage === root || root.startsWith(`${stage}${path.sep}`) || !stage.startsWith(`${path.resolve(os.tmpdir())}${path.sep}`)) {
  console.error(`Stage-mappen skal ligge under ${os.tmpdir()} og uden for projektet (fik ${stage}).`);
  process.exit(2);
}

const run = (title, command, args) => {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: stage, stdio: 'inherit', env: { ...process.env, CI: 'true' } });
  if (result.status !== 0) {
    console.error(`\n✗ ${title} fejlede (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
};

// 1. Staging copy: sources only, node_modules linked from the repository.
console.log(`Stage: ${stage}`);
fs.rmSync(stage, { recursive: true, force: true });
const skipped = new Set(['node_modules', '.git', 'release', 'dist', '.native', 'test-results', 'playwright-report']);
fs.cpSync(root, stage, { recursive: true, filter: (source) => path.dirname(source) !== root || !skipped.has(path.basename(source)) });
fs.symlinkSync(path.join(root, 'node_modules'), path.join(stage, 'node_modules'), 'dir');

// 2. A stand-in for Electron's Linux distribution: what electron-builder copies
// and renames (the `electron` executable, licences, version). The executable
// carries Electron's fuse sentinel and a fuse wire with Electron's defaults, so
// electron-builder's real fuse step (@electron/fuses) runs and can be checked.
const standIn = path.join(stage, '.electron-stand-in');
fs.mkdirSync(path.join(standIn, 'resources'), { recursive: true });
const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const electronDefaults = '10110001'; // RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity, OnlyAsar, V8Snapshot, FileProtocol
const script = Buffer.concat([
  Buffer.from('#!/bin/sh\necho "Kredsbog dry run: dette er ikke Electron." >&2\nexit 1\n# fuse wire: '),
  Buffer.from(sentinel),
  Buffer.from([1, electronDefaults.length]),
  Buffer.from(electronDefaults),
  Buffer.from('\n'),
]);
fs.writeFileSync(path.join(standIn, 'electron'), script, { mode: 0o755 });
fs.writeFileSync(path.join(standIn, 'version'), electronVersion);
fs.copyFileSync(path.join(root, 'node_modules/electron/LICENSE'), path.join(standIn, 'LICENSE'));
fs.writeFileSync(path.join(standIn, 'LICENSES.chromium.html'), '<!-- stand-in -->\n');

// 3. Build and pack.
run('npm run build (vite + esbuild)', 'npm', ['run', 'build']);
run('electron-builder --dir --linux (stand-in Electron, npmRebuild=false)', process.execPath, [
  require.resolve('electron-builder/cli.js'),
  '--dir',
  '--linux',
  '--config',
  'electron-builder.yml',
  `-c.electronDist=${standIn}`,
  `-c.electronVersion=${electronVersion}`,
  '-c.npmRebuild=false',
]);

// 4. Check the packaged layout.
const { extractFile, listPackage } = require('@electron/asar');
const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses');
const unpacked = path.join(stage, 'release', 'linux-unpacked');
const resources = path.join(unpacked, 'resources');
const asarFile = path.join(resources, 'app.asar');
const checks = [];
const check = (label, ok) => checks.push({ label, ok: Boolean(ok) });

check('release/linux-unpacked/kredsbog (omdøbt Electron-kørbar fil)', fs.existsSync(path.join(unpacked, 'kredsbog')));
check('resources/app.asar findes', fs.existsSync(asarFile));
const inAsar = fs.existsSync(asarFile) ? new Set(listPackage(asarFile, { isPack: false }).map((entry) => entry.split(path.sep).join('/'))) : new Set();
for (const file of ['dist/main/main.cjs', 'dist/preload/preload.cjs', 'dist/renderer/index.html', 'package.json']) check(`app.asar indeholder ${file}`, inAsar.has(`/${file}`));
check('app.asar indeholder ingen .map-filer', ![...inAsar].some((entry) => entry.endsWith('.map')));
const asarUnpacked = path.join(resources, 'app.asar.unpacked');
for (const file of ['dist/main/job.worker.cjs', 'dist/main/quick-check.worker.cjs', 'node_modules/better-sqlite3/build/Release/better_sqlite3.node']) check(`app.asar.unpacked indeholder ${file}`, fs.existsSync(path.join(asarUnpacked, file)));

// Every package the bundles require at run time (and what those require in turn) must be in the archive.
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const readPacked = (file) => {
  const unpackedFile = path.join(asarUnpacked, file);
  if (fs.existsSync(unpackedFile)) return fs.readFileSync(unpackedFile, 'utf8');
  return inAsar.has(`/${file}`) ? extractFile(asarFile, file).toString('utf8') : null;
};
const requiredPackages = (source) => [...source.matchAll(/require\((["'])([^"'.][^"']*)\1\)/g)].map((m) => m[2]).filter((name) => !builtins.has(name) && name !== 'electron');
const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const seen = new Set();
const queue = ['dist/main/main.cjs', 'dist/main/job.worker.cjs', 'dist/main/quick-check.worker.cjs', 'dist/preload/preload.cjs'].flatMap((file) => requiredPackages(readPacked(file) ?? ''));
while (queue.length > 0) {
  const name = packageName(queue.shift());
  if (seen.has(name)) continue;
  seen.add(name);
  const manifest = readPacked(`node_modules/${name}/package.json`);
  check(`node_modules/${name} ligger i pakken (krævet ved kørsel)`, manifest);
  if (!manifest) continue;
  const files = [...inAsar].filter((entry) => entry.startsWith(`/node_modules/${name}/`) && entry.endsWith('.js') && !entry.slice(`/node_modules/${name}/`.length).includes('node_modules/'));
  for (const file of files) queue.push(...requiredPackages(readPacked(file.slice(1)) ?? ''));
}

const builderConfig = { runAsNode: 'RunAsNode', enableCookieEncryption: 'EnableCookieEncryption', enableNodeOptionsEnvironmentVariable: 'EnableNodeOptionsEnvironmentVariable', enableNodeCliInspectArguments: 'EnableNodeCliInspectArguments', enableEmbeddedAsarIntegrityValidation: 'EnableEmbeddedAsarIntegrityValidation', onlyLoadAppFromAsar: 'OnlyLoadAppFromAsar', grantFileProtocolExtraPrivileges: 'GrantFileProtocolExtraPrivileges' };
const yaml = require('js-yaml');
const fuses = yaml.load(fs.readFileSync(path.join(stage, 'electron-builder.yml'), 'utf8')).electronFuses ?? {};
const wire = fs.existsSync(path.join(unpacked, 'kredsbog')) ? await getCurrentFuseWire(path.join(unpacked, 'kredsbog')) : {};
for (const [key, name] of Object.entries(builderConfig)) {
  if (fuses[key] === undefined) continue;
  const expected = fuses[key] ? 49 : 48; // '1' / '0'
  check(`fuse ${name} = ${fuses[key] ? 'til' : 'fra'} (sat af electron-builder i stand-in'ens fuse-wire)`, wire[FuseV1Options[name]] === expected);
}

// The asar-unpacked better-sqlite3 is the Node build (npmRebuild=false): it loads in Node.
const nativeModule = path.join(asarUnpacked, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
const loadsInNode = fs.existsSync(nativeModule) && spawnSync(process.execPath, ['-e', `process.dlopen({ exports: {} }, ${JSON.stringify(nativeModule)})`]).status === 0;

console.log('\nKontrol af pakket layout:');
for (const { label, ok } of checks) console.log(`  ${ok ? '✓' : '✗'} ${label}`);
console.log(`
Ikke verificeret i denne dry run (kræver en rigtig release-maskine med netadgang til Electrons downloads):
  - Electron-binæren: pakken indeholder en stand-in (shell-script), ikke Electron ${electronVersion}; appen er ikke startet.
  - Fuses på en rigtig Electron-binær: kun stand-in'ens fuse-wire er kontrolleret (samme @electron/fuses-trin som i en rigtig build).
  - ASAR-integritet: Linux indlejrer ingen integritets-hash; Windows (.exe-ressource) og macOS (Info.plist) er ikke bygget her.
  - Genopbygning af better-sqlite3 til Electrons ABI: npmRebuild=false; det udpakkede modul er Node-buildet${loadsInNode ? ' (indlæses af Node — som forventet her)' : ''}.
  - Kodesignering (Authenticode, Apple Developer ID + notarisering): ikke udført.
  - NSIS-installer (Windows) og DMG (macOS) kan ikke bygges eller prøves på Linux; AppImage/deb er ikke bygget (--dir).
  - Filtilknytning til .kredsbog i Windows-registreringsdatabasen, macOS Info.plist og Linux' MIME-database: ikke installeret eller prøvet.
`);
const failed = checks.filter((c) => !c.ok).length;
console.log(failed === 0 ? `OK: ${checks.length} kontroller bestået.` : `FEJL: ${failed} af ${checks.length} kontroller fejlede.`);
process.exit(failed === 0 ? 0 : 1);
