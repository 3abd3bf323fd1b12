import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createContact } from '../../../db/contacts/contacts.repository';
import { captureDownloads } from '../test/downloads';
import { renderWithApp, useRealBackend } from '../test/real-backend';
import { AboutDialog } from './about.dialog';

describe('Om Kredsbog', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  beforeEach(async () => {
    backend = await useRealBackend();
  });
  afterEach(() => backend.dispose());

  it('shows the version and the data, backup and log folders', async () => {
    renderWithApp(<AboutDialog onClose={() => undefined} />);
    const dialog = await screen.findByRole('dialog', { name: 'Om Kredsbog' });
    await within(dialog).findByText(backend.database.dir);
    const facts = within(dialog).getAllByRole('definition').map((dd) => dd.textContent);
    expect(facts).toEqual(expect.arrayContaining(['test', String(backend.database.schemaVersion), 'ikke relevant (browser)', `${backend.database.dir}/backups`, `${backend.database.dir}/logs`]));
    expect(within(dialog).getByRole('button', { name: 'Luk' })).toHaveFocus();
  });

  it('"Gem diagnosefil" saves a zip without names, e-mails or phone numbers', async () => {
    await createContact(backend.database.db, { name: 'Mette Ørsted', emails: ['mette@kab.dk'], phones: ['+45 20 30 40 50'], notes: 'Privat note' }, []);
    const downloads = captureDownloads();
    const user = userEvent.setup();
    renderWithApp(<AboutDialog focus="reportProblem" onClose={() => undefined} />);
    const dialog = await screen.findByRole('dialog', { name: 'Rapportér problem' });
    const save = within(dialog).getByRole('button', { name: 'Gem diagnosefil' });
    expect(save).toHaveFocus();
    await user.click(save);
    await waitFor(() => expect(downloads.names).toEqual([expect.stringMatching(/^Kredsbog diagnose \d{4}-\d{2}-\d{2}\.zip$/)]));
    expect(await screen.findByText(/^Diagnosefilen er gemt som Kredsbog diagnose/)).toBeInTheDocument();
    const entries = unzipSync(new Uint8Array(await downloads.blobs[0]!.arrayBuffer()));
    const text = Object.values(entries).map((bytes) => strFromU8(bytes)).join('\n');
    expect(text).toContain('"contact": 1');
    for (const secret of ['Mette', 'Ørsted', 'mette@kab.dk', '20 30 40 50', 'Privat note']) expect(text).not.toContain(secret);
  });

  it('closes on Escape and on "Luk"', async () => {
    const onClose = vi.fn();
    const user = userEvent.setup();
    renderWithApp(<AboutDialog onClose={onClose} />);
    const dialog = await screen.findByRole('dialog', { name: 'Om Kredsbog' });
    await user.keyboard('{Escape}');
    await user.click(within(dialog).getByRole('button', { name: 'Luk' }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});
