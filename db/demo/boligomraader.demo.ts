import type { Kysely } from 'kysely';
import type { DemoContext } from './demo-context';
import type { BoligomraadeCategory } from '../../common/boligomraader.domain';
import { seededRandomSource } from '../../common/seeded-random';
import { derivedId } from '../ids';
import { createRow } from '../mutations';
import type { Database } from '../schema';

/**
 * Demo boligområder (issue 17) with their place on the lists of 1 December
 * of the last five years before the demo's today (demoListYears), deterministic per seed from their own random stream (so
 * everything seeded before keeps its values). Areas follow the pattern of the
 * real lists (https://bl.dk/viden-kartotek/forebyggelsesomraader-og-udsatte-omraader):
 * most move slowly off the lists, some step from udsat to forebyggelse, a few
 * come on; a parallelsamfund is always also an udsat boligområde, and an
 * omdannelsesområde stays one until it is off the lists. The names are made up
 * (never a real area with a made-up status).
 */

const namePatterns = ['{}parken', '{}gården', '{}vænget', '{}haven', '{}højen'];
const prefixes = ['Skov', 'Bøge', 'Lind', 'Ege', 'Sol', 'Vest', 'Nord', 'Øster', 'Engh', 'Mølle', 'Birke', 'Ahorn', 'Rønne', 'Hyld', 'Kløver', 'Valmue'];

/**
 * Levels of an area in a year: 0 off the lists, 1 forebyggelsesområde,
 * 2 udsat, 3 parallelsamfund (and udsat), 4 omdannelsesområde (and
 * parallelsamfund and udsat), 5 omdannelsesområde no longer a parallelsamfund.
 */
const levels: readonly (readonly BoligomraadeCategory[])[] = [
  [],
  ['forebyggelsesomraade'],
  ['udsat_boligomraade'],
  ['udsat_boligomraade', 'parallelsamfund'],
  ['udsat_boligomraade', 'parallelsamfund', 'omdannelsesomraade'],
  ['udsat_boligomraade', 'omdannelsesomraade'],
];

/** The five newest lists published by `today` (each 1 December): for 23 November 2026, 2021–2025. */
export function demoListYears(today: string): number[] {
  const year = Number(today.slice(0, 4));
  const newest = today.slice(5) >= '12-01' ? year : year - 1;
  return [newest - 4, newest - 3, newest - 2, newest - 1, newest];
}

export async function seedBoligomraader(
  db: Kysely<Database>,
  context: DemoContext,
): Promise<number> {
  const rng = seededRandomSource(context.seed + 20);
  const { id, now } = context;
  let count = 0;
  await db.transaction().execute(async (trx) => {
    for (const [index, k] of context.inScope.entries()) {
      // About every other kommune has areas (Køge always: the hub the README and the end-to-end specs open).
      if (index % 2 !== 0 && k.navn !== 'Køge') continue;
      const names = Array.from({ length: rng.int(1, 3) }, () => rng.pick(namePatterns).replace('{}', rng.pick(prefixes)));
      const organisations = context.organisations.filter((o) => o.kommuneIds.includes(k.id));
      for (const name of [...new Set(names)]) {
        const areaId = id('boligomraade', k.id, name);
        await createRow(trx, 'boligomraade', { name, kommune_id: k.id, notes: '' }, { id: areaId, now });
        count++;
        if (organisations.length > 0) {
          const organisationId = rng.pick(organisations).id;
          await createRow(trx, 'boligomraade_organisation', { boligomraade_id: areaId, organisation_id: organisationId }, { id: derivedId('boligomraade_organisation', areaId, organisationId), now });
        }
        // A walk over the years: most areas improve over time, a few come on the lists.
        let level = rng.pick([0, 1, 1, 1, 2, 2, 3, 4]);
        for (const year of demoListYears(context.today)) {
          const roll = rng.next();
          if (level === 4 && roll < 0.3) level = 5;
          else if (level === 5 && roll < 0.25) level = 0;
          else if (level === 3 && roll < 0.25) level = 2;
          else if (level === 2 && roll < 0.35) level = 1;
          else if (level === 1 && roll < 0.3) level = 0;
          else if (level === 0 && roll > 0.85) level = 1;
          else if (level === 1 && roll > 0.9) level = 2;
          for (const category of levels[level]!) {
            await createRow(trx, 'boligomraade_status', { boligomraade_id: areaId, year, category }, { id: derivedId('boligomraade_status', areaId, year, category), now });
          }
        }
      }
    }
  });
  return count;
}
