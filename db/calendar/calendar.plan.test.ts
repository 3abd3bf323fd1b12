import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/test-database';
import { applyIcsPlans, writes } from './calendar.apply';
import { readAppointments } from './calendar.parse';
import { planAll } from './calendar.plan';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const now = new Date('2026-09-20T10:00:00Z');
const ics = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//DA', 'BEGIN:VEVENT', 'DTSTAMP:20260901T080000Z', ...lines, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
const operations = () => t.sqlite.prepare('SELECT count(*) FROM sync_op').pluck().get();

describe('calendar import, plan and apply stages', () => {
  it('plans a new meeting without writing, applies it, and then plans it as unchanged', async () => {
    const read = readAppointments(ics('UID:plan-1', 'SUMMARY:Kommunesamarbejde i Køge', 'DTSTART:20261006T080000Z', 'DTEND:20261006T090000Z'), now);
    const before = operations();
    const plans = await planAll(t.db, read);
    expect(plans.map((p) => p.kind)).toEqual(['new']);
    expect(plans[0]!.kommune?.navn).toBe('Køge');
    expect(operations()).toBe(before);
    expect(plans.some((p) => writes(p, []))).toBe(true);

    const applied = await t.db.transaction().execute((trx) => applyIcsPlans(trx, plans, []));
    expect(applied).toEqual({ created: 1, updated: 0, cancelled: 0 });
    const again = await planAll(t.db, read);
    expect(again.map((p) => p.kind)).toEqual(['unchanged']);
    expect(again.some((p) => writes(p, []))).toBe(false);
  });
});
