import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seriesFieldsSchema } from '../../common/meetings.domain';
import { danishInstant } from '../../common/time';
import { createContact } from '../contacts/contacts.repository';
import { createFollowUp, listFollowUps, setFollowUpStatus } from '../follow-ups/follow-ups.repository';
import { derivedId } from '../ids';
import { createTestDatabase } from '../testing/test-database';
import {
  addAgendaItem,
  closeMeeting,
  createMeeting,
  deleteAgendaItem,
  getMeeting,
  deleteMeeting,
  listMeetings,
  moveAgendaItem,
  pageMeetings,
  type MeetingPageFilter,
  removeAttendance,
  restoreAgendaItem,
  saveAgendaText,
  setAttendance,
  updateAgendaItem,
  updateMeeting,
} from './meetings.repository';
import { archiveSeries, createSeries, getSeries, listSeries, proposeNextMeeting, updateSeries } from './series.repository';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const aarhus = derivedId('kommune', 751);
const person = async (name: string) => (await createContact(t.db, { name, emails: [], phones: [], notes: '' }, [])).id;
const series = (fields: Partial<Parameters<typeof seriesFieldsSchema.parse>[0]> = {}) =>
  createSeries(t.db, seriesFieldsSchema.parse({ title: 'Kommunesamarbejde Aarhus', kind: 'kommunesamarbejde', kommuneId: aarhus, ...fields }));
const draft = (over: Partial<Parameters<typeof createMeeting>[1]> = {}) => ({
  seriesId: null,
  kommuneId: aarhus,
  title: 'Møde',
  startsAt: danishInstant('2026-03-10', 10),
  endsAt: danishInstant('2026-03-10', 12),
  place: 'Rådhuset',
  status: 'planlagt' as const,
  notes: '',
  inviteeIds: [],
  agenda: [],
  ...over,
});
const item = (title: string) => ({ title, kind: 'normal' as const, description: '', presenter: '', plannedMinutes: null });

describe('meeting series', () => {
  it('keeps standing members and organisations and relinks without duplicates', async () => {
    const [a, b, c] = [await person('Anne'), await person('Bent'), await person('Carla')];
    const s = await series({ memberIds: [a, b], cadenceUnit: 'months', cadenceInterval: 3, agendaTemplate: ['Boligsocial anvisning'] });
    expect(s.members.map((m) => m.name)).toEqual(['Anne', 'Bent']);
    const updated = await updateSeries(t.db, s.id, seriesFieldsSchema.parse({ title: s.title, kind: s.kind, kommuneId: aarhus, memberIds: [b, c] }));
    expect(updated.members.map((m) => m.name)).toEqual(['Bent', 'Carla']);
    await updateSeries(t.db, s.id, seriesFieldsSchema.parse({ title: s.title, kind: s.kind, kommuneId: aarhus, memberIds: [a, b, c] }));
    expect(t.sqlite.prepare('SELECT count(*) AS n FROM meeting_series_member').get()).toEqual({ n: 3 });
  });

  it('rejects a cadence unit without an interval', () => {
    const parsed = seriesFieldsSchema.safeParse({ title: 'X', kind: 'andet', cadenceUnit: 'weeks' });
    expect(parsed.success).toBe(false);
  });

  it('lists each series with its organisations, so equal titles in one kommune can be told apart', async () => {
    const { createOrganisation } = await import('../organisations/organisations.repository');
    const org = async (name: string) => (await createOrganisation(t.db, { name, kind: 'boligorganisation', notes: '', kommuneIds: [aarhus] })).id;
    const [brabrand, aab, oest] = [await org('Brabrand Boligforening'), await org('AAB Aarhus'), await org('Østjysk Bolig')];
    await series({ title: 'Styringsdialog 2025', kind: 'styringsdialog', year: 2025, organisationIds: [brabrand] });
    await series({ title: 'Styringsdialog 2025', kind: 'styringsdialog', year: 2025, organisationIds: [oest, aab] });
    await series({ title: 'Kommunesamarbejde Aarhus' });
    const listed = await listSeries(t.db);
    expect(listed.map((x) => [x.title, x.organisations.map((o) => o.name)])).toEqual([
      ['Kommunesamarbejde Aarhus', []],
      ['Styringsdialog 2025', ['Brabrand Boligforening']],
      // Danish order: Aa is Å, after Ø.
      ['Styringsdialog 2025', ['Østjysk Bolig', 'AAB Aarhus']],
    ]);
  });

  it('hides archived series unless asked', async () => {
    const s = await series();
    await archiveSeries(t.db, s.id, true);
    expect(await listSeries(t.db)).toEqual([]);
    expect((await listSeries(t.db, { includeArchived: true })).map((x) => x.archived)).toEqual([true]);
  });

  it('proposes the next meeting from the cadence, keeping time of day and length, with members and the agenda template', async () => {
    const [a, b] = [await person('Anne'), await person('Bent')];
    const s = await series({ memberIds: [a, b], cadenceUnit: 'months', cadenceInterval: 2, defaultPlace: 'Aarhus Rådhus', agendaTemplate: ['Nybyggeri', 'Eventuelt'] });
    await createMeeting(t.db, draft({ seriesId: s.id, startsAt: danishInstant('2026-02-17', 13), endsAt: danishInstant('2026-02-17', 15) }));
    const proposal = await proposeNextMeeting(t.db, s.id, new Date('2026-03-01T12:00:00Z'));
    expect(proposal.startsAt).toBe(danishInstant('2026-04-17', 13)); // a Friday
    expect(proposal.endsAt).toBe(danishInstant('2026-04-17', 15));
    expect(proposal.place).toBe('Aarhus Rådhus');
    expect(proposal.inviteeIds.sort()).toEqual([a, b].sort());
    expect(proposal.agenda).toEqual([
      { title: 'Opfølgning fra sidste møde', kind: 'follow_up_review' },
      { title: 'Nybyggeri', kind: 'normal' },
      { title: 'Eventuelt', kind: 'normal' },
    ]);
  });

  it('moves a proposal that lands on a weekend to the Monday after', async () => {
    const s = await series({ cadenceUnit: 'months', cadenceInterval: 3 });
    await createMeeting(t.db, draft({ seriesId: s.id, startsAt: danishInstant('2027-02-23', 10), endsAt: danishInstant('2027-02-23', 12) }));
    const proposal = await proposeNextMeeting(t.db, s.id, new Date('2027-03-01T12:00:00Z'));
    expect(proposal.startsAt).toBe(danishInstant('2027-05-24', 10));
    expect(proposal.endsAt).toBe(danishInstant('2027-05-24', 12));
  });

  it('never proposes a date in the past, and starts from today for a new series', async () => {
    const s = await series({ cadenceUnit: 'weeks', cadenceInterval: 6 });
    const first = await proposeNextMeeting(t.db, s.id, new Date('2026-11-23T08:00:00Z'));
    expect(first.startsAt).toBe(danishInstant('2027-01-04', 10));
    await createMeeting(t.db, draft({ seriesId: s.id, startsAt: danishInstant('2025-01-06', 9) }));
    const next = await proposeNextMeeting(t.db, s.id, new Date('2026-11-23T08:00:00Z'));
    expect(Date.parse(next.startsAt)).toBeGreaterThan(Date.parse('2026-11-23T23:00:00Z'));
  });
});

describe('meetings', () => {
  it('creates a meeting with invitees and an ordered agenda, listed by period', async () => {
    const a = await person('Anne');
    const m = await createMeeting(t.db, draft({ inviteeIds: [a, a], agenda: [item('Første'), item('Anden'), item('Tredje')] }));
    expect(m.agenda.map((x) => x.title)).toEqual(['Første', 'Anden', 'Tredje']);
    expect(m.attendance.map((x) => [x.contactName, x.status])).toEqual([['Anne', 'inviteret']]);
    expect(m.kommune?.name).toBe('Aarhus');
    expect((await listMeetings(t.db, { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' })).map((x) => x.id)).toEqual([m.id]);
    expect(await listMeetings(t.db, { from: '2026-04-01T00:00:00Z' })).toEqual([]);
  });

  it('refuses an end before the start and changes nothing', async () => {
    const m = await createMeeting(t.db, draft());
    const error = await updateMeeting(t.db, m.id, { endsAt: danishInstant('2026-03-10', 9) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION' });
    expect((await getMeeting(t.db, m.id)).endsAt).toBe(m.endsAt);
  });

  it('adds, moves, edits, deletes and restores agenda items by fractional position', async () => {
    const m = await createMeeting(t.db, draft({ agenda: [item('A'), item('B'), item('C')] }));
    const [a, b, c] = m.agenda;
    const inserted = await addAgendaItem(t.db, m.id, item('A½'), a!.id);
    const titles = async () => (await getMeeting(t.db, m.id)).agenda.map((x) => x.title);
    expect(await titles()).toEqual(['A', 'A½', 'B', 'C']);
    await moveAgendaItem(t.db, c!.id, null, a!.id);
    expect(await titles()).toEqual(['C', 'A', 'A½', 'B']);
    await moveAgendaItem(t.db, c!.id, b!.id, null);
    expect(await titles()).toEqual(['A', 'A½', 'B', 'C']);
    await updateAgendaItem(t.db, inserted.id, { minutes: 'Drøftet grundigt', decision: 'Godkendt' });
    await deleteAgendaItem(t.db, b!.id);
    expect(await titles()).toEqual(['A', 'A½', 'C']);
    await restoreAgendaItem(t.db, b!.id);
    const final = await getMeeting(t.db, m.id);
    expect(final.agenda.map((x) => x.title)).toEqual(['A', 'A½', 'B', 'C']);
    expect(final.agenda[1]).toMatchObject({ minutes: 'Drøftet grundigt', decision: 'Godkendt' });
    // Only the moved item's position ever changed: the others keep theirs, so concurrent moves merge.
    expect(final.agenda.find((x) => x.id === a!.id)?.position).toBe(a!.position);
  });

  it('autosaves minutes and a decision with an acknowledgement of the stamp, and the same stamp when nothing changed', async () => {
    const m = await createMeeting(t.db, draft({ agenda: [item('Budget')] }));
    const id = m.agenda[0]!.id;
    const ack = await saveAgendaText(t.db, id, { minutes: 'Drøftet grundigt' });
    const stamp = () => t.sqlite.prepare('SELECT updated_at FROM agenda_item WHERE id = ?').pluck().get(id);
    expect(ack).toEqual({ id, updatedAt: stamp() });
    expect(await saveAgendaText(t.db, id, { minutes: 'Drøftet grundigt' })).toEqual(ack);
    const again = await saveAgendaText(t.db, id, { decision: 'Godkendt' });
    expect(again.updatedAt).toBe(stamp());
    expect((await getMeeting(t.db, m.id)).agenda[0]).toMatchObject({ minutes: 'Drøftet grundigt', decision: 'Godkendt' });
    await deleteAgendaItem(t.db, id);
    await expect(saveAgendaText(t.db, id, { minutes: 'for sent' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('records attendance with one ordstyrer and one referent', async () => {
    const [a, b] = [await person('Anne'), await person('Bent')];
    const m = await createMeeting(t.db, draft({ inviteeIds: [a, b] }));
    await setAttendance(t.db, m.id, a, 'deltog', 'ordstyrer');
    await setAttendance(t.db, m.id, b, 'deltog', 'ordstyrer');
    let list = await setAttendance(t.db, m.id, a, 'afbud', null);
    expect(list.map((x) => [x.contactName, x.status, x.role])).toEqual([
      ['Anne', 'afbud', null],
      ['Bent', 'deltog', 'ordstyrer'],
    ]);
    list = await removeAttendance(t.db, m.id, a);
    expect(list.map((x) => x.contactName)).toEqual(['Bent']);
  });
});

describe('follow-ups across a series', () => {
  it('carries open follow-ups to the next meeting, and keeps one closed there on that meeting only', async () => {
    const owner = await person('Ole Ejer');
    const s = await series();
    const first = await createMeeting(t.db, draft({ seriesId: s.id, startsAt: danishInstant('2026-01-13', 10), endsAt: null }));
    const f1 = await createFollowUp(t.db, { title: 'Indhent tal for udsættelser', details: '', ownerContactId: owner, ownerIsMe: false, dueDate: '2026-02-01', status: 'aaben', kommuneId: null, sourceMeetingId: first.id, sourceAgendaItemId: null });
    const f2 = await createFollowUp(t.db, { title: 'Send referat', details: '', ownerContactId: null, ownerIsMe: true, dueDate: '2026-01-20', status: 'aaben', kommuneId: null, sourceMeetingId: first.id, sourceAgendaItemId: null });
    expect(f1.kommune?.name).toBe('Aarhus');
    await closeMeeting(t.db, first.id);

    const second = await createMeeting(t.db, draft({ seriesId: s.id, startsAt: danishInstant('2026-04-14', 10), endsAt: null }));
    expect((await getMeeting(t.db, second.id)).carriedFollowUps.map((f) => f.title).sort()).toEqual(['Indhent tal for udsættelser', 'Send referat']);
    await setFollowUpStatus(t.db, [f2.id], 'udfoert', second.id);

    const third = await createMeeting(t.db, draft({ seriesId: s.id, startsAt: danishInstant('2026-06-09', 10), endsAt: null }));
    expect((await getMeeting(t.db, second.id)).carriedFollowUps.map((f) => [f.title, f.status])).toEqual([
      ['Send referat', 'udfoert'],
      ['Indhent tal for udsættelser', 'aaben'],
    ]);
    expect((await getMeeting(t.db, third.id)).carriedFollowUps.map((f) => f.title)).toEqual(['Indhent tal for udsættelser']);
    expect((await getMeeting(t.db, first.id)).status).toBe('afholdt');
    expect((await getSeries(t.db, s.id)).openFollowUps).toBe(1);
  });

  it('filters follow-ups by due bucket, owner, mine and kreds', async () => {
    const owner = await person('Ole');
    const make = (title: string, dueDate: string | null, extra: Partial<Parameters<typeof createFollowUp>[1]> = {}) =>
      createFollowUp(t.db, { title, details: '', ownerContactId: null, ownerIsMe: true, dueDate, status: 'aaben', kommuneId: aarhus, sourceMeetingId: null, sourceAgendaItemId: null, ...extra });
    await make('Forfalden', '2026-11-20');
    await make('Denne uge', '2026-11-27');
    await make('Senere', '2026-12-15');
    await make('Uden dato', null, { ownerIsMe: false, ownerContactId: owner });
    await make('Lukket og forfalden', '2026-11-01', { status: 'udfoert' });
    const today = '2026-11-23';
    const titles = async (filter: Parameters<typeof listFollowUps>[1]) => (await listFollowUps(t.db, filter, today)).map((f) => f.title);
    expect(await titles({ due: 'overdue', statuses: ['aaben', 'i_gang'] })).toEqual(['Forfalden']);
    expect(await titles({ due: 'thisWeek' })).toEqual(['Denne uge']);
    expect(await titles({ due: 'later' })).toEqual(['Senere']);
    expect(await titles({ due: 'none' })).toEqual(['Uden dato']);
    expect(await titles({ ownerContactId: owner })).toEqual(['Uden dato']);
    expect((await titles({ mine: true })).length).toBe(4);
    expect(await titles({ kredsNumber: 3 })).toEqual([]);
    const overdue = (await listFollowUps(t.db, {}, today)).filter((f) => f.overdue).map((f) => f.title);
    expect(overdue).toEqual(['Forfalden']);
  });
});

describe('meeting pages', () => {
  const koege = derivedId('kommune', 259);
  const now = danishInstant('2026-03-15', 12);

  /** Every page of `size`, concatenated, with the totals the pages reported. */
  async function allPages(filter: MeetingPageFilter, size: number) {
    const titles: string[] = [];
    const totals = new Set<number>();
    for (let offset = 0; ; offset += size) {
      const page = await pageMeetings(t.db, filter, offset, size);
      totals.add(page.total);
      titles.push(...page.rows.map((m) => m.title));
      if (page.rows.length < size) break;
    }
    return { titles, totals: [...totals] };
  }

  it('pages upcoming meetings soonest first and earlier ones latest first, ties in a stable order, with totals', async () => {
    const days = ['2026-03-01', '2026-03-10', '2026-03-14', '2026-03-16', '2026-03-20', '2026-04-02'];
    for (const [i, day] of days.entries()) await createMeeting(t.db, draft({ title: `Møde ${day}`, startsAt: danishInstant(day, 10 + (i % 2)), endsAt: null }));
    // Three at the same instant: the id orders them, so paging neither repeats nor skips one.
    for (const title of ['Samtidig A', 'Samtidig B', 'Samtidig C']) await createMeeting(t.db, draft({ title, startsAt: danishInstant('2026-03-18', 9), endsAt: null }));
    const deleted = await createMeeting(t.db, draft({ title: 'Slettet', startsAt: danishInstant('2026-03-17', 9), endsAt: null }));
    await deleteMeeting(t.db, deleted.id);

    const upcoming = await allPages({ from: now, order: 'asc' }, 200);
    expect(upcoming.titles.slice(0, 1)).toEqual(['Møde 2026-03-16']);
    expect(upcoming.titles.slice(1, 4).sort()).toEqual(['Samtidig A', 'Samtidig B', 'Samtidig C']);
    expect(upcoming.titles.slice(4)).toEqual(['Møde 2026-03-20', 'Møde 2026-04-02']);
    expect(upcoming.totals).toEqual([6]);
    for (const size of [1, 2, 4]) expect(await allPages({ from: now, order: 'asc' }, size)).toEqual(upcoming);

    const earlier = await allPages({ to: now, order: 'desc' }, 2);
    expect(earlier).toEqual({ titles: ['Møde 2026-03-14', 'Møde 2026-03-10', 'Møde 2026-03-01'], totals: [3] });
  });

  it('filters by kommune and status in SQL and counts only the matches', async () => {
    await createMeeting(t.db, draft({ title: 'Aarhus planlagt', startsAt: danishInstant('2026-04-01', 10), endsAt: null }));
    await createMeeting(t.db, draft({ title: 'Køge planlagt', kommuneId: koege, startsAt: danishInstant('2026-04-02', 10), endsAt: null }));
    await createMeeting(t.db, draft({ title: 'Køge aflyst', kommuneId: koege, status: 'aflyst', startsAt: danishInstant('2026-04-03', 10), endsAt: null }));
    const page = await pageMeetings(t.db, { from: now, order: 'asc', kommuneId: koege }, 0, 200);
    expect([page.total, page.rows.map((m) => m.title)]).toEqual([2, ['Køge planlagt', 'Køge aflyst']]);
    expect(page.rows[0]!.kommune?.name).toBe('Køge');
    const cancelled = await pageMeetings(t.db, { order: 'desc', status: 'aflyst' }, 0, 200);
    expect([cancelled.total, cancelled.rows.map((m) => m.title)]).toEqual([1, ['Køge aflyst']]);
  });
});
