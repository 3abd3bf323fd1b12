import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRow } from '../../../../db/mutations';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { FollowUpsPage } from './follow-ups.page';

describe('Opfølgning list', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  beforeEach(async () => {
    backend = await useRealBackend();
  });
  afterEach(() => backend.dispose());

  const bodyRows = () => within(screen.getAllByRole('rowgroup')[1]!).getAllByRole('row').filter((r) => !r.classList.contains('virtual-spacer'));
  const firstTitle = () => within(bodyRows()[0]!).getAllByRole('cell')[1]!.textContent;

  it('keeps a long list light: open follow-ups soonest first, only rows near the viewport in the DOM, and a status change reaches the page', async () => {
    await backend.database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 3000; i++) {
        const day = String(1 + (i % 28)).padStart(2, '0');
        await createRow(trx, 'follow_up', {
          title: `Punkt ${String(i).padStart(4, '0')}`,
          details: '',
          owner_contact_id: null,
          owner_is_me: 1,
          due_date: i % 10 === 9 ? null : `2099-0${1 + (i % 9)}-${day}`,
          status: i % 3 === 2 ? 'udfoert' : 'aaben',
          kommune_id: null,
          source_meeting_id: null,
          source_agenda_item_id: null,
          closed_in_meeting_id: null,
        });
      }
    });
    renderWithApp(<FollowUpsPage />);
    // Open: i % 3 !== 2 → 2,000 of 3,000.
    expect(await screen.findByText(/^2\.?000 opfølgningspunkter$/, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(bodyRows().length).toBeGreaterThan(5);
    expect(bodyRows().length).toBeLessThanOrEqual(200);
    // The soonest: 2099-01-01 comes from i = 0 and i = 252 (both open); by title, Punkt 0000.
    expect(firstTitle()).toBe('Punkt 0000');

    const user = userEvent.setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status: Punkt 0000' }), 'udfoert');
    expect(await screen.findByText(/^1\.?999 opfølgningspunkter$/, {}, { timeout: 10_000 })).toBeInTheDocument();
    await waitFor(() => expect(firstTitle()).not.toBe('Punkt 0000'));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'closed');
    expect(await screen.findByText(/^1\.?001 opfølgningspunkter$/, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(firstTitle()).toBe('Punkt 0000');
    expect(bodyRows().length).toBeLessThanOrEqual(200);
  }, 60_000);
});
