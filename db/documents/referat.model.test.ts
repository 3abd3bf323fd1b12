import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { referatCollectionSchema, referatSchema } from '../../common/documents/referat.model';
import { danishInstant } from '../../common/time';
import { createTestDatabase } from '../testing/test-database';
import { deleteMeeting, updateMeeting } from '../meetings/meetings.repository';
import { updateSettings } from '../settings/settings.repository';
import { loadReferat, loadReferatCollection } from './referat.model';
import { hostileMinutes, koge, seedReferatContext, seedReferatMeeting } from './referat.test-data';
import { createSeries } from '../meetings/series.repository';
import { seriesFieldsSchema } from '../../common/meetings.domain';
import { createMeeting } from '../meetings/meetings.repository';
import { deleteAftale } from '../aftaler/aftaler.repository';
import { saveStyringsdialog } from '../styringsdialog/styringsdialog.repository';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

describe('loadReferat', () => {
  it('gathers time, place, people, roles, agenda and follow-ups in Danish', async () => {
    const { meetingId } = await seedReferatMeeting(t.db);
    const referat = await loadReferat(t.db, meetingId);
    expect(referatSchema.parse(referat)).toEqual(referat);
    expect(referat.kommune).toEqual({ name: 'Køge', label: 'Køge Kommune' });
    expect(referat.series).toEqual({ title: 'Styringsdialog Køge 2026', kind: 'styringsdialog' });
    expect(referat.whenText).toBe('tirsdag den 24. november 2026 kl. 9.00–11.00');
    expect(referat.date).toBe('2026-11-24');
    expect(referat.place).toBe('Køge Rådhus, mødelokale 2');
    expect(referat.ordstyrer).toEqual({ name: 'Marie Stjernqvist', roleLine: 'Borgmester, Køge Kommune' });
    expect(referat.referent).toEqual({ name: 'Åse Løvgren', roleLine: 'Boligchef, Køge Kommune' });
    expect(referat.participants.map((p) => p.name)).toEqual(['Bjørn Ålund', 'Marie Stjernqvist', 'Åse Løvgren']);
    expect(referat.participants.find((p) => p.name === 'Bjørn Ålund')?.roleLine).toBe('Direktør, KAB');
    expect(referat.afbud).toEqual([{ name: 'Jørgen Æbelø', roleLine: 'Formand, KAB' }]);
    expect(referat.agenda.map((a) => `${a.number}. ${a.title}`)).toEqual([
      '1. Velkomst og godkendelse af dagsorden',
      '2. Styringsrapporten for 2025',
      '3. Boligsocial indsats i Søndre Grønning',
      '4. Eventuelt',
    ]);
    expect(referat.agenda[1]?.minutes).toContain(hostileMinutes);
    expect(referat.agenda[1]?.decision).toBe('Parterne aftalte at følge udviklingen i ventelisterne.');
    expect(referat.consultantName).toBe('Søren Ærøskøbing');
    expect(referat.followUps.map((f) => [f.title, f.owner, f.dueText])).toEqual([
      ['Send ventelistetal for Ølby', 'Bjørn Ålund', '1. december 2026'],
      ['Indkald til opfølgende møde', 'Søren Ærøskøbing', '15. januar 2027'],
      ['Afklar medfinansiering', 'Åse Løvgren', null],
    ]);
  });

  it('leaves out the sections that are switched off', async () => {
    const { meetingId } = await seedReferatMeeting(t.db);
    const referat = await loadReferat(t.db, meetingId, { participants: false, afbud: false, minutes: false, decisions: false, followUps: false, description: false });
    expect(referat.participants).toEqual([]);
    expect(referat.afbud).toEqual([]);
    expect(referat.followUps).toEqual([]);
    expect(referat.agenda.every((a) => a.minutes === '' && a.decision === '' && a.description === '')).toBe(true);
    expect(referat.agenda).toHaveLength(4);
    expect(referat.ordstyrer?.name).toBe('Marie Stjernqvist');
  });

  it('names a meeting that runs past midnight with both days', async () => {
    const { meetingId } = await seedReferatMeeting(t.db, { startsAt: danishInstant('2026-03-28', 22), endsAt: danishInstant('2026-03-29', 3, 30) });
    const referat = await loadReferat(t.db, meetingId);
    expect(referat.whenText).toBe('lørdag den 28. marts 2026 kl. 22.00 til søndag den 29. marts 2026 kl. 3.30');
  });

  it('never calls the consultant "Mig" in a shared referat: the initials without a name, the role without either', async () => {
    const { meetingId } = await seedReferatMeeting(t.db);
    const owner = async () => (await loadReferat(t.db, meetingId)).followUps.find((f) => f.title === 'Indkald til opfølgende møde')?.owner;
    expect(await owner()).toBe('Søren Ærøskøbing');
    t.sqlite.prepare("DELETE FROM local_setting WHERE key = 'userName'").run();
    await updateSettings(t.db, { initials: 'SÆ' });
    expect((await loadReferat(t.db, meetingId)).consultantName).toBe('');
    expect(await owner()).toBe('SÆ');
    await updateSettings(t.db, { initials: '' });
    expect(await owner()).toBe('BL’s kredskonsulent');
  });

  it('rejects an unknown or deleted meeting', async () => {
    const { meetingId } = await seedReferatMeeting(t.db);
    await expect(loadReferat(t.db, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await deleteMeeting(t.db, meetingId);
    await expect(loadReferat(t.db, meetingId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('loadReferatCollection', () => {
  it('collects a series in time order within the period and skips cancelled meetings', async () => {
    const spring = await seedReferatMeeting(t.db, { startsAt: danishInstant('2026-03-10', 13), endsAt: danishInstant('2026-03-10', 15) });
    await seedReferatMeeting(t.db, { seriesId: spring.seriesId });
    const cancelled = await seedReferatMeeting(t.db, { seriesId: spring.seriesId, startsAt: danishInstant('2026-06-02', 9), endsAt: danishInstant('2026-06-02', 10) });
    await updateMeeting(t.db, cancelled.meetingId, { status: 'aflyst' });

    const all = await loadReferatCollection(t.db, { seriesId: spring.seriesId });
    expect(referatCollectionSchema.parse(all)).toEqual(all);
    expect(all.title).toBe('Styringsdialog Køge 2026');
    expect(all.referater.map((r) => r.date)).toEqual(['2026-03-10', '2026-11-24']);

    const autumn = await loadReferatCollection(t.db, { kommuneId: koge, from: '2026-11-24', to: '2026-11-24' });
    expect(autumn.title).toBe('Køge Kommune');
    expect(autumn.periodText).toBe('24. november 2026 – 24. november 2026');
    expect(autumn.referater.map((r) => r.date)).toEqual(['2026-11-24']);

    expect((await loadReferatCollection(t.db, { kind: 'helhedsplan' })).referater).toEqual([]);
  });
});

describe('the issue-17 context of a referat', () => {
  const helhedsplan = { name: 'Helhedsplan Ølby 2023–2026', periodText: '1. januar 2023 – 31. december 2026', indsatsomraader: ['Beskæftigelse', 'Uddannelse og livschancer'] };

  it('shows the aftale the styringsdialog that names the meeting ended in, with its goals, and the helhedsplan of the series', async () => {
    const seeded = await seedReferatMeeting(t.db);
    await seedReferatContext(t.db, seeded);
    const referat = await loadReferat(t.db, seeded.meetingId);
    expect(referatSchema.parse(referat)).toEqual(referat);
    expect(referat.styringsdialog).toEqual({
      year: 2026,
      aftaler: [
        {
          title: 'Styringsdialogaftale KAB 2026',
          status: 'gaeldende',
          statusText: 'Gældende',
          organisations: ['KAB'],
          periodText: '1. januar 2026 – 31. december 2026',
          goals: [
            { text: 'Færre fraflytninger i Ølby', indicator: 'Fraflytningsprocent under 10', status: 'i_gang', statusText: 'I gang' },
            { text: 'Energirenovering af Søndre Grønning', indicator: '', status: 'naaet', statusText: 'Nået' },
          ],
        },
      ],
    });
    expect(referat.helhedsplaner).toEqual([helhedsplan]);
  });

  it('leaves the context out of the model when the option is off, and a deleted aftale out of the section', async () => {
    const seeded = await seedReferatMeeting(t.db);
    const { aftaleId } = await seedReferatContext(t.db, seeded);
    const off = await loadReferat(t.db, seeded.meetingId, { context: false });
    expect(off.styringsdialog).toBeNull();
    expect(off.helhedsplaner).toEqual([]);
    await deleteAftale(t.db, aftaleId);
    expect((await loadReferat(t.db, seeded.meetingId)).styringsdialog).toBeNull();
  });

  it('finds the cycle of a styringsdialog series meeting by the series organisations, kommune and year, but not a cycle that names another meeting', async () => {
    const first = await seedReferatMeeting(t.db);
    const series = await createSeries(t.db, seriesFieldsSchema.parse({ title: 'Styringsdialog KAB', kind: 'styringsdialog', kommuneId: koge, organisationIds: [first.organisationId] }));
    const seeded = await seedReferatMeeting(t.db, { seriesId: series.id, organisationId: first.organisationId });
    await seedReferatContext(t.db, seeded, { linkMeeting: false });
    const referat = await loadReferat(t.db, seeded.meetingId);
    expect(referat.styringsdialog?.aftaler.map((a) => a.title)).toEqual(['Styringsdialogaftale KAB 2026']);
    // Another year's meeting of the series is not this cycle's dialogmøde.
    const next = await createMeeting(t.db, { seriesId: series.id, kommuneId: koge, title: 'Styringsdialog 2027', startsAt: danishInstant('2027-10-05', 9), endsAt: null, place: '', status: 'planlagt', notes: '', inviteeIds: [], agenda: [] });
    expect((await loadReferat(t.db, next.id)).styringsdialog).toBeNull();
    // Once the cycle names a different meeting, the series meeting no longer shows it.
    const other = await createMeeting(t.db, { seriesId: null, kommuneId: koge, title: 'Fællesmøde', startsAt: danishInstant('2026-10-01', 9), endsAt: null, place: '', status: 'afholdt', notes: '', inviteeIds: [], agenda: [] });
    await saveStyringsdialog(t.db, { kommuneId: koge, organisationId: first.organisationId, year: 2026, meetingId: other.id });
    expect((await loadReferat(t.db, seeded.meetingId)).styringsdialog).toBeNull();
    expect((await loadReferat(t.db, other.id)).styringsdialog?.aftaler).toHaveLength(1);
    // An ordinary meeting (no series, no cycle) has no context at all.
    const plain = await createMeeting(t.db, { seriesId: null, kommuneId: koge, title: 'Kaffe', startsAt: danishInstant('2026-10-02', 9), endsAt: null, place: '', status: 'afholdt', notes: '', inviteeIds: [], agenda: [] });
    expect(await loadReferat(t.db, plain.id)).toMatchObject({ styringsdialog: null, helhedsplaner: [] });
  });

  it('names the helhedsplan once on the cover of its series document, not in each referat', async () => {
    const spring = await seedReferatMeeting(t.db, { startsAt: danishInstant('2026-03-10', 13), endsAt: danishInstant('2026-03-10', 15) });
    await seedReferatMeeting(t.db, { seriesId: spring.seriesId, organisationId: spring.organisationId });
    await seedReferatContext(t.db, spring);
    const collection = await loadReferatCollection(t.db, { seriesId: spring.seriesId });
    expect(referatCollectionSchema.parse(collection)).toEqual(collection);
    expect(collection.helhedsplaner).toEqual([helhedsplan]);
    expect(collection.referater.map((r) => r.helhedsplaner)).toEqual([[], []]);
    expect(collection.referater[0]?.styringsdialog?.aftaler).toHaveLength(1);
    // Collected by kommune, each referat names its own helhedsplan.
    const byKommune = await loadReferatCollection(t.db, { kommuneId: koge });
    expect(byKommune.helhedsplaner).toEqual([]);
    expect(byKommune.referater.every((r) => r.helhedsplaner.length === 1)).toBe(true);
  });
});
