import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContact } from '../../../../db/contacts/contacts.repository';
import { createOrganisation } from '../../../../db/organisations/organisations.repository';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { ContactsImportPage } from './contacts-import.page';

/** A member list as Danish Excel saves it: Windows-1252, semicolons, headers Kredsbog cannot guess the name from. */
function memberList(): File {
  const text = 'Medlem;Mail;Arbejdssted;Funktion\r\nKirsten Ågård;kirsten@koegebolig.dk;Køge Boligselskab;Formand\r\nOle Bæk;ole(at)example.dk;;\r\nJens Hansen;jens@kab.dk;;\r\n';
  return new File([new Uint8Array(iconv.encode(text, 'win1252'))], 'medlemmer.csv', { type: 'text/csv' });
}

describe('Importér kontakter', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  beforeEach(async () => {
    backend = await useRealBackend();
  });
  afterEach(() => backend.dispose());

  const count = (sql: string) => backend.database.sqlite.prepare(sql).pluck().get() as number;

  it('maps the columns, previews new and unchanged rows with their notes, imports, and remembers the mapping', async () => {
    await createOrganisation(backend.database.db, { name: 'Køge Boligselskab', kind: 'boligorganisation', notes: '', kommuneIds: [] });
    await createContact(backend.database.db, { name: 'Jens Hansen', emails: ['jens@kab.dk'], phones: [], notes: '' }, []);
    const user = userEvent.setup();
    renderWithApp(<ContactsImportPage />);

    await user.upload(screen.getByLabelText('Vælg fil'), memberList());
    const mapping = await screen.findByRole('region', { name: '2. Kolonner' });
    expect(within(mapping).getByText(/Læst som Windows-1252 \(dansk Excel\) med semikolon/)).toBeInTheDocument();
    expect(within(mapping).getByLabelText('E-mail')).toHaveValue('Mail');
    expect(within(mapping).getByText('Vælg den kolonne, der indeholder navnet (eller fornavn og efternavn).')).toBeInTheDocument();
    expect(within(mapping).getByRole('button', { name: 'Vis forhåndsvisning' })).toBeDisabled();

    await user.selectOptions(within(mapping).getByLabelText('Navn'), 'Medlem');
    await user.selectOptions(within(mapping).getByLabelText('Organisation'), 'Arbejdssted');
    await user.selectOptions(within(mapping).getByLabelText('Titel'), 'Funktion');
    expect(within(mapping).getByText('Eksempel: Kirsten Ågård')).toBeInTheDocument();
    await user.click(within(mapping).getByRole('button', { name: 'Vis forhåndsvisning' }));

    const preview = await screen.findByRole('region', { name: '3. Forhåndsvisning' });
    const added = within(preview).getByRole('region', { name: 'Nye' });
    expect(added).toHaveTextContent('Kirsten Ågård');
    expect(added).toHaveTextContent('Formand, Køge Boligselskab');
    // Ole's address is no address: Ole is imported without it, and the preview says so.
    expect(added).toHaveTextContent('Række 3Ole BækE-mailen «ole(at)example.dk» er ugyldig og importeres ikke.');
    expect(within(preview).queryByRole('region', { name: 'Afvist' })).toBeNull();
    expect(within(preview).queryByRole('region', { name: 'Opdateres' })).toBeNull();
    // Nothing is written by the preview.
    expect(count('SELECT count(*) FROM contact')).toBe(1);

    await user.click(within(preview).getByRole('button', { name: 'Importér' }));
    expect(await screen.findByText('Import færdig: 2 nye og 0 opdaterede kontakter.')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Importen er færdig' })).toHaveTextContent('2 nye, 0 opdaterede, 1 uændrede, 0 dubletter sprunget over, 0 afvist.');
    expect(count(`SELECT count(*) FROM contact WHERE name = 'Kirsten Ågård'`)).toBe(1);
    expect(count(`SELECT count(*) FROM affiliation WHERE title = 'Formand'`)).toBe(1);

    // Next time the same headers come with the chosen mapping, and importing again has nothing to do (Ole, without an e-mail, is held back as a possible duplicate of himself).
    await user.click(screen.getByRole('button', { name: 'Importér en fil mere' }));
    await user.upload(screen.getByLabelText('Vælg fil'), memberList());
    const again = await screen.findByRole('region', { name: '2. Kolonner' });
    expect(within(again).getByText('Kolonnerne er valgt, som du valgte dem sidst for en fil med de samme overskrifter.')).toBeInTheDocument();
    expect(within(again).getByLabelText('Navn')).toHaveValue('Medlem');
    await user.click(within(again).getByRole('button', { name: 'Vis forhåndsvisning' }));
    const second = await screen.findByRole('region', { name: '3. Forhåndsvisning' });
    expect(within(second).getByText('Der er intet nyt at importere – alt i filen findes allerede.')).toBeInTheDocument();
    expect(within(second).getByRole('button', { name: 'Importér' })).toBeDisabled();
  });

  it('offers to create an unknown organisation once, with kind and kommune, and the import creates it and gives it the roles', async () => {
    // Three colleagues of one organisation Kredsbog does not know, on its switchboard number, exported from Outlook with Danish headers.
    const rows = [
      ['Hanne', 'Birk', 'Boligselskabet Sjælland', 'Udlejningschef', '+45 46 30 10 00', 'hbi@bs-sj.dk'],
      ['Niels', 'Krogh', 'Boligselskabet Sjælland', 'Driftschef', '+45 46 30 10 00', 'nkr@bs-sj.dk'],
      ['Lone', 'Dam', 'BOLIGSELSKABET SJAELLAND', 'Kundechef', '+45 46 30 10 00', 'ld@bs-sj.dk'],
    ];
    const csv = ['"Fornavn","Efternavn","Firma","Stilling","Firmaets hovedtelefon","Mailadresse"', ...rows.map((r) => r.map((c) => `"${c}"`).join(','))].join('\r\n');
    const user = userEvent.setup();
    renderWithApp(<ContactsImportPage />);
    await user.upload(screen.getByLabelText('Vælg fil'), new File([new Uint8Array(iconv.encode(`${csv}\r\n`, 'win1252'))], 'Kontakter.CSV', { type: 'text/csv' }));

    // A recognised Outlook export goes straight to the preview: no column to choose.
    const preview = await screen.findByRole('region', { name: '3. Forhåndsvisning' });
    expect(screen.queryByRole('region', { name: '2. Kolonner' })).toBeNull();
    expect(within(preview).getByText('Genkendt som eksport fra Outlook – kolonnerne er valgt automatisk.')).toBeInTheDocument();
    // A shared switchboard number makes no duplicates: all three are new.
    expect(within(preview).getByRole('region', { name: 'Nye' })).toHaveTextContent('Hanne Birk');
    expect(within(preview).queryByRole('region', { name: 'Mulige dubletter' })).toBeNull();

    const unknown = within(preview).getByRole('region', { name: 'Ukendte organisationer' });
    expect(within(unknown).getAllByRole('row')).toHaveLength(1);
    expect(unknown).toHaveTextContent('Boligselskabet Sjælland');
    expect(unknown).toHaveTextContent('Nævnt i 3 rækker');
    expect(within(preview).getByRole('region', { name: 'Nye' })).not.toHaveTextContent('Udlejningschef, Boligselskabet Sjælland');

    await user.selectOptions(within(unknown).getByLabelText('Type: Boligselskabet Sjælland'), 'Boligorganisation');
    await user.selectOptions(await within(unknown).findByLabelText('Kommune: Boligselskabet Sjælland'), 'Roskilde');
    await user.click(within(unknown).getByLabelText('Opret Boligselskabet Sjælland'));
    // The preview is made again with the organisation: every row now gets its role.
    await waitFor(() => expect(within(screen.getByRole('region', { name: 'Nye' })).getByText('Udlejningschef, Boligselskabet Sjælland')).toBeInTheDocument());
    expect(screen.getByRole('region', { name: 'Nye' })).toHaveTextContent('Kundechef, Boligselskabet Sjælland');
    expect(count('SELECT count(*) FROM organisation')).toBe(0);

    await user.click(within(screen.getByRole('region', { name: '3. Forhåndsvisning' })).getByRole('button', { name: 'Importér' }));
    expect(await screen.findByText('1 organisation oprettet.')).toBeInTheDocument();
    expect(count('SELECT count(*) FROM organisation')).toBe(1);
    expect(count(`SELECT count(*) FROM organisation o JOIN organisation_kommune ok ON ok.organisation_id = o.id JOIN kommune k ON k.id = ok.kommune_id WHERE o.name = 'Boligselskabet Sjælland' AND o.kind = 'boligorganisation' AND k.navn = 'Roskilde'`)).toBe(1);
    expect(count(`SELECT count(*) FROM affiliation a JOIN organisation o ON o.id = a.organisation_id WHERE o.name = 'Boligselskabet Sjælland'`)).toBe(3);
  });

  it('shows the reason when a file cannot be read, and imports nothing', async () => {
    const user = userEvent.setup({ applyAccept: false });
    renderWithApp(<ContactsImportPage />);
    await user.upload(screen.getByLabelText('Vælg fil'), new File([new Uint8Array([1, 2, 3])], 'gammel.xls'));
    expect(await screen.findByText('Gamle Excel-filer (.xls) kan ikke læses. Gem filen som .xlsx eller CSV i Excel og prøv igen.')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: '2. Kolonner' })).toBeNull();
    expect(count('SELECT count(*) FROM contact')).toBe(0);
  });
});
