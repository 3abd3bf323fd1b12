import { sql, type RawBuilder } from 'kysely';

/**
 * A kommune's region and kreds "as of" a day (migration 0019), as SQL
 * expressions over a kommune row (`kommune.id`, or an alias's). Both tables
 * are effective-dated: the row with the latest valid_from on or before the day
 * answers. So concurrent edits on two laptops still give one answer per day
 * (the later start wins) without anyone closing the previous period.
 *
 * Region: reference rows cover every kommune from 2007-01-01; before that (or
 * on a database where a row is missing) `kommune.region_id` answers.
 * Kreds: a kommune without dated rows keeps `kommune.kreds_id` for every day
 * (kredse set before 0019, or on an installation that has not upgraded).
 *
 * @example db.selectFrom('kommune').select(regionIdOn('kommune', '2027-02-01').as('region_id'))
 */
export function regionIdOn(kommune: string, day: string): RawBuilder<string> {
  return sql<string>`coalesce((SELECT kr.region_id FROM kommune_region_period kr WHERE kr.kommune_id = ${sql.ref(`${kommune}.id`)}
    AND kr.deleted_at IS NULL AND kr.valid_from <= ${day} ORDER BY kr.valid_from DESC LIMIT 1), ${sql.ref(`${kommune}.region_id`)})`;
}

/** The kreds id of a kommune on `day` (null: no kreds). See regionIdOn. */
export function kredsIdOn(kommune: string, day: string): RawBuilder<string | null> {
  const id = sql.ref(`${kommune}.id`);
  return sql<string | null>`(CASE WHEN EXISTS (SELECT 1 FROM kommune_kreds_period kk WHERE kk.kommune_id = ${id} AND kk.deleted_at IS NULL)
    THEN (SELECT kk.kreds_id FROM kommune_kreds_period kk WHERE kk.kommune_id = ${id} AND kk.deleted_at IS NULL AND kk.valid_from <= ${day} ORDER BY kk.valid_from DESC LIMIT 1)
    ELSE ${sql.ref(`${kommune}.kreds_id`)} END)`;
}

/** The kreds number of a kommune on `day` (null: no kreds). */
export function kredsNumberOn(kommune: string, day: string): RawBuilder<number | null> {
  return sql<number | null>`(SELECT kreds.number FROM kreds WHERE kreds.id = ${kredsIdOn(kommune, day)})`;
}

/** "From the start" in the dated tables: the kommunalreform of 1 January 2007, when today's kommuner began. */
export const REFERENCE_START = '2007-01-01';
