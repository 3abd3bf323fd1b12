import type { Selectable } from 'kysely';
import { z } from 'zod';
import {
  affiliationKinds,
  attendanceRoles,
  attendanceStatuses,
  followUpStatuses,
  idSchema,
  isoDateSchema,
  kredsSchema,
  meetingSeriesKinds,
  meetingStatuses,
  organisationKinds,
} from '../../common/domain';
import { aftaleKinds, aftaleStatuses, storedAftaleGoalsSchema } from '../../common/aftaler.domain';
import { boligomraadeCategories } from '../../common/boligomraader.domain';
import { helhedsplanBodies, helhedsplanDeadlineKinds, helhedsplanStatuses } from '../../common/helhedsplaner.domain';
import { agendaItemKinds, cadenceUnits, instantSchema } from '../../common/meetings.domain';
import { contactLogKinds } from '../../common/relationships.domain';
import { derivedId } from '../ids';
import { kommunerData, regionsData } from '../reference/kommuner.data';
import { reform2027 } from '../reference/regions-2027.data';
import type { Database, SyncedTable } from '../schema';

/**
 * What a value arriving by sync may be, per synced table and field: ONE table,
 * built from the domain schemas and enums in common/ and checked by the
 * compiler against the column types in db/*\/x.table.ts (a column without a
 * schema, or a schema whose output does not fit the column, is a type error).
 *
 * The rules are those of the stored data that every page reads — types,
 * enums, UUIDs, ISO instants and dates, JSON lists — not the form rules
 * (lengths, required text), so every value this app writes itself passes,
 * and an installation never holds back a value another one shows.
 *
 * An operation whose value breaks its rule is HELD (stored, re-exported,
 * never shown): the field keeps the newest valid value. That depends on the
 * operation alone, so every installation holds the same operations and
 * converges; a newer version that widens a rule (a new organisation kind)
 * rematerialises and shows them.
 */
type Value = string | number | null;
type Row<T extends SyncedTable> = Selectable<Database[T]>;
type Column<T extends SyncedTable> = Exclude<keyof Row<T> & string, 'id' | 'created_at' | 'updated_at'>;
type FieldSchemaTable = { readonly [T in SyncedTable]: { readonly [C in Column<T>]: z.ZodType<Row<T>[C]> } };

/** JSON text whose parsed value fits `inner` (the columns that hold a JSON list or object as text). */
function jsonText(inner: z.ZodType): z.ZodType<string> {
  return z.string().refine((text) => {
    try {
      return inner.safeParse(JSON.parse(text)).success;
    } catch {
      return false;
    }
  });
}

const text = z.string();
const id = idSchema;
const instant = instantSchema;
const flag = z.union([z.literal(0), z.literal(1)]);
const deletedAt = instant.nullable();
const stringList = jsonText(z.array(z.string()));
/** merged_seen: per installation, the newest clock the merge had seen (db/sync/merge-forward.ts). */
const seenVector = jsonText(z.record(z.string(), z.string()));
/** "Hold kontakten" every N months (migration 0018). */
const keepInTouch = z.number().int().min(1).max(120).nullable();

export const fieldSchemas: FieldSchemaTable = {
  region: { kode: z.number().int(), navn: text, valid_from: isoDateSchema.nullable(), valid_to: isoDateSchema.nullable(), deleted_at: deletedAt },
  kreds: { number: kredsSchema.shape.number, name: z.string().trim().min(1).max(200), deleted_at: deletedAt },
  kommune: { kode: z.number().int(), navn: text, region_id: id, kreds_id: id.nullable(), notes: text, deleted_at: deletedAt },
  organisation: { name: text, kind: z.enum(organisationKinds), notes: text, merged_into: id.nullable(), merged_seen: seenVector.nullable(), deleted_at: deletedAt },
  organisation_kommune: { organisation_id: id, kommune_id: id, deleted_at: deletedAt },
  contact: {
    name: text,
    emails: stringList,
    phones: stringList,
    notes: text,
    merged_into: id.nullable(),
    merged_seen: seenVector.nullable(),
    erased_at: instant.nullable(),
    keep_in_touch_months: keepInTouch,
    deleted_at: deletedAt,
  },
  affiliation: {
    contact_id: id,
    organisation_id: id.nullable(),
    kommune_id: id.nullable(),
    title: text,
    kind: z.enum(affiliationKinds),
    from_date: isoDateSchema.nullable(),
    to_date: isoDateSchema.nullable(),
    keep_in_touch_months: keepInTouch,
    deleted_at: deletedAt,
  },
  meeting_series: {
    title: text,
    kind: z.enum(meetingSeriesKinds),
    kommune_id: id.nullable(),
    default_place: text,
    cadence_unit: z.enum(cadenceUnits),
    cadence_interval: z.number().int().nullable(),
    agenda_template: stringList,
    year: z.number().int().nullable(),
    archived: flag,
    notes: text,
    deleted_at: deletedAt,
  },
  meeting_series_organisation: { series_id: id, organisation_id: id, deleted_at: deletedAt },
  meeting_series_member: { series_id: id, contact_id: id, deleted_at: deletedAt },
  meeting: {
    series_id: id.nullable(),
    kommune_id: id.nullable(),
    title: text,
    starts_at: instant,
    ends_at: instant.nullable(),
    place: text,
    status: z.enum(meetingStatuses),
    notes: text,
    ics_uid: z.string().nullable(),
    deleted_at: deletedAt,
  },
  agenda_item: {
    meeting_id: id,
    position: text,
    kind: z.enum(agendaItemKinds),
    title: text,
    description: text,
    presenter: text,
    planned_minutes: z.number().int().nullable(),
    minutes: text,
    decision: text,
    deleted_at: deletedAt,
  },
  attendance: { meeting_id: id, contact_id: id, status: z.enum(attendanceStatuses), role: z.enum(attendanceRoles).nullable(), deleted_at: deletedAt },
  follow_up: {
    title: text,
    details: text,
    owner_contact_id: id.nullable(),
    owner_is_me: flag,
    due_date: isoDateSchema.nullable(),
    status: z.enum(followUpStatuses),
    kommune_id: id.nullable(),
    source_meeting_id: id.nullable(),
    source_agenda_item_id: id.nullable(),
    closed_in_meeting_id: id.nullable(),
    deleted_at: deletedAt,
  },
  contact_log: {
    date: isoDateSchema,
    kind: z.enum(contactLogKinds),
    note: text,
    kommune_id: id.nullable(),
    organisation_id: id.nullable(),
    follow_up_id: id.nullable(),
    deleted_at: deletedAt,
  },
  contact_log_contact: { log_id: id, contact_id: id, deleted_at: deletedAt },
  tag: { name: text, deleted_at: deletedAt },
  tag_link: { tag_id: id, target_type: z.enum(['meeting', 'agenda_item', 'follow_up']), target_id: id, deleted_at: deletedAt },
  kommune_region_period: { kommune_id: id, region_id: id, valid_from: isoDateSchema, deleted_at: deletedAt },
  kommune_kreds_period: { kommune_id: id, kreds_id: id.nullable(), valid_from: isoDateSchema, deleted_at: deletedAt },
  aftale: {
    kind: z.enum(aftaleKinds),
    title: text,
    status: z.enum(aftaleStatuses),
    kommune_id: id.nullable(),
    from_date: isoDateSchema.nullable(),
    to_date: isoDateSchema.nullable(),
    evaluation_date: isoDateSchema.nullable(),
    renegotiation_date: isoDateSchema.nullable(),
    bilag_review_date: isoDateSchema.nullable(),
    goals: jsonText(storedAftaleGoalsSchema),
    documents: stringList,
    notes: text,
    deleted_at: deletedAt,
  },
  aftale_organisation: { aftale_id: id, organisation_id: id, deleted_at: deletedAt },
  boligomraade: { name: text, kommune_id: id.nullable(), notes: text, deleted_at: deletedAt },
  boligomraade_organisation: { boligomraade_id: id, organisation_id: id, deleted_at: deletedAt },
  boligomraade_status: { boligomraade_id: id, year: z.number().int(), category: z.enum(boligomraadeCategories), deleted_at: deletedAt },
  styringsdialog: {
    kommune_id: id,
    organisation_id: id,
    year: z.number().int(),
    meeting_id: id.nullable(),
    aftale_id: id.nullable(),
    pakke_date: isoDateSchema.nullable(),
    pakke_contact_id: id.nullable(),
    pakke_who: text,
    aftaler_date: isoDateSchema.nullable(),
    aftaler_contact_id: id.nullable(),
    aftaler_who: text,
    referat_date: isoDateSchema.nullable(),
    referat_contact_id: id.nullable(),
    referat_who: text,
    redegoerelse_date: isoDateSchema.nullable(),
    redegoerelse_contact_id: id.nullable(),
    redegoerelse_who: text,
    notes: text,
    deleted_at: deletedAt,
  },
  // Helhedsplaner (0022).
  indsatsomraade: { name: text, frame: text, valid_from: isoDateSchema.nullable(), valid_to: isoDateSchema.nullable(), retired: flag, deleted_at: deletedAt },
  helhedsplan: {
    name: text,
    status: z.enum(helhedsplanStatuses),
    kommune_id: id.nullable(),
    from_date: isoDateSchema.nullable(),
    to_date: isoDateSchema.nullable(),
    journal_number: text,
    notes: text,
    deleted_at: deletedAt,
  },
  helhedsplan_organisation: { helhedsplan_id: id, organisation_id: id, deleted_at: deletedAt },
  helhedsplan_boligomraade: { helhedsplan_id: id, boligomraade_id: id, deleted_at: deletedAt },
  helhedsplan_indsatsomraade: { helhedsplan_id: id, indsatsomraade_id: id, deleted_at: deletedAt },
  helhedsplan_series: { helhedsplan_id: id, series_id: id, deleted_at: deletedAt },
  helhedsplan_role: {
    helhedsplan_id: id,
    contact_id: id,
    body: z.enum(helhedsplanBodies),
    title: text,
    from_date: isoDateSchema.nullable(),
    to_date: isoDateSchema.nullable(),
    deleted_at: deletedAt,
  },
  helhedsplan_deadline: { helhedsplan_id: id, kind: z.enum(helhedsplanDeadlineKinds), title: text, due_date: isoDateSchema, done_date: isoDateSchema.nullable(), deleted_at: deletedAt },
};

/**
 * Link rows: their id is derived from the rows they link (db/ids.ts), so two
 * laptops that make the same link make the same row. A link whose fields do
 * not derive its id is not one this app wrote: its pair is held, which also
 * keeps every UNIQUE pair unique.
 */
export const linkPairs: Readonly<Partial<Record<SyncedTable, readonly string[]>>> = {
  organisation_kommune: ['organisation_id', 'kommune_id'],
  meeting_series_organisation: ['series_id', 'organisation_id'],
  meeting_series_member: ['series_id', 'contact_id'],
  attendance: ['meeting_id', 'contact_id'],
  contact_log_contact: ['log_id', 'contact_id'],
  tag_link: ['tag_id', 'target_type', 'target_id'],
  kommune_kreds_period: ['kommune_id', 'valid_from'],
  aftale_organisation: ['aftale_id', 'organisation_id'],
  boligomraade_organisation: ['boligomraade_id', 'organisation_id'],
  boligomraade_status: ['boligomraade_id', 'year', 'category'],
  /** Not a link, but keyed the same way: one cycle per kommune × organisation × year. */
  styringsdialog: ['kommune_id', 'organisation_id', 'year'],
  helhedsplan_organisation: ['helhedsplan_id', 'organisation_id'],
  helhedsplan_boligomraade: ['helhedsplan_id', 'boligomraade_id'],
  helhedsplan_indsatsomraade: ['helhedsplan_id', 'indsatsomraade_id'],
  helhedsplan_series: ['helhedsplan_id', 'series_id'],
};

export function linkIdOf(table: SyncedTable, values: readonly Value[]): string {
  return derivedId(table, ...values.map((v) => (v === null ? '' : v)));
}

/**
 * Reference data (migrations 0002 and 0019): the regioner (5 until 2026, then
 * 4), 11 kredse, 98 kommuner and the kommuner's dated regions are the only
 * rows of their tables, with ids derived from their codes. A file may set what
 * the app lets a user edit — a kommune's kreds and notes, a kreds's name — and
 * nothing else: no new rows, no other codes, names, regions or dates, no deletes.
 */
const fixedValues: ReadonlyMap<string, Readonly<Record<string, Value>>> = new Map<string, Record<string, Value>>([
  ...regionsData.map((r): [string, Record<string, Value>] => [
    `region\u0000${derivedId('region', r.kode)}`,
    { kode: r.kode, navn: r.navn, valid_from: null, valid_to: reform2027.mergedRegionKoder.includes(r.kode) ? reform2027.lastDayBefore : null, deleted_at: null },
  ]),
  [
    `region\u0000${derivedId('region', reform2027.newRegion.kode)}`,
    { kode: reform2027.newRegion.kode, navn: reform2027.newRegion.navn, valid_from: reform2027.from, valid_to: null, deleted_at: null },
  ],
  ...kommunerData.flatMap((k): [string, Record<string, Value>][] => {
    const row = (validFrom: string, regionKode: number): [string, Record<string, Value>] => [
      `kommune_region_period\u0000${derivedId('kommune_region_period', k.kode, validFrom)}`,
      { kommune_id: derivedId('kommune', k.kode), region_id: derivedId('region', regionKode), valid_from: validFrom, deleted_at: null },
    ];
    const first = row('2007-01-01', k.regionskode);
    return reform2027.mergedRegionKoder.includes(k.regionskode) ? [first, row(reform2027.from, reform2027.newRegion.kode)] : [first];
  }),
  ...Array.from({ length: 11 }, (_, i): [string, Record<string, Value>] => [`kreds\u0000${derivedId('kreds', i + 1)}`, { number: i + 1, deleted_at: null }]),
  ...kommunerData.map((k): [string, Record<string, Value>] => [
    `kommune\u0000${derivedId('kommune', k.kode)}`,
    { kode: k.kode, navn: k.navn, region_id: derivedId('region', k.regionskode), deleted_at: null },
  ]),
]);

export const referenceTables: ReadonlySet<string> = new Set(['region', 'kreds', 'kommune', 'kommune_region_period']);

const rowIdSchema = idSchema;

/** Verdicts on record ids, remembered: an import asks for every operation of a record (bounded: a first import names millions). */
const rowIdVerdicts = new Map<string, boolean>();

/** Whether a record id can be materialised in a table at all: a UUID, and for reference tables one of the seeded rows. */
export function isValidRowId(table: SyncedTable, rowId: string): boolean {
  if (referenceTables.has(table)) return fixedValues.has(`${table}\u0000${rowId}`);
  let valid = rowIdVerdicts.get(rowId);
  if (valid === undefined) {
    valid = rowIdSchema.safeParse(rowId).success;
    // Bounded above the records of a team's years (≈ 600,000 at scale 10): a first import asks about each one per operation.
    if (rowIdVerdicts.size > 1_500_000) rowIdVerdicts.clear();
    rowIdVerdicts.set(rowId, valid);
  }
  return valid;
}

/** The JSON text of an operation's value, decoded; undefined when it is not JSON of a string, number or null. */
export function decodeValue(json: string | null): Value | undefined {
  if (json === null) return null;
  try {
    const value = JSON.parse(json) as unknown;
    return value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether an operation's value may be shown: its field is known to this
 * version, the value fits the field's schema, and reference data keeps its
 * fixed values. A function of the operation alone (table, record, field,
 * value), so every installation decides alike. Callers ask only about
 * columns the table has; unknown tables are "not valid" (held as before).
 */
export function isValidValue(table: string, rowId: string, field: string, json: string | null): boolean {
  const schemas = (fieldSchemas as Readonly<Record<string, Readonly<Record<string, z.ZodType>>>>)[table];
  if (!schemas) return false;
  const value = decodeValue(json);
  if (value === undefined) return false;
  // A column a later migration added and this table does not list yet: any JSON scalar, as before this check.
  const schema = Object.hasOwn(schemas, field) ? schemas[field] : undefined;
  if (!schema) return true;
  if (referenceTables.has(table)) {
    const fixed = fixedValues.get(`${table}\u0000${rowId}`);
    if (!fixed) return false;
    if (field in fixed) return fixed[field] === value;
  }
  return schema.safeParse(value).success;
}

/** Whether `field` of `table` is in the schema table (a field this version knows). */
export function isKnownField(table: string, field: string): boolean {
  const schemas = (fieldSchemas as Readonly<Record<string, Readonly<Record<string, z.ZodType>>>>)[table];
  return schemas !== undefined && Object.hasOwn(schemas, field);
}
