import type { AftaleGoalStatus, AftaleKind, AftaleStatus } from './aftaler.domain';
import type { BoligomraadeCategory } from './boligomraader.domain';
import type { HelhedsplanBody, HelhedsplanDeadlineKind, HelhedsplanStatus } from './helhedsplaner.domain';
import type { ContactLogKind } from './relationships.domain';
import type { StyringsdialogCheckpoint, StyringsdialogStage } from './styringsdialog.domain';
import type { AffiliationKind, AttendanceRole, AttendanceStatus, FollowUpStatus, MeetingSeriesKind, MeetingStatus, OrganisationKind } from './domain';

/**
 * The one table of Danish labels for the domain enums (common/domain.ts),
 * shared by the Danish UI (renderer/src/i18n/da.ts builds its `kinds.*`,
 * `meetings.status`, `followUps.status`, … from it) and every export that
 * writes Danish words for them (spreadsheets, the GDPR access export). The
 * English labels stay in renderer/src/i18n/en.ts. Adding a value to an enum
 * is a compile error here until it has its label.
 */
export const danishLabels = {
  organisationKind: {
    boligorganisation: 'Boligorganisation',
    kommunal_forvaltning: 'Kommunal forvaltning',
    politisk_udvalg: 'Politisk udvalg',
    helhedsplan: 'Boligsocial helhedsplan',
    bl: 'BL',
    andet: 'Andet',
  } satisfies Record<OrganisationKind, string>,
  affiliationKind: {
    politiker: 'Politiker',
    embedsmand: 'Embedsmand',
    boligorganisation: 'Boligorganisation',
    beboerdemokrat: 'Beboerdemokrat',
    andet: 'Andet',
  } satisfies Record<AffiliationKind, string>,
  meetingSeriesKind: {
    kommunesamarbejde: 'Kommunesamarbejde',
    styringsdialog: 'Styringsdialog',
    helhedsplan: 'Boligsocial helhedsplan',
    valgmoede: 'Valgmøde',
    netvaerk: 'Netværksmøde',
    andet: 'Andet',
  } satisfies Record<MeetingSeriesKind, string>,
  meetingStatus: { planlagt: 'Planlagt', afholdt: 'Afholdt', aflyst: 'Aflyst' } satisfies Record<MeetingStatus, string>,
  attendanceStatus: { inviteret: 'Inviteret', deltog: 'Deltog', afbud: 'Afbud' } satisfies Record<AttendanceStatus, string>,
  attendanceRole: { ordstyrer: 'Ordstyrer', referent: 'Referent' } satisfies Record<AttendanceRole, string>,
  followUpStatus: { aaben: 'Åben', i_gang: 'I gang', udfoert: 'Udført', annulleret: 'Annulleret' } satisfies Record<FollowUpStatus, string>,
  contactLogKind: { telefon: 'Telefon', mail: 'Mail', moede: 'Møde', andet: 'Andet' } satisfies Record<ContactLogKind, string>,
  aftaleKind: {
    samarbejdsaftale: 'Samarbejdsaftale',
    udlejningsaftale: 'Udlejningsaftale',
    anvisningsaftale: 'Anvisningsaftale',
    boligsocial_samarbejdsaftale: 'Boligsocial samarbejdsaftale',
    styringsdialog_aftale: 'Styringsdialogaftale',
    andet: 'Andet',
  } satisfies Record<AftaleKind, string>,
  aftaleStatus: { udkast: 'Udkast', gaeldende: 'Gældende', genforhandles: 'Genforhandles', udloebet: 'Udløbet', opsagt: 'Opsagt' } satisfies Record<AftaleStatus, string>,
  boligomraadeCategory: {
    forebyggelsesomraade: 'Forebyggelsesområde',
    udsat_boligomraade: 'Udsat boligområde',
    parallelsamfund: 'Parallelsamfund',
    omdannelsesomraade: 'Omdannelsesområde',
  } satisfies Record<BoligomraadeCategory, string>,
  aftaleGoalStatus: { ikke_startet: 'ikke startet', i_gang: 'i gang', naaet: 'nået', ikke_naaet: 'ikke nået' } satisfies Record<AftaleGoalStatus, string>,
  styringsdialogStage: {
    ikke_startet: 'Ikke startet',
    pakke_modtaget: 'Pakke modtaget',
    moede_planlagt: 'Møde planlagt',
    moede_afholdt: 'Møde afholdt',
    aftaler_indgaaet: 'Aftaler indgået',
    referat_sendt: 'Referat sendt',
    afsluttet: 'Redegørelse offentliggjort',
  } satisfies Record<StyringsdialogStage, string>,
  styringsdialogCheckpoint: {
    pakke: 'Dokumentationspakke',
    moede: 'Dialogmøde',
    aftaler: 'Aftaler',
    referat: 'Referat/aftale',
    redegoerelse: 'Redegørelse',
  } satisfies Record<StyringsdialogCheckpoint, string>,
  helhedsplanStatus: { forberedelse: 'Under forberedelse', godkendt: 'Godkendt', aktiv: 'I gang', afsluttet: 'Afsluttet', afbrudt: 'Afbrudt' } satisfies Record<HelhedsplanStatus, string>,
  helhedsplanBody: { bestyrelse: 'Boligsocial bestyrelse', styregruppe: 'Styregruppe', foelgegruppe: 'Følgegruppe', projektleder: 'Projektleder' } satisfies Record<HelhedsplanBody, string>,
  helhedsplanDeadlineKind: {
    aarsstatus: 'Årlig status',
    midtvejsevaluering: 'Midtvejsevaluering',
    slutevaluering: 'Slutevaluering',
    regnskab: 'Regnskab',
    ansoegning: 'Ansøgning',
    andet: 'Andet',
  } satisfies Record<HelhedsplanDeadlineKind, string>,
} as const;

export type DanishLabelTable = keyof typeof danishLabels;

/**
 * The Danish label of a stored enum value, for readers that hold it as a plain
 * string (raw rows): a value this version does not know (written by a newer
 * installation and synced here) is shown as it is rather than dropped; null is ''.
 */
export function danishLabel(table: DanishLabelTable, value: string | null): string {
  if (value === null) return '';
  const labels: Readonly<Record<string, string>> = danishLabels[table];
  return Object.hasOwn(labels, value) ? labels[value]! : value;
}
