import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { apiCall, expect, snapshot, test } from './fixtures';

/** Boligsociale helhedsplaner (issue 17): empty, a new plan with indsatsområder, people and deadlines, the kommune page and Overblik; then demo data. */
const root = path.resolve(import.meta.dirname, '..');
const sizes = [
  [1366, 768],
  [1920, 1080],
] as const;

async function shoot(page: import('@playwright/test').Page, name: string) {
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await snapshot(page, `${name}-${width}`);
  }
}

test('Helhedsplaner: empty list, a new plan with indsatsområder, bestyrelse and deadlines, on the kommune page and Overblik', async ({ page, kredsbog }) => {
  await page.goto(kredsbog.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Helhedsplaner', exact: true }).click();
  await expect(page.getByText('Ingen helhedsplaner endnu.')).toBeVisible();
  await shoot(page, 'helhedsplaner-tom');

  const koege = (await apiCall<{ id: string }[]>(page, 'kommuner.list', { query: 'Køge' }))[0]!;
  await apiCall(page, 'contacts.create', { name: 'Åse Ørum', affiliations: [{ kommuneId: koege.id, title: 'Kommunaldirektør', kind: 'embedsmand', fromDate: '2020-01-01' }] });

  await page.getByRole('link', { name: 'Ny helhedsplan' }).click();
  await page.getByLabel('Navn').fill('Helhedsplan Ellemarken 2023–2026');
  await page.getByLabel('Kommune').selectOption({ label: 'Køge' });
  await page.getByLabel('Status').selectOption({ label: 'I gang' });
  await page.getByRole('button', { name: 'Opret helhedsplan' }).click();
  await expect(page.getByRole('heading', { name: 'Helhedsplan Ellemarken 2023–2026' })).toBeVisible();

  await page.getByLabel('Bevilget fra').fill('1.1.2023');
  await page.getByLabel('Bevilget fra').blur();
  await page.getByLabel('Bevilget til').fill('31.12.2026');
  await page.getByLabel('Bevilget til').blur();
  await page.getByLabel('LBF journalnr.').fill('LBF 2022-0417');
  await page.getByLabel('LBF journalnr.').blur();
  await page.getByRole('checkbox', { name: /Beskæftigelse/ }).check();
  await page.getByRole('checkbox', { name: /Uddannelse og livschancer/ }).check();
  await expect(page.getByRole('checkbox', { name: /Uddannelse og livschancer/ })).toBeChecked();

  // A person in the boligsociale bestyrelse, found by typing part of the name.
  await page.getByRole('combobox', { name: 'Person' }).fill('åse');
  await page.getByRole('option', { name: /Åse Ørum/ }).click();
  await page.getByLabel('Titel', { exact: true }).fill('Formand');
  await page.getByRole('button', { name: 'Tilføj person' }).click();
  await expect(page.getByRole('link', { name: 'Åse Ørum' })).toBeVisible();

  // Reporting deadlines: a yearly status and a midtvejsevaluering.
  await page.getByLabel('Beskrivelse').fill('Årlig status til Landsbyggefonden');
  await page.getByLabel('Frist', { exact: true }).last().fill('1.3.2099');
  await page.getByLabel('Frist', { exact: true }).last().blur();
  await page.getByRole('button', { name: 'Tilføj frist' }).click();
  await expect(page.getByRole('cell', { name: 'Årlig status til Landsbyggefonden', exact: true })).toBeVisible();
  await expect(page.getByText(/· Gemt$/)).toBeVisible();
  await shoot(page, 'helhedsplan-detalje');

  // Read back after a reload: everything was saved.
  await page.reload();
  await expect(page.getByLabel('LBF journalnr.')).toHaveValue('LBF 2022-0417');
  await expect(page.getByLabel('Bevilget til')).toHaveValue('31.12.2026');
  await expect(page.getByRole('checkbox', { name: /Beskæftigelse/ })).toBeChecked();
  await expect(page.getByLabel('Titel: Åse Ørum')).toHaveValue('Formand');

  // The list, its search, and the kommune page's section.
  await page.getByRole('navigation').getByRole('link', { name: 'Helhedsplaner', exact: true }).click();
  await expect(page.getByText('1 helhedsplan')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Søg i helhedsplaner' }).fill('2022-0417');
  await expect(page.getByRole('link', { name: 'Helhedsplan Ellemarken 2023–2026' })).toBeVisible();
  await shoot(page, 'helhedsplaner-liste');

  await page.goto(`${kredsbog.url}#/kommuner/${koege.id}`);
  await expect(page.getByRole('heading', { name: 'Boligsociale helhedsplaner' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Helhedsplan Ellemarken 2023–2026' })).toBeVisible();
  await page.getByRole('heading', { name: 'Boligsociale helhedsplaner' }).scrollIntoViewIfNeeded();
  await shoot(page, 'kommune-helhedsplaner');

  // Indsatsområder are data: a new frame's area is added, and an old one retired.
  await page.goto(`${kredsbog.url}#/helhedsplaner/indsatsomraader`);
  await page.getByLabel('Navn', { exact: true }).fill('Tryghed og trivsel');
  await page.getByLabel('Ramme', { exact: true }).fill('2027–2030');
  await page.getByRole('button', { name: 'Tilføj indsatsområde' }).click();
  await expect(page.getByLabel('Navn: Tryghed og trivsel')).toBeVisible();
  await shoot(page, 'indsatsomraader');
});

test('Helhedsplaner with demo data: the list, a running plan with its people and deadlines, and the deadlines on Overblik', async ({ page, kredsbog }) => {
  test.setTimeout(180_000);
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'cli', 'cli.ts'), 'seed-demo', '--db', kredsbog.dbPath, '--scale', '0.3'], { cwd: root, stdio: 'ignore' });
  await page.goto(kredsbog.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Helhedsplaner', exact: true }).click();
  await expect(page.getByText(/^\d+ helhedsplaner$/)).toBeVisible();
  await shoot(page, 'helhedsplaner-demo');
  await page.getByLabel('Status').selectOption({ label: 'I gang' });
  await page.getByRole('link', { name: /Boligsocial helhedsplan Køge/ }).click();
  await expect(page.getByRole('heading', { name: 'Bestyrelse, styregruppe og projektleder' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Slutevaluering og afrapportering', exact: true })).toBeVisible();
  await shoot(page, 'helhedsplan-demo');
  // A linked boligområde (the demo's first in the list, whichever it is) is removed and added back from the kommune's list.
  const areas = page.getByLabel('Tilføj: Boligområder').locator('xpath=..');
  const area = (await areas.getByRole('listitem').first().textContent())!.replace('✕', '').trim();
  const remove = page.getByRole('button', { name: `Fjern: ${area}`, exact: true });
  await remove.click();
  await expect(remove).toBeHidden();
  await page.getByLabel('Tilføj: Boligområder').selectOption({ label: area });
  await expect(remove).toBeVisible();
  await page.reload();
  await expect(remove).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Overblik', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Frister for helhedsplaner' })).toBeVisible();
  await page.locator('#dashboard-helhedsplaner').scrollIntoViewIfNeeded();
  await shoot(page, 'overblik-helhedsplaner-demo');
});
