import type { Selectable } from 'kysely';
import type { SyncedColumns } from '../row';

/** The regions (5 until 2026, 4 from 2027); reference data seeded by migration, ids derived from kode. */
export interface RegionTable extends SyncedColumns {
  kode: number;
  navn: string;
  /** First and last day of the region (migration 0019); null: open-ended. */
  valid_from: string | null;
  valid_to: string | null;
}

/** A kommune's region from valid_from on (reference data, migration 0019): the row with the latest valid_from on or before a day answers for it. */
export interface KommuneRegionTable extends SyncedColumns {
  kommune_id: string;
  region_id: string;
  valid_from: string;
}

/** A kommune's kreds from valid_from on (user data: Sæt kreds; id derived from kommune and date). */
export interface KommuneKredsTable extends SyncedColumns {
  kommune_id: string;
  kreds_id: string | null;
  valid_from: string;
}

/** BL's 11 kredse; reference data, names editable. */
export interface KredsTable extends SyncedColumns {
  number: number;
  name: string;
}

/** The 98 kommuner; id derived from kode so all installations agree. */
export interface KommuneTable extends SyncedColumns {
  kode: number;
  navn: string;
  region_id: string;
  kreds_id: string | null;
  notes: string;
}

export type RegionRow = Selectable<RegionTable>;
export type KredsRow = Selectable<KredsTable>;
export type KommuneRow = Selectable<KommuneTable>;
export type KommuneKredsRow = Selectable<KommuneKredsTable>;
