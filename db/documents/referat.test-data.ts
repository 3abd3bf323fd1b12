import type { Kysely } from 'kysely';
import { affiliationFieldsSchema, organisationFieldsSchema } from '../../common/domain';
import { followUpFieldsSchema, seriesFieldsSchema } from '../../common/meetings.domain';
import { danishInstant } from '../../common/time';
import { createContact } from '../contacts/contacts.repository';
import { createFollowUp } from '../follow-ups/follow-ups.repository';
import { derivedId } from '../ids';
import { createMeeting, setAttendance, updateAgendaItem } from '../meetings/meetings.repository';
import { createSeries } from '../meetings/series.repository';
import { createOrganisation } from '../organisations/organisations.repository';
import type { Database } from '../schema';
import { createAftale } from '../aftaler/aftaler.repository';
import { createHelhedsplan } from '../helhedsplaner/helhedsplaner.repository';
import { saveStyringsdialog } from '../styringsdialog/styringsdialog.repository';
import { updateSettings } from '../settings/settings.repository';

/** Test-only: a realistic styringsdialog in Køge with a full referat, written through the real repositories. */
export const koge = derivedId('kommune', 259);
export const hostileMinutes = '<script>alert(1)</script> og <b>fed</b> & **ikke fed** # ingen overskrift';

export async function seedReferatMeeting(db: Kysely<Database>, overrides: { startsAt?: string; endsAt?: string; seriesId?: string; organisationId?: string } = {}) {
  await updateSettings(db, { userName: 'Søren Ærøskøbing' });
  const kab = overrides.organisationId
    ? { id: overrides.organisationId }
    : await createOrganisation(db, organisationFieldsSchema.parse({ name: 'KAB', kind: 'boligorganisation', kommuneIds: [koge] }));
  const role = (fields: Record<string, unknown>) => affiliationFieldsSchema.parse(fields) as Parameters<typeof createContact>[2][number];
  const contact = (name: string, affiliations: Parameters<typeof createContact>[2] = []) => createContact(db, { name, emails: [], phones: [], notes: '' }, affiliations);
  const borgmester = await contact('Marie Stjernqvist', [role({ title: 'Borgmester', kind: 'politiker', kommuneId: koge })]);
  const direktor = await contact('Bjørn Ålund', [role({ title: 'Direktør', kind: 'boligorganisation', organisationId: kab.id })]);
  const chef = await contact('Åse Løvgren', [role({ title: 'Boligchef', kind: 'embedsmand', kommuneId: koge })]);
  const fravaerende = await contact('Jørgen Æbelø', [role({ title: 'Formand', kind: 'beboerdemokrat', organisationId: kab.id })]);
  const seriesId =
    overrides.seriesId ??
    (await createSeries(db, seriesFieldsSchema.parse({ title: 'Styringsdialog Køge 2026', kind: 'styringsdialog', kommuneId: koge }))).id;
  const meeting = await createMeeting(db, {
    seriesId,
    kommuneId: koge,
    title: 'Styringsdialog',
    startsAt: overrides.startsAt ?? danishInstant('2026-11-24', 9),
    endsAt: overrides.endsAt ?? danishInstant('2026-11-24', 11),
    place: 'Køge Rådhus, mødelokale 2',
    status: 'afholdt',
    notes: '',
    inviteeIds: [],
    agenda: [
      { title: 'Velkomst og godkendelse af dagsorden', kind: 'normal', description: '', presenter: 'Marie Stjernqvist', plannedMinutes: 10 },
      { title: 'Styringsrapporten for 2025', kind: 'normal', description: 'Gennemgang af nøgletal for afdelingerne i Ølby.', presenter: '', plannedMinutes: 45 },
      { title: 'Boligsocial indsats i Søndre Grønning', kind: 'normal', description: '', presenter: 'Bjørn Ålund', plannedMinutes: 30 },
      { title: 'Eventuelt', kind: 'normal', description: '', presenter: '', plannedMinutes: null },
    ],
  });
  const [first, second, third] = meeting.agenda;
  await updateAgendaItem(db, first!.id, { minutes: 'Dagsordenen blev godkendt uden ændringer.' });
  await updateAgendaItem(db, second!.id, { minutes: `Huslejeniveauet blev drøftet.\nUdlejningen i Ølby går bedre end ventet.\n\n${hostileMinutes}`, decision: 'Parterne aftalte at følge udviklingen i ventelisterne.' });
  await updateAgendaItem(db, third!.id, { minutes: 'KAB orienterede om fremdriften.', decision: 'Kommunen undersøger medfinansiering.\nSvar gives inden årsskiftet.' });
  await setAttendance(db, meeting.id, borgmester.id, 'deltog', 'ordstyrer');
  await setAttendance(db, meeting.id, direktor.id, 'deltog', null);
  await setAttendance(db, meeting.id, chef.id, 'deltog', 'referent');
  await setAttendance(db, meeting.id, fravaerende.id, 'afbud', null);
  const followUp = (fields: Record<string, unknown>) => createFollowUp(db, followUpFieldsSchema.parse({ sourceMeetingId: meeting.id, ...fields }));
  await followUp({ title: 'Send ventelistetal for Ølby', ownerContactId: direktor.id, dueDate: '2026-12-01' });
  await followUp({ title: 'Indkald til opfølgende møde', ownerIsMe: true, dueDate: '2027-01-15' });
  await followUp({ title: 'Afklar medfinansiering', ownerContactId: chef.id });
  await followUp({ title: 'Droppet idé', status: 'annulleret' });
  return { meetingId: meeting.id, seriesId, organisationId: kab.id, people: { borgmester, direktor, chef, fravaerende } };
}

/**
 * Test-only: the issue-17 context around a seeded meeting: KAB's styringsdialogaftale for 2026
 * (the aftale the 2026 cycle of Køge × KAB ended in, optionally naming the meeting) and a
 * helhedsplan linked to the meeting's series.
 */
export async function seedReferatContext(db: Kysely<Database>, seeded: { meetingId: string; seriesId: string; organisationId: string }, options: { linkMeeting?: boolean } = {}) {
  const aftale = await createAftale(db, {
    kind: 'styringsdialog_aftale',
    title: 'Styringsdialogaftale KAB 2026',
    status: 'gaeldende',
    kommuneId: koge,
    organisationIds: [seeded.organisationId],
    fromDate: '2026-01-01',
    toDate: '2026-12-31',
    goals: [
      { text: 'Færre fraflytninger i Ølby', indicator: 'Fraflytningsprocent under 10', status: 'i_gang' },
      { text: 'Energirenovering af Søndre Grønning', indicator: '', status: 'naaet' },
    ],
  });
  await saveStyringsdialog(db, { kommuneId: koge, organisationId: seeded.organisationId, year: 2026, aftaleId: aftale.id, ...(options.linkMeeting === false ? {} : { meetingId: seeded.meetingId }) });
  const helhedsplan = await createHelhedsplan(db, {
    name: 'Helhedsplan Ølby 2023–2026',
    status: 'aktiv',
    kommuneId: koge,
    fromDate: '2023-01-01',
    toDate: '2026-12-31',
    indsatsomraadeIds: [derivedId('indsatsomraade', '2019-01-01', 'uddannelse'), derivedId('indsatsomraade', '2019-01-01', 'beskaeftigelse')],
    seriesIds: [seeded.seriesId],
  });
  return { aftaleId: aftale.id, helhedsplanId: helhedsplan.id };
}
