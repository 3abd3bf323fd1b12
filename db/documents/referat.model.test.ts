import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { referatCollectionSchema, referatSchema } from '../../common/documents/referat.model';
import { danishInstant } from '../../common/time';
import { createTestDatabase } from '../testing/test-database';
import { deleteMeeting, updateMeeting } from '../meetings/meetings.repository';
import { updateSettings } from '../settings/settings.repository';
import { loadReferat, loadReferatCollection } from './referat.model';
import { hostileMinutes, koge, seedReferatMeeting } from './referat.test-data';

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
