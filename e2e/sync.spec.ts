import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { apiCall, expect, snapshot, startHost, test } from './fixtures';

const root = path.resolve(import.meta.dirname, '..');
const digest = (db: string) => execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'cli', 'cli.ts'), 'digest', '--db', db], { encoding: 'utf8', cwd: root }).trim();

async function exportAll(page: Page, dir: string): Promise<string> {
  await page.getByRole('navigation').getByRole('link', { name: 'Synkronisering' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Eksportér alt' }).click();
  const file = path.join(dir, `${Date.now()}-${(await download).suggestedFilename()}`);
  await (await download).saveAs(file);
  return file;
}

async function importFile(page: Page, file: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Synkronisering' }).click();
  await page.getByLabel('Vælg en .kredsbog-fil').setInputFiles(file);
  await expect(page.getByText('Forhåndsvisning – intet er ændret endnu')).toBeVisible();
  await page.getByRole('button', { name: 'Importér', exact: true }).click();
  await expect(page.getByText('Importen er gennemført.')).toBeVisible();
}

test('two installations exchange files, make conflicting edits, resolve the conflict in the UI and end equal', async ({ browser, page, kredsbog }) => {
  // Two installations, several exports and imports: a long scenario, run beside the scale-1 search test on two cores.
  test.slow();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-e2e-sync-'));
  const dbB = path.join(dir, 'b.sqlite');
  const hostB = await startHost(dbB);
  const pageB = await (await browser.newContext({ acceptDownloads: true })).newPage();
  try {
    await page.goto(kredsbog.url);
    await pageB.goto(hostB.url);
    await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();
    await expect(pageB.getByRole('heading', { name: 'Goddag' })).toBeVisible();
    const org = await apiCall<{ id: string }>(page, 'organisations.create', { name: 'Køge Boligselskab', kind: 'boligorganisation' });

    // A → B, with the preview checked before anything changes.
    const first = await exportAll(page, dir);
    await pageB.getByRole('navigation').getByRole('link', { name: 'Synkronisering' }).click();
    await pageB.getByLabel('Vælg en .kredsbog-fil').setInputFiles(first);
    const preview = pageB.locator('.sync-preview');
    await expect(preview.getByRole('row', { name: /Organisationer/ }).getByRole('cell').nth(1)).toHaveText('1');
    await snapshot(pageB, '18-import-forhaandsvisning');
    expect(await apiCall<unknown[]>(pageB, 'organisations.list', {})).toHaveLength(0);
    await pageB.getByRole('button', { name: 'Importér', exact: true }).click();
    await expect(pageB.getByText('Importen er gennemført.')).toBeVisible();
    expect(digest(dbB)).toBe(digest(kredsbog.dbPath));

    // Conflicting edits of the same field on both laptops.
    await apiCall(page, 'organisations.update', { id: org.id, name: 'Køge Boligselskab (A)' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await apiCall(pageB, 'organisations.update', { id: org.id, name: 'Køge Boligselskab (B)' });
    const fromB = await exportAll(pageB, dir);
    const fromA = await exportAll(page, dir);
    await importFile(page, fromB);
    await importFile(pageB, fromA);
    expect(digest(dbB)).toBe(digest(kredsbog.dbPath));

    // Resolve on A by keeping A's own version; the resolution travels to B.
    await page.reload();
    const conflict = page.locator('.conflict');
    await expect(conflict).toHaveCount(1);
    await expect(conflict.locator('.conflict__version--current')).toContainText('Køge Boligselskab (B)');
    await expect(conflict.locator('.conflict__version--other')).toContainText('Køge Boligselskab (A)');
    await snapshot(page, '19-konflikt');
    await conflict.locator('.conflict__version--other').getByRole('button', { name: 'Behold denne' }).click();
    await expect(page.getByText('Ingen åbne konflikter.')).toBeVisible();
    await importFile(pageB, await exportAll(page, dir));
    await pageB.reload();
    await expect(pageB.getByText('Ingen åbne konflikter.')).toBeVisible();
    const onB = await apiCall<{ name: string }>(pageB, 'organisations.get', { id: org.id });
    expect(onB.name).toBe('Køge Boligselskab (A)');
    expect(digest(dbB)).toBe(digest(kredsbog.dbPath));

    // The record's history on B shows every version, from which installation.
    await pageB.goto(`${hostB.url}#/organisationer/${org.id}`);
    await pageB.getByText('Historik').click();
    const history = pageB.locator('.history__list');
    await expect(history.locator('li', { hasText: 'navn: Køge Boligselskab (B) → Køge Boligselskab (A)' }).first()).toBeVisible();
    await expect(history.locator('li', { hasText: 'navn: Køge Boligselskab → Køge Boligselskab (A)' }).first()).toBeVisible();
    await snapshot(pageB, '20-historik');
  } finally {
    hostB.child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a shared sync folder carries changes between two installations', async ({ browser, page, kredsbog }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-e2e-folder-'));
  const shared = path.join(dir, 'OneDrive - BL', 'Kredsbog');
  fs.mkdirSync(shared, { recursive: true });
  const hostB = await startHost(path.join(dir, 'b', 'b.sqlite'));
  const pageB = await (await browser.newContext()).newPage();
  try {
    await page.goto(kredsbog.url);
    await pageB.goto(hostB.url);
    await apiCall(page, 'organisations.create', { name: 'Fællesbo', kind: 'boligorganisation' });
    for (const p of [page, pageB]) {
      await p.getByRole('navigation').getByRole('link', { name: 'Synkronisering' }).click();
      await p.getByLabel('Mappe').fill(shared);
      await p.locator('.card', { hasText: 'Synkroniseringsmappe' }).getByRole('button', { name: 'Gem' }).click();
      await expect(p.getByText('Endnu ikke synkroniseret.')).toBeVisible();
    }
    await page.getByRole('button', { name: 'Synkronisér nu' }).click();
    await expect(page.getByText(/1 fil skrevet/)).toBeVisible();
    await pageB.getByRole('button', { name: 'Synkronisér nu' }).click();
    await expect(pageB.getByText(/1 importeret/)).toBeVisible();
    await snapshot(pageB, '21-synkroniseringsmappe');
    expect((await apiCall<{ name: string }[]>(pageB, 'organisations.list', {})).map((o) => o.name)).toEqual(['Fællesbo']);
    expect(fs.readdirSync(shared).filter((f) => f.endsWith('.kredsbog'))).toHaveLength(1);
  } finally {
    hostB.child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the same person typed in on two laptops is flagged on import and merged once, everywhere', async ({ browser, page, kredsbog }) => {
  // Two installations, several exports and imports: a long scenario, run beside the scale-1 search test on two cores.
  test.slow();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-e2e-dup-'));
  const dbB = path.join(dir, 'b.sqlite');
  const hostB = await startHost(dbB);
  const pageB = await (await browser.newContext({ acceptDownloads: true })).newPage();
  try {
    await page.goto(kredsbog.url);
    await pageB.goto(hostB.url);
    await apiCall(page, 'contacts.create', { name: 'Mette Ørsted', emails: ['mette@kab.dk'] });
    await apiCall(pageB, 'contacts.create', { name: 'Mette Oersted', emails: ['Mette@KAB.dk'], phones: ['+45 20 30 40 50'] });

    const fromB = await exportAll(pageB, dir);
    await page.getByRole('navigation').getByRole('link', { name: 'Synkronisering' }).click();
    await page.getByLabel('Vælg en .kredsbog-fil').setInputFiles(fromB);
    await expect(page.getByText('1 mulig dublet – se Mulige dubletter efter importen')).toBeVisible();
    await page.getByRole('button', { name: 'Importér', exact: true }).click();
    await expect(page.getByText('Importen er gennemført.')).toBeVisible();

    await page.getByRole('navigation').getByRole('link', { name: 'Kontakter' }).click();
    await page.getByRole('link', { name: 'Mulige dubletter (1)' }).click();
    const card = page.getByRole('article', { name: /Mette/ });
    await expect(card.getByText('Samme e-mail')).toBeVisible();
    await card.getByRole('button', { name: 'Behold Mette Ørsted' }).click();
    await expect(card.getByRole('group', { name: 'Bekræft fletning' })).toContainText('Mette Oersted flettes ind i Mette Ørsted.');
    await snapshot(page, '22-dubletter');
    await card.getByRole('button', { name: 'Flet', exact: true }).click();
    await expect(page.getByText('Ingen mulige dubletter.')).toBeVisible();

    // On B the merge removes one of two contacts: more than 20 %, so B must confirm.
    const merged = await exportAll(page, dir);
    await pageB.getByRole('navigation').getByRole('link', { name: 'Synkronisering' }).click();
    await pageB.getByLabel('Vælg en .kredsbog-fil').setInputFiles(merged);
    await expect(pageB.getByRole('button', { name: 'Importér', exact: true })).toBeDisabled();
    await pageB.locator('.sync-preview').getByRole('checkbox').check();
    await pageB.getByRole('button', { name: 'Importér', exact: true }).click();
    await expect(pageB.getByText('Importen er gennemført.')).toBeVisible();
    const onB = await apiCall<{ name: string; phones: string[] }[]>(pageB, 'contacts.list', {});
    expect(onB.map((c) => c.name)).toEqual(['Mette Ørsted']);
    expect(digest(dbB)).toBe(digest(kredsbog.dbPath));
  } finally {
    hostB.child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
