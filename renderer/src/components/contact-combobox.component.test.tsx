import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createContact } from '../../../db/contacts/contacts.repository';
import { renderWithApp, useRealBackend } from '../test/real-backend';
import { ContactCombobox, contactChoices } from './contact-combobox.component';

describe('ContactCombobox', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  beforeEach(async () => {
    backend = await useRealBackend();
  });
  afterEach(() => backend.dispose());

  it('offers at most a screenful of 3,000 contacts, narrows by typing with Danish folding, and picks with the keyboard', async () => {
    const contact = (name: string) => createContact(backend.database.db, { name, emails: [], phones: [], notes: '' }, []);
    for (let i = 0; i < 3000; i++) await contact(`Kontakt ${String(i).padStart(4, '0')}`);
    const ærø = await contact('Søren Ærøskøbing');
    const onSelect = vi.fn();
    renderWithApp(<ContactCombobox label="Ansvarlig" valueLabel="" fixed={[{ value: 'me', label: 'Mig selv' }]} onSelect={onSelect} />);
    const user = userEvent.setup();
    const box = screen.getByRole('combobox', { name: 'Ansvarlig' });
    await user.click(box);
    await waitFor(() => expect(screen.getAllByRole('option').length).toBe(1 + contactChoices), { timeout: 10_000 });
    expect(screen.getByText(/3\.?001 kontakter passer/)).toBeInTheDocument();
    // "aeroe" finds Ærø (the same folding as search and Kontakter); the fixed choice no longer matches.
    await user.type(box, 'aeroe');
    await waitFor(() => expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Søren Ærøskøbing']), { timeout: 10_000 });
    await user.keyboard('{Enter}');
    expect(onSelect).toHaveBeenCalledWith(ærø.id, 'Søren Ærøskøbing');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
  }, 60_000);
});
