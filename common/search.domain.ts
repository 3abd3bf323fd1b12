import { z } from 'zod';
import { foldDanish } from './text-fold';
import { searchKinds } from './vocabulary';

export { searchKinds } from './vocabulary';
export type { SearchKind } from './vocabulary';
export { queryTokens } from './text-fold';

/** A piece of text; `hit` pieces matched the query (the UI marks them). Plain text: never HTML. */
export const snippetSchema = z.array(z.object({ text: z.string(), hit: z.boolean() }));
export type Snippet = z.infer<typeof snippetSchema>;

export const searchHitSchema = z.object({
  kind: z.enum(searchKinds),
  id: z.string(),
  title: snippetSchema,
  /** Where the match is in the body (minutes, notes, e-mail …), if not only in the title. */
  snippet: snippetSchema,
  /** A short line of context: the meeting and date of an agenda item, a kommune's region … */
  context: z.string(),
  /** An instant or date that belongs with the hit (meeting start, follow-up due date); the UI formats it. */
  date: z.string().nullable(),
  /** The hash route that opens the record. */
  href: z.string(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchInputSchema = z.object({ query: z.string().max(200, { error: 'validation.tooLong' }), limitPerKind: z.number().int().min(1).max(50).default(6) });
export const searchResultSchema = z.object({ query: z.string(), hits: z.array(searchHitSchema), total: z.number().int() });
export type SearchResult = z.infer<typeof searchResultSchema>;

const word = /[\p{L}\p{N}][\p{L}\p{N}'’.@+-]*/gu;

/**
 * Marks the words of `text` that a query token is a prefix of, comparing in
 * folded form — the same rule as the index — so "koge" marks "Køge" and
 * "aarhus" marks "Århus". With `window`, returns only the stretch around the
 * first match (with "…"), for long bodies such as minutes.
 */
export function highlight(text: string, tokens: readonly string[], window?: number): Snippet {
  const matches: [number, number][] = [];
  for (const m of text.matchAll(word)) {
    const folded = foldDanish(m[0]).replace(/[^\p{L}\p{N}]+/gu, '');
    if (tokens.some((token) => folded.startsWith(token))) matches.push([m.index, m.index + m[0].length]);
  }
  let start = 0;
  let end = text.length;
  if (window !== undefined) {
    if (matches.length === 0) return [];
    const first = matches[0]!;
    start = Math.max(0, first[0] - Math.floor(window / 3));
    end = Math.min(text.length, start + window);
    // Cut at spaces, not inside words.
    if (start > 0) start = text.indexOf(' ', start) + 1 || start;
    if (end < text.length) end = text.lastIndexOf(' ', end) > first[1] ? text.lastIndexOf(' ', end) : end;
  }
  const pieces: Snippet = [];
  let at = start;
  for (const [from, to] of matches) {
    if (to <= start || from >= end) continue;
    if (from > at) pieces.push({ text: text.slice(at, from), hit: false });
    pieces.push({ text: text.slice(Math.max(from, at), to), hit: true });
    at = to;
  }
  if (at < end) pieces.push({ text: text.slice(at, end), hit: false });
  const flat = pieces.map((p) => ({ ...p, text: p.text.replace(/\s+/g, ' ') }));
  if (window !== undefined) {
    if (start > 0) flat.unshift({ text: '… ', hit: false });
    if (end < text.length) flat.push({ text: ' …', hit: false });
  }
  return flat;
}
