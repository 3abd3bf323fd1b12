import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportFrom, importInto, installation, type TestInstallation } from '../../../../db/sync/sync-testing';
import { createMeeting, updateAgendaItem } from '../../../../db/meetings/meetings.repository';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { SyncPage } from './sync.page';

/** A conflict on minutes shows both versions side by side as a word diff, and keeping one resolves it. */
describe('Konflikter on the sync page', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  let other: TestInstallation;
  beforeEach(async () => {
    backend = await useRealBackend();
    other = await installation('kollega');
  });
  afterEach(async () => {
    await backend.dispose();
    await other.app.close();
  });

  it('diffs conflicting minutes word by word and resolves with "Behold denne"', async () => {
    const meeting = await createMeeting(other.app.db, { seriesId: null, kommuneId: null, title: 'Møde', startsAt: '2026-11-24T09:00:00.000Z', endsAt: null, place: '', status: 'planlagt', notes: '', inviteeIds: [], agenda: [{ title: 'Anvisning', kind: 'normal', description: '', presenter: '', plannedMinutes: null }] });
    const itemId = meeting.agenda[0]!.id;
    const me = { name: 'mig', app: backend.database, skew: 0 };
    await importInto(me, await exportFrom(other));
    await updateAgendaItem(backend.database.db, itemId, { minutes: 'Ventelisten er på 40 familier.' });
    await new Promise((resolve) => setTimeout(resolve, 3));
    await updateAgendaItem(other.app.db, itemId, { minutes: 'Ventelisten er på 45 familier.' });
    await importInto(me, await exportFrom(other));

    const user = userEvent.setup();
    renderWithApp(<SyncPage />);
    expect(await screen.findByText('Konflikter (1)')).toBeInTheDocument();
    expect(screen.getAllByText('45').some((el) => el.tagName === 'INS')).toBe(true);
    expect(screen.getAllByText('40').some((el) => el.tagName === 'INS')).toBe(true);
    const keep = screen.getAllByRole('button', { name: 'Behold denne' });
    await user.click(keep[1]!);
    await waitFor(() => expect(screen.getByText('Ingen åbne konflikter.')).toBeInTheDocument());
    const row = backend.database.sqlite.prepare('SELECT minutes FROM agenda_item WHERE id = ?').get(itemId) as { minutes: string };
    expect(row.minutes).toBe('Ventelisten er på 40 familier.');
  });
});
