import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dashboardWeekRows, latestElection } from '../../common/dashboard.domain';
import { seriesFieldsSchema } from '../../common/meetings.domain';
import { danishInstant } from '../../common/time';
import { createContact } from '../contacts/contacts.repository';
import { createFollowUp } from '../follow-ups/follow-ups.repository';
import { derivedId } from '../ids';
import { createMeeting } from '../meetings/meetings.repository';
import { createSeries } from '../meetings/series.repository';
import { createOrganisation } from '../organisations/organisations.repository';
import { createTestDatabase } from '../testing/test-database';
import { getDashboard, getDashboardStyringsdialog, kommuneMapStats } from './dashboard.repository';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const now = new Date('2026-11-25T12:00:00Z'); // a Wednesday
const odense = derivedId('kommune', 461);
const svendborg = derivedId('kommune', 479);
const meeting = (title: string, startsAt: string, extra: Partial<Parameters<typeof createMeeting>[1]> = {}) =>
  createMeeting(t.db, { seriesId: null, kommuneId: odense, title, startsAt, endsAt: null, place: '', status: 'planlagt', notes: '', inviteeIds: [], agenda: [], ...extra });
const followUp = (title: string, dueDate: string | null, status: 'aaben' | 'udfoert' = 'aaben') =>
  createFollowUp(t.db, { title, details: '', ownerContactId: null, ownerIsMe: true, dueDate, status, kommuneId: odense, sourceMeetingId: null, sourceAgendaItemId: null });

describe('dashboard', () => {
  it('lists this and next week’s meetings by Danish week', async () => {
    await meeting('Mandag denne uge', danishInstant('2026-11-23', 9));
    await meeting('Søndag aften denne uge', danishInstant('2026-11-29', 23, 30));
    await meeting('Mandag næste uge', danishInstant('2026-11-30', 0, 30));
    await meeting('Om tre uger', danishInstant('2026-12-14', 10));
    const d = await getDashboard(t.db, { myKredse: [3], quietMonths: 6, now });
    expect(d.thisWeek.map((m) => m.title)).toEqual(['Mandag denne uge', 'Søndag aften denne uge']);
    expect(d.nextWeek.map((m) => m.title)).toEqual(['Mandag næste uge']);
    expect([d.thisWeekCount, d.nextWeekCount]).toEqual([2, 1]);
  });

  it('lists a full week’s first meetings by start and counts them all', async () => {
    for (let i = 0; i < dashboardWeekRows + 3; i++) await meeting(`Møde ${String(i).padStart(2, '0')}`, danishInstant('2026-11-26', 8, i));
    const d = await getDashboard(t.db, { myKredse: [], quietMonths: 6, now });
    expect(d.thisWeek.map((m) => m.title)).toEqual(Array.from({ length: dashboardWeekRows }, (_, i) => `Møde ${String(i).padStart(2, '0')}`));
    expect(d.thisWeekCount).toBe(dashboardWeekRows + 3);
  });

  it('counts overdue follow-ups and those due within 7 days, open ones only', async () => {
    await followUp('Forfalden', '2026-11-24');
    await followUp('Forfalden men udført', '2026-11-01', 'udfoert');
    await followUp('I dag', '2026-11-25');
    await followUp('Om en uge', '2026-12-02');
    await followUp('Om otte dage', '2026-12-03');
    const d = await getDashboard(t.db, { myKredse: [], quietMonths: 6, now });
    expect(d.overdue.map((f) => f.title)).toEqual(['Forfalden']);
    expect(d.dueSoon.map((f) => f.title)).toEqual(['I dag', 'Om en uge']);
    expect([d.overdueCount, d.dueSoonCount]).toEqual([1, 2]);
  });

  it('lists the most overdue follow-ups first, at most a screenful, and counts all of them', async () => {
    for (let day = 1; day <= 12; day++) await followUp(`Forfalden ${day}`, `2026-10-${String(day).padStart(2, '0')}`);
    const d = await getDashboard(t.db, { myKredse: [], quietMonths: 6, now });
    expect(d.overdueCount).toBe(12);
    expect(d.overdue.map((f) => f.title)).toEqual(Array.from({ length: 8 }, (_, i) => `Forfalden ${i + 1}`));
  });

  it('finds kommuner in my kredse without a meeting for N months', async () => {
    await meeting('Odense i sommer', danishInstant('2026-08-01', 10), { status: 'afholdt' });
    await meeting('Svendborg for længe siden', danishInstant('2026-01-10', 10), { status: 'afholdt', kommuneId: svendborg });
    await meeting('Svendborg aflyst', danishInstant('2026-10-10', 10), { status: 'aflyst', kommuneId: svendborg });
    const d = await getDashboard(t.db, { myKredse: [3], quietMonths: 6, now });
    const quiet = d.quietKommuner.map((k) => k.navn);
    expect(quiet).toContain('Svendborg');
    expect(quiet).toContain('Ærø');
    expect(quiet).not.toContain('Odense');
    expect(quiet).toHaveLength(9);
    expect((await getDashboard(t.db, { myKredse: [3], quietMonths: 2, now })).quietKommuner.map((k) => k.navn)).toContain('Odense');
  });

  it('tells how many kommuner each of my kredse holds, so an empty kreds is not read as "all met"', async () => {
    const d = await getDashboard(t.db, { myKredse: [3, 7], quietMonths: 6, now });
    expect(d.myKredse).toEqual([
      { number: 3, name: '3. kreds', kommuner: 10 },
      { number: 7, name: '7. kreds', kommuner: 0 },
    ]);
    const none = await getDashboard(t.db, { myKredse: [], quietMonths: 6, now });
    expect(none.myKredse).toEqual([]);
    expect(none.quietKommuner).toEqual([]);
  });

  it('tells styringsdialog status per kommune × boligorganisation for the year', async () => {
    const fab = await createOrganisation(t.db, { name: 'FAB', kind: 'boligorganisation', notes: '', kommuneIds: [odense] });
    const civica = await createOrganisation(t.db, { name: 'Civica', kind: 'boligorganisation', notes: '', kommuneIds: [odense] });
    await createOrganisation(t.db, { name: 'Lejerbo', kind: 'boligorganisation', notes: '', kommuneIds: [odense] });
    await createOrganisation(t.db, { name: 'Socialforvaltningen', kind: 'kommunal_forvaltning', notes: '', kommuneIds: [odense] });
    const sd = (organisationId: string) => createSeries(t.db, seriesFieldsSchema.parse({ title: 'Styringsdialog', kind: 'styringsdialog', kommuneId: odense, organisationIds: [organisationId], year: 2026 }));
    const fabSeries = await sd(fab.id);
    const civicaSeries = await sd(civica.id);
    await meeting('Styringsdialog FAB', danishInstant('2026-09-15', 10), { seriesId: fabSeries.id, status: 'afholdt' });
    await meeting('Styringsdialog FAB sidste år', danishInstant('2025-09-15', 10), { seriesId: fabSeries.id, status: 'afholdt' });
    await meeting('Styringsdialog Civica', danishInstant('2026-12-10', 10), { seriesId: civicaSeries.id });
    const d = await getDashboardStyringsdialog(t.db, { myKredse: [3], now });
    expect(d.year).toBe(2026);
    expect(d.rows.map((r) => [r.organisationName, r.state])).toEqual([
      ['Civica', 'planlagt'],
      ['FAB', 'afholdt'],
      ['Lejerbo', 'mangler'],
    ]);
  });

  it('lists political roles from before the new term that have no end date', async () => {
    expect(latestElection('2026-11-25')).toEqual({ date: '2025-11-18', termStart: '2026-01-01' });
    expect(latestElection('2016-01-01')).toBeNull();
    const politiker = (name: string, fromDate: string | null, toDate: string | null) =>
      createContact(t.db, { name, emails: [], phones: [], notes: '' }, [{ title: 'Byrådsmedlem', kind: 'politiker', organisationId: null, kommuneId: odense, fromDate, toDate }]);
    await politiker('Gammel periode uden slut', '2022-01-01', null);
    await politiker('Afsluttet', '2022-01-01', '2025-12-31');
    await politiker('Ny periode', '2026-01-01', null);
    const d = await getDashboard(t.db, { myKredse: [], quietMonths: 6, now });
    expect(d.rolesToReview.map((r) => r.contactName)).toEqual(['Gammel periode uden slut']);
  });

  it('gives the map each kommune’s last meeting and follow-up counts', async () => {
    await meeting('Odense', danishInstant('2026-10-01', 10), { status: 'afholdt' });
    await followUp('Forfalden', '2026-11-01');
    await followUp('Åben', null);
    const stats = await kommuneMapStats(t.db, [3], now);
    expect(stats).toHaveLength(98);
    expect(stats.find((k) => k.kode === 461)).toMatchObject({ lastMeetingAt: danishInstant('2026-10-01', 10), openFollowUps: 2, overdueFollowUps: 1, mine: true });
    expect(stats.find((k) => k.kode === 101)).toMatchObject({ lastMeetingAt: null, openFollowUps: 0, mine: false });
  });
});
