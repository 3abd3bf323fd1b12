/**
 * What each part of the demo seeding gets from seed-demo.ts: the seed (each
 * part draws from its own random stream), the kommuner in scope, the
 * organisations with their kommuner, derived ids, the seed's clock and its today.
 */
export interface DemoContext {
  readonly seed: number;
  readonly inScope: readonly { id: string; navn: string }[];
  readonly organisations: readonly { id: string; kommuneIds: string[] }[];
  readonly id: (kind: string, ...parts: (string | number)[]) => string;
  readonly now: () => string;
  /** The demo's "today" (YYYY-MM-DD): dated demo data (years, deadlines, lists) is relative to it. */
  readonly today: string;
}
