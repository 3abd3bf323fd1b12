import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { ContactFormPage } from './contact-form.page';

let backend: Awaited<ReturnType<typeof useRealBackend>>;
beforeEach(async () => {
  backend = await useRealBackend();
});
afterEach(() => backend.dispose());

const contacts = () => backend.database.sqlite.prepare('SELECT name, emails, phones FROM contact').all();

describe('ContactForm', () => {
  it('marks an invalid e-mail in Danish and keeps every typed value', async () => {
    const user = userEvent.setup();
    renderWithApp(<ContactFormPage />);
    await user.type(screen.getByLabelText('Navn'), 'Jens Jensen');
    await user.type(screen.getByLabelText('E-mails 1'), 'jens@');
    await user.type(screen.getByLabelText('Telefonnumre 1'), '12');
    await user.click(screen.getByRole('button', { name: 'Gem' }));
    expect(await screen.findByText('Ikke en gyldig e-mailadresse.')).toBeInTheDocument();
    expect(screen.getByText('Ikke et gyldigt telefonnummer (mindst 8 cifre).')).toBeInTheDocument();
    expect(screen.getByLabelText('Navn')).toHaveValue('Jens Jensen');
    expect(screen.getByLabelText('E-mails 1')).toHaveValue('jens@');
    expect(contacts()).toEqual([]);
  });

  it('requires a place for a role, then saves contact, extra e-mail and role together', async () => {
    const user = userEvent.setup();
    const { history } = renderWithApp(<ContactFormPage />, '/kontakter/ny');
    await user.type(screen.getByLabelText('Navn'), 'Birgitte Borg');
    await user.type(screen.getByLabelText('E-mails 1'), 'bb@kommune.dk');
    await user.click(screen.getByRole('button', { name: '+ Tilføj e-mail' }));
    await user.type(screen.getByLabelText('E-mails 2'), 'birgitte@example.dk');
    await user.click(screen.getByRole('button', { name: 'Tilføj rolle' }));
    await user.type(screen.getByLabelText('Titel'), 'Borgmester');
    await user.selectOptions(screen.getByLabelText('Type'), 'Politiker');
    await user.click(screen.getByRole('button', { name: 'Gem' }));
    expect(await screen.findByText('Vælg en organisation eller en kommune.')).toBeInTheDocument();
    expect(contacts()).toEqual([]);

    await waitFor(() => expect(screen.getByRole('option', { name: 'Silkeborg' })).toBeInTheDocument());
    await user.selectOptions(screen.getByLabelText('Kommune'), 'Silkeborg');
    await user.click(screen.getByRole('button', { name: 'Gem' }));
    await waitFor(() => expect(history.at(-1)).toMatch(/^\/kontakter\/[0-9a-f-]{36}$/));
    expect(contacts()).toEqual([{ name: 'Birgitte Borg', emails: '["bb@kommune.dk","birgitte@example.dk"]', phones: '[]' }]);
    expect(backend.database.sqlite.prepare('SELECT title, kind FROM affiliation').all()).toEqual([{ title: 'Borgmester', kind: 'politiker' }]);
  });
});
