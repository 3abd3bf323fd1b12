/**
 * The one seeded random generator (mulberry32): small, fast, identical on
 * every platform, so a failing crash/property run can be repeated from its
 * printed seed and the demo data is the same for the same seed (its digest is
 * pinned by db/demo tests — never change the arithmetic here).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The richer API on the same stream (demo data, simulated edits): each helper draws exactly one number. */
export interface SeededRandom {
  readonly next: () => number;
  /** A whole number from min to max, both included. */
  readonly int: (min: number, max: number) => number;
  /** One of the items; the list must not be empty. */
  readonly pick: <T>(items: readonly T[]) => T;
  /** True with probability p. */
  readonly chance: (p: number) => boolean;
}

export function seededRandomSource(seed: number): SeededRandom {
  const next = seededRandom(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}
