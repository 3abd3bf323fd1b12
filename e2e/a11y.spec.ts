import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, startHost, test } from './fixtures';

/**
 * axe-core on every screen, on an empty and on a seeded database: no serious
 * or critical violation. Detail pages are opened by clicking the first row of
 * their list, so the spec needs no ids.
 */

const lists: readonly (readonly [string, string])[] = [
  ['Overblik', '#/'],
  ['Kommuner', '#/kommuner'],
  ['Organisationer', '#/organisationer'],
  ['Kontakter', '#/kontakter'],
  ['Møder', '#/moeder'],
  ['Opfølgning', '#/opfoelgning'],
  ['Kalender', '#/kalender'],
  ['Møderækker', '#/moederaekker'],
  ['Synkronisering', '#/synkronisering'],
  ['Sikkerhedskopier', '#/sikkerhedskopier'],
  ['Indstillinger', '#/indstillinger'],
  ['Boligområder', '#/boligomraader'],
  ['Importér lister', '#/boligomraader/import'],
];

async function check(page: Page, screen: string): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

async function allScreens(page: Page, url: string): Promise<string[]> {
  const found: string[] = [];
  for (const [screen, hash] of lists) {
    await page.goto(`${url}${hash}`);
    await expect(page.locator('h1').first()).toBeVisible();
    found.push(...(await check(page, screen)));
  }
  for (const [screen, hash, link] of [
    ['en kommune', '#/kommuner', 'table a'],
    ['en organisation', '#/organisationer', 'table a, .virtual-rows a'],
    ['en kontakt', '#/kontakter', 'table a, .virtual-rows a'],
    ['et møde', '#/moeder', 'table a, .virtual-rows a'],
    ['et boligområde', '#/boligomraader', 'table a'],
  ] as const) {
    await page.goto(`${url}${hash}`);
    const first = page.locator(link).first();
    if ((await first.count()) === 0) continue;
    await first.click();
    await expect(page.locator('h1').first()).toBeVisible();
    found.push(...(await check(page, screen)));
    if (screen === 'et møde') {
      await page.getByRole('link', { name: 'Tag referat' }).click();
      await expect(page.locator('h1').first()).toBeVisible();
      found.push(...(await check(page, 'referat')));
    }
  }
  await page.goto(`${url}#/`);
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog')).toBeVisible();
  found.push(...(await check(page, 'Søg')));
  return found;
}

test.describe.configure({ timeout: 240_000 });

test('no serious or critical axe violations on an empty database', async ({ page, kredsbog }) => {
  await page.goto(kredsbog.url);
  await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();
  expect(await allScreens(page, kredsbog.url)).toEqual([]);
});

test('no serious or critical axe violations on a seeded database', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-a11y-'));
  const dbPath = path.join(dir, 'kredsbog.sqlite');
  execFileSync(process.execPath, ['--import', 'tsx', 'cli/cli.ts', 'seed-demo', '--db', dbPath, '--scale', '0.05'], { stdio: 'ignore' });
  const { url, child } = await startHost(dbPath);
  try {
    await page.goto(url);
    await expect(page.locator('h1').first()).toBeVisible();
    expect(await allScreens(page, url)).toEqual([]);
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
