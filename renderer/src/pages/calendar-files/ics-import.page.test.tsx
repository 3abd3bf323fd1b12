import fs from 'node:fs';
import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createContact } from '../../../../db/contacts/contacts.repository';
import { derivedId } from '../../../../db/ids';
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

  it('shows the agenda, the invitees and the kommune an Exchange invitation names, and sets the kommune only when ticked', async () => {
    await createContact(backend.database.db, { name: 'Name1 Surname2', emails: ['user1@zpush.org'], phones: [], notes: '' }, []);
    const user = userEvent.setup();
    renderWithApp(<IcsImportPage />);
    await user.upload(screen.getByLabelText('Vælg .ics-fil'), icsFile('exchange-2010-request-da.ics'));
    const preview = await screen.findByRole('region', { name: 'Forhåndsvisning' });
    const row = within(preview).getByRole('row', { name: /Styringsdialog 2026/ });
    expect(row).toHaveTextContent('Dagsorden (4 punkter): Velkomst · Økonomi og styringsrapport · Boligsocial indsats i Ølby · Eventuelt');
    expect(row).toHaveTextContent('Inviteres: Name1 Surname2');
    expect(row).toHaveTextContent('Forslag: Køge Kommune');
    const choice = within(preview).getByRole('checkbox', { name: 'Køge Kommune for "Styringsdialog 2026 – KAB og Køge Kommune" (1 møde)' });
    expect(choice).not.toBeChecked();
    await user.click(choice);
    await user.click(within(preview).getByRole('button', { name: 'Importér' }));
    expect(await screen.findByText('Importen er gennemført: 1 nye, 0 ændrede og 0 aflyste møder.')).toBeInTheDocument();
    const stored = backend.database.sqlite.prepare('SELECT kommune_id FROM meeting').get() as { kommune_id: string };
    expect(stored.kommune_id).toBe(derivedId('kommune', 259));
    expect(backend.database.sqlite.prepare('SELECT count(*) FROM attendance').pluck().get()).toBe(1);
    expect(backend.database.sqlite.prepare('SELECT title FROM agenda_item ORDER BY position').pluck().all()).toEqual(['Velkomst', 'Økonomi og styringsrapport', 'Boligsocial indsats i Ølby', 'Eventuelt']);
  });

  it('shows a whole-day appointment as a day, not as 00.00–00.00', async () => {
    // The file is from August 2023; only the clock is set back (timers stay real for the UI).
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2023-08-01T10:00:00Z') });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const user = userEvent.setup();
    renderWithApp(<IcsImportPage />);
    await user.upload(screen.getByLabelText('Vælg .ics-fil'), icsFile('google-calendar-allday-weekly.ics'));
    const preview = await screen.findByRole('region', { name: 'Forhåndsvisning' });
    const rows = within(preview).getAllByRole('row', { name: /All Day/ });
    expect(rows[0]).toHaveTextContent(/, hele dagen/);
    expect(rows[0]).not.toHaveTextContent('00.00');
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
