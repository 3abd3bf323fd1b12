import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDanishDays, danishDate, danishInstant } from '../../../../common/time';
import { derivedId } from '../../../../db/ids';
import { createMeeting } from '../../../../db/meetings/meetings.repository';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { CalendarPage } from './calendar.page';

describe('Kalender', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  beforeEach(async () => {
    backend = await useRealBackend();
  });
  afterEach(() => backend.dispose());

  const meeting = (title: string, startsAt: string, endsAt: string | null) =>
    createMeeting(backend.database.db, { seriesId: null, kommuneId: derivedId('kommune', 580), title, startsAt, endsAt, place: '', status: 'planlagt', notes: '', inviteeIds: [], agenda: [] });

  it('month view: a grid of rows, each with seven Danish days, week numbers on Mondays', async () => {
    renderWithApp(<CalendarPage />);
    const grid = await screen.findByRole('grid');
    const rows = within(grid).getAllByRole('row');
    expect(rows).toHaveLength(7);
    expect(within(rows[0]!).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag']);
    for (const row of rows.slice(1)) expect(within(row).getAllByRole('gridcell')).toHaveLength(7);
    expect(within(rows[1]!).getAllByRole('gridcell')[0]).toHaveTextContent(/Uge \d+/);
  });

  it('week view: hours down the side, meetings placed by time, overlapping ones side by side, whole days on top', async () => {
    const today = danishDate(new Date());
    await meeting('Kommunesamarbejde Aabenraa', danishInstant(today, 9), danishInstant(today, 11));
    await meeting('Budgetmøde', danishInstant(today, 10), danishInstant(today, 12));
    await meeting('Temadag om udsatte boligområder', danishInstant(today, 0), danishInstant(addDanishDays(today, 1), 0));
    renderWithApp(<CalendarPage />);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Uge' }));
    const grid = await screen.findByRole('grid', { name: /^Uge \d+, \d{4}$/ });
    const [head, allDay, time] = within(grid).getAllByRole('row');
    expect(within(head!).getAllByRole('columnheader')).toHaveLength(8);
    expect(within(allDay!).getByRole('rowheader')).toHaveTextContent('Hele dagen');
    expect(within(time!).getByRole('rowheader', { name: 'Klokkeslæt' })).toBeInTheDocument();
    const temadag = await within(allDay!).findByRole('link', { name: /Temadag/ });
    expect(temadag).toHaveAttribute('href', expect.stringContaining('/moeder/'));
    const first = within(time!).getByRole('link', { name: /09\.00 Aabenraa Kommunesamarbejde/ });
    const second = within(time!).getByRole('link', { name: /10\.00 Aabenraa Budgetmøde/ });
    // 42 px an hour: 09:00 is 378 px down, two hours tall (less a 2 px gap); the two share the day's width.
    expect(first.style.top).toBe('378px');
    expect(first.style.height).toBe('82px');
    expect(first.style.width).toBe('calc(50% - 4px)');
    expect(second.style.left).toBe('calc(50% + 2px)');
    expect(first.closest('[role="gridcell"]')).toBe(second.closest('[role="gridcell"]'));
  });
});
