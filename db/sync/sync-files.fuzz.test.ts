import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { affiliationKinds, attendanceRoles, attendanceStatuses, followUpStatuses, meetingSeriesKinds, meetingStatuses, organisationCreateInputSchema, organisationKinds } from '../../common/domain';
import { encodeHlc } from '../../common/hlc';
import { agendaItemKinds, cadenceUnits, followUpFieldsSchema, meetingCreateInputSchema, seriesFieldsSchema } from '../../common/meetings.domain';
import { AppError } from '../../common/result';
import { readChannelProblems } from '../../server/ipc/read-channels.testing';
import { createContact } from '../contacts/contacts.repository';
import { createFollowUp } from '../follow-ups/follow-ups.repository';
import { derivedId } from '../ids';
import { checkDatabase } from '../maintenance';
import { createMeeting } from '../meetings/meetings.repository';
import { createSeries } from '../meetings/series.repository';
import { createOrganisation } from '../organisations/organisations.repository';
import { syncedTables } from '../schema';
import type { SyncOperation } from './apply';
import { fieldSchemas } from './field-schemas';
import { forgeFile } from './forge.testing';
import { digest, exportFrom, importInto, installation, type TestInstallation } from './sync-testing';

/**
 * Fuzz test of sync import (issue 13): checksum-valid files — written by
 * writeSyncFile, so every outer check passes — with random operations over
 * every synced table and field: values of every JSON type, right and wrong
 * enums, dates and instants, JSON lists and non-JSON, ids of rows that exist
 * and of rows that never will, malformed record ids, unknown tables and
 * fields, duplicated operations. Required every time:
 * - an import either succeeds or fails with a VALIDATION AppError (one Danish
 *   sentence ending "Intet er ændret."), and a refused file changes nothing;
 * - afterwards the database checks out and no read channel of the handler
 *   table answers INTERNAL;
 * - two installations that receive the same files in opposite orders give
 *   each file the same verdict and end up equal.
 * Runs: KREDSBOG_FUZZ_RUNS (default 40), seed KREDSBOG_FUZZ_SEED.
 */
const runs = Number(process.env.KREDSBOG_FUZZ_RUNS ?? 40);
const seed = Number(process.env.KREDSBOG_FUZZ_SEED ?? 20261206);

let base: string;
const existing: Record<string, string[]> = {};
const stats = { files: 0, operations: 0, accepted: 0, rejected: 0, held: 0 };

beforeAll(async () => {
  const a = await installation('fuzz-base');
  const db = a.app.db;
  const koege = derivedId('kommune', 259);
  const org = await createOrganisation(db, organisationCreateInputSchema.parse({ name: 'KAB', kind: 'boligorganisation', kommuneIds: [koege] }));
  const contact = await createContact(db, { name: 'Mette Ørsted', emails: ['mette@kab.dk'], phones: ['+45 20 30 40 50'], notes: '' }, [{ organisationId: org.id, kommuneId: null, title: 'Direktør', kind: 'boligorganisation', fromDate: null, toDate: null }]);
  const series = await createSeries(db, seriesFieldsSchema.parse({ title: 'Kommunesamarbejde', kind: 'kommunesamarbejde', kommuneId: koege, memberIds: [contact.id] }));
  const meeting = await createMeeting(db, meetingCreateInputSchema.parse({ title: 'Dialogmøde', startsAt: '2026-03-05T09:00:00.000Z', seriesId: series.id, kommuneId: koege, inviteeIds: [contact.id], agenda: [{ title: 'Punkt 1' }] }));
  await createFollowUp(db, followUpFieldsSchema.parse({ title: 'Send tal', ownerContactId: contact.id, sourceMeetingId: meeting.id }));
  base = await exportFrom(a);
  for (const table of syncedTables) existing[table] = (a.app.sqlite.prepare(`SELECT id FROM "${table}" ORDER BY id LIMIT 6`).pluck().all() as string[]);
  await a.app.close();
});

afterAll(() => {
  console.log(`sync-file fuzz: ${stats.files} files, ${stats.operations} operations: ${stats.accepted} accepted (${stats.held} operations held), ${stats.rejected} refused`);
});

// ---------- generators ----------

const fixedIds = ['01900000-0000-7000-8000-00000000f001', '01900000-0000-7000-8000-00000000f002', '01900000-0000-7000-8000-00000000f003'];
const badIds = ['x', 'ikke-et-uuid', '01900000-0000-7000-8000-00000000F001', 'ø'.repeat(20), '0'.repeat(64), '__proto__', 'constructor'];
const enums: readonly (readonly string[])[] = [organisationKinds, affiliationKinds, meetingSeriesKinds, meetingStatuses, attendanceStatuses, attendanceRoles, followUpStatuses, cadenceUnits, agendaItemKinds, ['meeting', 'agenda_item', 'follow_up']];

const anyRowId = (table: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(existing[table]?.length ? existing[table]! : fixedIds)) },
    { weight: 3, arbitrary: fc.constantFrom(...fixedIds) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom(...badIds) },
  );

const anyId = fc.oneof(fc.constantFrom(...Object.values(existing).flat(), ...fixedIds), fc.uuid(), fc.constantFrom(...badIds));

/** Any value a field could be sent: mostly JSON scalars (right and wrong for the field), sometimes other JSON (the reader refuses it). */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<unknown>(null, '', ' ', 'Køge', 'ikke json', '[]', '["mette@kab.dk"]', '[1,2]', '{"a":1}', '{"__proto__":{"x":1}}', 'null', '2026-05-01', '2026-02-30', '2026-05-01T08:00:00.000Z', '2026-05-01T08:00:00+02:00', 'i morgen', '\u0000', '\u202e', 'x'.repeat(20_000)) },
  { weight: 3, arbitrary: fc.constantFrom(...enums.flat()) },
  { weight: 2, arbitrary: anyId },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(0, 1, 2, -1, 11, 12, 99, 259, 1.5, -0, 1e308, Number.MAX_SAFE_INTEGER + 2) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2100-01-01') }).map((d) => d.toISOString()) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(true, false, [], {}, ['a'], { a: 1 }) },
);

const fieldsOf = (table: string): string[] => [...Object.keys((fieldSchemas as Record<string, Record<string, unknown>>)[table] ?? {}), 'id', 'created_at', 'updated_at', 'ukendt_felt'];
const tables = [...syncedTables, 'ukendt_tabel'];

interface OpSketch {
  readonly table: string;
  readonly rowId: string;
  readonly field: string;
  readonly value: unknown;
  readonly prev: boolean;
  /** Whole records (every field at once) are how rows usually arrive: more of them get past "missing required field". */
  readonly wholeRow: boolean;
}

const opSketch: fc.Arbitrary<OpSketch> = fc
  .constantFrom(...tables)
  .chain((table) => fc.record({ table: fc.constant(table), rowId: anyRowId(table), field: fc.constantFrom(...fieldsOf(table)), value: anyValue, prev: fc.boolean(), wholeRow: fc.boolean() }));

const fileSketch = fc.record({
  ops: fc.array(opSketch, { minLength: 1, maxLength: 25 }),
  /** Offset of the file's clocks from now: mostly the past minute, sometimes ahead (up to past the 24-hour limit). */
  offsetMs: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: -60_000, max: 0 }) }, { weight: 1, arbitrary: fc.constantFrom(10 * 60_000, 23 * 3_600_000, 25 * 3_600_000) }),
  duplicate: fc.boolean(),
});

let fileCounter = 0;

/** Turns sketches into a checksum-valid file from an origin no other file uses (so files never collide with each other). */
function materialiseFile(sketch: { ops: readonly OpSketch[]; offsetMs: number; duplicate: boolean }): { file: string; count: number } {
  const origin = `fz${(++fileCounter).toString(16).padStart(14, '0')}`;
  const wall = Date.now() + sketch.offsetMs;
  const ops: SyncOperation[] = [];
  let counter = 0;
  for (const s of sketch.ops) {
    const hlc = encodeHlc({ wall, counter: counter++, node: origin });
    const prev = s.prev ? encodeHlc({ wall: wall - 1000, counter: 0, node: 'fzprev' }) : null;
    const fields: [string, unknown][] = s.wholeRow ? fieldsOf(s.table).filter((f) => !['id', 'created_at', 'updated_at', 'ukendt_felt'].includes(f)).map((f) => [f, f === s.field ? s.value : plausible(s.table, f)]) : [[s.field, s.value]];
    for (const [field, value] of fields) ops.push({ hlc, tbl: s.table, row_id: s.rowId, field, value: value === null ? null : JSON.stringify(value), prev, origin });
  }
  // The same operation twice in one file, sometimes with another value.
  if (sketch.duplicate && ops.length > 0) ops.push({ ...ops[0]!, value: ops.length % 2 === 0 ? ops[0]!.value : JSON.stringify('anden værdi') });
  return { file: forgeFile(ops, { installationId: origin }), count: ops.length };
}

/** A value that fits the field (so whole records often get in), from the field's own rule where it is simple. */
function plausible(table: string, field: string): unknown {
  const rows: Record<string, unknown> = {
    name: 'Fuzz', title: 'Fuzz', navn: 'Fuzz', notes: '', details: '', description: '', presenter: '', minutes: '', decision: '', place: '', default_place: '',
    emails: '[]', phones: '[]', agenda_template: '[]', position: 'a0', kind: table === 'organisation' ? 'andet' : table === 'affiliation' ? 'andet' : table === 'meeting_series' ? 'andet' : 'normal',
    status: table === 'meeting' ? 'planlagt' : table === 'attendance' ? 'inviteret' : 'aaben', cadence_unit: 'none', archived: 0, owner_is_me: 0, starts_at: '2026-05-01T08:00:00.000Z',
    target_type: 'meeting', number: 3, kode: 259, deleted_at: null,
  };
  if (field in rows) return rows[field];
  if (field.endsWith('_id')) return existing[field.replace(/_id$/, '').replace('source_agenda_item', 'agenda_item').replace(/^(source|closed_in)_meeting$/, 'meeting').replace('owner_contact', 'contact').replace('series', 'meeting_series').replace('region', 'region').replace('tag', 'tag').replace('target', 'meeting')]?.[0] ?? fixedIds[0];
  return null;
}

// ---------- the property ----------

type Verdict = 'accepted' | 'rejected';

async function tryImport(who: TestInstallation, file: string): Promise<Verdict> {
  const before = digest(who);
  try {
    const result = await importInto(who, file);
    stats.held += result.report.held;
    return 'accepted';
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'VALIDATION') throw new Error(`import threw ${String(error)}`);
    expect(error.message).toMatch(/^Filen kan ikke importeres: .*Intet er ændret\.$/);
    expect(digest(who)).toBe(before);
    return 'rejected';
  }
}

describe('sync import under checksum-valid files with random operations', () => {
  it(`refuses cleanly or holds safely, keeps every page readable and converges (${runs} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fileSketch, { minLength: 1, maxLength: 5 }), async (sketches) => {
        const files = sketches.map(materialiseFile);
        const [p, q] = [await installation('fuzz-p'), await installation('fuzz-q')];
        try {
          await importInto(p, base);
          await importInto(q, base);
          const forward: Verdict[] = [];
          for (const { file } of files) forward.push(await tryImport(p, file));
          const backward: Verdict[] = [];
          for (const { file } of [...files].reverse()) backward.push(await tryImport(q, file));
          expect(backward.reverse()).toEqual(forward);
          stats.files += files.length;
          stats.operations += files.reduce((n, f) => n + f.count, 0);
          stats.accepted += forward.filter((v) => v === 'accepted').length;
          stats.rejected += forward.filter((v) => v === 'rejected').length;
          for (const who of [p, q]) {
            expect(checkDatabase(who.app.sqlite)).toMatchObject({ ok: true });
            expect(await readChannelProblems(who.app, { maxRowsPerTable: 8 })).toEqual([]);
          }
          expect(digest(q)).toBe(digest(p));
        } finally {
          await p.app.close();
          await q.app.close();
        }
      }),
      { numRuns: runs, seed, endOnFailure: true },
    );
  }, 300_000);
});
