import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, snapshot, test } from './fixtures';

const root = path.resolve(import.meta.dirname, '..');

test('Møderækker: empty database says so, with the filters in place', async ({ page, kredsbog }) => {
  await page.goto(kredsbog.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Møderækker', exact: true }).click();
  await expect(page.getByText('Ingen møderækker endnu.')).toBeVisible();
  await expect(page.getByText(/af 0 møderækker/)).toHaveCount(0);
  for (const width of [1366, 1920] as const) {
    await page.setViewportSize({ width, height: width === 1366 ? 768 : 1080 });
    await snapshot(page, `series-list-tom-${width}`);
  }
});

test('Møderækker: search and filters tell the styringsdialoger of one kommune apart by organisation', async ({ page, kredsbog }) => {
  test.setTimeout(180_000);
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'cli', 'cli.ts'), 'seed-demo', '--db', kredsbog.dbPath, '--scale', '0.3'], { cwd: root, stdio: 'ignore' });
  await page.goto(kredsbog.url);
  await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Møderækker', exact: true }).click();
  // Unfiltered: the whole count, and a page of rows (the list is virtualised: far fewer rows in the DOM than series).
  await expect(page.getByText(/^\d+ møderækker$/)).toBeVisible();
  const total = Number((await page.getByText(/^\d+ møderækker$/).textContent())!.split(' ')[0]);
  expect(total).toBeGreaterThan(50);
  await expect(page.locator('tbody tr:not(.virtual-spacer)').first()).toBeVisible();
  expect(await page.locator('tbody tr:not(.virtual-spacer)').count()).toBeLessThan(total);
  for (const width of [1366, 1920] as const) {
    await page.setViewportSize({ width, height: width === 1366 ? 768 : 1080 });
    await snapshot(page, `series-list-demo-${width}`);
  }
  await page.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Styringsdialog' });
  await page.getByRole('combobox', { name: 'Kommune' }).selectOption({ label: 'Aabenraa' });
  await page.getByRole('combobox', { name: 'År' }).selectOption('2025');
  await expect(page.getByText(/^\d+ af \d+ møderækker$/)).toBeVisible();
  const rows = page.locator('tbody tr:not(.virtual-spacer)');
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThan(1);
  // Every row names its organisation(s), and no two rows look the same.
  const texts = await rows.evaluateAll((trs) => trs.map((tr) => `${tr.children[0]?.textContent} | ${tr.children[3]?.textContent}`));
  for (const text of texts) expect(text).not.toMatch(/\| –$/);
  expect(new Set(texts).size).toBe(texts.length);
  for (const width of [1366, 1920] as const) {
    await page.setViewportSize({ width, height: width === 1366 ? 768 : 1080 });
    await snapshot(page, `series-list-demo-filtreret-${width}`);
  }
  // Free text searches title, kommune and organisation together.
  await page.getByRole('combobox', { name: 'Kommune' }).selectOption({ label: 'Alle kommuner' });
  const firstOrganisation = (texts[0] ?? '').split(' | ')[1]!.split(', ')[0]!;
  await page.getByRole('searchbox').fill(`aabenraa ${firstOrganisation}`);
  await expect(rows.first()).toContainText(firstOrganisation);
  // The organisation filter narrows to that organisation's series.
  await page.getByRole('searchbox').fill('');
  await page.getByRole('combobox', { name: 'Organisation' }).selectOption({ label: firstOrganisation });
  await expect(rows.first()).toContainText(firstOrganisation);
  for (const text of await rows.evaluateAll((trs) => trs.map((tr) => tr.children[3]?.textContent ?? ''))) expect(text).toContain(firstOrganisation);
  await page.getByRole('combobox', { name: 'Organisation' }).selectOption({ label: 'Alle organisationer' });
  await page.getByRole('searchbox').fill('findes ikke xyz');
  await expect(page.getByText('Ingen møderækker passer til filtrene.')).toBeVisible();
});
