import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { MeetingPage } from './meeting.page';

let backend: Awaited<ReturnType<typeof useRealBackend>>;
beforeEach(async () => {
  backend = await useRealBackend();
});
afterEach(() => backend.dispose());

const day = 86_400_000;
const status = (id: string) => backend.database.sqlite.prepare('SELECT status FROM meeting WHERE id = ?').pluck().get(id);
async function meetingAt(startsAt: Date) {
  const result = await backend.dispatch('meetings.create', { title: 'Kommunesamarbejde Køge', startsAt: startsAt.toISOString() });
  return (result as { ok: true; value: { id: string } }).value.id;
}

describe('Afslut møde on the meeting page', () => {
  it('asks first when the meeting lies in the future, and closes only on "Afslut alligevel"', async () => {
    const id = await meetingAt(new Date(Date.now() + 3 * day));
    const user = userEvent.setup();
    renderWithApp(<MeetingPage id={id} />);
    await user.click(await screen.findByRole('button', { name: 'Afslut møde' }));
    const question = await screen.findByRole('group', { name: 'Afslut et møde, der ikke er begyndt' });
    await user.click(within(question).getByRole('button', { name: 'Annullér' }));
    expect(status(id)).toBe('planlagt');
    await user.click(screen.getByRole('button', { name: 'Afslut møde' }));
    await user.click(within(await screen.findByRole('group', { name: 'Afslut et møde, der ikke er begyndt' })).getByRole('button', { name: 'Afslut alligevel' }));
    await waitFor(() => expect(status(id)).toBe('afholdt'));
  }, 20_000);

  it('closes a meeting that has begun without a question', async () => {
    const id = await meetingAt(new Date(Date.now() - day));
    const user = userEvent.setup();
    renderWithApp(<MeetingPage id={id} />);
    await user.click(await screen.findByRole('button', { name: 'Afslut møde' }));
    await waitFor(() => expect(status(id)).toBe('afholdt'));
    expect(screen.queryByRole('group', { name: 'Afslut et møde, der ikke er begyndt' })).toBeNull();
  }, 20_000);
});
