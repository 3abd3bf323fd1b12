import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactFieldsSchema, organisationCreateInputSchema } from '../../common/domain';
import { createAftale } from '../aftaler/aftaler.repository';
import { createContact } from '../contacts/contacts.repository';
import { mergeRecords } from '../duplicates/duplicates.repository';
import { getDashboardStyringsdialog } from '../dashboard/dashboard.repository';
import { collectPersonData, eraseContact } from '../gdpr/gdpr.repository';
import { derivedId } from '../ids';
import { databaseDigest } from '../maintenance';
import { getMeeting, updateMeeting } from '../meetings/meetings.repository';
import { createOrganisation } from '../organisations/organisations.repository';
import { search } from '../search/search.repository';
import { createTestDatabase } from '../testing/test-database';
import { getStyringsdialog, organisationStyringsdialoger, planStyringsdialogMeeting, saveStyringsdialog, styringsdialogBoard, styringsdialogId } from './styringsdialog.repository';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const koege = derivedId('kommune', 259);
const roskilde = derivedId('kommune', 265);
const org = (name: string, kommuneIds = [koege]) => createOrganisation(t.db, organisationCreateInputSchema.parse({ name, kind: 'boligorganisation', kommuneIds }));
const person = (name: string) => createContact(t.db, contactFieldsSchema.parse({ name, emails: [], phones: [], notes: '' }), []);

describe('the styringsdialog cycle', () => {
  it('lists every kommune × boligorganisation pair of the year, unstarted until a step is recorded', async () => {
    const kab = await org('KAB');
    const vib = await org('Vibo', [koege, roskilde]);
    await createOrganisation(t.db, organisationCreateInputSchema.parse({ name: 'Køge Kommune Ejendomme', kind: 'andet', kommuneIds: [koege] }));
    const board = await styringsdialogBoard(t.db, { year: 2026, kommuneIds: [koege, roskilde] }, '2026-03-01');
    expect(board.map((r) => [r.kommune.name, r.organisation.name, r.stage, r.stored])).toEqual([
      ['Køge', 'KAB', 'ikke_startet', false],
      ['Køge', 'Vibo', 'ikke_startet', false],
      ['Roskilde', 'Vibo', 'ikke_startet', false],
    ]);
    expect(board[0]!.id).toBe(styringsdialogId({ kommuneId: koege, organisationId: kab.id, year: 2026 }));
    expect(vib.id).toBeTruthy();
  });

  it('records steps with a date and who, one row per pair and year whose id both laptops derive alike', async () => {
    const kab = await org('KAB');
    const mette = await person('Mette Ørsted');
    const pair = { kommuneId: koege, organisationId: kab.id, year: 2026 };
    await saveStyringsdialog(t.db, { ...pair, pakke: { date: '2026-05-20', contactId: mette.id, who: 'Via LBF-portalen' } }, '2026-06-01');
    const saved = await saveStyringsdialog(t.db, { ...pair, notes: 'Ønsker aftale om grønne områder' }, '2026-06-01');
    expect(saved).toMatchObject({ id: derivedId('styringsdialog', koege, kab.id, 2026), stored: true, stage: 'pakke_modtaget', notes: 'Ønsker aftale om grønne områder' });
    expect(saved.steps.pakke).toEqual({ date: '2026-05-20', contact: { id: mette.id, name: 'Mette Ørsted' }, who: 'Via LBF-portalen' });
    expect(t.sqlite.prepare('SELECT count(*) FROM styringsdialog').pluck().get()).toBe(1);
    expect((await search(t.db, 'grønne områder')).hits.map((h) => [h.kind, h.href])).toEqual([['styringsdialog', `/styringsdialog/${koege}/${kab.id}/2026`]]);
  });

  it('refuses a bad date or an unknown contact with a Danish message and changes nothing', async () => {
    const kab = await org('KAB');
    const pair = { kommuneId: koege, organisationId: kab.id, year: 2026 };
    await expect(saveStyringsdialog(t.db, { ...pair, pakke: { date: '2026-02-30' } })).rejects.toThrow();
    await expect(saveStyringsdialog(t.db, { ...pair, referat: { contactId: derivedId('contact', 'nobody') } })).rejects.toThrow('Kontakten findes ikke.');
    expect(t.sqlite.prepare('SELECT count(*) FROM styringsdialog').pluck().get()).toBe(0);
  });

  it('tells what is late by the rules: pakke before the meeting, meeting within the year, referat within four weeks', async () => {
    const kab = await org('KAB');
    const pair = { kommuneId: koege, organisationId: kab.id, year: 2026 };
    expect((await getStyringsdialog(t.db, pair, '2026-07-01')).late).toEqual([{ checkpoint: 'pakke', due: '2026-06-30' }]);
    const { meetingId } = await planStyringsdialogMeeting(t.db, { ...pair, organisationIds: [kab.id], startsAt: '2026-10-06T08:00:00.000Z' }, '2026-07-01');
    expect((await getStyringsdialog(t.db, pair, '2026-09-30')).late).toEqual([{ checkpoint: 'pakke', due: '2026-09-22' }]);
    await saveStyringsdialog(t.db, { ...pair, pakke: { date: '2026-09-01' } });
    expect((await getStyringsdialog(t.db, pair, '2026-10-07')).late).toEqual([{ checkpoint: 'moede', due: '2026-10-06' }]);
    await updateMeeting(t.db, meetingId, { status: 'afholdt' });
    const after = await getStyringsdialog(t.db, pair, '2026-11-10');
    expect(after).toMatchObject({ stage: 'moede_afholdt', late: [{ checkpoint: 'aftaler', due: '2026-11-03' }, { checkpoint: 'referat', due: '2026-11-03' }] });
    await saveStyringsdialog(t.db, { ...pair, aftaler: { date: '2026-10-06' }, referat: { date: '2026-10-20', who: 'Boligafdelingen' } });
    expect(await getStyringsdialog(t.db, pair, '2026-11-10')).toMatchObject({ stage: 'referat_sendt', late: [] });
  });

  it('plans the meeting in the kommune’s styringsdialog series with last year’s aftale and its goals’ status on the agenda', async () => {
    const kab = await org('KAB');
    const aftale = await createAftale(t.db, {
      kind: 'styringsdialog_aftale',
      title: 'Styringsdialogaftale 2025',
      status: 'gaeldende',
      kommuneId: koege,
      organisationIds: [kab.id],
      fromDate: '2025-11-01',
      goals: [
        { text: 'Lavere tomgang i Ellemarken', indicator: 'Tomgangsdage pr. år', status: 'naaet' },
        { text: 'Flere beboere i beskæftigelse', indicator: '', status: 'i_gang' },
      ],
    });
    await saveStyringsdialog(t.db, { kommuneId: koege, organisationId: kab.id, year: 2025, aftaleId: aftale.id });
    const { meetingId } = await planStyringsdialogMeeting(t.db, { kommuneId: koege, organisationIds: [kab.id], year: 2026 }, '2026-09-01');
    const meeting = await getMeeting(t.db, meetingId);
    expect(meeting).toMatchObject({ title: 'Styringsdialog 2026 – KAB og Køge Kommune', status: 'planlagt' });
    expect(meeting.series).toMatchObject({ title: 'Styringsdialog Køge 2026', kind: 'styringsdialog' });
    expect(meeting.agenda.map((a) => a.title)).toEqual([
      'Velkomst og godkendelse af dagsorden',
      'Opfølgning på Styringsdialogaftale 2025',
      'Mål: Lavere tomgang i Ellemarken',
      'Mål: Flere beboere i beskæftigelse',
      'Styringsrapport og dokumentationspakke',
      'Nye aftaler for 2026',
      'Eventuelt',
    ]);
    expect(meeting.agenda[1]!.description).toBe('Aftalen fra styringsdialogen 2025: 2 mål — 1 i gang, 1 nået.');
    expect(meeting.agenda[2]!.description).toBe('Status ved styringsdialogen 2025: nået.\nIndikator: Tomgangsdage pr. år.');
    const cycle = await getStyringsdialog(t.db, { kommuneId: koege, organisationId: kab.id, year: 2026 }, '2026-09-01');
    expect(cycle).toMatchObject({ stage: 'moede_planlagt', meeting: { id: meetingId, source: 'record', shared: false } });
    // The Overblik dashboard and the kommune hub read the same meeting.
    const dashboard = await getDashboardStyringsdialog(t.db, { myKredse: [], now: new Date('2026-09-01T10:00:00Z') });
    expect(dashboard.rows.find((r) => r.organisationId === kab.id)).toMatchObject({ state: 'planlagt', meetingId });
  });

  it('plans one joint meeting for several organisations, shared by their cycles', async () => {
    const kab = await org('KAB');
    const vib = await org('Vibo');
    const { meetingId } = await planStyringsdialogMeeting(t.db, { kommuneId: koege, organisationIds: [vib.id, kab.id], year: 2026 }, '2026-09-01');
    expect((await getMeeting(t.db, meetingId)).title).toBe('Styringsdialog 2026 – fællesmøde, Køge Kommune');
    const board = await styringsdialogBoard(t.db, { year: 2026, kommuneIds: [koege] }, '2026-09-01');
    expect(board.map((r) => [r.organisation.name, r.meeting?.id, r.meeting?.shared])).toEqual([
      ['KAB', meetingId, true],
      ['Vibo', meetingId, true],
    ]);
  });

  it('lists an organisation’s cycles by year, newest first', async () => {
    const kab = await org('KAB');
    await saveStyringsdialog(t.db, { kommuneId: koege, organisationId: kab.id, year: 2024, referat: { date: '2024-12-01' } });
    const list = await organisationStyringsdialoger(t.db, kab.id, '2026-03-01');
    expect(list.map((r) => [r.year, r.kommune.name, r.stage])).toEqual([
      [2026, 'Køge', 'ikke_startet'],
      [2024, 'Køge', 'referat_sendt'],
    ]);
  });

  it('moves the cycles of a merged organisation to the survivor, and a merged contact’s steps to the surviving contact', async () => {
    const kab = await org('KAB');
    const kab2 = await org('KAB (dublet)');
    const a = await person('Mette Ørsted');
    const b = await person('Mette Ørsted (dublet)');
    await saveStyringsdialog(t.db, { kommuneId: koege, organisationId: kab2.id, year: 2026, pakke: { date: '2026-05-01', contactId: b.id } });
    await mergeRecords(t.db, { table: 'contact', survivorId: a.id, mergedId: b.id });
    await mergeRecords(t.db, { table: 'organisation', survivorId: kab.id, mergedId: kab2.id });
    const cycle = await getStyringsdialog(t.db, { kommuneId: koege, organisationId: kab.id, year: 2026 }, '2026-06-01');
    expect(cycle).toMatchObject({ stored: true, steps: { pakke: { date: '2026-05-01', contact: { id: a.id } } } });
    expect(t.sqlite.prepare('SELECT count(*) FROM styringsdialog WHERE deleted_at IS NULL').pluck().get()).toBe(1);
  });

  it('lists a contact named as who in the access export, and erasure clears it', async () => {
    const kab = await org('KAB');
    const mette = await person('Mette Ørsted');
    const pair = { kommuneId: koege, organisationId: kab.id, year: 2026 };
    await saveStyringsdialog(t.db, { ...pair, referat: { date: '2026-11-02', contactId: mette.id, who: 'Mette Ørsted, boligchef' }, notes: 'Mette vil have referatet inden jul.' });
    const data = await collectPersonData(t.db, mette.id);
    expect(data.styringsdialogSteps).toEqual([
      expect.objectContaining({ year: 2026, kommuneNavn: 'Køge', organisationName: 'KAB', step: 'Referat/aftale sendt', date: '2026-11-02', who: 'Mette Ørsted, boligchef', notes: 'Mette vil have referatet inden jul.' }),
    ]);
    expect(data.mentions).toEqual(expect.arrayContaining([expect.objectContaining({ table: 'styringsdialog', field: 'referat_contact_id', current: true })]));
    await eraseContact(t, mette.id);
    const cycle = await getStyringsdialog(t.db, pair, '2026-12-01');
    expect(cycle.steps.referat).toEqual({ date: '2026-11-02', contact: null, who: '' });
    expect(JSON.stringify(t.sqlite.prepare("SELECT value FROM sync_op WHERE tbl = 'styringsdialog'").pluck().all())).not.toContain('boligchef');
    expect(databaseDigest(t.sqlite)).toMatch(/^[0-9a-f]{64}$/);
  });
});
