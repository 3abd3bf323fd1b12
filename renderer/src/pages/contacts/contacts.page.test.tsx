import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContact } from '../../../../db/contacts/contacts.repository';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { ContactsPage } from './contacts.page';

describe('Kontakter list', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  beforeEach(async () => {
    backend = await useRealBackend();
  });
  afterEach(() => backend.dispose());

  it('keeps a long list light: 2,500 contacts, only the rows near the viewport in the DOM, in Danish order', async () => {
    const names = ['Åse', 'Ærling', 'Øjvind', 'Anders', 'Zacharias'];
    for (let i = 0; i < 2500; i++) await createContact(backend.database.db, { name: `${names[i % names.length]} ${String(i).padStart(4, '0')}`, emails: [], phones: [], notes: '' }, []);
    renderWithApp(<ContactsPage />);
    expect(await screen.findByText(/^2\.?500 kontakter$/, {}, { timeout: 5000 })).toBeInTheDocument();
    const body = screen.getAllByRole('rowgroup')[1]!;
    const rows = within(body).getAllByRole('row').filter((r) => !r.classList.contains('virtual-spacer'));
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThanOrEqual(200);
    // Danish alphabet: A … Z, Æ, Ø, Å.
    expect(within(rows[0]!).getByRole('link').textContent).toMatch(/^Anders/);
  }, 30_000);
});
