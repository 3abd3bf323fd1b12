import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrganisation, updateOrganisation } from '../../../db/organisations/organisations.repository';
import { meetingCreateInputSchema } from '../../../common/meetings.domain';
import { createMeeting } from '../../../db/meetings/meetings.repository';
import { markExported } from '../../../db/sync/clock';
import { renderWithApp, useRealBackend } from '../test/real-backend';
import { HistoryPanel } from './history.component';

describe('Historik', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  beforeEach(async () => {
    backend = await useRealBackend();
  });
  afterEach(() => backend.dispose());

  const entries = () => document.querySelectorAll('.history__list > li');

  it('shows the newest 50 changes of a much-edited record and older ones on "Vis ældre ændringer"', async () => {
    const db = backend.database.db;
    const organisation = await createOrganisation(db, { name: 'Køge Boligselskab 0', kind: 'boligorganisation', notes: '', kommuneIds: [] });
    // Each change carried by a sync file before the next (unexported edits of one field are coalesced: db/mutations.ts).
    markExported(backend.database.sqlite);
    for (let i = 1; i <= 120; i++) {
      await updateOrganisation(db, { id: organisation.id, name: `Køge Boligselskab ${i}` });
      markExported(backend.database.sqlite);
    }
    renderWithApp(<HistoryPanel table="organisation" id={organisation.id} />);
    const user = userEvent.setup();
    await user.click(screen.getByText('Historik'));
    await waitFor(() => expect(entries()).toHaveLength(50));
    expect(entries()[0]!.textContent).toContain('Køge Boligselskab 119');
    expect(entries()[0]!.textContent).toContain('Køge Boligselskab 120');
    await user.click(screen.getByRole('button', { name: 'Vis ældre ændringer' }));
    await waitFor(() => expect(entries()).toHaveLength(100));
    await user.click(screen.getByRole('button', { name: 'Vis ældre ændringer' }));
    await waitFor(() => expect(entries()).toHaveLength(121));
    expect(entries()[120]!.textContent).toContain('Oprettet');
    expect(screen.queryByRole('button', { name: 'Vis ældre ændringer' })).not.toBeInTheDocument();
  }, 30_000);

  it('shows Danish field labels, Danish local times and the names ids point to, never raw ids or UTC instants', async () => {
    const db = backend.database.db;
    const koege = backend.database.sqlite.prepare("SELECT id FROM kommune WHERE navn = 'Køge'").get() as { id: string };
    const meeting = await createMeeting(db, meetingCreateInputSchema.parse({ title: 'Kommunesamarbejde Køge', kommuneId: koege.id, startsAt: '2026-12-02T09:00:00.000Z', endsAt: '2026-12-02T11:00:00.000Z' }));
    renderWithApp(<HistoryPanel table="meeting" id={meeting.id} />);
    await userEvent.setup().click(screen.getByText('Historik'));
    await waitFor(() => expect(entries()).toHaveLength(1));
    await waitFor(() => expect(entries()[0]!.textContent).toContain('kommune: Køge'));
    const text = entries()[0]!.textContent!;
    expect(text).toContain('start: 2. dec. 2026 kl. 10.00');
    expect(text).toContain('slut: 2. dec. 2026 kl. 12.00');
    expect(text).not.toContain('kommune_id');
    expect(text).not.toContain(koege.id);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  }, 30_000);
});
