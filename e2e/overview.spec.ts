import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { apiCall, expect, snapshot, startHost, test } from './fixtures';

const root = path.resolve(import.meta.dirname, '..');
const sizes = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** Every status select on Overblik lies inside its card, and no card's table scrolls sideways. */
async function expectNothingClipped(page: Page): Promise<void> {
  const clipped = await page.evaluate(() => {
    const problems: string[] = [];
    for (const card of Array.from(document.querySelectorAll('.dashboard > .card'))) {
      const box = card.getBoundingClientRect();
      for (const select of Array.from(card.querySelectorAll('select'))) {
        const r = select.getBoundingClientRect();
        if (r.right > box.right - 1 || r.left < box.left) problems.push(`${select.getAttribute('aria-label')}: ${Math.round(r.right)} > ${Math.round(box.right)}`);
      }
      for (const table of Array.from(card.querySelectorAll('.table'))) if (table.scrollWidth > table.clientWidth + 1) problems.push(`table scrolls: ${table.scrollWidth} > ${table.clientWidth}`);
    }
    return problems;
  });
  expect(clipped).toEqual([]);
}

test('before mine kredse are chosen Overblik invites to choose them; an empty kreds says so, and Sæt kreds fills it from the Kommuner list by keyboard', async ({ page, kredsbog }) => {
  await page.setViewportSize(sizes[0]);
  await page.goto(kredsbog.url);
  await expect(page.getByRole('heading', { name: 'Goddag, Karen Kredskonsulent' })).toBeVisible();
  const invite = page.getByRole('link', { name: /Vælg mine kredse for at se kommuner uden møde/ });
  await expect(invite).toBeVisible();
  await expect(page.getByTestId('quiet-count')).toHaveCount(0);
  await snapshot(page, 'i14a-01-overblik-ingen-kredse-1366');

  await apiCall(page, 'settings.update', { myKredse: [7] });
  await page.reload();
  const tile = page.getByRole('link', { name: /7\. kreds har ingen kommuner endnu – tilføj kommuner/ });
  await expect(tile).toBeVisible();
  await expect(page.locator('#dashboard-quiet')).toContainText('7. kreds har ingen kommuner endnu – tilføj kommuner');
  await expect(page.locator('#dashboard-quiet')).not.toContainText('Alle kommuner i dine kredse har haft møde');
  await snapshot(page, 'i14a-02-overblik-tom-kreds-1366');

  await tile.click();
  await expect(page.getByRole('heading', { name: 'Kommuner' })).toBeVisible();
  const search = page.getByRole('searchbox');
  for (const name of ['Aabenraa', 'Haderslev', 'Sønderborg']) {
    await search.fill(name);
    await expect(page.getByRole('row')).toHaveCount(2);
    await page.getByRole('checkbox', { name: `Vælg ${name}` }).focus();
    await page.keyboard.press('Space');
  }
  await search.fill('');
  await expect(page.getByText('3 kommuner valgt')).toBeVisible();
  await page.getByRole('button', { name: 'Sæt kreds …' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sæt kreds for 3 kommuner' });
  await expect(dialog.getByRole('combobox', { name: 'Kreds' })).toBeFocused();
  await dialog.getByRole('combobox', { name: 'Kreds' }).selectOption({ label: '7. kreds' });
  await snapshot(page, 'i14a-03-saet-kreds-dialog-1366');
  await dialog.getByRole('button', { name: 'Sæt kreds' }).click();
  await expect(page.getByText('3 kommuner flyttet til 7. kreds')).toBeVisible();
  await page.getByRole('combobox', { name: 'Kreds' }).selectOption('7');
  await expect(page.getByText('3 af 98 kommuner')).toBeVisible();
  await snapshot(page, 'i14a-04-kommuner-7-kreds-1366');

  await page.getByRole('navigation').getByRole('link', { name: 'Overblik' }).click();
  await expect(page.getByTestId('quiet-count')).toHaveText('3');
  await expect(page.locator('#dashboard-quiet .kommune-tile')).toHaveCount(3);
});

test.describe('on a seeded database', () => {
  // Seeding a scale-1 database takes a while on two cores.
  test.setTimeout(300_000);

  test('Overblik shows the year’s styringsdialog per kommune in a screenful and clips no status select, at 1366×768 and 1920×1080', async ({ browser }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-e2e-overview-'));
    const db = path.join(dir, 'demo.sqlite');
    execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'cli', 'cli.ts'), 'seed-demo', '--db', db, '--scale', '1', '--json'], { cwd: root, stdio: 'pipe' });
    // Ten kommuner that have boligorganisationer make up "my" kreds, as a consultant's would.
    const sqlite = new BetterSqlite3(db, { readonly: true });
    const kommuneIds = sqlite
      .prepare(`SELECT DISTINCT ok.kommune_id FROM organisation_kommune ok JOIN organisation o ON o.id = ok.organisation_id WHERE ok.deleted_at IS NULL AND o.kind = 'boligorganisation' ORDER BY ok.kommune_id LIMIT 10`)
      .pluck()
      .all() as string[];
    const kreds7 = sqlite.prepare('SELECT id FROM kreds WHERE number = 7').pluck().get() as string;
    sqlite.close();
    const host = await startHost(db);
    const page = await browser.newPage({ viewport: sizes[0] });
    try {
      await page.goto(host.url);
      await expect(page.getByRole('heading', { name: 'Goddag, Karen Kredskonsulent' })).toBeVisible();
      await apiCall(page, 'kommuner.setKreds', { ids: kommuneIds, kredsId: kreds7 });
      await apiCall(page, 'settings.update', { myKredse: [7] });
      for (const size of sizes) {
        await page.setViewportSize(size);
        await page.reload();
        const card = page.locator('.card', { has: page.getByRole('heading', { name: /^Styringsdialog \d{4}$/ }) });
        await expect(card.locator('.sd__kommune')).toHaveCount(10);
        const height = (await card.boundingBox())!.height;
        expect(height).toBeLessThan(size.height);
        await expectNothingClipped(page);
        await snapshot(page, `i14a-05-overblik-demo-${size.width}`);
      }
      // Open one kommune: its organisations with their status in words and symbols, linked to the meeting.
      const first = page.locator('.sd__kommune').first();
      await first.locator('summary').focus();
      await page.keyboard.press('Enter');
      await expect(first.locator('.sd__organisations li').first()).toBeVisible();
      await expect(first.locator('.sd__organisations .sd-state').first()).toHaveText(/^[✓◷!] (Afholdt|Planlagt|Mangler)$/);
      await first.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(root, 'e2e', 'artifacts', 'screenshots', 'i14a-06-styringsdialog-aaben-1920.png') });
    } finally {
      await page.close();
      host.child.kill('SIGTERM');
      await new Promise((resolve) => host.child.once('exit', resolve));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
