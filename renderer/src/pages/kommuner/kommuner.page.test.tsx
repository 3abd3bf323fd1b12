import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { KommunerPage } from './kommuner.page';

let backend: Awaited<ReturnType<typeof useRealBackend>>;
beforeEach(async () => {
  backend = await useRealBackend();
});
afterEach(() => backend.dispose());

const rows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);

describe('KommunerPage', () => {
  it('lists all 98 kommuner', async () => {
    renderWithApp(<KommunerPage />);
    expect(await screen.findByText('98 af 98 kommuner')).toBeInTheDocument();
    expect(rows()).toHaveLength(98);
  });

  it('finds Aarhus when the user types "århus" and Køge for "koge"', async () => {
    const user = userEvent.setup();
    renderWithApp(<KommunerPage />);
    await screen.findByText('98 af 98 kommuner');
    const search = screen.getByRole('searchbox');
    await user.type(search, 'århus');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.getByRole('link', { name: 'Aarhus' })).toHaveAttribute('href', expect.stringContaining('/kommuner/'));
    await user.clear(search);
    await user.type(search, 'koge');
    await waitFor(() => expect(screen.getByRole('link', { name: 'Køge' })).toBeInTheDocument());
  });

  it('filters by kreds', async () => {
    const user = userEvent.setup();
    renderWithApp(<KommunerPage />);
    await screen.findByText('98 af 98 kommuner');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kreds' }), '3');
    await waitFor(() => expect(screen.getByText('10 af 98 kommuner')).toBeInTheDocument());
    expect(screen.getByRole('link', { name: 'Odense' })).toBeInTheDocument();
  });
});
