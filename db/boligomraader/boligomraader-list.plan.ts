import type { Kysely, Transaction } from 'kysely';
import type { BoligomraadeCategory, ListImportPreview } from '../../common/boligomraader.domain';
import { foldDanish } from '../../common/text-fold';
import { derivedId } from '../ids';
import type { Database } from '../schema';
import { categoriesOfYear, describeChanges, previousListYear, type AreaTransition } from './boligomraader.repository';
import type { ParsedList } from './boligomraader-list.parse';

/**
 * Import of a year's lists, stage 2 — plan: what the parsed file would do to
 * the database, read only. An area is matched to a live one of the same
 * kommune by its folded name ("Gellerupparken/Toveshøj" = "gellerupparken/
 * toveshoj"); an area not found is created with an id derived from its
 * kommune and folded name, so two laptops importing the same list make the same
 * area. The file is the whole list of its year: an area that has a status in
 * that year and is not in the file loses it (re-importing a corrected list).
 */

export interface PlannedArea {
  /** The live area matched, or null: created with `newId`. */
  readonly boligomraadeId: string | null;
  readonly newId: string;
  readonly name: string;
  readonly kommuneId: string;
  readonly categories: readonly BoligomraadeCategory[];
}

export interface ListPlan {
  readonly year: number;
  readonly areas: readonly PlannedArea[];
  /** Live areas with a status in `year` that the file leaves out. */
  readonly dropped: readonly string[];
  /** Status rows to add and remove in `year`. */
  readonly added: number;
  readonly removed: number;
  readonly transitions: readonly AreaTransition[];
  readonly previousYear: number | null;
  readonly replacesYear: boolean;
}

type Db = Kysely<Database> | Transaction<Database>;

export async function planList(db: Db, parsed: ParsedList, year: number): Promise<ListPlan> {
  const live = await db.selectFrom('boligomraade').select(['id', 'name', 'kommune_id']).where('deleted_at', 'is', null).execute();
  const byKey = new Map(live.map((a) => [`${a.kommune_id ?? ''}\u0000${foldDanish(a.name)}`, a.id]));
  const current = await categoriesOfYear(db, year);
  const previousYear = await previousListYear(db, year);
  const before = previousYear === null ? new Map<string, BoligomraadeCategory[]>() : await categoriesOfYear(db, previousYear);

  let added = 0;
  let removed = 0;
  const areas: PlannedArea[] = parsed.areas.map((a) => {
    const folded = foldDanish(a.name);
    const id = byKey.get(`${a.kommuneId}\u0000${folded}`) ?? null;
    const now = id ? (current.get(id) ?? []) : [];
    added += a.categories.filter((c) => !now.includes(c)).length;
    removed += now.filter((c) => !a.categories.includes(c)).length;
    return { boligomraadeId: id, newId: derivedId('boligomraade', a.kommuneId, folded), name: a.name, kommuneId: a.kommuneId, categories: a.categories };
  });
  const inFile = new Set(areas.map((a) => a.boligomraadeId).filter((id): id is string => id !== null));
  const dropped = [...current.keys()].filter((id) => !inFile.has(id));
  for (const id of dropped) removed += current.get(id)?.length ?? 0;

  const names = new Map(live.map((a) => [a.id, a]));
  const transitions: AreaTransition[] = [
    ...areas.map((a) => ({ boligomraadeId: a.boligomraadeId, name: a.name, kommuneId: a.kommuneId, before: a.boligomraadeId ? (before.get(a.boligomraadeId) ?? []) : [], after: a.categories })),
    // Off the lists: on last year's lists and not in this file.
    ...[...before.keys()]
      .filter((id) => !inFile.has(id) && names.has(id))
      .map((id) => ({ boligomraadeId: id, name: names.get(id)!.name, kommuneId: names.get(id)!.kommune_id, before: before.get(id) ?? [], after: [] })),
  ];
  return { year, areas, dropped, added, removed, transitions, previousYear, replacesYear: current.size > 0 };
}

/** Whether the plan writes anything (decides the safety backup). */
export const planWrites = (plan: ListPlan): boolean => plan.added > 0 || plan.removed > 0 || plan.areas.some((a) => a.boligomraadeId === null);

/** The preview the user confirms: what changed since the list year before, and what it touches. */
export async function previewOfPlan(db: Db, plan: ListPlan, parsed: ParsedList, fileName: string): Promise<ListImportPreview> {
  const comparison = await describeChanges(db, plan.year, plan.previousYear, plan.transitions);
  return {
    ...comparison,
    fileName,
    rows: parsed.rows,
    newAreas: plan.areas.filter((a) => a.boligomraadeId === null).length,
    statusesAdded: plan.added,
    statusesRemoved: plan.removed,
    replacesYear: plan.replacesYear,
  };
}
