import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { OrganisationFormPage } from './organisation-form.page';
import { OrganisationPage } from './organisation.page';

let backend: Awaited<ReturnType<typeof useRealBackend>>;
beforeEach(async () => {
  backend = await useRealBackend();
});
afterEach(() => backend.dispose());

const organisations = () => backend.database.sqlite.prepare('SELECT name, deleted_at FROM organisation').all() as { name: string; deleted_at: string | null }[];

describe('OrganisationForm', () => {
  it('shows a Danish field error, keeps what was typed and saves nothing', async () => {
    const user = userEvent.setup();
    renderWithApp(<OrganisationFormPage />);
    await user.type(screen.getByLabelText('Noter'), 'Vigtig note');
    await user.click(screen.getByRole('button', { name: 'Gem' }));
    expect(await screen.findByText('Skal udfyldes.')).toBeInTheDocument();
    expect(screen.getByLabelText('Navn')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Noter')).toHaveValue('Vigtig note');
    expect(organisations()).toEqual([]);
  });

  it('creates an organisation linked to a kommune and opens it', async () => {
    const user = userEvent.setup();
    const { history } = renderWithApp(<OrganisationFormPage />, '/organisationer/ny');
    await user.type(screen.getByLabelText('Navn'), 'Vejle Boligforening');
    await waitFor(() => expect(screen.getByRole('option', { name: 'Vejle' })).toBeInTheDocument());
    await user.selectOptions(screen.getByLabelText('Kommuner'), 'Vejle');
    expect(screen.getByText('Vejle', { selector: '.chip' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Gem' }));
    await waitFor(() => expect(history.at(-1)).toMatch(/^\/organisationer\/[0-9a-f-]{36}$/));
    expect(organisations()).toEqual([{ name: 'Vejle Boligforening', deleted_at: null }]);
  });
});

describe('OrganisationPage', () => {
  it('deletes with an undo that brings the organisation back', async () => {
    const user = userEvent.setup();
    const created = await backend.dispatch('organisations.create', { name: 'Lejerbo', kind: 'boligorganisation' });
    const id = (created as { ok: true; value: { id: string } }).value.id;
    renderWithApp(<OrganisationPage id={id} />);
    await user.click(await screen.findByRole('button', { name: 'Slet' }));
    expect(await screen.findByText('Organisationen "Lejerbo" er slettet.')).toBeInTheDocument();
    expect(organisations()[0]?.deleted_at).not.toBeNull();
    await user.click(screen.getByRole('button', { name: 'Fortryd' }));
    await waitFor(() => expect(organisations()[0]?.deleted_at).toBeNull());
    expect(await screen.findByRole('button', { name: 'Slet' })).toBeInTheDocument();
  });
});
