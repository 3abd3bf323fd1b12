import type { Kysely } from 'kysely';
import type { DemoContext } from './demo-context';
import type { HelhedsplanBody, HelhedsplanDeadlineKind, HelhedsplanStatus } from '../../common/helhedsplaner.domain';
import { seededRandomSource } from '../../common/seeded-random';
import { derivedId } from '../ids';
import { createRow } from '../mutations';
import { indsatsomraader2019 } from '../reference/indsatsomraader.data';
import type { Database } from '../schema';

/**
 * Boligsociale helhedsplaner for the demo (issue 17), from a random stream of
 * their own (so every row seeded before keeps its values): in about half the
 * kommuner in scope (always Køge) a running plan of four years ending in the
 * demo's current year Y (Y-3 to Y; 2023–2026 in the 2019–26 frame for the
 * demo's 2026) on one or two boligområder, with two to four of the four
 * indsatsområder, a boligsocial bestyrelse of top leaders from kommune and
 * boligorganisation, a styregruppe or følgegruppe and a projektleder (dated
 * seats of the kommune's contacts), yearly status reports to Landsbyggefonden
 * (past ones delivered, a few late), a midtvejsevaluering and the final
 * evaluation; some kommuner also have an ended plan (the four years before) or
 * one in preparation for the next frame. Every date is relative to Y. Boligområder are created here through the
 * write path when the kommune has none yet.
 */
const areaNames = ['Ellemarken', 'Søndergården', 'Vestparken', 'Nørrevang', 'Solbakken', 'Stjernehusene', 'Engparken', 'Skovparken', 'Lindholm', 'Rosenhøj', 'Fuglsangparken', 'Østervang'];
const boardTitles: readonly (readonly [HelhedsplanBody, string])[] = [
  ['bestyrelse', 'Formand · kommunaldirektør'],
  ['bestyrelse', 'Direktør for Børn og Unge'],
  ['bestyrelse', 'Administrerende direktør, boligorganisationen'],
  ['bestyrelse', 'Lokalpolitiet, politikommissær'],
  ['styregruppe', 'Chef for Beskæftigelse'],
  ['styregruppe', 'Boligsocial chef'],
  ['foelgegruppe', 'Skoleleder'],
  ['foelgegruppe', 'SSP-konsulent'],
  ['projektleder', 'Projektleder'],
];

export async function seedHelhedsplaner(
  db: Kysely<Database>,
  context: DemoContext & { readonly contactsByKommune: ReadonlyMap<string, readonly string[]> },
): Promise<number> {
  const rng = seededRandomSource(context.seed ^ 0x68706c6e);
  const { id, now } = context;
  const y = Number(context.today.slice(0, 4));
  const koegeId = derivedId('kommune', 259);
  const areas = indsatsomraader2019.areas.map((a) => derivedId('indsatsomraade', indsatsomraader2019.validFrom, a.code));
  let count = 0;
  await db.transaction().execute(async (trx) => {
    for (const k of context.inScope) {
      if (k.id !== koegeId && !rng.chance(0.5)) continue;
      const people = context.contactsByKommune.get(k.id) ?? [];
      const partners = context.organisations.filter((o) => o.kommuneIds.includes(k.id)).slice(0, 2);
      const existing = await trx.selectFrom('boligomraade').select('id').where('kommune_id', '=', k.id).where('deleted_at', 'is', null).orderBy('id').execute();
      const omraader = existing.map((b) => b.id);
      for (let i = omraader.length; i < 2; i++) {
        const areaId = id('boligomraade', k.id, i);
        await createRow(trx, 'boligomraade', { name: `${rng.pick(areaNames)}${i > 0 ? ' Syd' : ''}`, kommune_id: k.id, notes: '' }, { id: areaId, now });
        omraader.push(areaId);
      }
      const hpSeries = await trx.selectFrom('meeting_series').select('id').where('id', '=', id('series', 'hp', k.id)).executeTakeFirst();

      const plan = async (key: string, name: string, status: HelhedsplanStatus, from: string, to: string, planAreas: readonly string[]) => {
        const planId = id('helhedsplan', key, k.id);
        await createRow(
          trx,
          'helhedsplan',
          { name, status, kommune_id: k.id, from_date: from, to_date: to, journal_number: `LBF ${from.slice(0, 4)}-${String(rng.int(100, 999)).padStart(4, '0')}`, notes: '' },
          { id: planId, now },
        );
        const linkId = (table: string, other: string) => ({ id: derivedId(table, planId, other), now });
        for (const o of partners) await createRow(trx, 'helhedsplan_organisation', { helhedsplan_id: planId, organisation_id: o.id }, linkId('helhedsplan_organisation', o.id));
        for (const b of planAreas) await createRow(trx, 'helhedsplan_boligomraade', { helhedsplan_id: planId, boligomraade_id: b }, linkId('helhedsplan_boligomraade', b));
        const chosen = areas.filter(() => rng.chance(0.65));
        for (const a of chosen.length >= 2 ? chosen : areas.slice(0, 2)) {
          await createRow(trx, 'helhedsplan_indsatsomraade', { helhedsplan_id: planId, indsatsomraade_id: a }, linkId('helhedsplan_indsatsomraade', a));
        }
        if (hpSeries && key === 'aktiv') await createRow(trx, 'helhedsplan_series', { helhedsplan_id: planId, series_id: hpSeries.id }, linkId('helhedsplan_series', hpSeries.id));
        count++;
        return planId;
      };
      const seats = async (planId: string, from: string, to: string | null, n: number) => {
        const used = new Set<string>();
        for (const [i, [body, title]] of boardTitles.slice(0, n).entries()) {
          if (people.length === 0) break;
          const contactId = rng.pick(people);
          if (used.has(contactId)) continue;
          used.add(contactId);
          // One bestyrelse member was replaced halfway: the old seat ended, the new one began.
          const ended = i === 1 && to === null && rng.chance(0.4);
          await createRow(trx, 'helhedsplan_role', { helhedsplan_id: planId, contact_id: contactId, body, title, from_date: from, to_date: ended ? `${y - 1}-02-28` : to }, { id: id('hp-role', planId, i), now });
        }
      };
      const deadline = async (planId: string, key: string, kind: HelhedsplanDeadlineKind, title: string, due: string, done: string | null) =>
        createRow(trx, 'helhedsplan_deadline', { helhedsplan_id: planId, kind, title, due_date: due, done_date: done }, { id: id('hp-deadline', planId, key), now });

      // The running plan: four years ending this year.
      const running = await plan('aktiv', `Boligsocial helhedsplan ${k.navn} ${y - 3}–${y}`, 'aktiv', `${y - 3}-01-01`, `${y}-12-31`, omraader.slice(0, rng.int(1, 2)));
      await seats(running, `${y - 3}-01-01`, null, rng.int(6, 9));
      for (const year of [y - 2, y - 1, y]) {
        const late = year === y && rng.chance(0.25);
        await deadline(running, `status-${year}`, 'aarsstatus', `Årlig status ${year - 1} til Landsbyggefonden`, `${year}-03-01`, late ? null : `${year}-02-${String(rng.int(10, 27)).padStart(2, '0')}`);
      }
      await deadline(running, 'midtvej', 'midtvejsevaluering', 'Midtvejsevaluering', `${y - 1}-01-15`, `${y - 1}-01-10`);
      await deadline(running, 'regnskab', 'regnskab', `Regnskab ${y} med revisorerklæring`, `${y + 1}-0${rng.int(4, 6)}-30`, null);
      await deadline(running, 'slut', 'slutevaluering', 'Slutevaluering og afrapportering', `${y + 1}-03-31`, null);
      await deadline(running, 'bestyrelse', 'andet', 'Bestyrelsen godkender årsrapport', `${y}-12-${String(rng.int(10, 18)).padStart(2, '0')}`, null);

      // Some kommuner: the plan before (ended) and one in preparation for the next four years.
      if (rng.chance(0.4)) {
        const old = await plan('afsluttet', `Helhedsplan ${k.navn} ${y - 7}–${y - 4}`, 'afsluttet', `${y - 7}-01-01`, `${y - 4}-12-31`, omraader.slice(0, 1));
        await seats(old, `${y - 7}-01-01`, `${y - 4}-12-31`, 3);
        await deadline(old, 'slut', 'slutevaluering', 'Slutevaluering', `${y - 3}-03-31`, `${y - 3}-03-20`);
      }
      if (k.id === koegeId || rng.chance(0.5)) {
        const next = await plan('forberedelse', `Helhedsplan ${k.navn} ${y + 1}–${y + 4}`, 'forberedelse', `${y + 1}-01-01`, `${y + 4}-12-31`, omraader.slice(-1));
        await seats(next, `${y}-09-01`, null, 2);
        await deadline(next, 'ansoegning', 'ansoegning', 'Ansøgning til Landsbyggefonden', `${y + 1}-0${rng.int(1, 2)}-15`, null);
      }
    }
  });
  return count;
}
