import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { apiCall, expect, snapshot, test } from './fixtures';

const root = path.resolve(import.meta.dirname, '..');

const sizes = [
  [1366, 768],
  [1920, 1080],
] as const;

/** The board opens on the current year (the browser's clock, as the app). */
const year = new Date().getFullYear();

test('Styringsdialog: the empty board, steps recorded for a pair, and the dialogmøde planned from the board with last year’s aftaler on the agenda', async ({ page, kredsbog }) => {
  await page.goto(kredsbog.url);
  await page.getByRole('link', { name: 'Åbn tavlen' }).click();
  await expect(page.getByRole('heading', { name: `Styringsdialog ${year}` })).toBeVisible();
  await expect(page.getByText('Ingen boligorganisationer i dine kommuner.')).toBeVisible();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `i17-sd-tom-${width}`);
  }

  // Two boligorganisationer in Køge; last year's dialogue with the first ended in an aftale with goals.
  const koege = (await apiCall<{ id: string }[]>(page, 'kommuner.list', { query: 'Køge' }))[0]!;
  const kab = await apiCall<{ id: string }>(page, 'organisations.create', { name: 'Køge Boligselskab', kind: 'boligorganisation', kommuneIds: [koege.id] });
  await apiCall(page, 'organisations.create', { name: 'Boligselskabet Sjælland', kind: 'boligorganisation', kommuneIds: [koege.id] });
  const aftale = await apiCall<{ id: string }>(page, 'aftaler.create', {
    kind: 'styringsdialog_aftale',
    title: `Styringsdialogaftale ${year}`,
    status: 'gaeldende',
    kommuneId: koege.id,
    organisationIds: [kab.id],
    fromDate: `${year}-01-01`,
    goals: [
      { text: 'Færre fraflytninger i Ellemarken', indicator: 'Fraflytningsprocent', status: 'i_gang' },
      { text: 'Energirenovering af to afdelinger', indicator: '', status: 'naaet' },
    ],
  });
  await apiCall(page, 'styringsdialog.save', { kommuneId: koege.id, organisationId: kab.id, year: year - 1, aftaleId: aftale.id, aftaler: { date: `${year - 1}-10-15` } });

  // Record the dokumentationspakke for this year on the pair's page; it saves itself.
  await page.reload();
  await expect(page.getByText('2 par · 0 med møde afholdt')).toBeVisible();
  await page.getByRole('link', { name: 'Køge Boligselskab' }).click();
  await expect(page.getByRole('heading', { name: `Styringsdialog ${year}: Køge Boligselskab` })).toBeVisible();
  const pakke = page.locator('[data-step="pakke"]');
  await pakke.getByLabel('Dato').fill(`2.9.${year}`);
  await pakke.getByLabel('Dato').blur();
  await pakke.getByLabel('Hvem (tekst)').fill('Via almenstyringsdialog.dk');
  await pakke.getByLabel('Hvem (tekst)').blur();
  await expect(page.getByText(/· Gemt$/)).toBeVisible();
  await page.reload();
  await expect(page.locator('[data-step="pakke"]').getByLabel('Dato')).toHaveValue(`02.09.${year}`);
  await expect(page.locator('[data-step="pakke"]').getByLabel('Hvem (tekst)')).toHaveValue('Via almenstyringsdialog.dk');
  await expect(page.getByRole('link', { name: 'Køge Kommune · Pakke modtaget' })).toBeVisible();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `i17-sd-forloeb-${width}`);
  }

  // Back on the board: one click plans the meeting, its agenda pre-filled with last year's aftale and goals.
  await page.goto(`${kredsbog.url}#/styringsdialog`);
  await expect(page.getByRole('button', { name: 'Planlæg fællesmøde (2)' })).toBeVisible();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `i17-sd-tavle-${width}`);
  }
  await page.getByRole('button', { name: 'Planlæg møde: Køge Boligselskab, Køge' }).click();
  await expect(page.getByText('Mødet er planlagt med sidste års aftaler på dagsordenen.')).toBeVisible();
  await expect(page.locator('.agenda-item__title', { hasText: `Opfølgning på Styringsdialogaftale ${year}` })).toBeVisible();
  await expect(page.locator('.agenda-item__title', { hasText: 'Mål: Færre fraflytninger i Ellemarken' })).toBeVisible();
  await expect(page.locator('.agenda-item__title', { hasText: 'Mål: Energirenovering af to afdelinger' })).toBeVisible();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `i17-sd-planlagt-moede-${width}`);
  }

  // The board now shows the planned meeting, and the other organisation still has its button.
  await page.goto(`${kredsbog.url}#/styringsdialog`);
  await expect(page.getByRole('button', { name: 'Planlæg møde: Boligselskabet Sjælland, Køge' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Planlæg møde: Køge Boligselskab, Køge' })).toHaveCount(0);
  await expect(page.getByRole('row', { name: /Køge Boligselskab/ }).getByText('Møde planlagt')).toBeVisible();
});

test('Styringsdialog with demo data: the board of my kredse, what is late, and last year', async ({ page, kredsbog }) => {
  test.setTimeout(180_000);
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'cli', 'cli.ts'), 'seed-demo', '--db', kredsbog.dbPath, '--scale', '0.3'], { cwd: root, stdio: 'ignore' });
  await page.goto(kredsbog.url);
  await page.getByRole('link', { name: 'Åbn tavlen' }).click();
  await expect(page.getByText(/^\d+ par · \d+ med møde afholdt · \d+ forsinkede$/)).toBeVisible();
  await expect(page.locator('.sd-board__row').first()).toBeVisible();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `i17-sd-demo-${width}`);
  }
  await page.getByLabel('Kun forsinkede').check();
  await expect(page.locator('.sd-board__row--late').first()).toBeVisible();
  await expect(page.locator('.sd-board__row:not(.sd-board__row--late)')).toHaveCount(0);
  await page.getByLabel('Kun forsinkede').uncheck();
  await page.getByRole('button', { name: 'Forrige år' }).click();
  await expect(page.getByRole('heading', { name: `Styringsdialog ${year - 1}` })).toBeVisible();
  await expect(page.locator('.sd-stage--afsluttet').first()).toBeVisible();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `i17-sd-demo-forrige-aar-${width}`);
  }
  await page.locator('.sd-board__row--late a').first().click();
  await expect(page.getByRole('heading', { name: /^Styringsdialog \d{4}: / })).toBeVisible();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `i17-sd-demo-forloeb-${width}`);
  }
});
