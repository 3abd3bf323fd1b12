import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, snapshot, test } from './fixtures';

test('a consultant finds a kommune, adds an organisation and a contact with a role, then deletes and undoes', async ({ page, kredsbog }) => {
  await page.goto(kredsbog.url);
  await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();
  await snapshot(page, '01-overblik');

  await page.getByRole('navigation').getByRole('link', { name: 'Kommuner' }).click();
  await expect(page.getByText('98 af 98 kommuner')).toBeVisible();
  await snapshot(page, '02-kommuner');
  await page.getByRole('searchbox').fill('århus');
  await expect(page.getByText('1 af 98 kommuner')).toBeVisible();
  await page.getByRole('link', { name: 'Aarhus' }).click();
  await expect(page.getByRole('heading', { name: 'Aarhus Kommune' })).toBeVisible();

  await page.getByRole('link', { name: 'Ny organisation i kommunen' }).click();
  await page.getByRole('button', { name: 'Gem' }).click();
  await expect(page.getByText('Skal udfyldes.')).toBeVisible();
  await snapshot(page, '03-organisation-fejl');
  await page.getByLabel('Navn').fill('Brabrand Boligforening');
  await expect(page.locator('.chip', { hasText: 'Aarhus' })).toBeVisible();
  await page.getByRole('button', { name: 'Gem' }).click();
  await expect(page.getByRole('heading', { name: 'Brabrand Boligforening' })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Kontakter' }).click();
  await page.getByRole('link', { name: 'Ny kontakt' }).click();
  await page.getByLabel('Navn').fill('Søren Ærbødig');
  await page.getByLabel('E-mails 1').fill('soeren@brabrand.dk');
  await page.getByLabel('Telefonnumre 1').fill('+45 86 12 34 56');
  await page.getByRole('button', { name: 'Tilføj rolle' }).click();
  await page.getByLabel('Titel').fill('Direktør');
  await page.getByLabel('Type').selectOption({ label: 'Boligorganisation' });
  await page.getByLabel('Organisation').selectOption({ label: 'Brabrand Boligforening' });
  await page.getByLabel('Fra').fill('2021-03-01');
  await snapshot(page, '04-ny-kontakt');
  await page.getByRole('button', { name: 'Gem' }).click();
  await expect(page.getByRole('heading', { name: 'Søren Ærbødig' })).toBeVisible();
  // The role's period and the contact's timeline both show the start date; the role card is what was just saved.
  await expect(page.locator('.role__period', { hasText: '1. mar. 2021' })).toBeVisible();
  await snapshot(page, '05-kontakt');

  await page.getByRole('navigation').getByRole('link', { name: 'Kommuner' }).click();
  await page.getByRole('searchbox').fill('aarhus');
  await page.getByRole('link', { name: 'Aarhus' }).click();
  const roles = page.locator('.card', { hasText: 'Kontakter (gennem roller)' });
  await expect(roles.getByRole('link', { name: 'Søren Ærbødig' })).toBeVisible();
  await snapshot(page, '06-kommune-med-kontakt');

  await roles.getByRole('link', { name: 'Søren Ærbødig' }).click();
  await page.getByRole('button', { name: 'Slet', exact: true }).click();
  await expect(page.getByText('Kontakten "Søren Ærbødig" er slettet.')).toBeVisible();
  await expect(page.getByText('Denne post er slettet.')).toBeVisible();
  await snapshot(page, '07-slettet-med-fortryd');
  await page.getByRole('button', { name: 'Fortryd' }).click();
  await expect(page.getByText('Denne post er slettet.')).toBeHidden();
  await page.getByRole('navigation').getByRole('link', { name: 'Kommuner' }).click();
  await page.getByRole('searchbox').fill('aarhus');
  await expect(page.getByRole('row', { name: /Aarhus/ }).getByRole('cell').nth(5)).toHaveText('1');

  const stats = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, '..', 'cli', 'cli.ts'), 'stats', '--db', kredsbog.dbPath, '--json'], { encoding: 'utf8' }),
  );
  expect(stats).toMatchObject({ kommuner: 98, organisations: 1, contacts: 1, affiliations: 1 });
});

test('settings choose my kredse and the language', async ({ page, kredsbog }) => {
  await page.goto(kredsbog.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Indstillinger' }).click();
  await page.getByLabel('Dit navn').fill('Karen Kredskonsulent');
  await page.getByLabel('Initialer').fill('KK');
  await page.getByLabel('3. kreds').check();
  await page.getByRole('button', { name: 'Gem', exact: true }).click();
  await expect(page.getByText('Indstillingerne er gemt.')).toBeVisible();
  await snapshot(page, '08-indstillinger');
  await page.getByRole('navigation').getByRole('link', { name: 'Overblik' }).click();
  await expect(page.getByRole('heading', { name: 'Goddag, Karen Kredskonsulent' })).toBeVisible();
  await expect(page.locator('.kommune-tile')).toHaveCount(10);
  await snapshot(page, '09-overblik-mine-kredse');

  await page.reload();
  await page.getByRole('navigation').getByRole('link', { name: 'Indstillinger' }).click();
  await page.getByLabel('Sprog').selectOption('en');
  await page.getByRole('button', { name: 'Gem', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Municipalities' })).toBeVisible();
});
