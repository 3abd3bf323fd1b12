import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { apiCall, expect, snapshot, test } from './fixtures';

const root = path.resolve(import.meta.dirname, '..');
const fixtures = path.join(root, 'db', 'boligomraader', 'fixtures');

const sizes = [
  [1366, 768],
  [1920, 1080],
] as const;

test('Boligområder: empty list, two years of lists imported with a preview of what changed, the area history, the kommune hub and the map layer', async ({ page, kredsbog }) => {
  test.setTimeout(120_000);
  await page.goto(kredsbog.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Boligområder', exact: true }).click();
  await expect(page.getByText('Ingen boligområder endnu.', { exact: false })).toBeVisible();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `i17-bo-tom-${width}`);
  }

  // 2022 in the ministry's own layout: the first lists, nothing to compare with.
  await page.getByRole('link', { name: 'Importér årets lister' }).click();
  await expect(page.getByRole('heading', { name: 'Importér ministeriets lister' })).toBeVisible();
  await page.getByLabel('Listerne pr. 1. december').selectOption('2022');
  await page.getByLabel('Vælg fil').setInputFiles(path.join(fixtures, 'lister-2022-ministeriets-opstilling.csv'));
  const preview2022 = page.getByRole('region', { name: 'Det ændrer listerne pr. 1. december 2022' });
  await expect(preview2022).toBeVisible();
  await expect(preview2022.getByText('Der er ingen tidligere lister at sammenligne med.')).toBeVisible();
  await expect(preview2022.getByRole('cell', { name: 'Mjølnerparken' }).first()).toBeVisible();
  await preview2022.getByRole('button', { name: 'Importér listerne' }).click();
  await expect(page.getByText('Listerne pr. 1. december 2022 er importeret.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Boligområder', exact: true })).toBeVisible();
  await expect(page.getByText('10 boligområder', { exact: false })).toBeVisible();

  // 2023 in three columns: the preview says what changed since 2022 and what it touches; nothing is written before Importér.
  await page.getByRole('link', { name: 'Importér årets lister' }).click();
  await page.getByLabel('Listerne pr. 1. december').selectOption('2023');
  await page.getByLabel('Vælg fil').setInputFiles(path.join(fixtures, 'lister-2023-uddrag.csv'));
  const preview = page.getByRole('region', { name: 'Det ændrer listerne pr. 1. december 2023' });
  await expect(preview.getByText('Sammenlignet med 2022.')).toBeVisible();
  await expect(preview.getByRole('row', { name: /Ny på listerne Vejleåparken/ })).toBeVisible();
  await expect(preview.getByRole('row', { name: /Ude af listerne Mjølnerparken/ })).toBeVisible();
  const touches = preview.getByRole('group', { name: 'Det berører' });
  await expect(touches.getByRole('link', { name: 'Ishøj' })).toBeVisible();
  await expect(touches.getByRole('link', { name: 'København' })).toBeVisible();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `i17-bo-import-preview-${width}`);
  }
  const before = await apiCall<{ total: number }>(page, 'boligomraader.list', {});
  expect(before.total).toBe(10);
  await preview.getByRole('button', { name: 'Importér listerne' }).click();
  await expect(page.getByText('Listerne pr. 1. december 2023 er importeret.')).toBeVisible();
  await expect(page.getByText('12 boligområder', { exact: false })).toBeVisible();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `i17-bo-liste-${width}`);
  }
  await page.getByRole('searchbox', { name: 'Søg i boligområder' }).fill('Vejleå');
  await expect(page.getByText('1 boligområde', { exact: false })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Søg i boligområder' }).fill('');
  await page.getByLabel('Kategori').selectOption({ label: 'Udsat boligområde' });
  await expect(page.getByRole('link', { name: 'Motalavej' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Vollsmose' })).toHaveCount(0);

  // The area page: history per year, newest first.
  await page.getByLabel('Kategori').selectOption('');
  await page.getByRole('link', { name: 'Mjølnerparken' }).click();
  await expect(page.getByRole('heading', { name: 'Mjølnerparken' })).toBeVisible();
  const history = page.getByRole('list', { name: 'Historik på listerne' });
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history.getByRole('listitem').first()).toContainText('2023');
  await expect(history.getByRole('listitem').first()).toContainText('Ikke på listerne');
  await expect(history.getByRole('listitem').nth(1)).toContainText('2022');
  await expect(history.getByRole('listitem').nth(1)).toContainText('Parallelsamfund');
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `i17-bo-omraade-${width}`);
  }

  // The kommune hub: Ishøj's area and what the 2023 lists changed there.
  await page.goto(`${kredsbog.url}#/kommuner`);
  const ishoej = (await apiCall<{ id: string }[]>(page, 'kommuner.list', { query: 'Ishøj' }))[0]!;
  await page.goto(`${kredsbog.url}#/kommuner/${ishoej.id}`);
  const section = page.getByRole('region', { name: 'Boligområder' });
  await expect(section.getByRole('heading', { name: 'Nyt pr. 1. december 2023' })).toBeVisible();
  await expect(section.getByRole('link', { name: 'Vejleåparken' }).first()).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `i17-bo-kommune-${width}`);
  }

  // Overblik: the map layer by status, and the card of the newest lists.
  await page.getByRole('navigation').getByRole('link', { name: 'Overblik', exact: true }).click();
  await page.getByRole('button', { name: 'Boligområder', exact: true }).click();
  await expect(page.getByText('Omdannelsesområde', { exact: true }).first()).toBeVisible();
  await expect(page.locator('path.map-k--bo-omdannelsesomraade').first()).toBeVisible();
  await expect(page.locator('path.map-k--bo-udsat_boligomraade')).toHaveCount(2);
  await expect(page.getByRole('region', { name: 'Listerne pr. 1. december 2023' })).toBeVisible();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `i17-bo-kort-${width}`);
  }
});

test('Boligområder: a broken list file is refused whole with a Danish message and changes nothing', async ({ page, kredsbog }) => {
  await page.goto(`${kredsbog.url}#/boligomraader/import`);
  await page.getByLabel('Listerne pr. 1. december').selectOption('2024');
  await page.getByLabel('Vælg fil').setInputFiles(path.join(fixtures, 'lister-fejl.csv'));
  await expect(page.getByRole('alert')).toContainText('række');
  await expect(page.getByRole('button', { name: 'Importér listerne' })).toHaveCount(0);
  const list = await apiCall<{ total: number }>(page, 'boligomraader.list', {});
  expect(list.total).toBe(0);
  await page.setViewportSize({ width: 1366, height: 768 });
  await snapshot(page, 'i17-bo-import-fejl-1366');
});

test('Boligområder with demo data: the list, an area, the map layer', async ({ page, kredsbog }) => {
  test.setTimeout(180_000);
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'cli', 'cli.ts'), 'seed-demo', '--db', kredsbog.dbPath, '--scale', '0.3'], { cwd: root, stdio: 'ignore' });
  await page.goto(kredsbog.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Boligområder', exact: true }).click();
  await expect(page.getByText(/^\d+ boligområder · /)).toBeVisible();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `i17-bo-demo-liste-${width}`);
  }
  await page.getByRole('table').getByRole('row').nth(1).getByRole('link').first().click();
  await expect(page.getByRole('list', { name: 'Historik på listerne' })).toBeVisible();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `i17-bo-demo-omraade-${width}`);
  }
  await page.getByRole('navigation').getByRole('link', { name: 'Overblik', exact: true }).click();
  await page.getByRole('button', { name: 'Boligområder', exact: true }).click();
  await expect(page.locator('path[class*="map-k--bo-"]').first()).toBeVisible();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `i17-bo-demo-kort-${width}`);
  }
});
