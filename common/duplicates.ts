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
