import { describe, expect, it } from 'vitest';
import { calendarDays, withoutKommune } from './calendar.format';

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

describe('withoutKommune', () => {
  const aabenraa = { id: '00000000-0000-4000-8000-000000000001', name: 'Aabenraa' };
  it('drops the kommune the calendar already shows first', () => {
    expect(withoutKommune({ title: 'Kommunesamarbejde Aabenraa', kommune: aabenraa })).toBe('Kommunesamarbejde');
    expect(withoutKommune({ title: 'Aabenraa – budgetmøde', kommune: aabenraa })).toBe('budgetmøde');
  });
  it('keeps a title that is only the kommune, or has none', () => {
    expect(withoutKommune({ title: 'Aabenraa', kommune: aabenraa })).toBe('Aabenraa');
    expect(withoutKommune({ title: 'Valgmøde i Køge', kommune: null })).toBe('Valgmøde i Køge');
  });
});
