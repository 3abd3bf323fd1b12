import { sql, type Kysely } from 'kysely';
import { danishPeriodText } from '../../common/documents/referat.format';
import type { ReferatAftale, ReferatHelhedsplan, ReferatStyringsdialog } from '../../common/documents/referat.model';
import { danishLabels } from '../../common/labels.da';
import { AppError } from '../../common/result';
import { compareDanish } from '../../common/text-fold';
import { danishDate } from '../../common/time';
import { getAftale } from '../aftaler/aftaler.repository';
import { getHelhedsplan } from '../helhedsplaner/helhedsplaner.repository';
import type { Database } from '../schema';

/**
 * The issue-17 context of a referat, read for the referat model
 * (referat.model.ts): the helhedsplaner a meeting series belongs to, and the
 * aftaler a styringsdialog dialogmøde ended in.
 */

const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase('da') + text.slice(1);

/** A record removed meanwhile (another laptop deleted it) is simply left out of the document. */
async function unlessGone<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/** The live helhedsplaner linked to a meeting series, in Danish order, each with its funding period and indsatsområder. */
export async function helhedsplanerOfSeries(db: Kysely<Database>, seriesId: string): Promise<ReferatHelhedsplan[]> {
  const links = await db
    .selectFrom('helhedsplan_series as l')
    .innerJoin('helhedsplan as h', 'h.id', 'l.helhedsplan_id')
    .select('h.id')
    .where('l.series_id', '=', seriesId)
    .where('l.deleted_at', 'is', null)
    .where('h.deleted_at', 'is', null)
    .orderBy(sql`dk_sort(h.name)`)
    .orderBy('h.id')
    .execute();
  const plans: ReferatHelhedsplan[] = [];
  for (const { id } of links) {
    const plan = await unlessGone(getHelhedsplan(db, id));
    if (plan) plans.push({ name: plan.name, periodText: danishPeriodText(plan.fromDate, plan.toDate), indsatsomraader: plan.indsatsomraader.map((i) => i.name) });
  }
  return plans;
}

interface DialogMeeting {
  readonly id: string;
  readonly startsAt: string;
  readonly kommuneId: string | null;
  readonly series: { readonly id: string; readonly kind: string } | null;
}

/**
 * The styringsdialog a meeting is the dialogmøde of, with the aftaler agreed:
 * the cycles that name the meeting, and — for a meeting of a styringsdialog
 * series — the cycles of the series' organisations with the meeting's
 * kommune in the meeting's year that name no meeting of their own (how the
 * board finds such a pair's meeting, db/styringsdialog). Null when no cycle
 * has an aftale recorded: the section would have nothing to say.
 */
export async function styringsdialogOfMeeting(db: Kysely<Database>, meeting: DialogMeeting): Promise<ReferatStyringsdialog | null> {
  const cycles = await db.selectFrom('styringsdialog').select(['year', 'aftale_id']).where('meeting_id', '=', meeting.id).where('deleted_at', 'is', null).execute();
  if (meeting.series?.kind === 'styringsdialog') {
    const series = await db.selectFrom('meeting_series').select('kommune_id').where('id', '=', meeting.series.id).executeTakeFirst();
    const kommuneId = meeting.kommuneId ?? series?.kommune_id ?? null;
    if (kommuneId) {
      const year = Number(danishDate(meeting.startsAt).slice(0, 4));
      cycles.push(
        ...(await db
          .selectFrom('styringsdialog as s')
          .innerJoin('meeting_series_organisation as so', (join) => join.onRef('so.organisation_id', '=', 's.organisation_id').on('so.series_id', '=', meeting.series!.id).on('so.deleted_at', 'is', null))
          .select(['s.year', 's.aftale_id'])
          .where('s.kommune_id', '=', kommuneId)
          .where('s.year', '=', year)
          .where('s.meeting_id', 'is', null)
          .where('s.deleted_at', 'is', null)
          .execute()),
      );
    }
  }
  const aftaleIds = [...new Set(cycles.flatMap((c) => (c.aftale_id ? [c.aftale_id] : [])))];
  const aftaler: ReferatAftale[] = [];
  for (const id of aftaleIds) {
    const a = await unlessGone(getAftale(db, id));
    if (!a) continue;
    aftaler.push({
      title: a.title,
      status: a.status,
      statusText: danishLabels.aftaleStatus[a.status],
      organisations: a.organisations.map((o) => o.name).sort(compareDanish),
      periodText: danishPeriodText(a.fromDate, a.toDate),
      goals: a.goals.map((g) => ({ text: g.text, indicator: g.indicator, status: g.status, statusText: capitalised(danishLabels.aftaleGoalStatus[g.status]) })),
    });
  }
  if (aftaler.length === 0) return null;
  aftaler.sort((a, b) => compareDanish(a.title, b.title));
  return { year: Math.min(...cycles.filter((c) => c.aftale_id).map((c) => c.year)), aftaler };
}
