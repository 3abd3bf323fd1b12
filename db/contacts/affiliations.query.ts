import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Affiliation } from '../../common/domain';
import type { Database } from '../schema';

type AffiliationScope = (eb: ExpressionBuilder<Database, 'affiliation' | 'contact'>) => Expression<SqlBool>;

/** Today as YYYY-MM-DD in Danish time — role periods are calendar dates in Denmark. */
export function todayInDenmark(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(now);
}

/**
 * Live roles of live contacts matching `scope`, with organisation and kommune
 * names, current ones first. Shared by the contact, organisation and kommune pages.
 */
export async function selectAffiliations(db: Kysely<Database>, scope: AffiliationScope, today = todayInDenmark()): Promise<Affiliation[]> {
  const rows = await db
    .selectFrom('affiliation')
    .innerJoin('contact', 'contact.id', 'affiliation.contact_id')
    .leftJoin('organisation', (join) => join.onRef('organisation.id', '=', 'affiliation.organisation_id').on('organisation.deleted_at', 'is', null))
    .leftJoin('kommune', 'kommune.id', 'affiliation.kommune_id')
    .where('affiliation.deleted_at', 'is', null)
    .where('contact.deleted_at', 'is', null)
    .where(scope)
    .select([
      'affiliation.id',
      'affiliation.contact_id',
      'contact.name as contact_name',
      'affiliation.organisation_id',
      'organisation.name as organisation_name',
      'affiliation.kommune_id',
      'kommune.navn as kommune_navn',
      'affiliation.title',
      'affiliation.kind',
      'affiliation.from_date',
      'affiliation.to_date',
      'affiliation.keep_in_touch_months',
      sql<number>`(affiliation.from_date IS NULL OR affiliation.from_date <= ${today}) AND (affiliation.to_date IS NULL OR affiliation.to_date >= ${today})`.as('current'),
    ])
    .orderBy('current', 'desc')
    .orderBy(sql`coalesce(affiliation.to_date, '9999')`, 'desc')
    .orderBy('contact.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    contactId: r.contact_id,
    contactName: r.contact_name,
    organisationId: r.organisation_name === null ? null : r.organisation_id,
    organisationName: r.organisation_name,
    kommuneId: r.kommune_id,
    kommuneNavn: r.kommune_navn,
    title: r.title,
    kind: r.kind,
    fromDate: r.from_date,
    toDate: r.to_date,
    current: r.current === 1,
    keepInTouchMonths: r.keep_in_touch_months,
  }));
}
