import { sql, type Kysely } from 'kysely';
import { seededRandomSource } from '../../common/seeded-random';
import { addDanishDays, danishDate } from '../../common/time';
import { derivedId } from '../ids';
import { createRow } from '../mutations';
import type { Database } from '../schema';

const whoTexts = ['Via almenstyringsdialog.dk', 'Boligafdelingen', 'Teamleder for almene boliger', 'Forretningsføreren', 'Sekretariatet'] as const;
const notes = [
  'Styringsrapporten peger på høj tomgang i to afdelinger.',
  'Organisationen ønsker en aftale om grønne arealer og trivsel.',
  'Fællesmøde med alle boligorganisationer i kommunen om formiddagen, individuelle møder om eftermiddagen.',
  'Drøftet effektivisering og vedligeholdelsesplaner.',
  '',
  '',
] as const;

/**
 * Styringsdialog cycles for the demo (issue 17), from their own random stream
 * so everything seeded before keeps its values: for each boligorganisation's
 * styringsdialog series of the last two years and the current one (relative
 * to the demo's today), the pair's cycle linked to the year's meeting (last
 * year's to the styringsdialogaftale for this year it ended in), the
 * pakke received some weeks before, and after a held meeting aftaler, referat
 * and — mostly in earlier years — the kommune's redegørelse. Earlier years are
 * nearly complete; this year some steps are left undone, so the board has
 * late pairs, planned meetings and pairs not started. An organisation's other
 * kommuner mostly join its tilsynskommune's meeting (a shared meeting). Every row through db/mutations.ts (createRow).
 */
export async function seedStyringsdialog(
  db: Kysely<Database>,
  context: {
    readonly seed: number;
    readonly today: string;
    readonly organisations: readonly { id: string }[];
    readonly id: (kind: string, ...parts: (string | number)[]) => string;
    readonly now: () => string;
  },
): Promise<number> {
  const rng = seededRandomSource(context.seed + 164);
  const thisYear = Number(context.today.slice(0, 4));
  const years = [thisYear - 2, thisYear - 1, thisYear];
  const rows = await db
    .selectFrom('meeting_series as s')
    .innerJoin('meeting_series_organisation as so', (join) => join.onRef('so.series_id', '=', 's.id').on('so.deleted_at', 'is', null))
    .innerJoin('organisation as o', (join) => join.onRef('o.id', '=', 'so.organisation_id').on('o.kind', '=', 'boligorganisation'))
    .innerJoin('meeting as m', (join) => join.onRef('m.series_id', '=', 's.id').on('m.deleted_at', 'is', null).on('m.status', '!=', 'aflyst'))
    .select(['s.kommune_id', 's.year', 'o.id as organisation_id', 'm.id as meeting_id', 'm.starts_at', 'm.status'])
    .where('s.kind', '=', 'styringsdialog')
    .where('s.kommune_id', 'is not', null)
    .where('s.year', '>=', years[0]!)
    // Only this seed's organisations: another seed's demo data in the same database keeps its own cycles.
    .where('o.id', 'in', context.organisations.length > 0 ? context.organisations.map((o) => o.id) : [''])
    .orderBy('s.id')
    .orderBy('m.starts_at')
    .execute();
  const contacts = await db
    .selectFrom('affiliation as a')
    .select(['a.kommune_id', sql<string>`min(a.contact_id)`.as('contact_id')])
    .where('a.kommune_id', 'is not', null)
    .where('a.kind', '=', 'embedsmand')
    .where('a.deleted_at', 'is', null)
    .groupBy('a.kommune_id')
    .execute();
  const official = new Map(contacts.map((c) => [c.kommune_id!, c.contact_id]));
  const seen = new Set<string>();
  /** Each organisation's cycle with its tilsynskommune, by `${organisation}|${year}`, for the other kommuner below. */
  const primary = new Map<string, { kommuneId: string; meetingId: string; day: string; held: boolean; pakke: string | null; aftaler: string | null; referat: string | null }>();
  let count = 0;
  await db.transaction().execute(async (trx) => {
    for (const r of rows) {
      const year = Number(r.year);
      const kommuneId = r.kommune_id!;
      const key = `${kommuneId}|${r.organisation_id}|${year}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const day = danishDate(r.starts_at);
      const held = r.status === 'afholdt';
      const past = (date: string) => (date <= context.today ? date : null);
      const who = () => (rng.chance(0.5) ? rng.pick(whoTexts) : '');
      const contact = () => (rng.chance(0.4) ? (official.get(kommuneId) ?? null) : null);
      // Earlier years are mostly complete; this year is under way.
      const earlier = year < thisYear;
      const pakke = rng.chance(earlier ? 0.97 : 0.92) ? past(addDanishDays(day, -rng.int(15, 70))) : null;
      const aftaler = held && rng.chance(earlier ? 0.96 : 0.9) ? past(day) : null;
      const referat = aftaler && rng.chance(earlier ? 0.95 : 0.8) ? past(addDanishDays(day, rng.int(5, 40))) : null;
      const redegoerelse = referat && rng.chance(earlier ? 0.9 : 0.45) ? past(addDanishDays(day, rng.int(30, 110))) : null;
      primary.set(`${r.organisation_id}|${year}`, { kommuneId, meetingId: r.meeting_id, day, held, pakke, aftaler, referat });
      // Last autumn's dialogue ended in the organisation's styringsdialogaftale for this year (seedAftaler).
      const aftaleId = year === thisYear - 1 && aftaler ? context.id('aftale', 'styringsdialog', r.organisation_id, thisYear) : null;
      const aftaleExists = aftaleId ? await trx.selectFrom('aftale').select('id').where('id', '=', aftaleId).executeTakeFirst() : undefined;
      await createRow(
        trx,
        'styringsdialog',
        {
          kommune_id: kommuneId,
          organisation_id: r.organisation_id,
          year,
          meeting_id: r.meeting_id,
          aftale_id: aftaleExists ? aftaleId : null,
          pakke_date: pakke,
          pakke_contact_id: pakke ? contact() : null,
          pakke_who: pakke ? who() || 'Via almenstyringsdialog.dk' : '',
          aftaler_date: aftaler,
          aftaler_contact_id: null,
          aftaler_who: '',
          referat_date: referat,
          referat_contact_id: referat ? contact() : null,
          referat_who: referat ? who() : '',
          redegoerelse_date: redegoerelse,
          redegoerelse_contact_id: null,
          redegoerelse_who: redegoerelse ? 'Kommunens hjemmeside' : '',
          notes: rng.pick(notes),
        },
        { id: derivedId('styringsdialog', kommuneId, r.organisation_id, year), now: context.now },
      );
      count++;
    }

    // An organisation with afdelinger in more kommuner holds the dialogue with the kommune of its seat (the
    // tilsynskommune); the other kommuner mostly take part in that meeting, which becomes a shared one.
    const links = await trx
      .selectFrom('organisation_kommune')
      .select(['organisation_id', 'kommune_id'])
      .where('deleted_at', 'is', null)
      .where('organisation_id', 'in', context.organisations.length > 0 ? context.organisations.map((o) => o.id) : [''])
      .orderBy('organisation_id')
      .orderBy('kommune_id')
      .execute();
    for (const link of links) {
      for (const year of years) {
        const main = primary.get(`${link.organisation_id}|${year}`);
        if (!main || main.kommuneId === link.kommune_id || !main.held) continue;
        const earlier = year < thisYear;
        if (!rng.chance(earlier ? 0.9 : 0.5)) continue;
        const redegoerelse = main.referat && rng.chance(earlier ? 0.85 : 0.3) ? addDanishDays(main.day, rng.int(30, 110)) : null;
        await createRow(
          trx,
          'styringsdialog',
          {
            kommune_id: link.kommune_id,
            organisation_id: link.organisation_id,
            year,
            meeting_id: main.meetingId,
            aftale_id: null,
            pakke_date: main.pakke,
            pakke_contact_id: null,
            pakke_who: main.pakke ? 'Via almenstyringsdialog.dk' : '',
            aftaler_date: main.aftaler,
            aftaler_contact_id: null,
            aftaler_who: main.aftaler ? 'Fælles med tilsynskommunen' : '',
            referat_date: main.referat,
            referat_contact_id: null,
            referat_who: main.referat ? 'Tilsynskommunen' : '',
            redegoerelse_date: redegoerelse && redegoerelse <= context.today ? redegoerelse : null,
            redegoerelse_contact_id: null,
            redegoerelse_who: redegoerelse && redegoerelse <= context.today ? 'Kommunens hjemmeside' : '',
            notes: 'Dialogen føres af tilsynskommunen; kommunen deltog i dialogmødet.',
          },
          { id: derivedId('styringsdialog', link.kommune_id, link.organisation_id, year), now: context.now },
        );
        count++;
      }
    }
  });
  return count;
}
