import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContact, updateContact } from '../../../../db/contacts/contacts.repository';
import { exportFrom, importInto, installation, type TestInstallation } from '../../../../db/sync/sync-testing';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { RecentImportsCard } from './import-undo.component';

describe('"Fortryd import" on the sync page', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  let colleague: TestInstallation;
  beforeEach(async () => {
    backend = await useRealBackend();
    colleague = await installation('kollega');
  });
  afterEach(async () => {
    await backend.dispose();
    await colleague.app.close();
  });

  it('says what will be set back, undoes the import after the confirmation and shows the result', async () => {
    const contact = await createContact(colleague.app.db, { name: 'Birgit Bak', emails: [], phones: [], notes: 'før' }, []);
    const me = { name: 'mig', app: backend.database, skew: 0 };
    await importInto(me, await exportFrom(colleague));
    await updateContact(colleague.app.db, contact.id, { notes: 'efter' });
    await importInto(me, await exportFrom(colleague));

    const user = userEvent.setup();
    renderWithApp(<RecentImportsCard />);
    const buttons = await screen.findAllByRole('button', { name: /^Fortryd importen fra/ });
    expect(buttons).toHaveLength(2);
    await user.click(buttons[0]!);
    const confirmation = screen.getByRole('group', { name: 'Bekræft: fortryd import' });
    expect(await within(confirmation).findByText('1 felt sættes tilbage')).toBeInTheDocument();
    expect(within(confirmation).getByText(/når dine kolleger med din næste synkroniseringsfil/)).toBeInTheDocument();
    // Nothing has changed yet: the confirmation came from a dry run.
    expect((backend.database.sqlite.prepare('SELECT notes FROM contact WHERE id = ?').get(contact.id) as { notes: string }).notes).toBe('efter');

    await user.click(within(confirmation).getByRole('button', { name: 'Fortryd import' }));

    expect((await screen.findByText('Resultat:')).closest('p')).toHaveTextContent('Resultat: 1 felt sat tilbage');
    expect((backend.database.sqlite.prepare('SELECT notes FROM contact WHERE id = ?').get(contact.id) as { notes: string }).notes).toBe('før');
    await waitFor(() => expect(screen.getAllByRole('button', { name: /^Fortryd importen fra/ })).toHaveLength(1));
    expect(screen.getByText(/^Fortrudt .*: 1 felt sat tilbage$/)).toBeInTheDocument();
  });
});
