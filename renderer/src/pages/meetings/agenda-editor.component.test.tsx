import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgendaItem } from '../../../../common/meetings.domain';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { MeetingPage } from './meeting.page';
import { neighboursFor } from './agenda-editor.component';

describe('neighboursFor', () => {
  const items = ['a', 'b', 'c', 'd'].map((id) => ({ id }) as AgendaItem);
  it('gives the items around the target place in the list without the moved one', () => {
    expect(neighboursFor(items, 'd', 0)).toEqual({ afterId: null, beforeId: 'a' });
    expect(neighboursFor(items, 'a', 3)).toEqual({ afterId: 'd', beforeId: null });
    expect(neighboursFor(items, 'c', 1)).toEqual({ afterId: 'a', beforeId: 'b' });
  });
});

describe('AgendaEditor on the meeting page', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  let meetingId: string;
  beforeEach(async () => {
    backend = await useRealBackend();
    const result = await backend.dispatch('meetings.create', { title: 'Netværksmøde', startsAt: '2026-11-24T09:00:00Z', agenda: [{ title: 'Velkomst' }, { title: 'Nybyggeri' }, { title: 'Eventuelt' }] });
    meetingId = (result as { ok: true; value: { id: string } }).value.id;
  });
  afterEach(() => backend.dispose());

  const titles = () => within(screen.getByRole('list', { name: 'Dagsorden' })).getAllByRole('listitem').map((li) => li.querySelector('.agenda-item__title')?.textContent);
  const stored = () => (backend.database.sqlite.prepare('SELECT title FROM agenda_item WHERE deleted_at IS NULL ORDER BY position').all() as { title: string }[]).map((r) => r.title);

  it('reorders by keyboard (Alt+↑) and by buttons, stored by position', async () => {
    const user = userEvent.setup();
    renderWithApp(<MeetingPage id={meetingId} />);
    await screen.findByText('Eventuelt');
    screen.getByText('Eventuelt').focus();
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    await waitFor(() => expect(stored()).toEqual(['Velkomst', 'Eventuelt', 'Nybyggeri']));
    await waitFor(() => expect(titles()).toEqual(['Velkomst', 'Eventuelt', 'Nybyggeri']));
    await user.click(screen.getByRole('button', { name: 'Flyt op: Nybyggeri' }));
    await waitFor(() => expect(stored()).toEqual(['Velkomst', 'Nybyggeri', 'Eventuelt']));
  });

  it('edits title, presenter and planned minutes; rejects an empty title in Danish', async () => {
    const user = userEvent.setup();
    renderWithApp(<MeetingPage id={meetingId} />);
    await user.click(await screen.findByRole('button', { name: 'Redigér: Nybyggeri' }));
    const title = screen.getByLabelText('Titel');
    await user.clear(title);
    await user.click(screen.getByRole('button', { name: 'Gem' }));
    expect(await screen.findByText('Skal udfyldes.')).toBeInTheDocument();
    await user.type(title, 'Nybyggeri i Ølby');
    await user.type(screen.getByLabelText('Oplæg ved'), 'Planchefen');
    await user.type(screen.getByLabelText('Minutter'), '20');
    await user.click(screen.getByRole('button', { name: 'Gem' }));
    await waitFor(() => expect(screen.getByText('Oplæg ved: Planchefen · 20 min.')).toBeInTheDocument());
    expect(backend.database.sqlite.prepare(`SELECT title, presenter, planned_minutes FROM agenda_item WHERE title LIKE 'Nybyggeri%'`).get()).toEqual({ title: 'Nybyggeri i Ølby', presenter: 'Planchefen', planned_minutes: 20 });
  });
});
