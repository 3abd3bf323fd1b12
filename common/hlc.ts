/**
 * Hybrid logical clocks (Kulkarni et al.): wall-clock milliseconds, a counter
 * for events within the same millisecond (or when the wall clock lags a clock
 * we have seen), and the installation id as the final tie-breaker.
 * Encoded so that string order is clock order: "0001763900000000-0000-<installation>".
 * Changing the encoding breaks every stored operation: never do it.
 */
export interface Hlc {
  readonly wall: number;
  readonly counter: number;
  readonly node: string;
}

const WALL_DIGITS = 16;
const COUNTER_DIGITS = 4;
const MAX_COUNTER = 0xffff;

export function encodeHlc(hlc: Hlc): string {
  return `${hlc.wall.toString().padStart(WALL_DIGITS, '0')}-${hlc.counter.toString(16).padStart(COUNTER_DIGITS, '0')}-${hlc.node}`;
}

const pattern = /^(\d{16})-([0-9a-f]{4})-([0-9a-zA-Z-]{1,64})$/;

export function isHlc(text: string): boolean {
  return pattern.test(text);
}

export function decodeHlc(text: string): Hlc {
  const match = pattern.exec(text);
  if (!match) throw new Error(`Not a clock: ${text}`);
  return { wall: Number(match[1]), counter: parseInt(match[2]!, 16), node: match[3]! };
}

/** The clock for a local event after `last`, at wall time `now`. */
export function tick(last: Hlc | null, now: number, node: string): Hlc {
  if (!last || now > last.wall) return { wall: now, counter: 0, node };
  if (last.counter >= MAX_COUNTER) return { wall: last.wall + 1, counter: 0, node };
  return { wall: last.wall, counter: last.counter + 1, node };
}

/** The local clock after receiving `remote`: never behind anything seen. */
export function receive(last: Hlc | null, remote: Hlc, now: number, node: string): Hlc {
  const wall = Math.max(now, last?.wall ?? 0, remote.wall);
  let counter = 0;
  if (wall === last?.wall && wall === remote.wall) counter = Math.max(last.counter, remote.counter) + 1;
  else if (wall === last?.wall) counter = last.counter + 1;
  else if (wall === remote.wall) counter = remote.counter + 1;
  return counter > MAX_COUNTER ? { wall: wall + 1, counter: 0, node } : { wall, counter, node };
}
