import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, snapshot, test } from './fixtures';

const root = path.resolve(import.meta.dirname, '..');
const sizes = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** Every sidebar place opens its page and is the only one marked current; the sidebar stays in view while the page scrolls. */
async function walkSidebar(page: Page, label: string): Promise<void> {
  const nav = page.getByRole('navigation');
  const places = [
    ['Møder', page.getByRole('heading', { name: 'Møder', exact: true, level: 1 })],
    ['Møderækker', page.getByRole('heading', { name: 'Møderækker', exact: true, level: 1 })],
    // The calendar's heading is the month shown.
    ['Kalender', page.getByRole('grid')],
    ['Mulige dubletter', page.getByRole('heading', { name: 'Mulige dubletter', exact: true, level: 1 })],
  ] as const;
  for (const [link, shown] of places) {
    await nav.getByRole('link', { name: link, exact: true }).click();
    await expect(shown).toBeVisible();
    // Exactly one place is current, and it is this one (Møder is not current on Møderækker).
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
    await expect(nav.locator('[aria-current="page"]')).toHaveText(new RegExp(`${link}$`));
  }
  for (const { width, height } of sizes) {
    await page.setViewportSize({ width, height });
    await nav.getByRole('link', { name: 'Møderækker', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Møderækker', level: 1 })).toBeVisible();
    await page.mouse.wheel(0, 4000);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    // The brand and the last place stay inside the window after scrolling.
    const brand = await page.locator('.brand').boundingBox();
    expect(brand?.y ?? -1).toBeGreaterThanOrEqual(0);
    await expect(nav.getByRole('link', { name: 'Indstillinger' })).toBeInViewport();
    await page.screenshot({ path: path.join(root, 'e2e', 'artifacts', 'screenshots', `nav-${label}-moederaekker-scrolled-${width}.png`) });
    await nav.getByRole('link', { name: 'Kalender', exact: true }).click();
    // ISO week numbers on the Mondays of the month view: six rows, six weeks.
    await expect(page.locator('.calendar__week')).toHaveCount(6);
    await expect(page.locator('.calendar__week').first()).toHaveText(/^Uge \d{1,2}$/);
    await snapshot(page, `nav-${label}-kalender-${width}`);
  }
}

test('the sidebar has Møderækker, Kalender and Mulige dubletter and stays put (empty database)', async ({ page, kredsbog }) => {
  await page.goto(kredsbog.url);
  await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();
  await walkSidebar(page, 'tom');
});

test('the sidebar stays put over a long seeded page', async ({ page, kredsbog }) => {
  test.setTimeout(180_000);
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'cli', 'cli.ts'), 'seed-demo', '--db', kredsbog.dbPath, '--scale', '0.3'], { cwd: root, stdio: 'ignore' });
  await page.goto(kredsbog.url);
  await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();
  await walkSidebar(page, 'demo');
});
