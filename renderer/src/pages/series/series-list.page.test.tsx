import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seriesFieldsSchema } from '../../../../common/meetings.domain';
import { derivedId } from '../../../../db/ids';
import { createSeries } from '../../../../db/meetings/series.repository';
import { createOrganisation } from '../../../../db/organisations/organisations.repository';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { SeriesListPage } from './series-list.page';

describe('Møderækker list', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  beforeEach(async () => {
    backend = await useRealBackend();
  });
  afterEach(() => backend.dispose());

  const bodyRows = () => within(screen.getAllByRole('rowgroup')[1]!).getAllByRole('row').filter((r) => !r.classList.contains('virtual-spacer'));
  const rowText = () => bodyRows().map((r) => `${r.children[0]!.textContent!.trim()} | ${r.children[2]!.textContent} | ${r.children[3]!.textContent}`);

  it('keeps 1,500 series light (a page loaded, only visible rows in the DOM) and filters by organisation, year and search in SQL', async () => {
    const aarhus = derivedId('kommune', 751);
    const brabrand = await createOrganisation(backend.database.db, { name: 'Brabrand Boligforening', kind: 'boligorganisation', notes: '', kommuneIds: [aarhus] });
    const omegn = await createOrganisation(backend.database.db, { name: 'Århus Omegn', kind: 'boligorganisation', notes: '', kommuneIds: [aarhus] });
    for (let i = 0; i < 1500; i++) {
      await createSeries(
        backend.database.db,
        seriesFieldsSchema.parse({ title: `Styringsdialog ${2020 + (i % 6)}`, kind: 'styringsdialog', kommuneId: aarhus, year: 2020 + (i % 6), organisationIds: [i % 2 ? brabrand.id : omegn.id] }),
      );
    }
    const user = userEvent.setup();
    renderWithApp(<SeriesListPage />);
    expect(await screen.findByText(/^1\.?500 møderækker$/, {}, { timeout: 15_000 })).toBeInTheDocument();
    expect(bodyRows().length).toBeGreaterThan(5);
    expect(bodyRows().length).toBeLessThanOrEqual(200);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Organisation' }), 'Brabrand Boligforening');
    await user.selectOptions(await screen.findByRole('combobox', { name: 'År' }), '2025');
    expect(await screen.findByText(/^250 af 1\.?500 møderækker$/, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(new Set(rowText())).toEqual(new Set(['Styringsdialog 2025 | Aarhus | Brabrand Boligforening']));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Organisation' }), 'Alle organisationer');
    await user.selectOptions(screen.getByRole('combobox', { name: 'År' }), 'Alle år');
    await user.type(screen.getByRole('searchbox'), 'arhus omegn 2022');
    expect(await screen.findByText(/^250 af 1\.?500 møderækker$/, {}, { timeout: 10_000 })).toBeInTheDocument();
    await waitFor(() => expect(new Set(rowText())).toEqual(new Set(['Styringsdialog 2022 | Aarhus | Århus Omegn'])));
    // "2022" is searched in the title, and the year select says 2025: nothing passes both.
    await user.selectOptions(screen.getByRole('combobox', { name: 'År' }), '2025');
    expect(await screen.findByText('Ingen møderækker passer til filtrene.')).toBeInTheDocument();
  }, 90_000);

  it('says so on an empty database', async () => {
    renderWithApp(<SeriesListPage />);
    expect(await screen.findByText('Ingen møderækker endnu.')).toBeInTheDocument();
  });
});
