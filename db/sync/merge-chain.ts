/**
 * THE walk along a merge chain ("Flet": loser → survivor → … → final
 * survivor), with its cycle guard. Every place that follows merges uses it
 * and differs only in where it reads "the survivor of this record":
 *
 * - the merge registry, merges that hold only (merges.ts `MergeView.chain`):
 *   materialisation and sync apply, where the answer must be a function of
 *   the operations alone, also mid-import while rows are still being written;
 * - the `merged_into` column (db/mutations.ts `followMerges`, the import-undo
 *   erasure check, the contact-file import's UID lookup): local reads and
 *   writes inside one transaction. The column is what materialisation wrote
 *   from the merges that hold (a void merge's `merged_into` is ignored,
 *   materialize.ts `voidableFields`), so between imports both sources give
 *   the same chain; the column is one indexed read per hop and needs no op-log
 *   session, which a single local edit should not pay for.
 *
 * Resolved merges hold no cycles (merges.ts), but the column may hold one for
 * a moment while an import runs, and a file may be hostile: the walk stops
 * before it would visit a record twice.
 */
export function mergeChain(start: string, survivorOf: (id: string) => string | null | undefined): string[] {
  const chain = [start];
  const visited = new Set(chain);
  for (let next = survivorOf(start); next && !visited.has(next); next = survivorOf(next)) {
    chain.push(next);
    visited.add(next);
  }
  return chain;
}

/** mergeChain for a source read asynchronously (Kysely, inside the caller's transaction). */
export async function mergeChainAsync(start: string, survivorOf: (id: string) => Promise<string | null | undefined>): Promise<string[]> {
  const chain = [start];
  const visited = new Set(chain);
  for (let next = await survivorOf(start); next && !visited.has(next); next = await survivorOf(next)) {
    chain.push(next);
    visited.add(next);
  }
  return chain;
}
