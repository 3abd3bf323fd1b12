import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDanish, foldDanish } from './text-fold';

describe('foldDanish', () => {
  it.each([
    ['Århus', 'Aarhus'],
    ['Køge', 'koege'],
    ['Køge', 'KOGE'],
    ['Ålborg', 'aalborg'],
    ['Ærø', 'aeroe'],
    ['Frederiksværk', 'frederiksvaerk'],
    ['Citroën', 'citroen'],
  ])('folds %s and %s to the same text', (a, b) => {
    expect(foldDanish(a)).toBe(foldDanish(b));
  });

  it('is idempotent and ignores case', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = foldDanish(s);
        expect(foldDanish(once)).toBe(once);
        expect(foldDanish(s.toUpperCase())).toBe(foldDanish(s.toLowerCase()));
      }),
      { numRuns: 500 },
    );
  });

  it('treats å/aa, æ/ae and ø/oe as the same letter anywhere in a word', () => {
    const word = fc.array(fc.constantFrom('k', 'b', 'r', 'n', 'd', 's', 'ø', 'oe', 'æ', 'ae', 'å', 'aa', 'i', 'u'), { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(word, (w) => {
        const spelledOut = w.replace(/ø/g, 'oe').replace(/æ/g, 'ae').replace(/å/g, 'aa');
        expect(foldDanish(w)).toBe(foldDanish(spelledOut));
      }),
      { numRuns: 500 },
    );
  });
});

describe('compareDanish', () => {
  it('puts Æ, Ø, Å after Z and sorts Aa as Å', () => {
    expect(['Åbenrå', 'Ørsted', 'Ærø', 'Zealand', 'Aabybro'].sort(compareDanish)).toEqual(['Zealand', 'Ærø', 'Ørsted', 'Åbenrå', 'Aabybro']);
  });
});
