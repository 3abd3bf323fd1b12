import { describe, expect, it } from 'vitest';
import { danishPublicHolidays, easterSunday, isDanishWorkingDay, nextDanishWorkingDay } from './danish-holidays';

describe('danish holidays', () => {
  it('computes Easter Sunday for known years, including the earliest and latest possible dates', () => {
    expect(easterSunday(2022)).toBe('2022-04-17');
    expect(easterSunday(2023)).toBe('2023-04-09');
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2285)).toBe('2285-03-22');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('lists the Danish public holidays of 2023 with Store bededag, and of 2026 without it', () => {
    expect(danishPublicHolidays(2023)).toEqual([
      { date: '2023-01-01', name: 'Nytårsdag' },
      { date: '2023-04-06', name: 'Skærtorsdag' },
      { date: '2023-04-07', name: 'Langfredag' },
      { date: '2023-04-09', name: 'Påskedag' },
      { date: '2023-04-10', name: '2. påskedag' },
      { date: '2023-05-05', name: 'Store bededag' },
      { date: '2023-05-18', name: 'Kristi himmelfartsdag' },
      { date: '2023-05-28', name: 'Pinsedag' },
      { date: '2023-05-29', name: '2. pinsedag' },
      { date: '2023-12-25', name: 'Juledag' },
      { date: '2023-12-26', name: '2. juledag' },
    ]);
    const y2026 = danishPublicHolidays(2026).map((h) => h.date);
    expect(y2026).toEqual(['2026-01-01', '2026-04-02', '2026-04-03', '2026-04-05', '2026-04-06', '2026-05-14', '2026-05-24', '2026-05-25', '2026-12-25', '2026-12-26']);
  });

  it('counts weekdays as working days but not weekends, holidays, Grundlovsdag, juleaften or nytårsaften', () => {
    expect(isDanishWorkingDay('2026-12-07')).toBe(true);
    expect(isDanishWorkingDay('2026-12-05')).toBe(false);
    expect(isDanishWorkingDay('2026-12-06')).toBe(false);
    expect(isDanishWorkingDay('2026-04-02')).toBe(false);
    expect(isDanishWorkingDay('2026-05-14')).toBe(false);
    expect(isDanishWorkingDay('2025-06-05')).toBe(false);
    expect(isDanishWorkingDay('2025-12-24')).toBe(false);
    expect(isDanishWorkingDay('2025-12-31')).toBe(false);
    expect(isDanishWorkingDay('2024-04-26')).toBe(true);
  });

  it('moves a day off to the next working day across Easter and the new year', () => {
    expect(nextDanishWorkingDay('2026-04-02')).toBe('2026-04-07');
    expect(nextDanishWorkingDay('2026-12-24')).toBe('2026-12-28');
    expect(nextDanishWorkingDay('2027-12-31')).toBe('2028-01-03');
    expect(nextDanishWorkingDay('2026-12-07')).toBe('2026-12-07');
  });
});
