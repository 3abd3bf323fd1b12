import type BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContact } from '../contacts/contacts.repository';
import { createMeeting, deleteMeeting, restoreMeeting, saveMeeting, setAttendance } from '../meetings/meetings.repository';
import { createTestDatabase } from '../testing/test-database';
import { deferDerivedTables } from './derived-tables';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

/** contact_last_attended as stored, and as its definition (migration 0023) computes it from the domain tables. */
const stored = (sqlite: BetterSqlite3.Database) => sqlite.prepare('SELECT contact_id, starts_at FROM contact_last_attended ORDER BY contact_id').all();
const defined = (sqlite: BetterSqlite3.Database) =>
  sqlite
    .prepare(
      `SELECT att.contact_id, max(m.starts_at) AS starts_at FROM attendance att JOIN meeting m ON m.id = att.meeting_id
       WHERE att.deleted_at IS NULL AND att.status = 'deltog' AND m.deleted_at IS NULL AND m.status != 'aflyst'
       GROUP BY att.contact_id ORDER BY att.contact_id`,
    )
    .all();
const lastAttendedTriggers = (sqlite: BetterSqlite3.Database) => sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'last_attended_%' ORDER BY name`).pluck().all();

const starts = ['2025-03-04T08:00:00.000Z', '2026-01-12T09:00:00.000Z', '2026-06-02T12:00:00.000Z', '2027-02-01T09:00:00.000Z'];
const step = fc.oneof(
  fc.record({ kind: fc.constant('attend' as const), meeting: fc.nat(3), person: fc.nat(2), status: fc.constantFrom('deltog' as const, 'afbud' as const, 'inviteret' as const) }),
  fc.record({ kind: fc.constant('move' as const), meeting: fc.nat(3), start: fc.nat(starts.length - 1) }),
  fc.record({ kind: fc.constant('status' as const), meeting: fc.nat(3), status: fc.constantFrom('afholdt' as const, 'aflyst' as const, 'planlagt' as const) }),
  fc.record({ kind: fc.constant('delete' as const), meeting: fc.nat(3) }),
  fc.record({ kind: fc.constant('restore' as const), meeting: fc.nat(3) }),
);

describe('contact_last_attended (sidst i kontakt from meetings)', () => {
  it('stays equal to its definition through attendance, moved, cancelled, deleted and restored meetings', async () => {
    const people = await Promise.all(['Anna', 'Bo', 'Carl'].map(async (name) => (await createContact(t.db, { name, emails: [], phones: [], notes: '' }, [])).id));
    const meetings: string[] = [];
    for (const [i, startsAt] of starts.entries()) {
      meetings.push((await createMeeting(t.db, { seriesId: null, kommuneId: null, title: `Møde ${i}`, startsAt, endsAt: null, place: '', status: 'afholdt', notes: '', inviteeIds: [], agenda: [] })).id);
    }
    const deleted = new Set<string>();
    let sawRows = false;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        for (const s of steps) {
          const meeting = meetings[s.meeting]!;
          if (s.kind === 'attend' && !deleted.has(meeting)) await setAttendance(t.db, meeting, people[s.person]!, s.status, null);
          if (s.kind === 'move' && !deleted.has(meeting)) await saveMeeting(t.db, meeting, { startsAt: starts[s.start]!, endsAt: null });
          if (s.kind === 'status' && !deleted.has(meeting)) await saveMeeting(t.db, meeting, { status: s.status });
          if (s.kind === 'delete' && !deleted.has(meeting)) {
            await deleteMeeting(t.db, meeting);
            deleted.add(meeting);
          }
          if (s.kind === 'restore' && deleted.has(meeting)) {
            await restoreMeeting(t.db, meeting);
            deleted.delete(meeting);
          }
          expect(stored(t.sqlite)).toEqual(defined(t.sqlite));
          sawRows ||= stored(t.sqlite).length > 0;
        }
      }),
      { numRuns: 40 },
    );
    // The runs reached people with a latest meeting, not only an empty table.
    expect(sawRows).toBe(true);
  }, 120_000);

  it('is rebuilt once after a large import, which drops its triggers while the rows go in', async () => {
    const person = (await createContact(t.db, { name: 'Dorte', emails: [], phones: [], notes: '' }, [])).id;
    const meeting = (await createMeeting(t.db, { seriesId: null, kommuneId: null, title: 'Møde', startsAt: starts[1]!, endsAt: null, place: '', status: 'afholdt', notes: '', inviteeIds: [], agenda: [] })).id;
    const before = lastAttendedTriggers(t.sqlite);
    expect(before).toHaveLength(6);
    t.sqlite.transaction(() => {
      const deferred = deferDerivedTables(t.sqlite, ['attendance']);
      expect(deferred.tables).toEqual(['contact_last_attended']);
      expect(lastAttendedTriggers(t.sqlite)).toEqual([]);
      // A row written while the triggers are gone is not followed ...
      t.sqlite
        .prepare(`INSERT INTO attendance (id, created_at, updated_at, deleted_at, meeting_id, contact_id, status, role) VALUES ('a1', 'x', 'x', NULL, ?, ?, 'deltog', NULL)`)
        .run(meeting, person);
      expect(stored(t.sqlite)).toEqual([]);
      // ... until restore() rebuilds the table and creates the triggers again.
      deferred.restore();
      expect(stored(t.sqlite)).toEqual([{ contact_id: person, starts_at: starts[1] }]);
      expect(lastAttendedTriggers(t.sqlite)).toEqual(before);
    })();
    // Imports of other tables leave it alone.
    t.sqlite.transaction(() => expect(deferDerivedTables(t.sqlite, ['contact_log']).tables).toEqual([]))();
  });
});
