import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContact } from '../../../db/contacts/contacts.repository';
import { seedReferatMeeting } from '../../../db/documents/referat.test-data';
import { AboutDialog } from '../app/about.dialog';
import { GdprActions } from '../pages/gdpr/gdpr-actions.component';
import { ReferatExportDialog } from '../pages/referat-export/referat-export.dialog';
import { renderWithApp, useRealBackend } from '../test/real-backend';
import { CommandPalette } from './command-palette.component';
import { Modal } from './modal.component';

/** A button that opens a dialog, as the app's pages do. */
function Opener({ label, dialog }: { readonly label: string; readonly dialog: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        {label}
      </button>
      {open ? dialog(() => setOpen(false)) : null}
    </>
  );
}

describe('the one modal dialog', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  beforeEach(async () => {
    backend = await useRealBackend();
  });
  afterEach(() => backend.dispose());

  it('moves focus in, keeps Tab inside, closes on Escape and gives focus back to the opener', async () => {
    const user = userEvent.setup();
    renderWithApp(
      <Opener
        label="Åbn"
        dialog={(close) => (
          <Modal title="Bekræft" onClose={close}>
            <button type="button">Første</button>
            <button type="button">Sidste</button>
          </Modal>
        )}
      />,
    );
    const opener = screen.getByRole('button', { name: 'Åbn' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Bekræft' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(within(dialog).getByRole('button', { name: 'Første' })).toHaveFocus();
    await user.tab();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Første' })).toHaveFocus();
    await user.tab({ shift: true });
    expect(within(dialog).getByRole('button', { name: 'Sidste' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });

  it('lets a dialog place its title in a header of its own, or name itself without a visible title', async () => {
    renderWithApp(
      <>
        <Modal title="Med overskrift" onClose={() => undefined} heading={(title) => <header data-testid="own-header">{title}</header>}>
          <p>Indhold</p>
        </Modal>
        <Modal title="Uden overskrift" onClose={() => undefined} heading="hidden">
          <input aria-label="Søg" />
        </Modal>
      </>,
    );
    const withHeader = screen.getByRole('dialog', { name: 'Med overskrift' });
    expect(within(screen.getByTestId('own-header')).getByRole('heading', { name: 'Med overskrift' })).toBeInTheDocument();
    expect(withHeader).toHaveAttribute('aria-labelledby');
    const hidden = screen.getByRole('dialog', { name: 'Uden overskrift' });
    expect(within(hidden).queryByRole('heading')).not.toBeInTheDocument();
  });

  // Every dialog of the app is this modal: each gives focus back to what opened it.
  const dialogs: { readonly name: string; readonly open: () => Promise<ReactNode>; readonly opener: string | RegExp; readonly dialogName: RegExp | string }[] = [
    { name: 'Om Kredsbog', opener: 'Om', dialogName: 'Om Kredsbog', open: async () => <Opener label="Om" dialog={(close) => <AboutDialog onClose={close} />} /> },
    {
      name: 'Eksportér referat',
      opener: 'Eksportér',
      dialogName: 'Eksportér referat',
      open: async () => {
        const { meetingId } = await seedReferatMeeting(backend.database.db);
        return <Opener label="Eksportér" dialog={(close) => <ReferatExportDialog meetingId={meetingId} onClose={close} />} />;
      },
    },
    {
      name: 'Slet person (GDPR)',
      opener: 'Slet person (GDPR)',
      dialogName: 'Slet Åse Kjærgård permanent',
      open: async () => {
        const contact = await createContact(backend.database.db, { name: 'Åse Kjærgård', emails: [], phones: [], notes: '' }, []);
        return <GdprActions contactId={contact.id} contactName={contact.name} onErased={() => undefined} />;
      },
    },
    { name: 'the command palette', opener: /Søg/, dialogName: 'Søg og kommandoer', open: async () => <CommandPalette /> },
  ];
  for (const entry of dialogs) {
    it(`${entry.name}: is modal, holds focus, closes on Escape and gives focus back`, async () => {
      const user = userEvent.setup();
      renderWithApp(await entry.open());
      const opener = screen.getByRole('button', { name: entry.opener });
      await user.click(opener);
      const dialog = await screen.findByRole('dialog', { name: entry.dialogName });
      expect(dialog).toHaveAttribute('aria-modal', 'true');
      await waitFor(() => expect(dialog).toContainElement(document.activeElement as HTMLElement));
      for (let i = 0; i < 12; i++) {
        await user.tab();
        expect(dialog).toContainElement(document.activeElement as HTMLElement);
      }
      await user.keyboard('{Escape}');
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
      expect(opener).toHaveFocus();
    });
  }
});
