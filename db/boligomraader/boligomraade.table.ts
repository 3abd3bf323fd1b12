import type { SyncedColumns } from '../row';

/** A boligområde (migration 0020). Adding a column? Also update the mapper in boligomraader.repository.ts and db/sync/field-schemas.ts. */
export interface BoligomraadeTable extends SyncedColumns {
  name: string;
  kommune_id: string | null;
  notes: string;
}

/** An organisation that runs (part of) a boligområde; id derived from the pair. */
export interface BoligomraadeOrganisationTable extends SyncedColumns {
  boligomraade_id: string;
  organisation_id: string;
}

/** The area's place on one of the ministry's 1 December lists; id derived from (area, year, category). */
export interface BoligomraadeStatusTable extends SyncedColumns {
  boligomraade_id: string;
  year: number;
  category: 'forebyggelsesomraade' | 'udsat_boligomraade' | 'parallelsamfund' | 'omdannelsesomraade';
}
