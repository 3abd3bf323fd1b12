import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/test-database';
import { writeFileAtomic } from './atomic-write';

describe('writeFileAtomic', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = tempDir();
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('writes text and bytes and leaves no temporary file', () => {
    const d = dir();
    writeFileAtomic(path.join(d, 'referat æøå.txt'), 'Mødet i Køge');
    writeFileAtomic(path.join(d, 'data.bin'), new Uint8Array([1, 2, 3]));
    expect(fs.readFileSync(path.join(d, 'referat æøå.txt'), 'utf8')).toBe('Mødet i Køge');
    expect([...fs.readFileSync(path.join(d, 'data.bin'))]).toEqual([1, 2, 3]);
    expect(fs.readdirSync(d).sort()).toEqual(['data.bin', 'referat æøå.txt']);
  });

  it('replaces an existing file whole', () => {
    const d = dir();
    const file = path.join(d, 'liste.csv');
    writeFileAtomic(file, 'gammel');
    writeFileAtomic(file, ['Navn;By\r\n', Buffer.from('Bjørn;Roskilde\r\n')]);
    expect(fs.readFileSync(file, 'utf8')).toBe('Navn;By\r\nBjørn;Roskilde\r\n');
  });

  it('keeps the old file and removes the temporary one when writing fails halfway', () => {
    const d = dir();
    const file = path.join(d, 'eksport.kredsbog');
    writeFileAtomic(file, 'den gode version');
    function* chunks() {
      yield 'første halvdel, ';
      throw new Error('disken blev fuld');
    }
    expect(() => writeFileAtomic(file, chunks())).toThrow('disken blev fuld');
    expect(fs.readFileSync(file, 'utf8')).toBe('den gode version');
    expect(fs.readdirSync(d)).toEqual(['eksport.kredsbog']);
  });

  it('never leaves a half new file when the first write of a new file fails', () => {
    const d = dir();
    const file = path.join(d, 'ny.txt');
    function* chunks(): Generator<string> {
      yield 'halv';
      throw new Error('afbrudt');
    }
    expect(() => writeFileAtomic(file, chunks())).toThrow('afbrudt');
    expect(fs.readdirSync(d)).toEqual([]);
  });

  it('fails without writing anything when the folder does not exist', () => {
    const d = dir();
    expect(() => writeFileAtomic(path.join(d, 'mangler', 'x.txt'), 'x')).toThrow(/ENOENT/);
    expect(fs.readdirSync(d)).toEqual([]);
  });
});
