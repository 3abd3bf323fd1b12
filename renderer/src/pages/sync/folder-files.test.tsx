import fs from 'node:fs';
import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrganisation, deleteOrganisation } from '../../../../db/organisations/organisations.repository';
import { setSyncFolder, syncFolderNow } from '../../../../db/sync/sync-folder';
import { exportSync } from '../../../../db/sync/sync.service';
import { asInstallation, installation, syncTempDir, type TestInstallation } from '../../../../db/sync/sync-testing';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { SyncPage } from './sync.page';

/** The sync folder's waiting files on Synkronisering: named in the status line, confirmed, retried or dismissed there. */
describe('waiting sync-folder files on the sync page', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  let colleague: TestInstallation;
  let folder: string;
  beforeEach(async () => {
    backend = await useRealBackend();
    colleague = await installation('kollega');
    folder = fs.mkdtempSync(path.join(syncTempDir, 'page-'));
    await setSyncFolder(backend.database, folder);
    await setSyncFolder(colleague.app, folder);
  });
  afterEach(async () => {
    await backend.dispose();
    await colleague.app.close();
  });

  const me = () => ({ name: 'mig', app: backend.database, skew: 0 });
  const live = () => backend.database.sqlite.prepare('SELECT name FROM organisation WHERE deleted_at IS NULL ORDER BY name').pluck().all();

  it('names a held-back and a set-aside file in the status line, imports the first after the tick and dismisses the second', async () => {
    const orgs = [];
    for (const name of ['AAB', 'FSB', 'KAB', 'Lejerbo', 'DOMEA']) orgs.push(await createOrganisation(colleague.app.db, { name, kind: 'boligorganisation', notes: '', kommuneIds: [] }));
    await asInstallation(colleague, () => syncFolderNow(colleague.app, 'test'));
    await asInstallation(me(), () => syncFolderNow(backend.database, 'test'));
    for (const org of orgs.slice(0, 3)) await deleteOrganisation(colleague.app.db, org.id);
    const deletes = (await asInstallation(colleague, () => syncFolderNow(colleague.app, 'test'))).written!;
    // A complete file this installation made itself, under another name: it cannot be applied here.
    await createOrganisation(backend.database.db, { name: 'Boligkontoret', kind: 'boligorganisation', notes: '', kommuneIds: [] });
    await exportSync(backend.database, { out: path.join(folder, '0000000000000000-kopi.kredsbog'), appVersion: 'test' });
    await asInstallation(me(), () => syncFolderNow(backend.database, 'test'));

    const user = userEvent.setup();
    renderWithApp(<SyncPage />);
    const status = await screen.findByText(/1 fil venter på din bekræftelse\. 1 fil kunne ikke importeres og er lagt til side\./);
    expect(status).toHaveAttribute('role', 'status');
    const held = screen.getByRole('region', { name: 'Venter på din bekræftelse' });
    expect(held).toHaveTextContent(`${deletes} sletter mere end 20 % af: Organisationer.`);
    const setAside = screen.getByRole('region', { name: 'Lagt til side' });
    expect(setAside).toHaveTextContent('0000000000000000-kopi.kredsbog kunne ikke importeres: Filen kan ikke importeres: den er lavet af denne installation selv. Intet er ændret.');

    // Nothing is deleted before the explicit tick.
    const importButton = within(held).getByRole('button', { name: `Importér ${deletes} med sletningerne` });
    expect(importButton).toBeDisabled();
    await user.click(within(held).getByRole('checkbox'));
    await user.click(importButton);
    expect(await screen.findByText('Filen er importeret.')).toBeInTheDocument();
    expect(live()).toEqual(['Boligkontoret', 'DOMEA', 'Lejerbo']);

    await user.click(within(screen.getByRole('region', { name: 'Lagt til side' })).getByRole('button', { name: 'Afvis 0000000000000000-kopi.kredsbog' }));
    expect(await screen.findByText('Filen er afvist og bliver ikke importeret.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Lagt til side' })).toBeNull());
    expect(screen.queryByText(/venter på din bekræftelse\./)).toBeNull();
    expect(fs.existsSync(path.join(folder, '0000000000000000-kopi.kredsbog'))).toBe(true);
  });
});
