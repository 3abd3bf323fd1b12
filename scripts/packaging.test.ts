import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * electron-builder.yml against electron-builder's own JSON schema (a typo in
 * a key is otherwise ignored until a real release build), plus the hardening
 * settings that must not silently disappear. js-yaml and ajv come with
 * electron-builder; they are test-only here.
 */
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
interface AjvValidate {
  (data: unknown): boolean;
  errors?: readonly { instancePath: string; message?: string; params: unknown }[] | null;
}
const Ajv = require('ajv') as new (options: { allErrors: boolean; strict: boolean }) => { compile(schema: unknown): AjvValidate };

const root = path.resolve(import.meta.dirname, '..');
const schema: unknown = JSON.parse(fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

interface FileAssociation {
  readonly ext: string;
  readonly name: string;
  readonly role: string;
  readonly icon: string;
}
interface BuilderConfig {
  readonly appId: string;
  readonly productName: string;
  readonly asar: boolean;
  readonly npmRebuild: boolean;
  readonly asarUnpack: readonly string[];
  readonly files: readonly string[];
  readonly electronFuses: Record<string, boolean>;
  readonly fileAssociations: readonly FileAssociation[];
  readonly win: { readonly target: string; readonly icon: string };
  readonly nsis: { readonly oneClick: boolean; readonly perMachine: boolean; readonly installerLanguages: readonly string[]; readonly language: string };
  readonly mac: { readonly target: string; readonly icon: string; readonly hardenedRuntime: boolean; readonly entitlements: string; readonly entitlementsInherit: string };
  readonly linux: { readonly target: readonly string[]; readonly icon: string };
}
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const resource = (file: string) => path.join(root, file);

describe('electron-builder.yml', () => {
  it('is valid against app-builder-lib’s schema', () => {
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check rejects a misspelt fuse (so the check above can fail)', () => {
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, RunAsNode: false } })).toBe(false);
  });

  it('identifies the app as dk.bl.kredsbog / Kredsbog', () => {
    expect(config.appId).toBe('dk.bl.kredsbog');
    expect(config.productName).toBe('Kredsbog');
  });

  it('flips the hardening fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs into app.asar with better-sqlite3 and the job worker unpacked, rebuilt for Electron', () => {
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/**', 'dist/main/job.worker.cjs', 'dist/main/quick-check.worker.cjs']));
    // main/main.ts starts the worker from app.asar.unpacked/dist/main/job.worker.cjs.
    expect(fs.readFileSync(resource('main/main.ts'), 'utf8')).toContain("'dist', 'main', 'job.worker.cjs'");
    expect(config.files).toEqual(expect.arrayContaining(['dist/main/**', 'dist/preload/**', 'dist/renderer/**', 'package.json']));
  });

  it('associates .kredsbog files with Kredsbog as their editor, with an icon per platform', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'kredsbog', name: 'Kredsbog-synkroniseringsfil', role: 'Editor' })]);
    const icon = config.fileAssociations[0]?.icon ?? '';
    expect(fs.existsSync(resource(`build/${icon}.ico`))).toBe(true);
    expect(fs.existsSync(resource(`build/${icon}.icns`))).toBe(true);
  });

  it('installs per user on Windows, in Danish, with a choice of folder', () => {
    expect(config.win.target).toBe('nsis');
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, installerLanguages: ['da_DK'], language: '1030' });
  });

  it('signs for macOS with the hardened runtime and only the JIT entitlement', () => {
    expect(config.mac).toMatchObject({ target: 'dmg', hardenedRuntime: true });
    for (const file of [config.mac.entitlements, config.mac.entitlementsInherit]) {
      const plist = fs.readFileSync(resource(file), 'utf8');
      expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual(['com.apple.security.cs.allow-jit']);
    }
  });

  it('builds AppImage and deb for Linux', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('has icons for every platform: a 1024 px PNG, a multi-size ICO up to 256 px and an ICNS', () => {
    const png = fs.readFileSync(resource(config.linux.icon));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);

    const ico = fs.readFileSync(resource(config.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1);
    // In an ICO directory entry a width byte of 0 means 256 px.
    const widths = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico.readUInt8(6 + i * 16) || 256);
    expect(widths).toEqual(expect.arrayContaining([16, 32, 48, 256]));

    const icns = fs.readFileSync(resource(config.mac.icon));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });
});
