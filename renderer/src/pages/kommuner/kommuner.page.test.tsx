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
const kredsOf = async (kode: number) => {
  const [k] = await backend.database.db.selectFrom('kommune').leftJoin('kreds', 'kreds.id', 'kommune.kreds_id').where('kommune.kode', '=', kode).select('kreds.number').execute();
  return k?.number ?? null;
};

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

  it('sets the kreds of several chosen kommuner in one go from the keyboard, and Fortryd sets each one back', async () => {
    const user = userEvent.setup();
    renderWithApp(<KommunerPage />);
    await screen.findByText('98 af 98 kommuner');
    // Gather kommuner from two searches: the selection survives the filter.
    const search = screen.getByRole('searchbox');
    await user.type(search, 'aarhus');
    await waitFor(() => expect(rows()).toHaveLength(1));
    // Region, kreds, "kun mine kredse", "vælg alle", then the row.
    for (let i = 0; i < 5; i++) await user.tab();
    expect(screen.getByRole('checkbox', { name: 'Vælg Aarhus' })).toHaveFocus();
    await user.keyboard(' ');
    await user.clear(search);
    await user.type(search, 'københavn');
    await waitFor(() => expect(rows()).toHaveLength(1));
    await user.click(screen.getByRole('checkbox', { name: 'Vælg København' }));
    expect(screen.getByText('2 kommuner valgt')).toBeInTheDocument();

    const opener = screen.getByRole('button', { name: 'Sæt kreds …' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Sæt kreds for 2 kommuner' });
    const select = within(dialog).getByRole('combobox', { name: 'Kreds' });
    expect(select).toHaveFocus();
    await user.selectOptions(select, '7. kreds');
    await user.click(within(dialog).getByRole('button', { name: 'Sæt kreds' }));
    expect(await screen.findByText('2 kommuner flyttet til 7. kreds')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await kredsOf(751)).toBe(7);
    expect(await kredsOf(101)).toBe(7);

    await user.click(screen.getByRole('button', { name: 'Fortryd' }));
    await waitFor(async () => expect(await kredsOf(101)).toBe(1));
    expect(await kredsOf(751)).toBeNull();
  });

  it('closes the Sæt kreds dialog with Escape, changes nothing and gives focus back', async () => {
    const user = userEvent.setup();
    renderWithApp(<KommunerPage />);
    await screen.findByText('98 af 98 kommuner');
    await user.click(screen.getByRole('checkbox', { name: 'Vælg Odense' }));
    const opener = screen.getByRole('button', { name: 'Sæt kreds …' });
    await user.click(opener);
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    // Tab stays inside the dialog.
    await user.tab();
    await user.tab();
    await user.tab();
    expect(screen.getByRole('dialog')).toContainElement(document.activeElement as HTMLElement);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
    expect(await kredsOf(461)).toBe(3);
  });

  it('chooses every shown kommune with the header checkbox', async () => {
    const user = userEvent.setup();
    renderWithApp(<KommunerPage />);
    await screen.findByText('98 af 98 kommuner');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kreds' }), '3');
    await waitFor(() => expect(screen.getByText('10 af 98 kommuner')).toBeInTheDocument());
    await user.click(screen.getByRole('checkbox', { name: 'Vælg alle viste kommuner' }));
    expect(screen.getByText('10 kommuner valgt')).toBeInTheDocument();
  });
});
