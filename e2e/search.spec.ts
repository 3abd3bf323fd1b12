import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { expect, screenshotDir, startHost, test } from './fixtures';

const root = path.resolve(import.meta.dirname, '..');

// Seeding a scale-1 database takes a while on two cores.
test.setTimeout(240_000);

test('Ctrl+K finds kommuner, people and minutes on a scale-1 database, with Danish folding, and opens the choice', async ({ browser }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-e2e-search-'));
  const db = path.join(dir, 'stor.sqlite');
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'cli', 'cli.ts'), 'seed-demo', '--db', db, '--scale', '1', '--json'], { cwd: root, stdio: 'pipe' });
  const sqlite = new BetterSqlite3(db, { readonly: true });
  const person = sqlite.prepare(`SELECT name FROM contact WHERE deleted_at IS NULL AND name LIKE '%ø%' ORDER BY id LIMIT 1`).pluck().get() as string;
  sqlite.close();
  const host = await startHost(db);
  const page = await browser.newPage();
  try {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Møder denne uge' })).toBeVisible();
    await page.screenshot({ path: path.join(screenshotDir, '27-overblik-stor-database.png') });

    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Søg og kommandoer' });
    const box = palette.getByRole('combobox');
    await box.fill('koege');
    await expect(palette.getByRole('option').first()).toContainText('Køge Kommune');
    await expect(palette.locator('mark', { hasText: 'Køge' }).first()).toBeVisible();

    // The name typed without ø (as on a keyboard without Danish letters) still finds the person.
    await box.fill(person.replace(/ø/g, 'oe').replace(/Ø/g, 'Oe').toLowerCase());
    await expect(palette.getByRole('option', { name: new RegExp(person) }).first()).toBeVisible();

    // Words from minutes and decisions, grouped under their own heading.
    await box.fill('venteliste');
    await expect(palette.getByText('Dagsordenspunkter og referater')).toBeVisible();
    // The viewport only: the overview behind the palette is long at this scale.
    await page.screenshot({ path: path.join(screenshotDir, '26-soegning.png') });
    await box.fill('koge');
    await expect(palette.getByRole('option').first()).toContainText('Køge Kommune');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Køge Kommune' })).toBeVisible();
    await expect(palette).toBeHidden();
  } finally {
    host.child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
