import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRow } from '../../../../db/mutations';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { OrganisationsPage } from './organisations.page';

describe('Organisationer list', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  beforeEach(async () => {
    backend = await useRealBackend();
  });
  afterEach(() => backend.dispose());

  const bodyRows = () => within(screen.getAllByRole('rowgroup')[1]!).getAllByRole('row').filter((r) => !r.classList.contains('virtual-spacer'));

  it('keeps a 20,000-row list light: a page loaded, only the rows near the viewport in the DOM, in Danish order, filtered by SQL', async () => {
    const names = ['Åbo', 'Ærøbo', 'Østbo', 'Andelsbo', 'Zonebo'];
    await backend.database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 20_000; i++) {
        await createRow(trx, 'organisation', { name: `${names[i % names.length]} ${String(i).padStart(5, '0')}`, kind: i % 2 ? 'boligorganisation' : 'andet', notes: '', merged_into: null, merged_seen: null });
      }
    });
    renderWithApp(<OrganisationsPage />);
    expect(await screen.findByText(/^20\.?000 organisationer$/, {}, { timeout: 10_000 })).toBeInTheDocument();
    const rows = bodyRows();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThanOrEqual(200);
    // Danish alphabet: A … Z, Æ, Ø, Å.
    expect(within(rows[0]!).getByRole('link').textContent).toBe('Andelsbo 00003');

    await userEvent.setup().selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'boligorganisation');
    expect(await screen.findByText(/^10\.?000 organisationer$/, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(within(bodyRows()[0]!).getByRole('link').textContent).toBe('Andelsbo 00003');
    expect(bodyRows().length).toBeLessThanOrEqual(200);
  }, 60_000);
});
