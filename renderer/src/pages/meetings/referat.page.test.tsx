import { screen, waitFor, within } from '@testing-library/react';
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

  it('adds a follow-up with Enter from the owner box and from the due date too', async () => {
    const user = userEvent.setup();
    renderWithApp(<ReferatPage id={meetingId} />);
    await user.type(await screen.findByLabelText('Nyt opfølgningspunkt'), 'Send tal for anvisning');
    await user.click(screen.getByRole('combobox', { name: 'Ansvarlig' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('cell', { name: 'Send tal for anvisning' })).toBeInTheDocument());
    expect(screen.getByLabelText('Nyt opfølgningspunkt')).toHaveValue('');
    await user.type(screen.getByLabelText('Nyt opfølgningspunkt'), 'Indkald til temamøde');
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await user.type(screen.getByLabelText('Frist'), due);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('cell', { name: /Indkald til temamøde/ })).toBeInTheDocument());
    const rows = backend.database.sqlite.prepare('SELECT title, owner_is_me, due_date FROM follow_up ORDER BY title').all();
    expect(rows).toEqual([
      { title: 'Indkald til temamøde', owner_is_me: 1, due_date: due },
      { title: 'Send tal for anvisning', owner_is_me: 1, due_date: null },
    ]);
  }, 20_000);

  it('keeps the owner chosen when Enter is pressed in the owner box without choosing', async () => {
    const mette = await backend.dispatch('contacts.create', { name: 'Mette Ørsted' });
    const metteId = (mette as { ok: true; value: { id: string } }).value.id;
    const user = userEvent.setup();
    renderWithApp(<ReferatPage id={meetingId} />);
    await user.type(await screen.findByLabelText('Nyt opfølgningspunkt'), 'Ring til boligselskabet');
    const owner = screen.getByRole('combobox', { name: 'Ansvarlig' });
    await user.clear(owner);
    await user.type(owner, 'mette');
    await user.click(await screen.findByRole('option', { name: /^Mette Ørsted/ }));
    await user.click(owner);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('cell', { name: 'Ring til boligselskabet' })).toBeInTheDocument());
    expect(backend.database.sqlite.prepare('SELECT owner_is_me, owner_contact_id FROM follow_up').get()).toEqual({ owner_is_me: 0, owner_contact_id: metteId });
  }, 20_000);

  it('keeps a half-typed follow-up when moving to another item, and after a reload', async () => {
    const user = userEvent.setup();
    const view = renderWithApp(<ReferatPage id={meetingId} />);
    await user.type(await screen.findByLabelText('Nyt opfølgningspunkt'), 'Halvt skrevet');
    await user.type(screen.getByLabelText('Frist'), '2026-12-24');
    await user.click(screen.getByRole('button', { name: /Forebyggelse af udsættelser/ }));
    expect(await screen.findByText('Punkt 2 af 2')).toBeInTheDocument();
    expect(screen.getByLabelText('Nyt opfølgningspunkt')).toHaveValue('');
    await user.click(screen.getByRole('button', { name: /Boligsocial anvisning/ }));
    expect(await screen.findByLabelText('Nyt opfølgningspunkt')).toHaveValue('Halvt skrevet');
    view.unmount();
    renderWithApp(<ReferatPage id={meetingId} />);
    expect(await screen.findByLabelText('Nyt opfølgningspunkt')).toHaveValue('Halvt skrevet');
    expect(screen.getByLabelText('Frist')).toHaveValue('24.12.2026');
  }, 20_000);

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

describe('Afslut møde', () => {
  const day = 86_400_000;
  const status = (id: string) => backend.database.sqlite.prepare('SELECT status FROM meeting WHERE id = ?').pluck().get(id);
  const followUps = () => backend.database.sqlite.prepare('SELECT title, due_date, source_agenda_item_id FROM follow_up ORDER BY title').all();
  async function meetingAt(startsAt: Date) {
    const result = await backend.dispatch('meetings.create', { title: 'Styringsdialog KAB', startsAt: startsAt.toISOString(), agenda: [{ title: 'Styringsrapporten' }, { title: 'Eventuelt' }] });
    return (result as { ok: true; value: { id: string; agenda: { id: string }[] } }).value;
  }

  it('adds the follow-ups still typed in the forms, then marks a past meeting afholdt without asking', async () => {
    const held = await meetingAt(new Date(Date.now() - 2 * 3_600_000));
    const user = userEvent.setup();
    renderWithApp(<ReferatPage id={held.id} />);
    await user.type(await screen.findByLabelText('Nyt opfølgningspunkt'), 'Send styringsrapporten');
    await user.type(screen.getByLabelText('Frist'), '2026-12-15');
    await user.keyboard('{Control>}{ArrowDown}{/Control}');
    await user.type(await screen.findByLabelText('Nyt opfølgningspunkt'), 'Find ny mødedato');
    await user.click(screen.getByRole('button', { name: 'Afslut møde' }));
    expect(await screen.findByText('Mødet er afsluttet og markeret som afholdt. De 2 opfølgningspunkter fra formularerne er tilføjet.')).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Afslut et møde, der ikke er begyndt' })).toBeNull();
    expect(status(held.id)).toBe('afholdt');
    expect(followUps()).toEqual([
      { title: 'Find ny mødedato', due_date: null, source_agenda_item_id: held.agenda[1]!.id },
      { title: 'Send styringsrapporten', due_date: '2026-12-15', source_agenda_item_id: held.agenda[0]!.id },
    ]);
    expect(screen.getByLabelText('Nyt opfølgningspunkt')).toHaveValue('');
    expect(window.localStorage.getItem(`kredsbog.draft.${held.agenda[0]!.id}.followUp`)).not.toContain('Send styringsrapporten');
  }, 20_000);

  it('asks before closing a meeting dated in the future, and closes only on "Afslut alligevel"', async () => {
    const future = await meetingAt(new Date(Date.now() + 7 * day));
    const user = userEvent.setup();
    renderWithApp(<ReferatPage id={future.id} />);
    await user.type(await screen.findByLabelText('Nyt opfølgningspunkt'), 'Book lokale');
    await user.click(screen.getByRole('button', { name: 'Afslut møde' }));
    const question = await screen.findByRole('group', { name: 'Afslut et møde, der ikke er begyndt' });
    expect(question).toHaveTextContent(/Mødet står til .* og er ikke begyndt endnu\. Vil du alligevel markere det som afholdt\?/);
    expect(question).toHaveTextContent('Opfølgningspunktet, der står i formularen, bliver tilføjet.');
    await user.click(within(question).getByRole('button', { name: 'Annullér' }));
    expect(screen.queryByRole('group', { name: 'Afslut et møde, der ikke er begyndt' })).toBeNull();
    expect(status(future.id)).toBe('planlagt');
    expect(followUps()).toEqual([]);
    // Cancelling kept what was typed.
    expect(screen.getByLabelText('Nyt opfølgningspunkt')).toHaveValue('Book lokale');

    await user.click(screen.getByRole('button', { name: 'Afslut møde' }));
    await user.click(within(await screen.findByRole('group', { name: 'Afslut et møde, der ikke er begyndt' })).getByRole('button', { name: 'Afslut alligevel' }));
    await waitFor(() => expect(status(future.id)).toBe('afholdt'));
    expect(followUps()).toEqual([expect.objectContaining({ title: 'Book lokale' })]);
  }, 20_000);

  it('does not close the meeting when a typed follow-up cannot be added, and keeps what was typed', async () => {
    const held = await meetingAt(new Date(Date.now() - 3_600_000));
    const user = userEvent.setup();
    renderWithApp(<ReferatPage id={held.id} />);
    await user.type(await screen.findByLabelText('Nyt opfølgningspunkt'), 'x'.repeat(301));
    await user.click(screen.getByRole('button', { name: 'Afslut møde' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Afslut møde' })).toBeEnabled());
    expect(status(held.id)).toBe('planlagt');
    expect(screen.getByLabelText('Nyt opfølgningspunkt')).toHaveValue('x'.repeat(301));
  }, 20_000);

  it('names the consultant as owner on the shared screen, never "Mig": the name, else the initials', async () => {
    await backend.dispatch('followUps.create', { title: 'Send tal til BL', ownerIsMe: true, sourceMeetingId: meetingId, sourceAgendaItemId: itemIds[0] });
    await backend.dispatch('settings.update', { initials: 'KK' });
    const view = renderWithApp(<ReferatPage id={meetingId} />);
    const row = (await screen.findByText('Send tal til BL')).closest('tr')!;
    await waitFor(() => expect(within(row).getByText('KK')).toBeInTheDocument());
    view.unmount();
    await backend.dispatch('settings.update', { userName: 'Karen Kredskonsulent' });
    renderWithApp(<ReferatPage id={meetingId} />);
    const named = (await screen.findByText('Send tal til BL')).closest('tr')!;
    await waitFor(() => expect(within(named).getByText('Karen Kredskonsulent')).toBeInTheDocument());
    expect(within(named).queryByText('Mig')).not.toBeInTheDocument();
  });
});
