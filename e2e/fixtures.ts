import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, type Page } from '@playwright/test';

export interface KredsbogHost {
  readonly url: string;
  readonly dbPath: string;
}

const root = path.resolve(import.meta.dirname, '..');
export const screenshotDir = path.join(root, 'e2e', 'artifacts', 'screenshots');

/**
 * Who the consultant of a test installation is. A real user answers the
 * first-run dialog once; specs start from an installation where that is done,
 * except e2e/first-run.spec.ts, which walks the dialog itself.
 */
export const testConsultant = { userName: 'Karen Kredskonsulent', initials: 'KK', email: 'kk@bl.dk' } as const;

/**
 * Starts the bundled browser host (what `npm run start:browser` runs: scripts/build-host.mjs)
 * on a database and waits for its URL. Unless `firstRun` is asked for, the installation's
 * settings are filled in first (as after the first-run dialog), through the host's own API.
 */
export async function startHost(dbPath: string, options: { readonly firstRun?: boolean } = {}): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(root, 'dist', 'host', 'browser-host.mjs'), '--db', dbPath, '--renderer', path.join(root, 'dist', 'renderer')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Kredsbog kører på (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`browser host exited with ${code}:\n${output}`)));
  });
  if (!options.firstRun) {
    const address = new URL(url);
    const response = await fetch(new URL('/api/settings.update', address.origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kredsbog-token': address.searchParams.get('token') ?? '' },
      body: JSON.stringify({ input: testConsultant }),
    });
    const result = (await response.json()) as { ok: boolean };
    if (!result.ok) throw new Error(`could not fill in the test consultant: ${JSON.stringify(result)}`);
  }
  return { url, child };
}

export const test = base.extend<{ kredsbog: KredsbogHost }>({
  // Playwright requires an object pattern for the fixtures argument, even when none are used.
  // eslint-disable-next-line no-empty-pattern
  kredsbog: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-e2e-'));
    const dbPath = path.join(dir, 'kredsbog.sqlite');
    const { url, child } = await startHost(dbPath);
    await use({ url, dbPath });
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';

/** Kept as test artifacts under e2e/artifacts/screenshots. */
export async function snapshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Calls a contract channel from inside the page, with the page's own token — for test setup only. */
export async function apiCall<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([c, i]) => {
      const token = sessionStorage.getItem('kredsbog.token') ?? '';
      const response = await fetch(`/api/${c}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-kredsbog-token': token }, body: JSON.stringify({ input: i }) });
      return (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
    },
    [channel, input] as const,
  );
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}
