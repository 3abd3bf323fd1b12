/**
 * The domain's vocabulary: the values of its enums, and the few constants and
 * helpers over them that the first view needs. No zod here, so the renderer's
 * first view loads without the contract's schemas (they load when needed);
 * common/domain.ts, boligomraader.domain.ts and search.domain.ts build their
 * schemas on these values and export them on.
 * Adding a value to an enum? Add its Danish label in common/labels.da.ts and its English one in renderer/src/i18n/en.ts.
 */

export const organisationKinds = ['boligorganisation', 'kommunal_forvaltning', 'politisk_udvalg', 'helhedsplan', 'bl', 'andet'] as const;
export const affiliationKinds = ['politiker', 'embedsmand', 'boligorganisation', 'beboerdemokrat', 'andet'] as const;
export const meetingSeriesKinds = ['kommunesamarbejde', 'styringsdialog', 'helhedsplan', 'valgmoede', 'netvaerk', 'andet'] as const;
export const meetingStatuses = ['planlagt', 'afholdt', 'aflyst'] as const;
export const attendanceStatuses = ['inviteret', 'deltog', 'afbud'] as const;
export const attendanceRoles = ['ordstyrer', 'referent'] as const;
export const followUpStatuses = ['aaben', 'i_gang', 'udfoert', 'annulleret'] as const;
export const languages = ['da', 'en'] as const;

export type OrganisationKind = (typeof organisationKinds)[number];
export type AffiliationKind = (typeof affiliationKinds)[number];
export type MeetingSeriesKind = (typeof meetingSeriesKinds)[number];
export type MeetingStatus = (typeof meetingStatuses)[number];
export type FollowUpStatus = (typeof followUpStatuses)[number];
export type AttendanceStatus = (typeof attendanceStatuses)[number];
export type AttendanceRole = (typeof attendanceRoles)[number];
export type Language = (typeof languages)[number];

/**
 * Boligområder and the ministry's lists of 1 December (issue 17).
 *
 * Every 1 December the minister for housing (today Social-, Bolig- og
 * Ældreministeriet, earlier Indenrigs- og Boligministeriet) publishes the lists
 * of almenboligloven § 61 a: forebyggelsesområder (§ 61 a, stk. 1),
 * udsatte boligområder (stk. 2), parallelsamfund (stk. 3) and
 * omdannelsesområder (stk. 4–5; a parallelsamfund for the last five years).
 * An area can be on more than one list in a year (every parallelsamfund is
 * also an udsat boligområde). An omdannelsesområde must cut its almene
 * familieboliger to at most 40 % by 2030 (udviklingsplan, § 168 a), and the
 * lists drive the letting rules (§ 51 b–c, § 59–60).
 * Sources: https://www.sbst.dk/bolig/udsatte-boligomraader-og-parallelsamfund/omraadeafgraensninger-
 * and https://bl.dk/viden-kartotek/forebyggelsesomraader-og-udsatte-omraader
 *
 * Adding a category? Also add its label in common/labels.da.ts and the i18n
 * parts, and widen the CHECK of `boligomraade_status` in a new migration.
 */
export const boligomraadeCategories = ['forebyggelsesomraade', 'udsat_boligomraade', 'parallelsamfund', 'omdannelsesomraade'] as const;
export type BoligomraadeCategory = (typeof boligomraadeCategories)[number];

/** The gravest category first: the one an area's colour on the map and its badge show. */
export const categoriesBySeverity: readonly BoligomraadeCategory[] = ['omdannelsesomraade', 'parallelsamfund', 'udsat_boligomraade', 'forebyggelsesomraade'];

/** The gravest of some categories, or null when none. */
export function gravestCategory(categories: readonly BoligomraadeCategory[]): BoligomraadeCategory | null {
  return categoriesBySeverity.find((c) => categories.includes(c)) ?? null;
}

/** What the command palette can find, in the order its groups are shown. */
export const searchKinds = ['kommune', 'organisation', 'contact', 'series', 'meeting', 'agenda_item', 'follow_up', 'contact_log', 'aftale', 'boligomraade', 'styringsdialog', 'helhedsplan'] as const;
export type SearchKind = (typeof searchKinds)[number];

