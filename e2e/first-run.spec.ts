import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { apiCall, expect, snapshot, startHost, test } from './fixtures';

test('a new installation asks who the consultant is before anything else, and the referat then names them instead of "Mig"', async ({ browser }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-e2e-first-run-'));
  const host = await startHost(path.join(dir, 'ny.sqlite'), { firstRun: true });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  try {
    await page.goto(host.url);
    const dialog = page.getByRole('dialog', { name: 'Velkommen til Kredsbog' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Dit navn')).toBeFocused();
    const axe = await new AxeBuilder({ page }).include('.modal').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await snapshot(page, 'i14a-10-foerste-start-1366');

    // "Senere" puts it off; a reload (the next start) asks again.
    await dialog.getByRole('button', { name: 'Senere' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Goddag', exact: true })).toBeVisible();
    await page.reload();
    await expect(dialog).toBeVisible();

    await dialog.getByLabel('Dit navn').fill('Søren Ærøskøbing');
    await dialog.getByLabel('Initialer').fill('SÆ');
    await dialog.getByLabel('E-mail').fill('sae@bl.dk');
    await dialog.getByRole('checkbox', { name: '3. kreds' }).check();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await snapshot(page, 'i14a-11-foerste-start-udfyldt-1920');
    await dialog.getByRole('button', { name: 'Gem og kom i gang' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Goddag, Søren Ærøskøbing' })).toBeVisible();
    await expect(page.getByTestId('quiet-count')).toHaveText('10');
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Goddag, Søren Ærøskøbing' })).toBeVisible();
    await expect(dialog).toHaveCount(0);

    // The consultant's own follow-up in a referat: the name, on screen and in the exported Markdown.
    const meeting = await apiCall<{ id: string; agenda: { id: string }[] }>(page, 'meetings.create', { title: 'Kommunesamarbejde Odense', startsAt: '2026-11-24T09:00:00Z', agenda: [{ title: 'Boligsocial anvisning' }] });
    await apiCall(page, 'followUps.create', { title: 'Send tal til BL', ownerIsMe: true, sourceMeetingId: meeting.id, sourceAgendaItemId: meeting.agenda[0]!.id });
    await page.goto(`${host.url}#/moeder/${meeting.id}/referat`);
    const row = page.getByRole('row', { name: /Send tal til BL/ });
    await expect(row).toContainText('Søren Ærøskøbing');
    await expect(row).not.toContainText('Mig');
    const preview = await apiCall<{ text: string }>(page, 'referat.preview', { meetingId: meeting.id, options: {} });
    expect(preview.text).toContain('Søren Ærøskøbing');
    expect(preview.text).not.toMatch(/\bMig\b/);
  } finally {
    await context.close();
    host.child.kill('SIGTERM');
    await new Promise((resolve) => host.child.once('exit', resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
