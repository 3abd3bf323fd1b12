/**
 * Late edits to a merged-away record count on its survivor.
 *
 * A merge tombstones the loser and records `merged_into` (the survivor) and
 * `merged_seen` (per origin, the highest clock of the loser's operations the
 * merging installation had). An operation on the loser that the merge had not
 * seen — made on another laptop before it heard of the merge — is one of the
 * survivor's operations too: when the survivor is materialised
 * (materialize.ts), its candidates for each field are its own operations and
 * those unseen ones of every record merged into it by a merge that holds
 * (merges.ts), transitively. Nothing is copied into the log, so the result is
 * a function of the set of operations only — also when a merge is void later
 * (two opposite merges: the loser of the void one loses nothing) — and every
 * installation derives the same rows. (Earlier versions copied such an
 * operation onto the survivor's record, same clock and origin; those copies
 * are ordinary operations now and count the same way.)
 *
 * Correct because files carry, per origin, every operation above what the
 * receiver is known to have: an installation's operations from one origin
 * are always a prefix of that origin's history.
 *
 * Mergeable tables are contact and organisation; adding one? Give it the two
 * columns (a migration) and list it here.
 */
export const mergeableTables = ['contact', 'organisation'] as const;
export type MergeableTable = (typeof mergeableTables)[number];

/**
 * References that follow a merge: a role or follow-up that names a
 * merged-away contact or organisation (made on a laptop that had not yet
 * heard of the merge) is shown on the survivor. Link tables with a unique
 * pair (attendance, series members, organisation ↔ kommune) are repointed by
 * the merge itself and are not listed: mapping them could collide with the
 * survivor's own link. Adding a reference column to contact/organisation?
 * List it here if it has no unique constraint.
 * Local writes resolve these the same way (db/mutations.ts), so a row reads
 * the same on every installation however its reference arrived.
 */
export const mergeFollowingReferences: Readonly<Record<string, Readonly<Record<string, MergeableTable>>>> = {
  affiliation: { contact_id: 'contact', organisation_id: 'organisation' },
  follow_up: { owner_contact_id: 'contact' },
  contact_log: { organisation_id: 'organisation' },
  styringsdialog: { pakke_contact_id: 'contact', aftaler_contact_id: 'contact', referat_contact_id: 'contact', redegoerelse_contact_id: 'contact' },
  helhedsplan_role: { contact_id: 'contact' },
};

const notForwarded = new Set(['id', 'created_at', 'updated_at', 'deleted_at', 'merged_into', 'merged_seen']);

export function isMergeable(table: string): table is MergeableTable {
  return (mergeableTables as readonly string[]).includes(table);
}

/** Whether a field's unseen operations on a merged-away record count on its survivor (not the bookkeeping, tombstone or merge pointers). */
export function forwardedField(field: string): boolean {
  return !notForwarded.has(field);
}
