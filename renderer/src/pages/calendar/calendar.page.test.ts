import { describe, expect, it } from 'vitest';
import { calendarDays } from './calendar.page';

describe('calendarDays', () => {
  it('covers the month in whole Monday-to-Sunday weeks', () => {
    const days = calendarDays('2026-11-23', 'month');
    expect(days).toHaveLength(42);
    expect(days[0]).toBe('2026-10-26');
    expect(days).toContain('2026-11-30');
  });

  it('shows one week from Monday', () => {
    expect(calendarDays('2026-11-25', 'week')).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
  });
});
