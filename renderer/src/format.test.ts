import { describe, expect, it } from 'vitest';
import { dateInputValue, formatMeetingTime, instantFromInputs, timeInputValue } from './format';

describe('Danish formatting', () => {
  it('shows meeting times in Danish time and words', () => {
    expect(formatMeetingTime('2026-03-10T09:00:00.000Z', '2026-03-10T11:00:00.000Z')).toBe('tirs. 10. mar. 2026 kl. 10.00–12.00');
  });

  it('round-trips form inputs through Danish time, summer time included', () => {
    const instant = instantFromInputs('2026-07-01', '09:30');
    expect(instant).toBe('2026-07-01T07:30:00.000Z');
    expect(dateInputValue(instant!)).toBe('2026-07-01');
    expect(timeInputValue(instant!)).toBe('09:30');
    expect(instantFromInputs('2026-07-01', '9')).toBeNull();
  });
});
