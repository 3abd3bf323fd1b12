import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';

/** Namespace for ids that every installation must derive identically. Never change it. */
const KREDSBOG_NAMESPACE = '6f1c1f3e-3a57-4c55-9d0e-4b7a2f0c9e11';

/** A new time-ordered id for a user-created row. */
export function newId(): string {
  return uuidv7();
}

/**
 * An id every installation derives identically from the same parts: kommuner
 * from their kode, link rows from the two rows they link (so two laptops that
 * link the same organisation to the same kommune create the same row).
 */
export function derivedId(kind: string, ...parts: readonly (string | number)[]): string {
  return uuidv5(`${kind}:${parts.join(':')}`, KREDSBOG_NAMESPACE);
}
