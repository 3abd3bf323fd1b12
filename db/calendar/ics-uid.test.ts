import { describe, expect, it } from 'vitest';
import { icsKeyOf, icsUidWithVersion, icsVersionOf, isOlderVersion, splitOccurrenceKey } from './ics-uid';

describe('the version stored with an imported UID', () => {
  it('round-trips key and version, and reads a value from before as a key without version', () => {
    const stored = icsUidWithVersion('040000008200E0#20261006T080000Z', { sequence: 3, stamp: '20260901T081512Z' });
    expect(icsKeyOf(stored)).toBe('040000008200E0#20261006T080000Z');
    expect(icsVersionOf(stored)).toEqual({ sequence: 3, stamp: '20260901T081512Z' });
    expect(icsVersionOf(icsUidWithVersion('x', { sequence: 0, stamp: null }))).toEqual({ sequence: 0, stamp: null });
    expect(icsKeyOf('plain-uid@google.com')).toBe('plain-uid@google.com');
    expect(icsVersionOf('plain-uid@google.com')).toBeNull();
  });

  it('calls a lower SEQUENCE, or the same SEQUENCE with an earlier DTSTAMP, older (RFC 5546 §2.1.5)', () => {
    const stored = { sequence: 2, stamp: '20260910T120000Z' };
    expect(isOlderVersion({ sequence: 1, stamp: '20261231T000000Z' }, stored)).toBe(true);
    expect(isOlderVersion({ sequence: 2, stamp: '20260909T120000Z' }, stored)).toBe(true);
    expect(isOlderVersion({ sequence: 2, stamp: '20260910T120000Z' }, stored)).toBe(false);
    expect(isOlderVersion({ sequence: 2, stamp: null }, stored)).toBe(false);
    expect(isOlderVersion({ sequence: 3, stamp: '20200101T000000Z' }, stored)).toBe(false);
    expect(isOlderVersion({ sequence: 0, stamp: null }, null)).toBe(false);
  });

  it('splits an occurrence key into the series UID and its RECURRENCE-ID', () => {
    expect(splitOccurrenceKey('netvaerk#20261006T070000Z')).toEqual({ uid: 'netvaerk', recurrenceId: '20261006T070000Z' });
    expect(splitOccurrenceKey('serie#20260226')).toEqual({ uid: 'serie', recurrenceId: '20260226' });
    expect(splitOccurrenceKey('mail#with#hash')).toEqual({ uid: 'mail#with#hash', recurrenceId: null });
  });
});
