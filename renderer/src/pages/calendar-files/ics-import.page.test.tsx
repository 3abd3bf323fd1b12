import fs from 'node:fs';
import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseDigest } from '../../../../db/maintenance';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { IcsImportPage } from './ics-import.page';

const fixtures = path.join(import.meta.dirname, '..', '..', '..', '..', 'db', 'calendar', 'fixtures');
const icsFile = (name: string) => new File([fs.readFileSync(path.join(fixtures, name))], name, { type: 'text/calendar' });

describe('Importér fra Outlook (.ics)', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  beforeEach(async () => {
    backend = await useRealBackend();
  });
  afterEach(() => backend.dispose());

  const meetings = () => backend.database.sqlite.prepare('SELECT title, status, starts_at FROM meeting').all();

  it('previews an Outlook invitation, imports it on "Importér", and then its cancellation', async () => {
    const user = userEvent.setup();
    renderWithApp(<IcsImportPage />);
    await user.upload(screen.getByLabelText('Vælg .ics-fil'), icsFile('outlook-invitation.ics'));
    const preview = await screen.findByRole('region', { name: 'Forhåndsvisning' });
    expect(preview).toHaveTextContent('1 nye · 0 ændrede · 0 aflyste · 0 uændrede · 0 afviste');
    const row = within(preview).getByRole('row', { name: /Styringsdialog 2026 – KAB og Køge Kommune/ });
    expect(row).toHaveTextContent('Ny');
    expect(row).toHaveTextContent('Køge Rådhus, mødelokale 2, Torvet 1, 4600 Køge');
    expect(row).toHaveTextContent('kl. 10.00–12.00');
    // The preview changed nothing.
    expect(meetings()).toEqual([]);

    await user.click(within(preview).getByRole('button', { name: 'Importér' }));
    expect(await screen.findByText('Importen er gennemført: 1 nye, 0 ændrede og 0 aflyste møder.')).toBeInTheDocument();
    expect(meetings()).toEqual([{ title: 'Styringsdialog 2026 – KAB og Køge Kommune', status: 'planlagt', starts_at: '2026-10-06T08:00:00.000Z' }]);

    await user.upload(screen.getByLabelText('Vælg .ics-fil'), icsFile('outlook-cancellation.ics'));
    const cancel = await screen.findByRole('region', { name: 'Forhåndsvisning' });
    expect(within(cancel).getByRole('row', { name: /Aflyses/ })).toHaveTextContent('Status: Planlagt → Aflyst');
    await user.click(within(cancel).getByRole('button', { name: 'Importér' }));
    await waitFor(() => expect(meetings()).toEqual([expect.objectContaining({ status: 'aflyst' })]));
  });

  it('shows why a rejected appointment is left out, and offers nothing to import', async () => {
    const user = userEvent.setup();
    renderWithApp(<IcsImportPage />);
    await user.upload(screen.getByLabelText('Vælg .ics-fil'), icsFile('outlook-cancellation.ics'));
    const preview = await screen.findByRole('region', { name: 'Forhåndsvisning' });
    expect(within(preview).getByRole('row', { name: /Afvist/ })).toHaveTextContent('Aflysningen gælder et møde, som ikke findes i Kredsbog.');
    expect(within(preview).getByText('Intet at importere: alle aftaler i filen findes allerede, eller de er afvist.')).toBeInTheDocument();
    expect(within(preview).queryByRole('button', { name: 'Importér' })).toBeNull();
  });

  it('says in Danish that a file is not a calendar file, and changes nothing', async () => {
    const digest = databaseDigest(backend.database.sqlite);
    const user = userEvent.setup();
    renderWithApp(<IcsImportPage />);
    await user.upload(screen.getByLabelText('Vælg .ics-fil'), new File(['Referat fra mødet i Køge'], 'referat.ics', { type: 'text/calendar' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Filen er ikke en kalenderfil (.ics): den begynder ikke med BEGIN:VCALENDAR.');
    expect(screen.queryByRole('region', { name: 'Forhåndsvisning' })).toBeNull();
    expect(databaseDigest(backend.database.sqlite)).toBe(digest);
  });
});
