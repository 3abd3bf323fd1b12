import type { Selectable } from 'kysely';
import type { SyncedColumns } from '../row';

/** The 5 regions; reference data seeded by migration, ids derived from kode. */
export interface RegionTable extends SyncedColumns {
  kode: number;
  navn: string;
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
