/**
 * The regions from 1 January 2027 (sundhedsreformen): Region Hovedstaden
 * (1084) and Region Sjælland (1085) end on 31 December 2026 and their 46
 * kommuner belong to Region Østdanmark from 1 January 2027; Denmark then has
 * four regions. Source: lov nr. 699 af 20. juni 2025 om overgangen til en ny
 * sundhedsstruktur (overgangsloven) § 126 — "Region Østdanmark overtager den
 * 1. januar 2027 Region Sjællands og Region Hovedstadens aktiver, passiver,
 * rettigheder, pligter og ansatte" — following the sundhedsreform agreement of
 * 15 November 2024.
 *
 * The kode 1086 is Kredsbog's own, next after DAGI's 1081–1085: DAGI had
 * published no regionskode for Region Østdanmark when this was written. It
 * only derives the region's id (db/ids.ts), so if DAGI assigns another code
 * later, a new migration can set `kode` without changing any id.
 *
 * Frozen: migration 0019 seeds from it. A change of reference data is a new migration.
 */
export const reform2027 = {
  /** The first day of the new regions. */
  from: '2027-01-01',
  /** The last day of the merged ones. */
  lastDayBefore: '2026-12-31',
  mergedRegionKoder: [1084, 1085] as readonly number[],
  newRegion: { kode: 1086, navn: 'Region Østdanmark' },
} as const;
