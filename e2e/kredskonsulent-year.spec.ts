import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { apiCall, expect, snapshot, test } from './fixtures';

const root = path.resolve(import.meta.dirname, '..');

const sizes = [
  [1366, 768],
  [1920, 1080],
] as const;

test('Aftaler: empty list, a new aftale filled in on its own page that saves itself, and listed on the kommune page', async ({ page, kredsbog }) => {
  await page.goto(kredsbog.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Aftaler', exact: true }).click();
  await expect(page.getByText('Ingen aftaler endnu.')).toBeVisible();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `aftaler-tom-${width}`);
  }

  await page.getByRole('link', { name: 'Ny aftale' }).click();
  await page.getByLabel('Titel').fill('Udlejningsaftale Køge 2026–2029');
  await page.getByLabel('Type').selectOption({ label: 'Udlejningsaftale' });
  await page.getByLabel('Kommune').selectOption({ label: 'Køge' });
  await page.getByRole('button', { name: 'Opret aftale' }).click();
  await expect(page.getByRole('heading', { name: 'Udlejningsaftale Køge 2026–2029' })).toBeVisible();

  await page.getByLabel('Evaluering').fill('15.1.2027');
  await page.getByLabel('Evaluering').blur();
  await page.getByRole('button', { name: 'Tilføj mål' }).click();
  await page.getByLabel('Mål 1').fill('Færre udsættelser');
  await page.getByLabel('Indikator 1').fill('Fogedsager pr. år');
  await page.getByLabel('Indikator 1').blur();
  await page.getByLabel('Dokumenter').fill('Bilag 1 – fleksibel udlejning.pdf');
  await page.getByLabel('Dokumenter').blur();
  await expect(page.getByText(/· Gemt$/)).toBeVisible();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `aftale-detalje-${width}`);
  }

  // Read back after a reload: everything was saved.
  await page.reload();
  await expect(page.getByLabel('Mål 1')).toHaveValue('Færre udsættelser');
  await expect(page.getByLabel('Evaluering')).toHaveValue('15.01.2027');
  await expect(page.getByLabel('Dokumenter')).toHaveValue('Bilag 1 – fleksibel udlejning.pdf');

  // Some more, then the list and the kommune page.
  const koege = (await apiCall<{ id: string }[]>(page, 'kommuner.list', { query: 'Køge' }))[0]!;
  await apiCall(page, 'aftaler.create', { kind: 'styringsdialog_aftale', title: 'Styringsdialogaftale KAB 2026', kommuneId: koege.id, status: 'gaeldende', renegotiationDate: '2027-02-01' });
  await apiCall(page, 'aftaler.create', { kind: 'boligsocial_samarbejdsaftale', title: 'Strategisk boligsocial samarbejdsaftale', status: 'genforhandles' });
  await page.getByRole('navigation').getByRole('link', { name: 'Aftaler', exact: true }).click();
  await expect(page.getByText('3 aftaler')).toBeVisible();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `aftaler-liste-${width}`);
  }
  await page.getByRole('searchbox', { name: 'Søg i aftaler' }).fill('styring');
  await expect(page.getByText('1 aftale')).toBeVisible();

  await page.goto(`${kredsbog.url}#/kommuner/${koege.id}`);
  await expect(page.getByRole('heading', { name: 'Aftaler' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Udlejningsaftale Køge 2026–2029' })).toBeVisible();
  await expect(page.getByText('Region Østdanmark fra 1. jan. 2027')).toBeVisible();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `kommune-aftaler-${width}`);
  }
});

test('Aftaler with demo data: the list, a styringsdialogaftale with goals, and the deadlines on Overblik', async ({ page, kredsbog }) => {
  test.setTimeout(180_000);
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'cli', 'cli.ts'), 'seed-demo', '--db', kredsbog.dbPath, '--scale', '0.3'], { cwd: root, stdio: 'ignore' });
  await page.goto(kredsbog.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Aftaler', exact: true }).click();
  await expect(page.getByText(/^\d+ aftaler$/)).toBeVisible();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `aftaler-demo-${width}`);
  }
  await page.getByLabel('Type').selectOption({ label: 'Styringsdialogaftale' });
  await page.getByRole('link', { name: 'Styringsdialogaftale 2026' }).first().click();
  await expect(page.getByRole('heading', { name: 'Mål' })).toBeVisible();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `aftale-demo-${width}`);
  }
  await page.getByRole('navigation').getByRole('link', { name: 'Overblik', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Frister for aftaler' })).toBeVisible();
  await page.locator('#dashboard-aftaler').scrollIntoViewIfNeeded();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `overblik-aftaler-demo-${width}`);
  }
});
