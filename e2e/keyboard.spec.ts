import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, snapshot, test } from './fixtures';

/**
 * The whole app by keyboard only (Tab, Shift+Tab, Enter, arrows, Escape):
 * the skip link first, every sidebar place, a walk through each page's
 * controls, the palette and the calendar's views. Every element that takes
 * focus on the way must show a focus ring (an outline or a box-shadow; the
 * Danmarkskort's kommuner a thicker stroke).
 */

const root = path.resolve(import.meta.dirname, '..');

interface Focused {
  readonly inMain: boolean;
  readonly inSidebar: boolean;
  readonly label: string;
  readonly ring: boolean;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return { inMain: false, inSidebar: false, label: '(body)', ring: true };
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none';
    const svgStroke = element instanceof SVGElement && parseFloat(style.strokeWidth) > 1;
    const text = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return {
      inMain: Boolean(element.closest('main')),
      inSidebar: Boolean(element.closest('nav.sidebar')),
      label: `${element.tagName.toLowerCase()}${element.getAttribute('role') ? `[${element.getAttribute('role')}]` : ''} "${text}"`,
      ring: outline || shadow || svgStroke,
    };
  });
}

/** Presses `key` until the focused element matches, checking the ring on every stop; returns the stops. */
async function pressUntil(page: Page, key: string, done: (f: Focused) => boolean, max = 40): Promise<Focused[]> {
  const stops: Focused[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    stops.push(f);
    expect(f.ring, `no visible focus ring on ${f.label}`).toBe(true);
    if (done(f)) return stops;
  }
  throw new Error(`${key} × ${max} never reached the element; stops: ${stops.map((s) => s.label).join(', ')}`);
}

const places = ['Overblik', 'Kommuner', 'Organisationer', 'Kontakter', 'Møder', 'Møderækker', 'Kalender', 'Opfølgning', 'Mulige dubletter', 'Synkronisering', 'Sikkerhedskopier', 'Indstillinger'] as const;

async function walk(page: Page, url: string, label: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('h1').first()).toBeVisible();

  // 1. The first Tab stop is the skip link, shown when focused; Enter moves focus to the page.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('button', { name: 'Spring til indholdet' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  expect((await focused(page)).ring).toBe(true);
  await snapshot(page, `keyboard-${label}-skip-link`);
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  const first = await pressUntil(page, 'Tab', (f) => f.inMain);
  expect(first.at(-1)!.inMain).toBe(true);

  // 2. Back into the sidebar with Shift+Tab, then every place with Tab/Shift+Tab and Enter.
  await pressUntil(page, 'Shift+Tab', (f) => f.inSidebar && f.label.endsWith('Indstillinger"'));
  let at = places.length - 1;
  for (const [index, place] of places.entries()) {
    if (index !== at) await pressUntil(page, index > at ? 'Tab' : 'Shift+Tab', (f) => f.inSidebar && f.label.endsWith(`${place}"`), 20);
    at = index;
    await page.keyboard.press('Enter');
    await expect(page.getByRole('navigation').locator('[aria-current="page"]')).toHaveText(new RegExp(`${place}$`));
    await expect(page.locator('main h1').first()).toBeVisible();
    // What a place offers is reached by Tab, with a visible ring (Mulige dubletter with none to review offers nothing).
    await page.waitForLoadState('networkidle');
    const actions = await page.locator('main').evaluate((main) => main.querySelectorAll('a[href], button:not([disabled]), input:not([type="hidden"]), select, textarea, summary, [tabindex="0"]').length);
    if (actions === 0) {
      expect(place).toBe('Mulige dubletter');
      continue;
    }
    const stops = await pressUntil(page, 'Tab', (f) => f.inMain, 20);
    expect(stops.at(-1)!.inMain, `nothing to reach on ${place}`).toBe(true);
    await pressUntil(page, 'Shift+Tab', (f) => f.inSidebar && f.label.endsWith(`${place}"`), 30);
  }

  // 3. Kalender by keyboard: the week view, the hours scroll with the arrows, back to the month.
  await pressUntil(page, 'Shift+Tab', (f) => f.inSidebar && f.label.endsWith('Kalender"'), 20);
  await page.keyboard.press('Enter');
  await pressUntil(page, 'Tab', (f) => f.label.startsWith('button') && f.label.includes('"Uge"'));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('grid', { name: /^Uge \d+, \d{4}$/ })).toBeVisible();
  const hours = page.getByRole('grid', { name: /^Uge \d+, \d{4}$/ });
  await pressUntil(page, 'Tab', (f) => f.label.startsWith('div[grid]'), 30);
  await expect(hours).toBeFocused();
  const before = await hours.evaluate((e) => e.scrollTop);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('PageDown');
  await expect.poll(() => hours.evaluate((e) => e.scrollTop)).toBeGreaterThan(before);
  await snapshot(page, `keyboard-${label}-kalender-uge`);
  await pressUntil(page, 'Shift+Tab', (f) => f.label.startsWith('button') && f.label.includes('"Måned"'), 30);
  await page.keyboard.press('Enter');
  await expect(page.locator('.calendar__week').first()).toBeVisible();

  // 4. The palette: Ctrl+K, type, arrows, Enter opens; Escape closes and gives focus back.
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Søg og kommandoer' });
  await expect(dialog).toBeVisible();
  expect((await focused(page)).ring).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.keyboard.press('Control+k');
  await page.keyboard.type('koge');
  await expect(dialog.getByRole('option').first()).toContainText('Køge Kommune');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /Køge/ })).toBeVisible();

  // 5. A form by keyboard: Møder → Nyt møde, into its first field.
  // The page changed under the palette, so focus starts over at the top: Tab from there.
  await pressUntil(page, 'Tab', (f) => f.inSidebar && f.label.endsWith('Møder"'), 60);
  await page.keyboard.press('Enter');
  await pressUntil(page, 'Tab', (f) => f.inMain && f.label.includes('Nyt møde'), 20);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Nyt møde' })).toBeVisible();
  await pressUntil(page, 'Tab', (f) => f.inMain && f.label.startsWith('input'), 20);
  for (const width of [1366, 1920] as const) {
    await page.setViewportSize({ width, height: width === 1366 ? 768 : 1080 });
    await snapshot(page, `keyboard-${label}-formular-${width}`);
  }
}

test.describe.configure({ timeout: 240_000 });

test('every place and its actions by keyboard alone, each stop with a visible focus ring (empty database)', async ({ page, kredsbog }) => {
  await walk(page, kredsbog.url, 'tom');
});

test('every place and its actions by keyboard alone, each stop with a visible focus ring (seeded database)', async ({ page, kredsbog }) => {
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'cli', 'cli.ts'), 'seed-demo', '--db', kredsbog.dbPath, '--scale', '0.05'], { cwd: root, stdio: 'ignore' });
  await walk(page, kredsbog.url, 'demo');
});
