import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { apiCall, expect, snapshot, startHost, test } from './fixtures';

/**
 * Issue 16: the kommune as the consultant's workspace. Køge answers "what is
 * coming, what is open, who matters and when did I last speak to them" on the
 * first screen at 1366×768; a contact logged from the hub lands on the
 * timeline and moves "sidst i kontakt". Empty and seeded (demo) database, at
 * 1366×768 and 1920×1080.
 */
const root = path.resolve(import.meta.dirname, '..');
const sizes = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** Today as the app writes dates: "7. dec. 2026" (date-fns' Danish short month). */
const months = ['jan.', 'feb.', 'mar.', 'apr.', 'maj', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'];
const todayDanish = () => {
  const [y, m, d] = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date()).split('-').map(Number) as [number, number, number];
  return `${d}. ${months[m - 1]} ${y}`;
};

async function koegeId(page: Page): Promise<string> {
  const kommuner = await apiCall<{ id: string; navn: string }[]>(page, 'kommuner.list', { query: 'Køge' });
  return kommuner.find((k) => k.navn === 'Køge')!.id;
}

/** Nothing in the hub's cards is wider than its card (no sideways scrolling, nothing cut off). */
async function expectNothingClipped(page: Page): Promise<void> {
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    for (const card of Array.from(document.querySelectorAll('.kommune-hub .hub-card'))) {
      if (card.scrollWidth > card.clientWidth + 1) found.push(`${card.querySelector('h2')?.textContent}: ${card.scrollWidth} > ${card.clientWidth}`);
    }
    return found;
  });
  expect(problems).toEqual([]);
}

/** The first answers are on the first screen: the hub's two cards begin above the fold, with their first lines. */
async function expectFirstAnswersOnFirstScreen(page: Page, height: number): Promise<void> {
  for (const heading of ['Nu og næste', 'Nøglepersoner']) {
    const box = (await page.getByRole('heading', { level: 2, name: heading }).boundingBox())!;
    expect(box.y + box.height).toBeLessThan(height);
  }
  const upcoming = (await page.getByRole('heading', { level: 3, name: 'Kommende møder' }).boundingBox())!;
  const open = (await page.getByRole('heading', { level: 3, name: /Åbne opfølgningspunkter/ }).boundingBox())!;
  expect(upcoming.y + 60).toBeLessThan(height);
  expect(open.y + 60).toBeLessThan(height);
  await expect(page.locator('.page-header .last-contact')).toBeInViewport();
}

test('on an empty database: log a contact with Køge’s borgmester from the hub, see it on the timeline and in "sidst i kontakt"', async ({ page, kredsbog }) => {
  await page.setViewportSize(sizes[0]);
  await page.goto(kredsbog.url);
  const id = await koegeId(page);
  await page.goto(`${kredsbog.url}#/kommuner/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Køge Kommune' })).toBeVisible();
  await expect(page.getByText('Ingen borgmester, udvalgsformand, direktør eller formand med en aktuel rolle er registreret.')).toBeVisible();
  await expect(page.locator('.page-header .last-contact')).toHaveText(/Aldrig/);
  for (const size of sizes) {
    await page.setViewportSize(size);
    await expectNothingClipped(page);
    await snapshot(page, `i16-01-koege-tom-${size.width}`);
  }

  await apiCall(page, 'contacts.create', { name: 'Marie Stærk', affiliations: [{ kommuneId: id, title: 'Borgmester', kind: 'politiker', fromDate: '2026-01-01' }] });
  await page.setViewportSize(sizes[0]);
  await page.reload();
  const person = page.locator('.key-person', { hasText: 'Marie Stærk' });
  await expect(person).toContainText('Borgmester');
  await expect(person.locator('.last-contact')).toHaveText(/Aldrig/);
  await expect(person).toHaveClass(/key-person--overdue/);

  await person.getByRole('button', { name: 'Log kontakt med Marie Stærk' }).click();
  const dialog = page.getByRole('dialog', { name: 'Log kontakt med Marie Stærk' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Kort note').fill('Ringede om ventelisten til familieboliger');
  await dialog.getByText('Mail', { exact: true }).click();
  await snapshot(page, 'i16-02-log-kontakt-dialog-1366');
  await dialog.getByRole('button', { name: 'Gem kontakt' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Kontakten er logget.')).toBeVisible();

  const row = page.locator('.timeline-row--contact_log', { hasText: 'Ringede om ventelisten til familieboliger' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Mail');
  await expect(row).toContainText('Marie Stærk');
  await expect(person.locator('.last-contact')).toHaveText(todayDanish());
  await expect(person).not.toHaveClass(/key-person--overdue/);
  await expect(page.locator('.page-header .last-contact')).toContainText(todayDanish());
  // The role the borgmester took up is on the timeline too.
  await expect(page.locator('.timeline-row--role', { hasText: 'Marie Stærk' })).toContainText('tiltrådte');
  for (const size of sizes) {
    await page.setViewportSize(size);
    await snapshot(page, `i16-03-koege-logget-${size.width}`);
  }

  // "Hold kontakten" per role, on the person's page: saved on change and read back after a reload.
  await person.getByRole('link', { name: 'Marie Stærk' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Marie Stærk' })).toBeVisible();
  const keep = page.getByLabel('Hold kontakten: Borgmester');
  await expect(keep).toHaveValue('');
  await keep.selectOption({ label: 'hver 3. måned' });
  await expect(page.getByText('Gemt.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Hold kontakten: Borgmester')).toHaveValue('3');
  await snapshot(page, 'i16-04-kontakt-hold-kontakten-1366');
  await page.goBack();

  // Searchable from the palette, and the palette logs contacts too.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog');
  await palette.getByRole('combobox').fill('ventelisten familieboliger');
  await expect(palette.getByRole('option', { name: /Ringede om ventelisten/ })).toBeVisible();
  await page.keyboard.press('Escape');
});

test.describe('on a demo database', () => {
  // Seeding a scale-1 database takes a while on two shared cores.
  test.setTimeout(480_000);

  test('Køge answers what is coming, what is open, who matters and when we last spoke on the first screen; a logged contact shows on the timeline', async ({ browser }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-e2e-hub-'));
    const db = path.join(dir, 'demo.sqlite');
    execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'cli', 'cli.ts'), 'seed-demo', '--db', db, '--scale', '1', '--json'], { cwd: root, stdio: 'pipe' });
    const host = await startHost(db);
    const page = await browser.newPage({ viewport: sizes[0] });
    try {
      await page.goto(host.url);
      const id = await koegeId(page);
      await page.goto(`${host.url}#/kommuner/${id}`);
      await expect(page.getByRole('heading', { level: 1, name: 'Køge Kommune' })).toBeVisible();
      await expect(page.locator('.key-person').first()).toBeVisible();
      await expect(page.locator('.timeline-row').first()).toBeVisible();
      for (const size of sizes) {
        await page.setViewportSize(size);
        await expectFirstAnswersOnFirstScreen(page, size.height);
        await expectNothingClipped(page);
        await page.screenshot({ path: path.join(root, 'e2e', 'artifacts', 'screenshots', `i16-04-koege-demo-foerste-skaerm-${size.width}.png`) });
        await snapshot(page, `i16-05-koege-demo-hele-siden-${size.width}`);
      }

      // The timeline is paged and virtualised: filter to one kind and year, and scroll — few rows in the DOM however many there are.
      await page.setViewportSize(sizes[0]);
      const timeline = page.locator('.hub-timeline');
      await timeline.getByLabel('Type').selectOption({ label: 'Møde' });
      await expect(timeline.locator('.timeline-row--meeting').first()).toBeVisible();
      await expect(timeline.locator('.timeline-row:not(.timeline-row--meeting)')).toHaveCount(0);
      await timeline.getByLabel('Type').selectOption({ label: 'Alle typer' });
      await timeline.getByLabel('År').selectOption('2025');
      await expect(timeline.locator('.timeline-row__when').first()).toContainText('2025');
      await timeline.getByLabel('År').selectOption({ label: 'Alle år' });
      expect(await timeline.locator('.timeline-row').count()).toBeLessThan(120);

      // Log a contact from the page header with a person picked by name.
      // The demo has namesakes: pick the key person by name and role, as the picker shows them ("Navn – Borgmester").
      const personName = (await page.locator('.key-person__name').first().textContent())!;
      const roleTitle = (await page.locator('.key-person__role').first().textContent())!.split(' · ')[0]!;
      await page.getByRole('button', { name: 'Log kontakt', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Log kontakt' });
      await dialog.getByLabel('Kort note').fill('Kaffe efter kommunesamarbejdet om anvisning');
      await dialog.getByRole('combobox').fill(personName);
      await dialog.getByRole('option', { name: `${personName} – ${roleTitle}` }).first().click();
      await dialog.getByRole('button', { name: 'Gem kontakt' }).click();
      await expect(dialog).toBeHidden();
      await expect(timeline.locator('.timeline-row--contact_log').first()).toContainText('Kaffe efter kommunesamarbejdet om anvisning');
      await expect(page.locator('.key-person', { hasText: personName }).first().locator('.last-contact')).toHaveText(todayDanish());
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(root, 'e2e', 'artifacts', 'screenshots', 'i16-06-koege-demo-logget-1366.png') });
    } finally {
      await page.close();
      host.child.kill('SIGTERM');
      await new Promise((resolve) => host.child.once('exit', resolve));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
