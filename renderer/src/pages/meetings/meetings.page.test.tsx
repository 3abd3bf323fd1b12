import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRow } from '../../../../db/mutations';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { MeetingsPage } from './meetings.page';

describe('Møder list', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  beforeEach(async () => {
    backend = await useRealBackend();
  });
  afterEach(() => backend.dispose());

  const bodyRows = () => within(screen.getAllByRole('rowgroup')[1]!).getAllByRole('row').filter((r) => !r.classList.contains('virtual-spacer'));

  it('keeps long lists light: upcoming meetings soonest first and earlier ones latest first, only rows near the viewport in the DOM', async () => {
    const hour = 3_600_000;
    const now = Date.now();
    await backend.database.db.transaction().execute(async (trx) => {
      for (let i = 1; i <= 2500; i++) {
        for (const [sign, label] of [[1, 'Kommende'], [-1, 'Tidligere']] as const) {
          const startsAt = new Date(now + sign * i * hour).toISOString();
          await createRow(trx, 'meeting', { series_id: null, kommune_id: null, title: `${label} ${String(i).padStart(4, '0')}`, starts_at: startsAt, ends_at: null, place: 'Rådhuset', status: 'planlagt', notes: '', ics_uid: null });
        }
      }
    });
    renderWithApp(<MeetingsPage />);
    expect(await screen.findByText(/^2\.?500 møder$/, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(bodyRows().length).toBeGreaterThan(5);
    expect(bodyRows().length).toBeLessThanOrEqual(200);
    expect(within(bodyRows()[0]!).getByRole('link').textContent).toBe('Kommende 0001');

    await userEvent.setup().click(screen.getByRole('button', { name: 'Tidligere møder' }));
    expect(await screen.findByRole('link', { name: 'Tidligere 0001' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(within(bodyRows()[0]!).getByRole('link').textContent).toBe('Tidligere 0001');
    expect(within(bodyRows()[1]!).getByRole('link').textContent).toBe('Tidligere 0002');
    expect(bodyRows().length).toBeLessThanOrEqual(200);
  }, 60_000);
});
