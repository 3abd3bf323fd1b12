import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSettings, updateSettings } from '../../../db/settings/settings.repository';
import { renderWithApp, useRealBackend } from '../test/real-backend';
import { useApiQuery } from '../queries';
import { FirstRunDialog } from './first-run.dialog';

function SettingsName() {
  return <p>{useApiQuery('settings.get').data?.userName}</p>;
}

describe('first-run dialog', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  beforeEach(async () => {
    backend = await useRealBackend();
  });
  afterEach(() => backend.dispose());

  it('asks a new installation for name, initials, e-mail and kredse and stores them as its settings', async () => {
    const user = userEvent.setup();
    renderWithApp(
      <>
        <button type="button">Før</button>
        <FirstRunDialog />
      </>,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Velkommen til Kredsbog' });
    const name = within(dialog).getByLabelText('Dit navn');
    // The form loads when it is first needed (its own chunk), so focus may arrive just after the dialog shows.
    await waitFor(() => expect(name).toHaveFocus());
    // A name is what the dialog is for: saving without one says so on the field.
    await user.click(within(dialog).getByRole('button', { name: 'Gem og kom i gang' }));
    expect(await within(dialog).findByText('Skal udfyldes.')).toBeInTheDocument();
    await user.type(name, 'Søren Ærøskøbing');
    await user.type(within(dialog).getByLabelText('Initialer'), 'SÆ');
    await user.type(within(dialog).getByLabelText('E-mail'), 'sae@bl.dk');
    await user.click(within(dialog).getByRole('checkbox', { name: '3. kreds' }));
    await user.click(within(dialog).getByRole('checkbox', { name: '11. kreds' }));
    await user.click(within(dialog).getByRole('button', { name: 'Gem og kom i gang' }));
    expect(await screen.findByText('Velkommen, Søren Ærøskøbing.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await getSettings(backend.database.db)).toMatchObject({ userName: 'Søren Ærøskøbing', initials: 'SÆ', email: 'sae@bl.dk', myKredse: [3, 11] });
  });

  it('keeps Tab inside, and "Senere" or Escape puts it off without storing anything', async () => {
    const user = userEvent.setup();
    renderWithApp(<FirstRunDialog />);
    const dialog = await screen.findByRole('dialog', { name: 'Velkommen til Kredsbog' });
    await within(dialog).findByRole('checkbox', { name: '11. kreds' });
    for (let i = 0; i < 20; i++) {
      await user.tab();
      expect(dialog).toContainElement(document.activeElement as HTMLElement);
    }
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect((await getSettings(backend.database.db)).userName).toBe('');
  });

  it('returns focus to where it was when put off with "Senere"', async () => {
    const user = userEvent.setup();
    renderWithApp(
      <>
        <button type="button">Før</button>
        <FirstRunDialog />
      </>,
    );
    screen.getByRole('button', { name: 'Før' }).focus();
    const dialog = await screen.findByRole('dialog', { name: 'Velkommen til Kredsbog' });
    await user.click(within(dialog).getByRole('button', { name: 'Senere' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Før' })).toHaveFocus();
  });

  it('does not appear once the consultant has a name', async () => {
    await updateSettings(backend.database.db, { userName: 'Karen Kredskonsulent' });
    renderWithApp(
      <>
        <SettingsName />
        <FirstRunDialog />
      </>,
    );
    // Once the same settings query has answered, the dialog has decided.
    expect(await screen.findByText('Karen Kredskonsulent')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
