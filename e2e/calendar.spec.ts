import { execFileSync } from 'node:child_process';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { apiCall, expect, snapshot, test } from './fixtures';

/**
 * Kalender's week view as a time grid: Danish day names and dates, the week
 * number, hours 07–18 in view with the rest a scroll away, meetings placed by
 * time with overlapping ones side by side, whole-day ones on top; the grid's
 * roles pass axe. On an empty and on a seeded database, at 1366×768 and 1920×1080.
 */

const root = path.resolve(import.meta.dirname, '..');

/** Today in Denmark and the Monday of its week, as the browser (Europe/Copenhagen) sees them. */
async function thisWeek(page: Page): Promise<{ monday: string; wednesday: string; thursday: string }> {
  return page.evaluate(() => {
    const today = new Date(new Date().toLocaleString('en-US', { timeZone: 'Europe/Copenhagen' }));
    const monday = new Date(today);
    monday.setDate(today.getDate() - ((today.getDay() + 6) % 7));
    const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const plus = (n: number) => {
      const d = new Date(monday);
      d.setDate(monday.getDate() + n);
      return iso(d);
    };
    return { monday: iso(monday), wednesday: plus(2), thursday: plus(3) };
  });
}

/** A Danish wall-clock time as an instant (CET in winter, CEST in summer: the browser knows). */
async function instant(page: Page, date: string, time: string): Promise<string> {
  return page.evaluate(([d, t]) => {
    const guess = new Date(`${d}T${t}:00Z`);
    const offset = new Date(guess.toLocaleString('en-US', { timeZone: 'Europe/Copenhagen' })).getTime() - new Date(guess.toLocaleString('en-US', { timeZone: 'UTC' })).getTime();
    return new Date(guess.getTime() - offset).toISOString();
  }, [date, time] as const);
}

async function weekWithMeetings(page: Page, label: string): Promise<void> {
  const { monday, wednesday, thursday } = await thisWeek(page);
  const aabenraa = (await apiCall<{ id: string; navn: string }[]>(page, 'kommuner.list', {})).find((k) => k.navn === 'Aabenraa')!;
  const meeting = async (title: string, date: string, from: string, to: string) =>
    apiCall(page, 'meetings.create', { title, kommuneId: aabenraa.id, startsAt: await instant(page, date, from), endsAt: await instant(page, date, to), place: 'Rådhuset', status: 'planlagt', notes: '' });
  await meeting('Kommunesamarbejde om ventelisten', wednesday, '09:00', '11:00');
  await meeting('Budgetmøde med boligorganisationerne', wednesday, '10:00', '12:30');
  await meeting('Styringsdialog med Fjordhusene', wednesday, '10:30', '11:30');
  await meeting('Morgenmøde med driften', thursday, '05:30', '06:30');
  await apiCall(page, 'meetings.create', { title: 'Temadag om udsatte boligområder', kommuneId: null, startsAt: await instant(page, monday, '00:00'), endsAt: await instant(page, wednesday, '00:00'), place: '', status: 'planlagt', notes: '' });

  // Made through the API, past the app's cache: load the app afresh.
  await page.reload();
  await page.getByRole('navigation').getByRole('link', { name: 'Kalender', exact: true }).click();
  await page.getByRole('button', { name: 'Uge', exact: true }).click();
  const grid = page.getByRole('grid', { name: /^Uge \d{1,2}, \d{4}$/ });
  await expect(grid).toBeVisible();
  // Danish day names and dates across, the week number in the corner.
  await expect(grid.getByRole('columnheader').nth(1)).toHaveText(/mandag \d{1,2}\.\d{1,2}\.$/i);
  await expect(grid.getByRole('columnheader').first()).toHaveText(/^Uge \d{1,2}$/);
  // The whole-day Temadag is on top, on Monday and Tuesday.
  const allDay = grid.getByRole('row').nth(1);
  await expect(allDay.getByRole('link', { name: /Temadag/ })).toHaveCount(2);
  // The three overlapping meetings share Wednesday's width: three different left edges, equal widths.
  const boxes = await Promise.all(['Kommunesamarbejde om ventelisten', 'Budgetmøde med boligorganisationerne', 'Styringsdialog med Fjordhusene'].map((name) => grid.getByRole('link', { name: new RegExp(name) }).boundingBox()));
  expect(new Set(boxes.map((b) => Math.round(b!.x))).size).toBe(3);
  expect(Math.abs(boxes[0]!.width - boxes[1]!.width)).toBeLessThan(2);
  // 09:00 to 11:00 is twice as tall as 10:30 to 11:30.
  expect(boxes[0]!.height / boxes[2]!.height).toBeGreaterThan(1.8);
  // 07–18 in view (more of the day in a tall window); the early meeting is a scroll away.
  const scroller = page.locator('.week');
  const view = (await scroller.boundingBox())!;
  const hourLabel = async (text: string) => (await page.locator('.week__hour', { hasText: text }).boundingBox())!.y;
  expect(await hourLabel('07.00')).toBeGreaterThanOrEqual(view.y - 8);
  expect(await hourLabel('18.00')).toBeLessThanOrEqual(view.y + view.height);
  // Above the view means under the sticky header and all-day rows (they cover what is scrolled past).
  const morning = grid.getByRole('link', { name: /Morgenmøde/ });
  const topRowsBottom = async () => (await grid.getByRole('row').nth(1).boundingBox())!.y + (await grid.getByRole('row').nth(1).boundingBox())!.height;
  expect((await morning.boundingBox())!.y + (await morning.boundingBox())!.height).toBeLessThanOrEqual(await topRowsBottom());
  const axe = await new AxeBuilder({ page }).include('main').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  for (const width of [1366, 1920] as const) {
    await page.setViewportSize({ width, height: width === 1366 ? 768 : 1080 });
    await snapshot(page, `kalender-uge-${label}-${width}`);
  }
  await scroller.evaluate((e) => e.scrollBy(0, -500));
  await expect.poll(async () => (await morning.boundingBox())!.y).toBeGreaterThanOrEqual(await topRowsBottom());
  await page.getByRole('button', { name: 'Måned', exact: true }).click();
  await expect(page.locator('.calendar__week').first()).toHaveText(/^Uge \d{1,2}$/);
  await snapshot(page, `kalender-maaned-${label}-1920`);
}

test('Kalender week view on an empty database: an empty time grid, then meetings placed by time', async ({ page, kredsbog }) => {
  await page.goto(kredsbog.url);
  await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Kalender', exact: true }).click();
  await page.getByRole('button', { name: 'Uge', exact: true }).click();
  await expect(page.getByRole('grid', { name: /^Uge/ }).getByRole('rowheader', { name: 'Klokkeslæt' })).toBeVisible();
  for (const width of [1366, 1920] as const) {
    await page.setViewportSize({ width, height: width === 1366 ? 768 : 1080 });
    await snapshot(page, `kalender-uge-tom-${width}`);
  }
  await page.getByRole('button', { name: 'Måned', exact: true }).click();
  await weekWithMeetings(page, 'tom-med-moeder');
});

test('Kalender week view on a seeded database', async ({ page, kredsbog }) => {
  test.setTimeout(120_000);
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'cli', 'cli.ts'), 'seed-demo', '--db', kredsbog.dbPath, '--scale', '0.05'], { cwd: root, stdio: 'ignore' });
  await page.goto(kredsbog.url);
  await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();
  await weekWithMeetings(page, 'demo');
});
