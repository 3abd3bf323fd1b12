import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dashboardListRows, dashboardWeekRows } from '../../../../common/dashboard.domain';
import { seriesFieldsSchema } from '../../../../common/meetings.domain';
import { danishDate, danishInstant } from '../../../../common/time';
import { createFollowUp } from '../../../../db/follow-ups/follow-ups.repository';
import { derivedId } from '../../../../db/ids';
import { createMeeting } from '../../../../db/meetings/meetings.repository';
import { createSeries } from '../../../../db/meetings/series.repository';
import { createOrganisation } from '../../../../db/organisations/organisations.repository';
import { updateSettings } from '../../../../db/settings/settings.repository';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { OverviewPage } from './overview.page';

let backend: Awaited<ReturnType<typeof useRealBackend>>;
beforeEach(async () => {
  backend = await useRealBackend();
});
afterEach(() => backend.dispose());

const odense = derivedId('kommune', 461);
const svendborg = derivedId('kommune', 479);

describe('Overblik', () => {
  it('invites to choose mine kredse instead of showing 0 kommuner without a meeting', async () => {
    renderWithApp(<OverviewPage />);
    const tile = await screen.findByRole('link', { name: /Vælg mine kredse for at se kommuner uden møde/ });
    expect(tile).toHaveAttribute('href', expect.stringContaining('/indstillinger'));
    expect(screen.queryByTestId('quiet-count')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Vælg mine kredse' })).toBeInTheDocument();
  });

  it('says a chosen kreds has no kommuner yet, with a link to add them, instead of "all had meetings"', async () => {
    await updateSettings(backend.database.db, { myKredse: [7] });
    renderWithApp(<OverviewPage />);
    const tile = await screen.findByRole('link', { name: /7\. kreds har ingen kommuner endnu – tilføj kommuner/ });
    expect(tile).toHaveAttribute('href', expect.stringContaining('/kommuner'));
    expect(screen.getByRole('link', { name: 'tilføj kommuner' })).toBeInTheDocument();
    expect(screen.queryByText('Alle kommuner i dine kredse har haft møde for nylig.')).not.toBeInTheDocument();
  });

  it('lists a full week’s first meetings and links to Kalender for all of them', async () => {
    const today = danishDate(new Date());
    for (let i = 0; i < dashboardWeekRows + 2; i++) {
      await createMeeting(backend.database.db, { seriesId: null, kommuneId: odense, title: `Møde ${i}`, startsAt: danishInstant(today, 12, i), endsAt: null, place: '', status: 'planlagt', notes: '', inviteeIds: [], agenda: [] });
    }
    renderWithApp(<OverviewPage />);
    const all = await screen.findByRole('link', { name: `Se alle ${dashboardWeekRows + 2} i Kalender` });
    expect(all).toHaveAttribute('href', expect.stringContaining('/kalender'));
    expect(document.querySelectorAll('#dashboard-week .meeting-line')).toHaveLength(dashboardWeekRows);
    // The figure counts the whole week, not the lines listed.
    expect(screen.getByText('Møder denne uge', { selector: '.figure__label' }).previousElementSibling).toHaveTextContent(String(dashboardWeekRows + 2));
  });

  it('lists the first overdue follow-ups and links to Opfølgning for all of them', async () => {
    for (let i = 0; i < dashboardListRows + 1; i++) {
      await createFollowUp(backend.database.db, { title: `Punkt ${i}`, details: '', ownerContactId: null, ownerIsMe: true, dueDate: '2020-01-01', status: 'aaben', kommuneId: odense, sourceMeetingId: null, sourceAgendaItemId: null });
    }
    renderWithApp(<OverviewPage />);
    expect(await screen.findByRole('link', { name: `Se alle ${dashboardListRows + 1} under Opfølgning` })).toHaveAttribute('href', expect.stringContaining('/opfoelgning'));
  });

  it('counts the quiet kommuner when a kreds has them, and names an empty kreds beside them', async () => {
    await updateSettings(backend.database.db, { myKredse: [3, 7] });
    renderWithApp(<OverviewPage />);
    expect(await screen.findByTestId('quiet-count')).toHaveTextContent('10');
    expect(screen.getByText(/7\. kreds har ingen kommuner endnu/)).toBeInTheDocument();
  });

  it('shows the year’s styringsdialog as one line per kommune with counts in words, opening to the organisations', async () => {
    const user = userEvent.setup();
    const db = backend.database.db;
    const year = Number(danishDate(new Date()).slice(0, 4));
    const fab = await createOrganisation(db, { name: 'FAB', kind: 'boligorganisation', notes: '', kommuneIds: [odense] });
    await createOrganisation(db, { name: 'Civica', kind: 'boligorganisation', notes: '', kommuneIds: [odense] });
    await createOrganisation(db, { name: 'Svendborg Boligselskab', kind: 'boligorganisation', notes: '', kommuneIds: [svendborg] });
    const series = await createSeries(db, seriesFieldsSchema.parse({ title: 'Styringsdialog', kind: 'styringsdialog', kommuneId: odense, organisationIds: [fab.id], year }));
    await createMeeting(db, { seriesId: series.id, kommuneId: odense, title: 'Styringsdialog FAB', startsAt: danishInstant(`${year}-01-15`, 10), endsAt: null, place: '', status: 'afholdt', notes: '', inviteeIds: [], agenda: [] });
    await updateSettings(db, { myKredse: [3] });
    renderWithApp(<OverviewPage />);
    await screen.findByRole('heading', { name: `Styringsdialog ${year}` });
    expect(await screen.findByText('I alt: 1 afholdt, 0 planlagt, 2 mangler')).toBeInTheDocument();
    const lines = [...document.querySelectorAll<HTMLElement>('details.sd__kommune')];
    expect(lines.map((l) => l.querySelector('summary')?.textContent)).toEqual([expect.stringMatching(/^Odense✓ 1 afholdt◷ 0 planlagt! 1 mangler/), expect.stringMatching(/^Svendborg✓ 0 afholdt◷ 0 planlagt! 1 mangler/)]);
    const odenseLine = lines[0]!;
    // A closed line holds no organisations: they are rendered when it opens.
    expect(within(odenseLine).queryByRole('link', { name: 'FAB' })).toBeNull();
    await user.click(within(odenseLine).getByText('Odense'));
    expect(within(odenseLine).getByRole('link', { name: 'FAB' })).toBeVisible();
    expect(within(odenseLine).getByRole('link', { name: 'Afholdt' })).toHaveAttribute('href', expect.stringContaining('/moeder/'));
    expect(within(odenseLine).getByText('Mangler')).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Kun kommuner hvor noget mangler' }));
    // Both kommuner lack one, so both stay.
    await waitFor(() => expect(document.querySelectorAll('details.sd__kommune')).toHaveLength(2));
  });

  it('draws the map with a texture as well as a colour per status, and a legend of the same swatches', async () => {
    renderWithApp(<OverviewPage />);
    const legend = await screen.findByRole('list', { name: 'Forklaring' });
    expect(within(legend).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['under 3 mdr.', '3–6 mdr.', 'over 6 mdr.', 'intet møde', 'mine kredse (tyk kant)']);
    // No meetings yet: every kommune is "never met", drawn dotted as well as grey.
    const kommune = screen.getByRole('link', { name: /^Odense: seneste møde aldrig/ });
    expect(kommune.getAttribute('style')).toMatch(/fill: url\("?#map.*map-k--never"?\)/);
    const swatches = legend.querySelectorAll('rect[style]');
    expect([...swatches].map((r) => r.getAttribute('style'))).toEqual([expect.stringContaining('map-k--mid'), expect.stringContaining('map-k--old'), expect.stringContaining('map-k--never')]);
  });
});
