import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seriesFieldsSchema } from '../../../common/meetings.domain';
import { derivedId } from '../../../db/ids';
import { createSeries } from '../../../db/meetings/series.repository';
import { createOrganisation } from '../../../db/organisations/organisations.repository';
import { renderWithApp, useRealBackend } from '../test/real-backend';
import { CommandPalette } from './command-palette.component';

describe('command palette', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  beforeEach(async () => {
    backend = await useRealBackend();
  });
  afterEach(() => backend.dispose());

  it('opens on Ctrl+K, finds "Århus" for "aarhus" with the word marked, and opens it with Enter', async () => {
    const org = await createOrganisation(backend.database.db, { name: 'Boligselskabet Århus', kind: 'boligorganisation', notes: '', kommuneIds: [] });
    const user = userEvent.setup();
    const { history } = renderWithApp(<CommandPalette />);
    await user.keyboard('{Control>}k{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Søg og kommandoer' });
    await user.type(within(dialog).getByRole('combobox'), 'aarhus');
    // Matched by text: jsdom's accessible-name computation drops the space between the marked and unmarked parts.
    const option = await waitFor(
      () => {
        const found = within(dialog).getAllByRole('option').find((o) => o.textContent === 'Boligselskabet Århus');
        if (!found) throw new Error('not found yet');
        return found;
      },
      { timeout: 3000 },
    );
    expect(within(option).getByText('Århus').tagName).toBe('MARK');
    expect(within(dialog).getByText('Organisationer')).toBeInTheDocument();
    // Aarhus Kommune is found too, and comes first; ↓ moves to the organisation.
    expect(within(dialog).getAllByRole('option')[0]).toHaveTextContent('Aarhus Kommune');
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(history.at(-1)).toBe(`/organisationer/${org.id}`);
  });

  it('finds a meeting series by title and kommune, tells it apart by organisation, and opens the series page', async () => {
    const aarhus = derivedId('kommune', 751);
    const brabrand = await createOrganisation(backend.database.db, { name: 'Brabrand Boligforening', kind: 'boligorganisation', notes: '', kommuneIds: [aarhus] });
    const series = await createSeries(backend.database.db, seriesFieldsSchema.parse({ title: 'Styringsdialog 2025', kind: 'styringsdialog', kommuneId: aarhus, organisationIds: [brabrand.id], year: 2025 }));
    const user = userEvent.setup();
    const { history } = renderWithApp(<CommandPalette />);
    await user.keyboard('{Control>}k{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Søg og kommandoer' });
    await user.type(within(dialog).getByRole('combobox'), 'styringsdialog århus');
    const option = await waitFor(
      () => {
        const found = within(dialog).getAllByRole('option').find((o) => o.textContent?.startsWith('Styringsdialog 2025'));
        if (!found) throw new Error('not found yet');
        return found;
      },
      { timeout: 3000 },
    );
    expect(option).toHaveTextContent('Aarhus · Brabrand Boligforening');
    expect(within(dialog).getByText('Møderækker')).toBeInTheDocument();
    await user.click(option);
    expect(history.at(-1)).toBe(`/moederaekker/${series.id}`);
  });

  it('runs commands by name and renders user text as text, never as markup', async () => {
    await createOrganisation(backend.database.db, { name: '<b>Fed</b> Boligforening', kind: 'boligorganisation', notes: '', kommuneIds: [] });
    const user = userEvent.setup();
    const { history, container } = renderWithApp(<CommandPalette />);
    await user.click(screen.getByRole('button', { name: /Søg/ }));
    const box = await screen.findByRole('combobox');
    await user.type(box, 'fed');
    await screen.findByRole('option', { name: /<b>Fed<\/b> Boligforening/ });
    expect(container.ownerDocument.querySelector('.palette b')).toBeNull();
    await user.clear(box);
    await user.type(box, 'nyt mø');
    const command = await screen.findByRole('option', { name: 'Nyt møde' });
    await user.click(command);
    expect(history.at(-1)).toBe('/moeder/ny');
  });
});
