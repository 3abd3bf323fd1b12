import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContact } from '../../../../db/contacts/contacts.repository';
import { followUpFieldsSchema } from '../../../../common/meetings.domain';
import { createFollowUp } from '../../../../db/follow-ups/follow-ups.repository';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { DuplicatesPage } from './duplicates.page';

describe('Mulige dubletter', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  beforeEach(async () => {
    backend = await useRealBackend();
  });
  afterEach(() => backend.dispose());

  it('shows why two contacts look alike, what a merge moves, and merges only after confirmation', async () => {
    const db = backend.database.db;
    const keep = await createContact(db, { name: 'Mette Ørsted', emails: ['mette@kab.dk'], phones: [], notes: '' }, []);
    const other = await createContact(db, { name: 'Mette Oersted', emails: ['Mette@KAB.dk'], phones: ['+45 20 30 40 50'], notes: '' }, []);
    await createFollowUp(db, followUpFieldsSchema.parse({ title: 'Send udlejningstal', ownerContactId: other.id }));

    const user = userEvent.setup();
    renderWithApp(<DuplicatesPage />);
    const card = await screen.findByRole('article', { name: 'Mette Ørsted og Mette Oersted' });
    expect(within(card).getByText('Samme e-mail')).toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: 'Behold Mette Ørsted' }));
    const confirm = await within(card).findByRole('group', { name: 'Bekræft fletning' });
    expect(confirm).toHaveTextContent('Mette Oersted flettes ind i Mette Ørsted.');
    expect(confirm).toHaveTextContent('1 opfølgningspunkt');
    // Nothing has happened yet: the preview was a dry run.
    expect(backend.database.sqlite.prepare('SELECT count(*) FROM contact WHERE deleted_at IS NULL').pluck().get()).toBe(2);

    await user.click(within(confirm).getByRole('button', { name: 'Flet' }));
    await waitFor(() => expect(screen.getByText('Ingen mulige dubletter.')).toBeInTheDocument());
    const survivor = backend.database.sqlite.prepare('SELECT phones FROM contact WHERE id = ?').pluck().get(keep.id);
    expect(JSON.parse(survivor as string)).toEqual(['+45 20 30 40 50']);
    expect(backend.database.sqlite.prepare('SELECT owner_contact_id FROM follow_up').pluck().get()).toBe(keep.id);
  });

  it('"Ikke dubletter" hides the pair for good and merges nothing', async () => {
    const db = backend.database.db;
    await createContact(db, { name: 'Jens Hansen', emails: [], phones: ['20304050'], notes: '' }, []);
    await createContact(db, { name: 'Jens Hansen (privat)', emails: [], phones: ['+4520304050'], notes: '' }, []);
    const user = userEvent.setup();
    renderWithApp(<DuplicatesPage />);
    await user.click(await screen.findByRole('button', { name: 'Ikke dubletter' }));
    await waitFor(() => expect(screen.getByText('Ingen mulige dubletter.')).toBeInTheDocument());
    expect(backend.database.sqlite.prepare('SELECT count(*) FROM contact WHERE deleted_at IS NULL').pluck().get()).toBe(2);
  });
});
