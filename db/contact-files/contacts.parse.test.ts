import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/test-database';
import { prepare } from './contacts.parse';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const csv = (text: string) => new TextEncoder().encode(text);

describe('contact-file import, parse stage', () => {
  it('reads a Danish semicolon CSV into candidates with a proposed mapping, writing nothing', async () => {
    const before = t.sqlite.prepare('SELECT count(*) FROM sync_op').pluck().get();
    const prepared = await prepare(t.db, { fileName: 'liste.csv', bytes: csv('Navn;E-mail;Telefon\r\nÅse Kjærgård;aase@koege.dk; 56 67 60 00\r\nBjørn Ålund;;\r\n') });
    expect(prepared.preview).toMatchObject({ format: 'csv', delimiter: ';', headers: ['Navn', 'E-mail', 'Telefon'], mappingSource: 'proposed', needsMapping: false });
    expect(prepared.candidates.map((c) => [c.name, c.emails, c.phones])).toEqual([
      ['Åse Kjærgård', ['aase@koege.dk'], ['56 67 60 00']],
      ['Bjørn Ålund', [], []],
    ]);
    expect(t.sqlite.prepare('SELECT count(*) FROM sync_op').pluck().get()).toBe(before);
  });

  it('refuses an old .xls and an empty file with a Danish reason', async () => {
    await expect(prepare(t.db, { fileName: 'gammel.xls', bytes: csv('x') })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('.xls') });
    await expect(prepare(t.db, { fileName: 'tom.csv', bytes: new Uint8Array() })).rejects.toMatchObject({ code: 'VALIDATION', message: 'Filen er tom.' });
  });
});
