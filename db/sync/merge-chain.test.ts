import { describe, expect, it } from 'vitest';
import { mergeChain, mergeChainAsync } from './merge-chain';

describe('the merge chain walk', () => {
  const survivors = new Map([
    ['a', 'b'],
    ['b', 'c'],
    ['x', 'y'],
    ['y', 'x'],
  ]);

  it('follows each loser to its survivor until the final survivor', () => {
    expect(mergeChain('a', (id) => survivors.get(id))).toEqual(['a', 'b', 'c']);
    expect(mergeChain('c', (id) => survivors.get(id))).toEqual(['c']);
  });

  it('stops before it would visit a record twice (a cycle from a hostile file or mid-import)', () => {
    expect(mergeChain('x', (id) => survivors.get(id))).toEqual(['x', 'y']);
  });

  it('walks the same chain from an asynchronous source', async () => {
    expect(await mergeChainAsync('a', async (id) => survivors.get(id) ?? null)).toEqual(['a', 'b', 'c']);
    expect(await mergeChainAsync('y', async (id) => survivors.get(id))).toEqual(['y', 'x']);
  });
});
