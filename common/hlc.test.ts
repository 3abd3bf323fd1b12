import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHlc, encodeHlc, receive, tick, type Hlc } from './hlc';

const hlc = fc.record({ wall: fc.integer({ min: 0, max: 9_999_999_999_999 }), counter: fc.integer({ min: 0, max: 0xffff }), node: fc.constantFrom('a', 'b', 'c0ffee') });
const order = (a: Hlc, b: Hlc) => (a.wall - b.wall) || (a.counter - b.counter) || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);

describe('hybrid logical clock', () => {
  it('orders encoded strings exactly as clocks', () => {
    fc.assert(
      fc.property(hlc, hlc, (a, b) => {
        const byString = encodeHlc(a) < encodeHlc(b) ? -1 : encodeHlc(a) > encodeHlc(b) ? 1 : 0;
        expect(byString).toBe(Math.sign(order(a, b)));
        expect(decodeHlc(encodeHlc(a))).toEqual(a);
      }),
      { numRuns: 500 },
    );
  });

  it('ticks strictly forward, even when the wall clock goes back', () => {
    fc.assert(
      fc.property(hlc, fc.integer({ min: 0, max: 9_999_999_999_999 }), (last, now) => {
        expect(order(tick(last, now, last.node), last)).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('after receiving, is later than both the local and the remote clock', () => {
    fc.assert(
      fc.property(hlc, hlc, fc.integer({ min: 0, max: 9_999_999_999_999 }), (last, remote, now) => {
        const next = receive(last, remote, now, 'z');
        const later = (x: Hlc, y: Hlc) => x.wall > y.wall || (x.wall === y.wall && x.counter > y.counter);
        expect(later(next, last)).toBe(true);
        expect(later(next, remote)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
