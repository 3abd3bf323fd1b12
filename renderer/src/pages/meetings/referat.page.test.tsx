import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { ReferatPage } from './referat.page';

let backend: Awaited<ReturnType<typeof useRealBackend>>;
let meetingId: string;
let itemIds: string[];
beforeEach(async () => {
  window.localStorage.clear();
  backend = await useRealBackend();
  const result = await backend.dispatch('meetings.create', {
    title: 'Kommunesamarbejde Køge',
    startsAt: '2026-11-24T09:00:00Z',
    agenda: [{ title: 'Boligsocial anvisning' }, { title: 'Forebyggelse af udsættelser' }],
  });
  const meeting = (result as { ok: true; value: { id: string; agenda: { id: string }[] } }).value;
  meetingId = meeting.id;
  itemIds = meeting.agenda.map((a) => a.id);
});
afterEach(() => backend.dispose());

const stored = (id: string) => backend.database.sqlite.prepare('SELECT minutes, decision FROM agenda_item WHERE id = ?').get(id) as { minutes: string; decision: string };

describe('Referat mode', () => {
  it('keeps every keystroke in a local draft at once and saves it to the database shortly after', async () => {
    const user = userEvent.setup();
    renderWithApp(<ReferatPage id={meetingId} />);
    const minutes = await screen.findByLabelText('Referat');
    await user.type(minutes, 'Ventelisten er faldet');
    expect(window.localStorage.getItem(`kredsbog.draft.${itemIds[0]}.minutes`)).toBe('Ventelisten er faldet');
    await waitFor(() => expect(stored(itemIds[0]!).minutes).toBe('Ventelisten er faldet'));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Gemt'));
    expect(window.localStorage.getItem(`kredsbog.draft.${itemIds[0]}.minutes`)).toBeNull();
  });

  it('saves at once when the field loses focus, and when the view closes', async () => {
    const user = userEvent.setup();
    const view = renderWithApp(<ReferatPage id={meetingId} />);
    await user.type(await screen.findByLabelText('Beslutning'), 'Godkendt');
    await user.tab();
    await waitFor(() => expect(stored(itemIds[0]!).decision).toBe('Godkendt'));
    await user.type(screen.getByLabelText('Referat'), 'Sidste ord');
    view.unmount();
    await waitFor(() => expect(stored(itemIds[0]!).minutes).toBe('Sidste ord'));
  });

  it('restores a draft that never reached the database (reload or crash) and saves it', async () => {
    window.localStorage.setItem(`kredsbog.draft.${itemIds[0]}.minutes`, 'Skrevet lige før strømmen gik');
    renderWithApp(<ReferatPage id={meetingId} />);
    expect(await screen.findByLabelText('Referat')).toHaveValue('Skrevet lige før strømmen gik');
    await waitFor(() => expect(stored(itemIds[0]!).minutes).toBe('Skrevet lige før strømmen gik'));
  });

  it('adds follow-ups from the keyboard, keeping the owner for the next one', async () => {
    const user = userEvent.setup();
    renderWithApp(<ReferatPage id={meetingId} />);
    const title = await screen.findByLabelText('Nyt opfølgningspunkt');
    await user.type(title, 'Send tal for anvisning{Enter}');
    await waitFor(() => expect(screen.getByRole('cell', { name: 'Send tal for anvisning' })).toBeInTheDocument());
    expect(title).toHaveValue('');
    expect(title).toHaveFocus();
    await user.type(title, 'Indkald til temamøde{Enter}');
    await waitFor(() => expect(screen.getByRole('cell', { name: 'Indkald til temamøde' })).toBeInTheDocument());
    const rows = backend.database.sqlite.prepare('SELECT title, owner_is_me, source_meeting_id, source_agenda_item_id FROM follow_up ORDER BY title').all();
    expect(rows).toEqual([
      { title: 'Indkald til temamøde', owner_is_me: 1, source_meeting_id: meetingId, source_agenda_item_id: itemIds[0] },
      { title: 'Send tal for anvisning', owner_is_me: 1, source_meeting_id: meetingId, source_agenda_item_id: itemIds[0] },
    ]);
  });

  it('moves between agenda items with Ctrl+↓ and Ctrl+↑', async () => {
    const user = userEvent.setup();
    renderWithApp(<ReferatPage id={meetingId} />);
    await screen.findByText('Punkt 1 af 2');
    await user.click(screen.getByLabelText('Referat'));
    await user.keyboard('{Control>}{ArrowDown}{/Control}');
    expect(await screen.findByText('Punkt 2 af 2')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Forebyggelse af udsættelser' })).toBeInTheDocument();
    await user.keyboard('{Control>}{ArrowUp}{/Control}');
    expect(await screen.findByText('Punkt 1 af 2')).toBeInTheDocument();
  });
});
