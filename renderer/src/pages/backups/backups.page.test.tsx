import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackup, listBackups, backupDirFor, backupScopeOf } from '../../../../db/backups/backups.service';
import { recordRecovery } from '../../../../db/backups/safe-open';
import { createContact } from '../../../../db/contacts/contacts.repository';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { BackupsPage } from './backups.page';
import { RecoveryNotice } from './recovery-notice.component';

describe('Sikkerhedskopier', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  beforeEach(async () => {
    backend = await useRealBackend();
  });
  afterEach(() => backend.dispose());

  const names = () => backend.database.sqlite.prepare('SELECT name FROM contact ORDER BY name').pluck().all();

  it('lists backups in Danish, takes one on request and restores one only after a confirmation that says the current database is backed up first', async () => {
    const app = backend.database;
    await createContact(app.db, { name: 'Mette Ørsted', emails: [], phones: [], notes: '' }, []);
    await createBackup(app, 'foer-import', new Date('2026-11-20T09:00:00.000Z'));
    await createContact(app.db, { name: 'Åse Bøgh', emails: [], phones: [], notes: '' }, []);

    const user = userEvent.setup();
    renderWithApp(<BackupsPage />);
    expect(await screen.findByRole('heading', { name: 'Sikkerhedskopier' })).toBeInTheDocument();
    expect(screen.getByText(backupDirFor(app))).toBeInTheDocument();
    const row = screen.getByRole('row', { name: /20\. november 2026 kl\. 10\.00/ });
    expect(within(row).getByText('Før import')).toBeInTheDocument();
    expect(within(row).getByText(/^\d+(,\d)? kB$/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Tag sikkerhedskopi nu' }));
    expect(await screen.findByText('Sikkerhedskopien er gemt.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByRole('button', { name: /^Gendan sikkerhedskopien fra/ })).toHaveLength(2));
    expect(screen.getByText('Taget manuelt')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Gendan sikkerhedskopien fra 20. november 2026 kl. 10.00' }));
    const confirm = screen.getByRole('group', { name: 'Bekræft gendannelse' });
    expect(confirm).toHaveTextContent('Databasen erstattes af sikkerhedskopien fra 20. november 2026 kl. 10.00.');
    expect(confirm).toHaveTextContent('Den nuværende database gemmes først som en sikkerhedskopi ("Før gendannelse"), så du kan fortryde.');
    // Nothing has happened yet.
    expect(names()).toEqual(['Mette Ørsted', 'Åse Bøgh']);

    await user.click(within(confirm).getByRole('button', { name: 'Gendan' }));
    expect(await screen.findByText('Sikkerhedskopien fra 20. november 2026 kl. 10.00 er gendannet. Den tidligere database er gemt som sikkerhedskopi.')).toBeInTheDocument();
    expect(names()).toEqual(['Mette Ørsted']);
    expect(listBackups(backupScopeOf(app)).map((b) => b.reason)).toContain('foer-gendannelse');
    await waitFor(() => expect(screen.getByText('Før gendannelse')).toBeInTheDocument());
  });

  it('tells what happened after a recovery at start until it is read', async () => {
    await recordRecovery(backend.database.db, {
      restoredFrom: 'kredsbog-2026-11-20T09-00-00-000Z-dagligt.sqlite',
      backupTakenAt: '2026-11-20T09:00:00.000Z',
      damagedFileKeptAt: '/data/kredsbog-beskadiget-2026-11-23T08-00-00-000Z.sqlite',
      recoveredAt: '2026-11-23T08:00:00.000Z',
    });
    const user = userEvent.setup();
    renderWithApp(<RecoveryNotice />);
    const notice = await screen.findByRole('alert');
    expect(notice).toHaveTextContent('Kredsbog fandt databasen beskadiget ved start og har gendannet sikkerhedskopien fra 20. november 2026 kl. 10.00. Ændringer efter 20. november 2026 kl. 10.00 mangler.');
    expect(notice).toHaveTextContent('Den beskadigede fil er gemt her: /data/kredsbog-beskadiget-2026-11-23T08-00-00-000Z.sqlite');
    expect(notice).toHaveTextContent('.kredsbog-fil fra en kollega');
    await user.click(within(notice).getByRole('button', { name: 'OK, forstået' }));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    expect(backend.database.sqlite.prepare(`SELECT count(*) FROM local_setting WHERE key = 'backups.recovery'`).pluck().get()).toBe(0);
  });
});
