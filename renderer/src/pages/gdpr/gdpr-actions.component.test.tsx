import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { affiliationFieldsSchema } from '../../../../common/domain';
import { meetingCreateInputSchema } from '../../../../common/meetings.domain';
import { createAffiliation, createContact } from '../../../../db/contacts/contacts.repository';
import { derivedId } from '../../../../db/ids';
import { createMeeting } from '../../../../db/meetings/meetings.repository';
import { captureDownloads } from '../../test/downloads';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { GdprActions } from './gdpr-actions.component';

describe('GDPR på kontaktsiden', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  beforeEach(async () => {
    backend = await useRealBackend();
  });
  afterEach(async () => {
    await backend.dispose();
  });

  async function seed() {
    const db = backend.database.db;
    const contact = await createContact(db, { name: 'Åse Kjærgård', emails: ['aase@koege.dk'], phones: ['56 67 60 00'], notes: 'Ring efter kl. 9' }, []);
    await createAffiliation(db, contact.id, affiliationFieldsSchema.parse({ kommuneId: derivedId('kommune', 259), title: 'Direktør', kind: 'embedsmand' }));
    await createMeeting(db, meetingCreateInputSchema.parse({ title: 'Kommunesamarbejde Køge', startsAt: '2099-02-01T09:00:00.000Z', inviteeIds: [contact.id] }));
    return contact;
  }

  it('downloads the access report as a zip named after the person', async () => {
    const contact = await seed();
    const { names: downloads, blobs } = captureDownloads();
    const user = userEvent.setup();
    renderWithApp(<GdprActions contactId={contact.id} contactName={contact.name} />);
    await user.click(screen.getByRole('button', { name: 'Indsigt (GDPR)' }));
    await waitFor(() => expect(downloads).toEqual([expect.stringMatching(/^Indsigt Åse Kjærgård \d{4}-\d{2}-\d{2}\.zip$/)]));
    const files = unzipSync(new Uint8Array(await blobs[0]!.arrayBuffer()));
    expect(JSON.parse(strFromU8(files['indsigt.json']!))).toMatchObject({ contact: { name: 'Åse Kjærgård', emails: ['aase@koege.dk'] } });
  });

  it('shows what will be removed and erases only after the name is typed', async () => {
    const contact = await seed();
    const onErased = vi.fn();
    const user = userEvent.setup();
    renderWithApp(<GdprActions contactId={contact.id} contactName={contact.name} onErased={onErased} />);
    await user.click(screen.getByRole('button', { name: 'Slet person (GDPR)' }));
    const dialog = screen.getByRole('dialog', { name: 'Slet Åse Kjærgård permanent' });
    expect(await within(dialog).findByText('1 rolle: Direktør, Køge Kommune')).toBeInTheDocument();
    expect(dialog).toHaveTextContent('1 invitation til et kommende møde: Kommunesamarbejde Køge');
    const confirm = within(dialog).getByRole('button', { name: 'Slet permanent' });
    expect(confirm).toBeDisabled();

    const name = within(dialog).getByLabelText('Skriv personens navn for at bekræfte');
    await user.type(name, 'Åse');
    expect(confirm).toBeDisabled();
    // The preview was a dry run: nothing has happened yet.
    expect(backend.database.sqlite.prepare('SELECT name FROM contact WHERE id = ?').pluck().get(contact.id)).toBe('Åse Kjærgård');

    await user.type(name, ' Kjærgård');
    expect(confirm).toBeEnabled();
    await user.click(confirm);
    await waitFor(() => expect(onErased).toHaveBeenCalled());
    expect(await screen.findByText('Åse Kjærgård er slettet permanent.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const sqlite = backend.database.sqlite;
    expect(sqlite.prepare('SELECT name, deleted_at IS NOT NULL AS gone FROM contact WHERE id = ?').get(contact.id)).toEqual({ name: 'Slettet person', gone: 1 });
    const log = (sqlite.prepare('SELECT value FROM sync_op').pluck().all() as string[]).join('\n');
    expect(log).not.toContain('Kjærgård');
    expect(log).not.toContain('aase@koege.dk');
  });
});
