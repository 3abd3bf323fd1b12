import type { Kysely } from 'kysely';
import { danishDayText, danishPeriodText, meetingWhen } from '../../common/documents/referat.format';
import { defaultReferatOptions, type Referat, type ReferatCollection, type ReferatCollectionFilter, type ReferatOptions, type ReferatPerson } from '../../common/documents/referat.model';
import type { Attendance } from '../../common/meetings.domain';
import { AppError } from '../../common/result';
import { compareDanish } from '../../common/text-fold';
import { addDanishDays, danishInstant } from '../../common/time';
import { getMeeting, listMeetings } from '../meetings/meetings.repository';
import { consultantOwnerName, getSettings } from '../settings/settings.repository';
import type { Database } from '../schema';
import { helhedsplanerOfSeries, styringsdialogOfMeeting } from './referat.context';

/** A collection larger than this is almost certainly a mistaken filter (and a very slow PDF). */
export const maxCollectionMeetings = 300;


const person = (a: Attendance): ReferatPerson => ({ name: a.contactName, roleLine: a.roleLine });
/** In Danish alphabetical order (SQLite's would put Å before Æ and Ø). */
const people = (attendance: readonly Attendance[], status: Attendance['status']) =>
  attendance
    .filter((a) => a.status === status)
    .map(person)
    .sort((a, b) => compareDanish(a.name, b.name));

/**
 * Everything a referat shows, read once and formatted in Danish.
 * Sections switched off in `options` are left out of the model entirely, so
 * no renderer can leak them.
 *
 * @example const referat = await loadReferat(db, meetingId, { afbud: false });
 */
export async function loadReferat(db: Kysely<Database>, meetingId: string, options: Partial<ReferatOptions> = {}): Promise<Referat> {
  const sections: ReferatOptions = { ...defaultReferatOptions, ...options };
  const meeting = await getMeeting(db, meetingId);
  if (meeting.deletedAt) throw new AppError('NOT_FOUND', 'Mødet er slettet.');
  const settings = await getSettings(db);
  const consultantName = settings.userName.trim();
  const consultantOwner = consultantOwnerName(settings);
  const kommune = meeting.kommune ? await db.selectFrom('kommune').select('navn').where('id', '=', meeting.kommune.id).executeTakeFirst() : undefined;
  const withRole = (role: 'ordstyrer' | 'referent') => {
    const holder = meeting.attendance.find((a) => a.role === role);
    return holder ? person(holder) : null;
  };
  return {
    meetingId: meeting.id,
    title: meeting.title,
    kommune: kommune ? { name: kommune.navn, label: `${kommune.navn} Kommune` } : null,
    series: meeting.series ? { title: meeting.series.title, kind: meeting.series.kind } : null,
    status: meeting.status,
    ...meetingWhen(meeting.startsAt, meeting.endsAt),
    place: meeting.place,
    ordstyrer: withRole('ordstyrer'),
    referent: withRole('referent'),
    participants: sections.participants ? people(meeting.attendance, 'deltog') : [],
    afbud: sections.afbud ? people(meeting.attendance, 'afbud') : [],
    agenda: meeting.agenda.map((item, index) => ({
      number: index + 1,
      kind: item.kind,
      title: item.title,
      presenter: item.presenter,
      description: sections.description ? item.description : '',
      minutes: sections.minutes ? item.minutes : '',
      decision: sections.decisions ? item.decision : '',
    })),
    // Cancelled follow-ups were never agreed actions, so the kommune does not get them.
    followUps: sections.followUps
      ? meeting.followUps
          .filter((f) => f.status !== 'annulleret')
          .map((f) => ({
            title: f.title,
            owner: f.ownerIsMe ? consultantOwner : (f.ownerName ?? ''),
            dueDate: f.dueDate,
            dueText: f.dueDate ? danishDayText(f.dueDate) : null,
            status: f.status,
          }))
      : [],
    consultantName,
    styringsdialog: sections.context ? await styringsdialogOfMeeting(db, { id: meeting.id, startsAt: meeting.startsAt, kommuneId: meeting.kommune?.id ?? null, series: meeting.series }) : null,
    helhedsplaner: sections.context && meeting.series ? await helhedsplanerOfSeries(db, meeting.series.id) : [],
    sections,
  };
}

const kindLabels: Record<NonNullable<ReferatCollectionFilter['kind']>, string> = {
  kommunesamarbejde: 'Kommunesamarbejde',
  styringsdialog: 'Styringsdialog',
  helhedsplan: 'Helhedsplan',
  valgmoede: 'Valgmøde',
  netvaerk: 'Netværk',
  andet: 'Andre møder',
};

/**
 * The referater of several meetings (a series, a kommune, a kind of meeting,
 * optionally within a period of Danish dates, both ends included), oldest
 * first. Cancelled meetings are left out: they have nothing to report.
 */
export async function loadReferatCollection(db: Kysely<Database>, filter: ReferatCollectionFilter, options: Partial<ReferatOptions> = {}): Promise<ReferatCollection> {
  const meetings = (
    await listMeetings(db, {
      seriesId: filter.seriesId,
      kommuneId: filter.kommuneId,
      from: filter.from ? danishInstant(filter.from, 0) : undefined,
      to: filter.to ? danishInstant(addDanishDays(filter.to, 1), 0) : undefined,
    })
  ).filter((m) => m.status !== 'aflyst' && (filter.kind === undefined || m.series?.kind === filter.kind));
  if (meetings.length > maxCollectionMeetings) {
    throw new AppError('VALIDATION', `Udvalget rummer ${meetings.length} møder; højst ${maxCollectionMeetings} kan samles i ét dokument. Vælg en kortere periode.`);
  }
  // A series document names the series' helhedsplaner once on its cover, not again in each referat.
  const helhedsplaner = filter.seriesId && options.context !== false ? await helhedsplanerOfSeries(db, filter.seriesId) : [];
  const onCover = new Set(helhedsplaner.map((h) => h.name));
  const referater: Referat[] = [];
  for (const m of meetings) {
    const referat = await loadReferat(db, m.id, options);
    referater.push({ ...referat, helhedsplaner: referat.helhedsplaner.filter((h) => !onCover.has(h.name)) });
  }
  return { title: await collectionTitle(db, filter), periodText: danishPeriodText(filter.from ?? null, filter.to ?? null), helhedsplaner, referater };
}

async function collectionTitle(db: Kysely<Database>, filter: ReferatCollectionFilter): Promise<string> {
  if (filter.seriesId) {
    const series = await db.selectFrom('meeting_series').select('title').where('id', '=', filter.seriesId).executeTakeFirst();
    if (!series) throw new AppError('NOT_FOUND', 'Møderækken findes ikke.');
    return series.title;
  }
  const parts: string[] = [];
  if (filter.kind) parts.push(kindLabels[filter.kind]);
  if (filter.kommuneId) {
    const kommune = await db.selectFrom('kommune').select('navn').where('id', '=', filter.kommuneId).executeTakeFirst();
    if (!kommune) throw new AppError('NOT_FOUND', 'Kommunen findes ikke.');
    parts.push(`${kommune.navn} Kommune`);
  }
  return parts.join(', ');
}
