import type { Page } from '@playwright/test';
import { expect, snapshot, test } from './fixtures';

/**
 * Runs in the en-US project (playwright.config.ts): browser locale en-US and
 * --lang=en-US, as on an English Windows. Every date and time shown or typed
 * must still be Danish: dd.mm.åååå, 24-hour, no AM/PM, no "Choose File".
 */
test.use({ viewport: { width: 1366, height: 768 } });

const danishDate = /^\d{2}\.\d{2}\.\d{4}$/;

async function noEnglishDates(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/\b\d{1,2}:\d{2}\s?(AM|PM)\b/i);
  expect(text).not.toMatch(/\b\d{1,2}\/\d{1,2}\/\d{4}\b/);
  expect(text).not.toContain('Choose File');
  expect(text).not.toContain('No file chosen');
  expect(await page.locator('input[type="date"], input[type="time"], input[type="datetime-local"]').count()).toBe(0);
}

test('an English OS locale still gets Danish dates, times and file buttons', async ({ page, kredsbog }) => {
  await page.goto(kredsbog.url);
  await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();
  expect(await page.evaluate(() => navigator.language)).toBe('en-US');
  const year = new Date().getFullYear() + 1;

  // Meeting form: typed the Danish way, shown the Danish way.
  await page.goto(`${kredsbog.url}#/moeder/ny`);
  await expect(page.getByRole('heading', { name: 'Nyt møde' })).toBeVisible();
  await page.getByLabel('Titel').fill('Kommunesamarbejde Køge');
  await page.getByLabel('Kommune', { exact: true }).selectOption({ label: 'Køge' });
  const date = page.getByLabel('Dato');
  await expect(date).toHaveAttribute('placeholder', 'dd.mm.åååå');
  await date.fill(`3.8.${String(year).slice(2)}`);
  await page.getByLabel('Start').fill('9.30');
  await page.getByLabel('Slut').fill('1400');
  await page.getByLabel('Sted').click();
  await page.getByLabel('Nyt dagsordenspunkt …').fill('Boligsocial anvisning');
  await page.getByLabel('Nyt dagsordenspunkt …').press('Enter');
  await expect(date).toHaveValue(`03.08.${year}`);
  await expect(page.getByLabel('Start')).toHaveValue('09:30');
  await expect(page.getByLabel('Slut')).toHaveValue('14:00');
  await noEnglishDates(page);
  await snapshot(page, 'locale-01-nyt-moede');
  await page.getByRole('button', { name: 'Gem' }).click();
  await expect(page.getByRole('heading', { name: 'Kommunesamarbejde Køge' })).toBeVisible();
  await expect(page.getByText(/kl\. 09\.30–14\.00/).first()).toBeVisible();
  const meetingUrl = page.url();

  // A follow-up typed in referat mode with a Danish due date.
  await page.getByRole('link', { name: 'Tag referat' }).click();
  await page.getByRole('button', { name: /Boligsocial anvisning/ }).click();
  await page.getByLabel('Nyt opfølgningspunkt').fill('Send tal for ventelisten');
  await page.getByLabel('Frist').fill(`1.9.${year}`);
  await expect(page.getByLabel('Frist')).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Frist').press('Enter');
  await expect(page.getByRole('cell', { name: 'Send tal for ventelisten' })).toBeVisible();
  await noEnglishDates(page);
  await snapshot(page, 'locale-02-referat');

  // Opfølgning: the due date field shows dd.mm.åååå.
  await page.goto(`${kredsbog.url}#/opfoelgning`);
  await expect(page.getByText('Send tal for ventelisten')).toBeVisible();
  for (const field of await page.locator('input.date-field').all()) await expect(field).toHaveValue(danishDate);
  await noEnglishDates(page);
  await snapshot(page, 'locale-03-opfoelgning');

  // Kalender, Historik on the meeting, Overblik.
  await page.goto(`${kredsbog.url}#/kalender`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^[a-zæøå]+ \d{4}$/);
  await noEnglishDates(page);
  await snapshot(page, 'locale-04-kalender');

  await page.goto(meetingUrl);
  await page.getByText('Historik').click();
  await expect(page.locator('.history__list li').first()).toBeVisible();
  await expect(page.locator('.history__list')).toContainText('kommune: Køge');
  await expect(page.locator('.history__list')).toContainText(`start: 3. aug. ${year} kl. 09.30`);
  await expect(page.locator('.history__list')).not.toContainText(/\d{4}-\d{2}-\d{2}T|_id/);
  await noEnglishDates(page);
  await snapshot(page, 'locale-05-historik');

  await page.goto(`${kredsbog.url}#/`);
  await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();
  await noEnglishDates(page);
  await snapshot(page, 'locale-06-overblik');

  // File choices are Danish buttons, never the browser's "Choose File".
  await page.goto(`${kredsbog.url}#/synkronisering`);
  await expect(page.getByRole('button', { name: 'Vælg en .kredsbog-fil' })).toBeVisible();
  await noEnglishDates(page);
  await snapshot(page, 'locale-07-synkronisering');
});
