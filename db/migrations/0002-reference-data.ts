import { derivedId } from '../ids';
import { kommunerData, regionsData } from '../reference/kommuner.data';
import { transactional } from './transactional';

/**
 * FROZEN once released. Seeds the 5 regions, 98 kommuner and kredse 1–11 with
 * ids derived from their codes and a fixed stamp (the 2007 kommunalreform), so
 * two fresh installations hold byte-identical reference rows.
 * Only the publicly known kreds assignments are set: København in 1. kreds,
 * the Fyn kommuner in 3. kreds, Vordingborg in 11. kreds; users fill in the rest.
 */
const STAMP = '2007-01-01T00:00:00.000Z';
const fynKommuner = [410, 420, 430, 440, 450, 461, 479, 480, 482, 492];
const knownKreds = new Map<number, number>([[101, 1], [390, 11], ...fynKommuner.map((kode): [number, number] => [kode, 3])]);

export const m0002ReferenceData = transactional(async (db) => {
  const stamps = { created_at: STAMP, updated_at: STAMP, deleted_at: null };
  await db
    .insertInto('region')
    .values(regionsData.map((r) => ({ id: derivedId('region', r.kode), kode: r.kode, navn: r.navn, ...stamps })))
    .execute();
  await db
    .insertInto('kreds')
    .values(Array.from({ length: 11 }, (_, i) => ({ id: derivedId('kreds', i + 1), number: i + 1, name: `${i + 1}. kreds`, ...stamps })))
    .execute();
  await db
    .insertInto('kommune')
    .values(
      kommunerData.map((k) => {
        const kreds = knownKreds.get(k.kode);
        return {
          id: derivedId('kommune', k.kode),
          kode: k.kode,
          navn: k.navn,
          region_id: derivedId('region', k.regionskode),
          kreds_id: kreds === undefined ? null : derivedId('kreds', kreds),
          notes: '',
          ...stamps,
        };
      }),
    )
    .execute();
});
