import { describe, expect, it } from 'vitest';
import { seededRandom, seededRandomSource } from './seeded-random';

describe('seededRandom', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
  });

  it('keeps the mulberry32 values the demo digest depends on', () => {
    const next = seededRandom(1);
    expect(next()).toBeCloseTo(0.6270739405881613, 15);
  });

  it('draws one number per helper call on the same stream as seededRandom', () => {
    const raw = seededRandom(7);
    const rich = seededRandomSource(7);
    const r1 = raw();
    expect(rich.int(0, 9)).toBe(Math.floor(r1 * 10));
    const r2 = raw();
    expect(rich.pick(['a', 'b', 'c'])).toBe(['a', 'b', 'c'][Math.floor(r2 * 3)]);
    const r3 = raw();
    expect(rich.chance(0.5)).toBe(r3 < 0.5);
    expect(rich.next()).toBe(raw());
  });
});
