import { foldDanish } from './text-fold';

/**
 * Keys under which two contacts or organisations are "probably the same":
 * typed on two laptops, they differ in case, spacing, "+45" or "Å"/"Aa".
 * Pure so the renderer can explain a suggestion with the same rules.
 */

/** "+45 12 34 56 78", "0045 12345678" and "12 34 56 78" are one number; other numbers keep their digits. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 12 && digits.startsWith('0045')) return digits.slice(4);
  if (digits.length === 10 && digits.startsWith('45')) return digits.slice(2);
  return digits;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Folded Danish with punctuation and spacing removed: "K.A.B." = "KAB", "Boligselskabet Ærø" = "boligselskabet aero". */
export function normaliseName(name: string): string {
  return foldDanish(name).replace(/[^\p{L}\p{N}]+/gu, '');
}

export type DuplicateReason = 'email' | 'phone' | 'name_organisation' | 'name';

/** Order-independent key of a suggested pair, as dismissals are stored. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** Whether the edit distance of a and b is at most k (k small): only the band |i − j| ≤ k is computed, and it stops once a row exceeds k. */
export function withinDistance(a: string, b: string, k: number): boolean {
  if (Math.abs(a.length - b.length) > k) return false;
  const big = k + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => (j <= k ? j : big));
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(big);
    current[0] = i <= k ? i : big;
    let best = current[0];
    for (let j = Math.max(1, i - k); j <= Math.min(b.length, i + k); j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(big, (previous[j] ?? big) + 1, (current[j - 1] ?? big) + 1, (previous[j - 1] ?? big) + cost);
      if (current[j]! < best) best = current[j]!;
    }
    if (best > k) return false;
    previous = current;
  }
  return (previous[b.length] ?? big) <= k;
}

const words = (name: string) => foldDanish(name).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** A name folded once for comparing with many others (namesAlike compares two names; the duplicate finder, thousands). */
export interface NameKey {
  readonly folded: string;
  readonly words: readonly string[];
}

export function nameKey(name: string): NameKey {
  return { folded: normaliseName(name), words: words(name) };
}

/**
 * Names that could be one person typed twice: a letter or two apart
 * ("Æbelø"/"Æbeløe", "Jensen"/"Jenssen"), or one name inside the other
 * ("Anne Holm" / "Anne Marie Holm"). "Anne Holm" and "Lars Kjær" are not.
 */
export function namesAlike(a: string, b: string): boolean {
  return nameKeysAlike(nameKey(a), nameKey(b));
}

export function nameKeysAlike(a: NameKey, b: NameKey): boolean {
  const [x, y] = [a.folded, b.folded];
  if (!x || !y) return false;
  if (x === y) return true;
  // A letter or two: two in a long name, one in a short one ("Ida Berg" and "Eva Berg" are two people).
  const allowed = Math.min(x.length, y.length) >= 10 ? 2 : 1;
  if (withinDistance(x, y, allowed)) return true;
  const [shorter, longer] = a.words.length <= b.words.length ? [a.words, b.words] : [b.words, a.words];
  return shorter.length >= 2 && shorter.every((w) => longer.includes(w));
}
