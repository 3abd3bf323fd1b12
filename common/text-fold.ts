/**
 * Danish search folding. Users type "aarhus", "koge", "koege" or "Ålborg" and
 * expect Århus/Aarhus, Køge and Aalborg. SQLite's unicode61 tokenizer does not
 * fold æ/ø/å, so every searchable text is compared in this folded form:
 * lower case, diacritics stripped, and the Danish letters and their
 * two-letter spellings collapsed to one letter (å/aa → a, æ/ae → a, ø/oe → o).
 * Both sides of a comparison are folded the same way, so collapsing is safe.
 * Changing this? Every stored folded column must be rebuilt by a migration.
 */
export function foldDanish(text: string): string {
  let folded = text
    .toLowerCase()
    .replace(/[æä]/g, 'ae')
    .replace(/[øö]/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  // Until nothing changes: one pass leaves "aaa" as "aa" and "aea" as "aa", which a second fold would
  // shorten again — folding must give the same result however often it is applied (a property test found it).
  for (let previous = ''; previous !== folded; ) {
    previous = folded;
    folded = folded.replace(/aa/g, 'a').replace(/ae/g, 'a').replace(/oe/g, 'o');
  }
  return folded;
}

/** Folded query words, as the index holds them: "Køge koege AARHUS" → ["koge", "koge", "arhus"]. */
export function queryTokens(query: string): string[] {
  return foldDanish(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0)
    .slice(0, 8);
}

// Made on first use: ICU's Danish collation costs ≈ 20–30 ms to set up, which the renderer's first view (it loads this module for search) never needs.
let danishCollator: Intl.Collator | undefined;

/** Danish alphabetical order (… x y z æ ø å), for sorting in memory. */
export function compareDanish(a: string, b: string): number {
  danishCollator ??= new Intl.Collator('da', { sensitivity: 'base', numeric: true });
  return danishCollator.compare(a, b);
}

/**
 * A key whose plain (binary) order is Danish alphabetical order, for sorting
 * in SQL with an index (SQLite has no Danish collation, and better-sqlite3
 * cannot register one): case and accents ignored, æ ø å after z in that
 * order, "aa" as å (Aalborg after Vejle, as in the phone book).
 * Used by an expression index (migration 0009): changing it needs a migration that rebuilds that index.
 */
export function danishSortKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/aa/g, '\u{10FFFD}')
    .replace(/[æä]/g, '\u{10FFFB}')
    .replace(/[øö]/g, '\u{10FFFC}')
    .replace(/å/g, '\u{10FFFD}')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
