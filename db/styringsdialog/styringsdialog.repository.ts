import { sql, type Kysely, type Transaction } from 'kysely';
import { aftaleGoalStatuses, storedAftaleGoalsSchema, type AftaleGoal } from '../../common/aftaler.domain';
import type { MeetingStatus } from '../../common/domain';
import { danishLabels } from '../../common/labels.da';
import { seriesFieldsSchema } from '../../common/meetings.domain';
import { AppError } from '../../common/result';
import {
  lateCheckpoints,
  stageOf,
  styringsdialogPlanInputSchema,
  styringsdialogSaveInputSchema,
  styringsdialogSteps,
  type Styringsdialog,
  type StyringsdialogPair,
  type StyringsdialogPlanInput,
  type StyringsdialogSaveInput,
  type StyringsdialogStep,
} from '../../common/styringsdialog.domain';
import { compareDanish } from '../../common/text-fold';
import { addDanishDays, avoidWeekend, danishDate, danishInstant } from '../../common/time';
import { todayInDenmark } from '../contacts/affiliations.query';
import { derivedId } from '../ids';
import { createMeeting } from '../meetings/meetings.repository';
import { createSeries } from '../meetings/series.repository';
import { createRow, deleteRow, ensureLink, restoreRow, updateRow, type FieldChanges, type MutationContext } from '../mutations';
import type { Database } from '../schema';
import type { StyringsdialogTable } from './styringsdialog.table';

/**
 * The styringsdialog cycle (issue 17): one row per kommune × boligorganisation
 * × year (id derived from the three, db/ids.ts), every write through
 * db/mutations.ts. A pair without a row reads as "ikke startet"; its meeting
 * is then the one found in the kommune's styringsdialog series (how the
 * status was derived before cycles were recorded). The lateness rules live in
 * common/styringsdialog.domain.ts.
 */

export const styringsdialogId = (pair: StyringsdialogPair) => derivedId('styringsdialog', pair.kommuneId, pair.organisationId, pair.year);

interface Scope {
  readonly year: number;
  /** undefined: every kommune. */
  readonly kommuneIds?: readonly string[];
  readonly organisationId?: string;
}

type CycleRow = {
  kommune_id: string;
  kommune_navn: string;
  organisation_id: string;
  organisation_name: string;
  year: number;
  stored_id: string | null;
  meeting_id: string | null;
  meeting_title: string | null;
  meeting_starts_at: string | null;
  meeting_status: MeetingStatus | null;
  meeting_shared: number | null;
  series_meeting: string | null;
  aftale_id: string | null;
  aftale_title: string | null;
  aftale_status: string | null;
  aftale_goals: string | null;
  notes: string | null;
} & { [K in `${StyringsdialogStep}_${'date' | 'contact_id' | 'who' | 'contact_name'}`]: string | null };

const ids = (list: readonly string[]) => sql.join(list.length > 0 ? list.map((id) => sql`${id}`) : [sql`''`]);

/**
 * Every pair of the scope and year with its cycle: the kommuner's linked
 * boligorganisationer, plus any pair with a recorded cycle that year (an
 * organisation no longer linked keeps its history). One query through the
 * indexes (styringsdialog.plan.test.ts).
 *
 * A pair is a kommune × boligorganisation link (organisation_kommune), which
 * the organisation form explains as "kommuner hvor boligorganisationen har
 * afdelinger". Almenboligloven § 164, stk. 2: "Kommunalbestyrelsen og
 * boligorganisationen skal føre en styringsdialog i form af regelmæssige
 * møder om boligorganisationens virksomhed, herunder om udviklingen i de
 * enkelte boligområder. Kommunalbestyrelsen sørger for, at der holdes et
 * årligt dialogmøde." (quoted on
 * https://www.brondby.dk/politik-deltagelse/dagsordener-og-referater/styringsdialog/).
 * The duty lies with the tilsynskommune, the kommune where the organisation
 * has its seat (https://greve.dk/by-og-bolig/boliganvisning/boligselskaber/styringsdialogen:
 * "de almene boligorganisationer, der har hjemsted i kommunen"), while the
 * organisations in practice hold the dialogue with every kommune where their
 * homes are (https://www.bdk.dk/om-boligkontoret-danmark/boligadministration/styringsdialog.aspx),
 * often by joining the tilsynskommune's meeting (a shared meeting here).
 * Kredsbog does not record the seat, so every link is a pair; a kommune that
 * takes part in another kommune's dialogue records that meeting on its pair.
 */
async function queryCycles(db: Kysely<Database>, scope: Scope): Promise<CycleRow[]> {
  const y = scope.year;
  const from = danishInstant(`${y}-01-01`, 0);
  const to = danishInstant(`${y + 1}-01-01`, 0);
  const kommuneFilter = (column: string) => (scope.kommuneIds ? sql`AND ${sql.ref(column)} IN (${ids(scope.kommuneIds)})` : sql``);
  const organisationFilter = (column: string) => (scope.organisationId ? sql`AND ${sql.ref(column)} = ${scope.organisationId}` : sql``);
  const contactName = (step: StyringsdialogStep) => sql.raw(`(SELECT name FROM contact WHERE id = s.${step}_contact_id) AS ${step}_contact_name`);
  const { rows } = await sql<CycleRow>`
    WITH pairs AS (
      SELECT ok.kommune_id, ok.organisation_id FROM organisation_kommune ok
        JOIN organisation o ON o.id = ok.organisation_id AND o.deleted_at IS NULL AND o.kind = 'boligorganisation'
       WHERE ok.deleted_at IS NULL ${kommuneFilter('ok.kommune_id')} ${organisationFilter('ok.organisation_id')}
      UNION
      SELECT kommune_id, organisation_id FROM styringsdialog
       WHERE year = ${y} AND deleted_at IS NULL ${kommuneFilter('kommune_id')} ${organisationFilter('organisation_id')}
    )
    SELECT p.kommune_id, k.navn AS kommune_navn, p.organisation_id, o.name AS organisation_name, ${y} AS year,
      s.id AS stored_id, m.id AS meeting_id, m.title AS meeting_title, m.starts_at AS meeting_starts_at, m.status AS meeting_status,
      (SELECT count(*) FROM styringsdialog s2 WHERE s2.meeting_id = m.id AND s2.deleted_at IS NULL) AS meeting_shared,
      CASE WHEN m.id IS NULL THEN (SELECT sm.id || '|' || sm.status || '|' || sm.starts_at || '|' || sm.title FROM meeting sm
          JOIN meeting_series ss ON ss.id = sm.series_id AND ss.kind = 'styringsdialog' AND ss.deleted_at IS NULL
          JOIN meeting_series_organisation so ON so.series_id = ss.id AND so.organisation_id = p.organisation_id AND so.deleted_at IS NULL
         WHERE sm.deleted_at IS NULL AND sm.status != 'aflyst' AND coalesce(sm.kommune_id, ss.kommune_id) = p.kommune_id
           AND sm.starts_at >= ${from} AND sm.starts_at < ${to}
         ORDER BY sm.status = 'afholdt' DESC, sm.starts_at LIMIT 1) END AS series_meeting,
      a.id AS aftale_id, a.title AS aftale_title, a.status AS aftale_status, a.goals AS aftale_goals,
      s.pakke_date, s.pakke_contact_id, s.pakke_who, ${contactName('pakke')},
      s.aftaler_date, s.aftaler_contact_id, s.aftaler_who, ${contactName('aftaler')},
      s.referat_date, s.referat_contact_id, s.referat_who, ${contactName('referat')},
      s.redegoerelse_date, s.redegoerelse_contact_id, s.redegoerelse_who, ${contactName('redegoerelse')},
      s.notes
    FROM pairs p
    JOIN kommune k ON k.id = p.kommune_id
    JOIN organisation o ON o.id = p.organisation_id
    LEFT JOIN styringsdialog s ON s.kommune_id = p.kommune_id AND s.organisation_id = p.organisation_id AND s.year = ${y} AND s.deleted_at IS NULL
    LEFT JOIN meeting m ON m.id = s.meeting_id AND m.deleted_at IS NULL
    LEFT JOIN aftale a ON a.id = s.aftale_id AND a.deleted_at IS NULL`.execute(db);
  return rows;
}

function parseGoals(json: string | null): AftaleGoal[] {
  if (!json) return [];
  try {
    return storedAftaleGoalsSchema.safeParse(JSON.parse(json)).data ?? [];
  } catch {
    return [];
  }
}

/** THE row ↔ model mapper of a cycle. Adding a column? Also add it here, in queryCycles and in db/sync/field-schemas.ts. */
function toStyringsdialog(r: CycleRow, today: string): Styringsdialog {
  const pair = { kommuneId: r.kommune_id, organisationId: r.organisation_id, year: Number(r.year) };
  let meeting: Styringsdialog['meeting'] = null;
  if (r.meeting_id && r.meeting_starts_at && r.meeting_status && r.meeting_title !== null) {
    meeting = { id: r.meeting_id, title: r.meeting_title, startsAt: r.meeting_starts_at, status: r.meeting_status, shared: Number(r.meeting_shared) > 1, source: 'record' };
  } else if (r.series_meeting) {
    const [id, status, startsAt, ...title] = r.series_meeting.split('|') as [string, MeetingStatus, string, ...string[]];
    meeting = { id, title: title.join('|'), startsAt, status, shared: false, source: 'series' };
  }
  const step = (s: StyringsdialogStep) => {
    const contactId = r[`${s}_contact_id`];
    return { date: r[`${s}_date`], contact: contactId ? { id: contactId, name: r[`${s}_contact_name`] ?? '' } : null, who: r[`${s}_who`] ?? '' };
  };
  const steps = { pakke: step('pakke'), aftaler: step('aftaler'), referat: step('referat'), redegoerelse: step('redegoerelse') };
  const lateness = {
    year: pair.year,
    meetingDay: meeting && meeting.status !== 'aflyst' ? danishDate(meeting.startsAt) : null,
    meetingStatus: meeting?.status ?? null,
    dates: { pakke: steps.pakke.date, aftaler: steps.aftaler.date, referat: steps.referat.date, redegoerelse: steps.redegoerelse.date },
  };
  return {
    id: styringsdialogId(pair),
    stored: r.stored_id !== null,
    year: pair.year,
    kommune: { id: r.kommune_id, name: r.kommune_navn },
    organisation: { id: r.organisation_id, name: r.organisation_name },
    meeting,
    aftale:
      r.aftale_id && r.aftale_title !== null
        ? { id: r.aftale_id, title: r.aftale_title, status: r.aftale_status as NonNullable<Styringsdialog['aftale']>['status'], goals: parseGoals(r.aftale_goals) }
        : null,
    steps,
    notes: r.notes ?? '',
    stage: stageOf(lateness),
    late: lateCheckpoints(lateness, today),
  };
}

const byPair = (a: Styringsdialog, b: Styringsdialog) => compareDanish(a.kommune.name, b.kommune.name) || compareDanish(a.organisation.name, b.organisation.name);

/**
 * The Overblik board: every kommune × boligorganisation pair of the kommuner
 * (all when not given) for the year, where it stands and what is late.
 *
 * @example await styringsdialogBoard(db, { year: 2026, kommuneIds: mine })
 */
export async function styringsdialogBoard(db: Kysely<Database>, scope: Scope, today = todayInDenmark()): Promise<Styringsdialog[]> {
  if (scope.kommuneIds && scope.kommuneIds.length === 0) return [];
  return (await queryCycles(db, scope)).map((r) => toStyringsdialog(r, today)).sort(byPair);
}

/** One pair's cycle for a year (empty steps when none is recorded). */
export async function getStyringsdialog(db: Kysely<Database>, pair: StyringsdialogPair, today = todayInDenmark()): Promise<Styringsdialog> {
  await assertPair(db, pair);
  const rows = await queryCycles(db, { year: pair.year, kommuneIds: [pair.kommuneId], organisationId: pair.organisationId });
  const row = rows[0] ?? (await emptyRow(db, pair));
  return toStyringsdialog(row, today);
}

/** A pair with no link and no record yet (the organisation is not linked to the kommune): its names and empty steps. */
async function emptyRow(db: Kysely<Database>, pair: StyringsdialogPair): Promise<CycleRow> {
  const k = await db.selectFrom('kommune').select('navn').where('id', '=', pair.kommuneId).executeTakeFirstOrThrow();
  const o = await db.selectFrom('organisation').select('name').where('id', '=', pair.organisationId).executeTakeFirstOrThrow();
  const empty = Object.fromEntries(styringsdialogSteps.flatMap((s) => [`${s}_date`, `${s}_contact_id`, `${s}_who`, `${s}_contact_name`].map((c) => [c, null])));
  return {
    ...(empty as Pick<CycleRow, `${StyringsdialogStep}_date`>),
    kommune_id: pair.kommuneId,
    kommune_navn: k.navn,
    organisation_id: pair.organisationId,
    organisation_name: o.name,
    year: pair.year,
    stored_id: null,
    meeting_id: null,
    meeting_title: null,
    meeting_starts_at: null,
    meeting_status: null,
    meeting_shared: null,
    series_meeting: null,
    aftale_id: null,
    aftale_title: null,
    aftale_status: null,
    aftale_goals: null,
    notes: null,
  } as CycleRow;
}

/** The organisation's cycles by year, newest first: every recorded year, and this year's pairs of its kommuner. */
export async function organisationStyringsdialoger(db: Kysely<Database>, organisationId: string, today = todayInDenmark()): Promise<Styringsdialog[]> {
  const years = await db.selectFrom('styringsdialog').select('year').distinct().where('organisation_id', '=', organisationId).where('deleted_at', 'is', null).execute();
  const thisYear = Number(today.slice(0, 4));
  const all = [...new Set([thisYear, ...years.map((r) => Number(r.year))])].sort((a, b) => b - a);
  const result: Styringsdialog[] = [];
  for (const year of all) {
    const rows = (await queryCycles(db, { year, organisationId })).map((r) => toStyringsdialog(r, today)).sort(byPair);
    result.push(...rows.filter((r) => r.stored || r.meeting !== null || year === thisYear));
  }
  return result;
}

async function assertPair(db: Kysely<Database> | Transaction<Database>, pair: StyringsdialogPair): Promise<void> {
  const k = await db.selectFrom('kommune').select('id').where('id', '=', pair.kommuneId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!k) throw new AppError('VALIDATION', 'Kommunen findes ikke.', [{ path: ['kommuneId'], message: 'validation.unknownKommune' }]);
  const o = await db.selectFrom('organisation').select(['id', 'kind']).where('id', '=', pair.organisationId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!o) throw new AppError('VALIDATION', 'Organisationen findes ikke.', [{ path: ['organisationId'], message: 'validation.unknownOrganisation' }]);
}

type Columns = FieldChanges<'styringsdialog'>;

function columnsOf(input: ReturnType<typeof styringsdialogSaveInputSchema.parse>): Columns {
  const columns: Columns = {};
  if (input.meetingId !== undefined) columns.meeting_id = input.meetingId;
  if (input.aftaleId !== undefined) columns.aftale_id = input.aftaleId;
  for (const s of styringsdialogSteps) {
    const step = input[s];
    if (!step) continue;
    if (step.date !== undefined) columns[`${s}_date`] = step.date;
    if (step.contactId !== undefined) columns[`${s}_contact_id`] = step.contactId;
    if (step.who !== undefined) columns[`${s}_who`] = step.who;
  }
  if (input.notes !== undefined) columns.notes = input.notes;
  return columns;
}

async function assertReferences(trx: Transaction<Database>, columns: Columns): Promise<void> {
  if (columns.meeting_id) {
    const m = await trx.selectFrom('meeting').select('id').where('id', '=', columns.meeting_id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!m) throw new AppError('VALIDATION', 'Mødet findes ikke.', [{ path: ['meetingId'], message: 'validation.unknownMeeting' }]);
  }
  if (columns.aftale_id) {
    const a = await trx.selectFrom('aftale').select('id').where('id', '=', columns.aftale_id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!a) throw new AppError('VALIDATION', 'Aftalen findes ikke.', [{ path: ['aftaleId'], message: 'validation.unknownAftale' }]);
  }
  for (const s of styringsdialogSteps) {
    const contactId = columns[`${s}_contact_id`];
    if (!contactId) continue;
    const c = await trx.selectFrom('contact').select('id').where('id', '=', contactId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!c) throw new AppError('VALIDATION', 'Kontakten findes ikke.', [{ path: [s, 'contactId'], message: 'validation.unknownContact' }]);
  }
}

/** Makes the pair's row live (creating it, or restoring its tombstone) and changes the given fields. */
async function upsertIn(trx: Transaction<Database>, pair: StyringsdialogPair, columns: Columns, context: MutationContext = {}): Promise<void> {
  const id = styringsdialogId(pair);
  const current = await trx.selectFrom('styringsdialog').select(['id', 'deleted_at']).where('id', '=', id).executeTakeFirst();
  if (!current) {
    const empty = { pakke_who: '', aftaler_who: '', referat_who: '', redegoerelse_who: '', notes: '' };
    await createRow(trx, 'styringsdialog', { kommune_id: pair.kommuneId, organisation_id: pair.organisationId, year: pair.year, ...empty, ...columns }, { ...context, id });
    return;
  }
  if (current.deleted_at !== null) await restoreRow(trx, 'styringsdialog', id, context);
  await updateRow(trx, 'styringsdialog', id, columns, context);
}

/**
 * Records steps of a pair's cycle (autosave: the fields that changed). The
 * first save creates the pair's row; two laptops that start the same pair
 * make the same row.
 *
 * @example await saveStyringsdialog(db, { kommuneId, organisationId, year: 2026, pakke: { date: '2026-05-20', who: 'Via LBF-portalen' } })
 */
export async function saveStyringsdialog(db: Kysely<Database>, input: StyringsdialogSaveInput, today = todayInDenmark()): Promise<Styringsdialog> {
  const parsed = styringsdialogSaveInputSchema.parse(input);
  const pair = { kommuneId: parsed.kommuneId, organisationId: parsed.organisationId, year: parsed.year };
  await db.transaction().execute(async (trx) => {
    await assertPair(trx, pair);
    const columns = columnsOf(parsed);
    await assertReferences(trx, columns);
    await upsertIn(trx, pair, columns);
  });
  return getStyringsdialog(db, pair, today);
}

/** Clears a pair's recorded cycle (tombstone; the meeting and aftale stay). */
export async function deleteStyringsdialog(db: Kysely<Database>, pair: StyringsdialogPair): Promise<void> {
  await db.transaction().execute((trx) => deleteRow(trx, 'styringsdialog', styringsdialogId(pair)));
}

/** The aftale last year's dialogue ended in: the recorded one, else the newest styringsdialog aftale of the pair that began before the year. */
export async function previousAftale(db: Kysely<Database>, pair: StyringsdialogPair): Promise<{ id: string; title: string; goals: AftaleGoal[] } | null> {
  const last = await db
    .selectFrom('styringsdialog as s')
    .innerJoin('aftale as a', 'a.id', 's.aftale_id')
    .select(['a.id', 'a.title', 'a.goals'])
    .where('s.id', '=', styringsdialogId({ ...pair, year: pair.year - 1 }))
    .where('s.deleted_at', 'is', null)
    .where('a.deleted_at', 'is', null)
    .executeTakeFirst();
  const found =
    last ??
    (await db
      .selectFrom('aftale as a')
      .innerJoin('aftale_organisation as l', 'l.aftale_id', 'a.id')
      .select(['a.id', 'a.title', 'a.goals'])
      .where('a.kind', '=', 'styringsdialog_aftale')
      .where('a.kommune_id', '=', pair.kommuneId)
      .where('a.deleted_at', 'is', null)
      .where('l.organisation_id', '=', pair.organisationId)
      .where('l.deleted_at', 'is', null)
      .where((eb) => eb.or([eb('a.from_date', 'is', null), eb('a.from_date', '<', `${pair.year}-01-01`)]))
      .orderBy('a.from_date', 'desc')
      .limit(1)
      .executeTakeFirst());
  return found ? { id: found.id, title: found.title, goals: parseGoals(found.goals) } : null;
}

/** "Aftalen fra styringsdialogen 2025: 3 mål — 1 nået, 2 i gang." (each goal has its own item below). */
function goalSummary(goals: readonly AftaleGoal[], year: number): string {
  if (goals.length === 0) return `Aftalen fra styringsdialogen ${year} har ingen mål.`;
  const counts = aftaleGoalStatuses.map((status) => [goals.filter((g) => g.status === status).length, danishLabels.aftaleGoalStatus[status]] as const).filter(([n]) => n > 0);
  return `Aftalen fra styringsdialogen ${year}: ${goals.length} mål — ${counts.map(([n, label]) => `${n} ${label}`).join(', ')}.`;
}

/**
 * Next year's agenda: last year's aftaler and their goals' status first, then
 * the year's own points. One item per goal, so each is followed up in the referat.
 */
export async function proposedAgenda(db: Kysely<Database>, kommuneId: string, organisations: readonly { id: string; name: string }[], year: number) {
  const agenda: { title: string; description: string }[] = [{ title: 'Velkomst og godkendelse af dagsorden', description: '' }];
  for (const o of organisations) {
    const previous = await previousAftale(db, { kommuneId, organisationId: o.id, year });
    if (!previous) continue;
    const prefix = organisations.length > 1 ? `${o.name}: ` : '';
    agenda.push({
      title: `${prefix}Opfølgning på ${previous.title}`.slice(0, 300),
      description: goalSummary(previous.goals, year - 1),
    });
    for (const g of previous.goals) {
      agenda.push({
        title: `${prefix}Mål: ${g.text}`.slice(0, 300),
        description: [`Status ved styringsdialogen ${year - 1}: ${danishLabels.aftaleGoalStatus[g.status]}.`, g.indicator ? `Indikator: ${g.indicator}.` : ''].filter(Boolean).join('\n'),
      });
    }
  }
  agenda.push(
    { title: 'Styringsrapport og dokumentationspakke', description: 'Styringsrapport, afdelingsskemaer, regnskab og nøgletal fra almenstyringsdialog.dk.' },
    { title: `Nye aftaler for ${year}`, description: '' },
    { title: 'Eventuelt', description: '' },
  );
  return agenda;
}

/** The kommune's styringsdialog series for the year (one naming an organisation first), or a new one. */
async function seriesFor(db: Kysely<Database>, kommuneId: string, kommuneNavn: string, organisationIds: readonly string[], year: number): Promise<string> {
  const candidates = await db
    .selectFrom('meeting_series as s')
    .select(['s.id', 's.year', sql<number>`(SELECT count(*) FROM meeting_series_organisation so WHERE so.series_id = s.id AND so.deleted_at IS NULL AND so.organisation_id IN (${ids(organisationIds)}))`.as('named')])
    .where('s.kind', '=', 'styringsdialog')
    .where('s.kommune_id', '=', kommuneId)
    .where('s.deleted_at', 'is', null)
    .where('s.archived', '=', 0)
    .where((eb) => eb.or([eb('s.year', '=', year), eb('s.year', 'is', null)]))
    .execute();
  candidates.sort((a, b) => Number(b.named) - Number(a.named) || Number(b.year !== null) - Number(a.year !== null) || a.id.localeCompare(b.id));
  if (candidates[0]) return candidates[0].id;
  const series = await createSeries(db, seriesFieldsSchema.parse({ title: `Styringsdialog ${kommuneNavn} ${year}`, kind: 'styringsdialog', kommuneId, organisationIds: [...organisationIds], year }));
  return series.id;
}

/** A proposed time: ten o'clock two weeks from today in the current year, 1 October in a later one; never on a weekend. */
export function proposedStart(year: number, today: string): string {
  const thisYear = Number(today.slice(0, 4));
  const day = year === thisYear ? addDanishDays(today, 14) : year > thisYear ? `${year}-10-01` : `${year}-12-01`;
  return avoidWeekend(danishInstant(day, 10));
}

/**
 * Plans the dialogmøde for one organisation, or a joint meeting for several:
 * a meeting in the kommune's styringsdialog series (made if the kommune has
 * none for the year) with last year's aftaler and goals on the agenda, linked
 * to each pair's cycle.
 *
 * @example await planStyringsdialogMeeting(db, { kommuneId: koegeId, organisationIds: [kabId], year: 2026 })
 */
export async function planStyringsdialogMeeting(db: Kysely<Database>, input: StyringsdialogPlanInput, today = todayInDenmark()): Promise<{ meetingId: string }> {
  const parsed = styringsdialogPlanInputSchema.parse(input);
  const organisationIds = [...new Set(parsed.organisationIds)];
  for (const organisationId of organisationIds) await assertPair(db, { kommuneId: parsed.kommuneId, organisationId, year: parsed.year });
  const kommune = await db.selectFrom('kommune').select('navn').where('id', '=', parsed.kommuneId).executeTakeFirstOrThrow();
  const organisations = (await db.selectFrom('organisation').select(['id', 'name']).where('id', 'in', organisationIds).execute()).sort((a, b) => compareDanish(a.name, b.name));
  const seriesId = await seriesFor(db, parsed.kommuneId, kommune.navn, organisationIds, parsed.year);
  const title =
    organisations.length === 1
      ? `Styringsdialog ${parsed.year} – ${organisations[0]!.name} og ${kommune.navn} Kommune`
      : `Styringsdialog ${parsed.year} – fællesmøde, ${kommune.navn} Kommune`;
  const agenda = await proposedAgenda(db, parsed.kommuneId, organisations, parsed.year);
  const meeting = await createMeeting(db, {
    seriesId,
    kommuneId: parsed.kommuneId,
    title: title.slice(0, 300),
    startsAt: parsed.startsAt ?? proposedStart(parsed.year, today),
    endsAt: null,
    place: '',
    status: 'planlagt',
    notes: '',
    inviteeIds: [],
    agenda: agenda.map((a) => ({ title: a.title, kind: 'normal', description: a.description, presenter: '', plannedMinutes: null })),
  });
  await db.transaction().execute(async (trx) => {
    for (const o of organisations) {
      await ensureLink(trx, 'meeting_series_organisation', derivedId('meeting_series_organisation', seriesId, o.id), { series_id: seriesId, organisation_id: o.id });
      await upsertIn(trx, { kommuneId: parsed.kommuneId, organisationId: o.id, year: parsed.year }, { meeting_id: meeting.id });
    }
  });
  return { meetingId: meeting.id };
}

/**
 * A merge of organisations (db/duplicates): the merged one's cycles become
 * the survivor's — moved to the survivor's row of the same kommune and year,
 * whose own recorded steps win where both have one.
 */
export async function moveStyringsdialogerOnMerge(trx: Transaction<Database>, survivorId: string, mergedId: string, context: MutationContext): Promise<void> {
  const rows = await trx.selectFrom('styringsdialog').selectAll().where('organisation_id', '=', mergedId).where('deleted_at', 'is', null).execute();
  for (const row of rows) {
    const pair = { kommuneId: row.kommune_id, organisationId: survivorId, year: Number(row.year) };
    const target = await trx.selectFrom('styringsdialog').selectAll().where('id', '=', styringsdialogId(pair)).where('deleted_at', 'is', null).executeTakeFirst();
    const columns: Columns = {};
    for (const key of Object.keys(row) as (keyof StyringsdialogTable)[]) {
      if (['id', 'created_at', 'updated_at', 'deleted_at', 'kommune_id', 'organisation_id', 'year'].includes(key)) continue;
      const value = row[key];
      const kept = target?.[key];
      if (value !== null && value !== '' && (kept === undefined || kept === null || kept === '')) (columns as Record<string, unknown>)[key] = value;
    }
    await upsertIn(trx, pair, columns, context);
    await deleteRow(trx, 'styringsdialog', row.id, context);
  }
}

/** A merge of contacts: steps that name the merged one name the survivor. */
export async function repointStyringsdialogContact(trx: Transaction<Database>, survivorId: string, mergedId: string, context: MutationContext): Promise<void> {
  const rows = await trx
    .selectFrom('styringsdialog as s')
    .selectAll('s')
    .where('s.deleted_at', 'is', null)
    .where((eb) => eb.or(styringsdialogSteps.map((step) => eb(`s.${step}_contact_id`, '=', mergedId))))
    .execute();
  for (const row of rows) {
    const changes: Columns = {};
    for (const step of styringsdialogSteps) if (row[`${step}_contact_id`] === mergedId) changes[`${step}_contact_id`] = survivorId;
    await updateRow(trx, 'styringsdialog', row.id, changes, context);
  }
}
