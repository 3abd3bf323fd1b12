import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../common/contact-files/contact-files.domain';
import { AppError } from '../../common/result';
import { createContact } from '../contacts/contacts.repository';
import { findContactDuplicates } from '../duplicates/duplicates.finder';
import { derivedId } from '../ids';
import { databaseDigest } from '../maintenance';
import { createOrganisation } from '../organisations/organisations.repository';
import { createTestDatabase } from '../testing/test-database';
import { importContactFile, previewContactFile } from './contacts.import';
import { namesAlike, withinDistance } from '../../common/duplicates';
import { readVcardFile } from './vcard.import';

/**
 * The files people really bring: the export layouts of Outlook (English and
 * Danish), Google Contacts (old and new), Thunderbird, Apple Contacts,
 * Evolution, Android and Outlook's vCard 2.1, in UTF-8, Windows-1252 and
 * UTF-16. Every fixture's origin is in fixtures/README.md.
 */

const fixtures = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(fixtures, name)));
const koege = derivedId('kommune', 259);
const aarhus = derivedId('kommune', 751);
const roskilde = derivedId('kommune', 265);

const rowsOf = (preview: ImportPreview) => preview.rows.map((r) => ({ outcome: r.outcome, name: r.name, emails: r.emails, phones: r.phones, role: r.role }));
/** Every reason and note the preview shows, and each is one short line. */
function messagesOf(preview: ImportPreview): string[] {
  const messages = preview.rows.flatMap((r) => [...r.reasons, ...r.notes]);
  for (const message of messages) {
    expect(message).not.toMatch(/[\r\n]/);
    expect(message.length).toBeLessThan(200);
  }
  return messages;
}

describe('contact files from the programs people use', () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeEach(async () => {
    t = await createTestDatabase();
    await createOrganisation(t.db, { name: 'Køge Boligselskab', kind: 'boligorganisation', notes: '', kommuneIds: [koege] });
  });
  afterEach(() => t.dispose());

  const count = (sql: string, ...params: unknown[]) => t.sqlite.prepare(sql).pluck().get(...params) as number;

  describe('CSV layouts are mapped without asking', () => {
    it('reads Outlook with Danish headers: "Stilling" is the title (not "Titel", which is Hr./Fru), Windows-1252, the switchboard shared', async () => {
      const preview = await previewContactFile(t.db, { fileName: 'Kontakter.CSV', bytes: fixture('outlook-da-contacts.csv') });
      expect(preview).toMatchObject({ layout: 'outlook', encoding: 'windows-1252', delimiter: ',', needsMapping: false, mappingSource: 'proposed' });
      expect(preview.mapping).toMatchObject({ firstName: 'Fornavn', lastName: 'Efternavn', organisation: 'Firma', title: 'Stilling', email: 'Mailadresse', email2: 'Mail 2-adresse', phone: 'Mobiltelefon', notes: 'Noter' });
      expect(rowsOf(preview)).toEqual([
        { outcome: 'new', name: 'Hanne Birk', emails: ['hbi@bs-sj.dk'], phones: ['+45 21 22 23 24', '+45 46 30 10 00'], role: null },
        { outcome: 'new', name: 'Niels Krogh', emails: ['nkr@bs-sj.dk', 'niels.krogh@privat.dk'], phones: ['+45 46 30 10 00'], role: null },
        { outcome: 'new', name: 'Kirsten Ågård', emails: ['kirsten@koegebolig.dk'], phones: ['56 63 00 00'], role: 'Formand, Køge Boligselskab' },
      ]);
      // Hanne and Niels share the switchboard: two people, not a duplicate.
      expect(preview.rows[1]?.reasons).toEqual([]);
      expect(preview.unknownOrganisations).toEqual([{ name: 'Boligselskabet Sjælland', rows: [2, 3], suggestedKommuneId: null, willCreate: false }]);
    });

    it('reads Google Contacts in the older layout ("Given Name", "E-mail 1 - Value" with " ::: ", "Organization 1 - Name")', async () => {
      const preview = await previewContactFile(t.db, { fileName: 'google.csv', bytes: fixture('google-contacts-legacy.csv') });
      expect(preview).toMatchObject({ layout: 'google', needsMapping: false });
      expect(preview.mapping).toMatchObject({ name: 'Name', email: 'E-mail 1 - Value', phone: 'Phone 1 - Value', organisation: 'Organization 1 - Name', title: 'Organization 1 - Title' });
      expect(rowsOf(preview)).toEqual([
        { outcome: 'new', name: 'Mette Ørsted', emails: ['mette@kab-bolig.dk', 'mette.orsted@privat.dk'], phones: ['+45 20 30 40 50', '33 63 10 00'], role: 'Udlejningschef, Køge Boligselskab' },
        { outcome: 'new', name: 'Søren Vestergaard', emails: ['sv@koege.dk'], phones: ['56 67 67 67'], role: null },
      ]);
    });

    it('reads Google Contacts in the newer layout ("First Name", "Organization Name", "… - Label")', async () => {
      const preview = await previewContactFile(t.db, { fileName: 'contacts.csv', bytes: fixture('google-contacts.csv') });
      expect(preview).toMatchObject({ layout: 'google', needsMapping: false });
      expect(rowsOf(preview)).toEqual([
        { outcome: 'new', name: 'Anne Marie Holm', emails: ['amh@aarhus.dk'], phones: ['+45 87 13 00 00'], role: 'Kontorchef, Aarhus Kommune' },
        { outcome: 'new', name: 'Lars Kjærgaard', emails: ['lars@kab-bolig.dk'], phones: ['40 50 60 70', '+45 40 50 60 71'], role: 'Driftschef, Køge Boligselskab' },
      ]);
      await importContactFile(t.db, { fileName: 'contacts.csv', bytes: fixture('google-contacts.csv') });
      expect(t.sqlite.prepare(`SELECT kommune_id FROM affiliation WHERE title = 'Kontorchef'`).pluck().get()).toBe(aarhus);
      expect(t.sqlite.prepare(`SELECT notes FROM contact WHERE name = 'Lars Kjærgaard'`).pluck().get()).toBe('Ring før kl. 9, ikke fredag');
    });

    it('reads Thunderbird exports ("Display Name", "Primary Email", "Mobile Number"), keeping a person whose only e-mail is invalid', async () => {
      const basic = await previewContactFile(t.db, { fileName: 'basic.csv', bytes: fixture('thunderbird-basic.csv') });
      expect(basic).toMatchObject({ layout: 'thunderbird', needsMapping: false, counts: { new: 2 } });
      expect(rowsOf(basic).map((r) => [r.name, r.emails])).toEqual([
        ['John Doe', ['john@doe.invalid']],
        ['Jane Doe', ['jane@doe.invalid']],
      ]);
      const exported = await previewContactFile(t.db, { fileName: 'export.csv', bytes: fixture('thunderbird-export.csv') });
      expect(exported).toMatchObject({ layout: 'thunderbird', counts: { new: 2, rejected: 0 } });
      expect(exported.rows.map((r) => [r.name, r.emails, r.notes])).toEqual([
        ['contact number one', [], ['E-mailen «contact1@invalid» er ugyldig og importeres ikke.']],
        ['contact number two', [], ['E-mailen «contact2@invalid» er ugyldig og importeres ikke.']],
      ]);
      expect(messagesOf(exported)).toHaveLength(2);
    });

    it('reads Excel\'s "Unicode-tekst" (UTF-16 LE with BOM, tabs)', async () => {
      const preview = await previewContactFile(t.db, { fileName: 'kontakter.txt', bytes: fixture('excel-unicode-text.txt') });
      expect(preview).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', counts: { new: 2 } });
      expect(preview.rows.map((r) => r.name)).toEqual(['Mette Ørsted', 'Åse Bøgelund']);
    });
  });

  describe('vCards', () => {
    it('keeps an Apple Contacts card with an embedded PHOTO;BASE64 and ignores the photo, however large', async () => {
      const preview = await previewContactFile(t.db, { fileName: 'John Doe.vcf', bytes: fixture('apple-address-book.vcf') });
      expect(preview.counts).toEqual({ new: 1, updated: 0, unchanged: 0, duplicate: 0, rejected: 0 });
      const [card] = readVcardFile(fixture('apple-address-book.vcf'));
      expect(card).toMatchObject({ name: 'Mr. John Richter,James Doe Sr.', emails: ['john.doe@ibm.com'], roles: [{ organisation: 'IBM', title: 'Money Counter' }] });
      expect(card?.phones).toEqual(['905-777-1234', '905-666-1234', '905-555-1234', '905-888-1234', '905-999-1234', '905-111-1234', '905-222-1234']);
      expect(card?.notes).toMatch(/^THIS SOFTWARE IS PROVIDED .* OF SUCH DAMAGE\.\nFavotire Color: Blue$/s);
      expect(card?.notes).toContain('WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED');

      // The real card with its photo grown to 40 KB (as a camera photo is): still one new contact, and no message carries the photo.
      const text = new TextDecoder().decode(fixture('apple-address-book.vcf'));
      const line = '  CAYICwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwv/wAAR\r\n';
      const big = text.replace('  /9k=\r\n', `${line.repeat(520)}  /9k=\r\n`);
      expect(big.length).toBeGreaterThan(40_000);
      const grown = await previewContactFile(t.db, { fileName: 'John Doe.vcf', bytes: new TextEncoder().encode(big) });
      expect(grown.counts.new).toBe(1);
      expect(JSON.stringify(grown)).not.toContain('CAYICwsL');
    });

    it('reads Evolution (quoted parameters), Thunderbird (a PHOTO value without ENCODING) and Android 2.1 (quoted-printable UTF-8, soft line breaks, a base64 photo block)', async () => {
      const [evolution] = readVcardFile(fixture('evolution.vcf'));
      expect(evolution).toMatchObject({ name: 'Mr. John Richter, James Doe Sr.', emails: ['john.doe@ibm.com'], phones: ['905-666-1234', '905-555-1234'], roles: [{ organisation: 'IBM', title: 'Money Counter' }] });
      expect(evolution?.notes).toMatch(/^THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS .* DAMAGE\.$/);

      expect(readVcardFile(fixture('thunderbird-binary-photo.vcf'))).toEqual([expect.objectContaining({ name: 'Binary JPEG', notes: 'This v3.0 card has a JPEG photo as binary data and binary valuetype.', phones: [] })]);

      const android = await previewContactFile(t.db, { fileName: '00001.vcf', bytes: fixture('android-contacts.vcf') });
      expect(rowsOf(android)).toEqual([
        { outcome: 'new', name: 'Åse Bøgelund', emails: ['aase@fsb.dk'], phones: ['+45 21 43 65 87', '+45 46 30 10 00'], role: null },
        { outcome: 'new', name: 'Peter Lund', emails: ['peter.lund@example.dk'], phones: ['20 11 22 33'], role: null },
      ]);
      expect(readVcardFile(fixture('android-contacts.vcf'))[0]).toMatchObject({ notes: 'Træffes bedst om morgenen, ikke fredag\nNy linje', roles: [{ organisation: 'Fællesbo Østerbro', title: 'Kundechef' }] });
      expect(android.unknownOrganisations.map((o) => o.name)).toEqual(['Fællesbo Østerbro']);
    });

    it('decodes Outlook 2.1 in Windows-1252 (quoted-printable and raw 8-bit bytes), keeps a note whole at its commas, and drops only an invalid second e-mail', async () => {
      const bytes = fixture('outlook-2.1-windows-1252.vcf');
      // Really Windows-1252: "ø" is the single byte 0xF8.
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
      const preview = await previewContactFile(t.db, { fileName: 'Søren Æbelø.vcf', bytes });
      expect(preview.rows).toEqual([
        expect.objectContaining({ outcome: 'new', name: 'Søren Æbelø', emails: ['soeren@koege.dk'], phones: ['+45 56 67 11 00'], role: 'Boligchef, Køge Kommune', notes: ['E-mailen «soeren(at)privat» er ugyldig og importeres ikke.'] }),
      ]);
      expect(JSON.stringify(preview)).not.toContain('\uFFFD');
      expect(readVcardFile(bytes)[0]?.notes).toBe('Træffes tirsdag, onsdag og torsdag, helst før frokost');
      const result = await importContactFile(t.db, { fileName: 'Søren Æbelø.vcf', bytes });
      expect(result.created).toBe(1);
      expect(t.sqlite.prepare(`SELECT emails, notes FROM contact WHERE name = 'Søren Æbelø'`).get()).toEqual({ emails: '["soeren@koege.dk"]', notes: 'Træffes tirsdag, onsdag og torsdag, helst før frokost' });
    });

    it('decodes quoted-printable in the charset the card names (ISO-8859-x) and raw UTF-8 beside it', () => {
      const card = Buffer.concat([
        Buffer.from('BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=ISO-8859-2;ENCODING=QUOTED-PRINTABLE:Pawe=B3 =A3ukasz\r\nNOTE;CHARSET=ISO-8859-15;ENCODING=QUOTED-PRINTABLE:Pris 100 =A4, ikke =0D=0A=\r\nmere\r\nTITLE:'),
        Buffer.from('Økonomichef', 'utf8'),
        Buffer.from('\r\nORG;CHARSET=ISO-8859-1:'),
        iconv.encode('Fællesbo', 'latin1'),
        Buffer.from('\r\nEND:VCARD\r\n'),
      ]);
      expect(readVcardFile(card)).toEqual([expect.objectContaining({ name: 'Paweł Łukasz', notes: 'Pris 100 €, ikke \nmere', roles: [{ organisation: 'Fællesbo', kommune: '', title: 'Økonomichef' }] })]);
    });

    it('reads UTF-16 vCards, big-endian with a BOM and little-endian without one, instead of reporting no vCard', async () => {
      for (const name of ['utf16be-bom.vcf', 'utf16le-no-bom.vcf']) {
        const preview = await previewContactFile(t.db, { fileName: name, bytes: fixture(name) });
        expect(preview.rows).toEqual([expect.objectContaining({ outcome: 'new', name: 'Åse Bøgelund', emails: ['aase@fsb.dk'] })]);
        expect(readVcardFile(fixture(name))[0]?.notes).toBe('Træffes bedst om morgenen, ikke fredag');
      }
    });
  });

  describe('a shared phone number alone is not a duplicate', () => {
    it('imports 30 colleagues on one switchboard number, lists their unknown organisation once, and creates it on request in the import', async () => {
      const bytes = fixture('switchboard-30.csv');
      const preview = await previewContactFile(t.db, { fileName: 'medarbejdere.csv', bytes });
      expect(preview.counts).toEqual({ new: 30, updated: 0, unchanged: 0, duplicate: 0, rejected: 0 });
      expect(preview.rows.every((r) => r.reasons.length === 0 && r.role === null)).toBe(true);
      expect(preview.unknownOrganisations).toEqual([{ name: 'Boligselskabet Sjælland', rows: Array.from({ length: 30 }, (_, i) => i + 2), suggestedKommuneId: roskilde, willCreate: false }]);

      const createOrganisations = [{ name: 'Boligselskabet Sjælland', kind: 'boligorganisation' as const, kommuneId: roskilde }];
      const planned = await previewContactFile(t.db, { fileName: 'medarbejdere.csv', bytes, createOrganisations });
      expect(planned.unknownOrganisations[0]?.willCreate).toBe(true);
      expect(planned.rows.every((r) => r.role === 'Medarbejder, Boligselskabet Sjælland')).toBe(true);
      expect(count('SELECT count(*) FROM organisation')).toBe(1);

      const result = await importContactFile(t.db, { fileName: 'medarbejdere.csv', bytes, createOrganisations });
      expect(result).toMatchObject({ created: 30, organisationsCreated: 1 });
      const organisation = t.sqlite.prepare(`SELECT id, kind FROM organisation WHERE name = 'Boligselskabet Sjælland'`).get() as { id: string; kind: string };
      expect(organisation.kind).toBe('boligorganisation');
      expect(count('SELECT count(*) FROM organisation_kommune WHERE organisation_id = ? AND kommune_id = ? AND deleted_at IS NULL', organisation.id, roskilde)).toBe(1);
      expect(count(`SELECT count(*) FROM affiliation WHERE organisation_id = ? AND kind = 'boligorganisation' AND kommune_id = ?`, organisation.id, roskilde)).toBe(30);
      // The organisation was written through the mutation path, so it syncs like any other.
      expect(count(`SELECT count(*) FROM sync_op WHERE tbl = 'organisation' AND row_id = ?`, organisation.id)).toBeGreaterThan(0);

      // Again: the organisation now exists, nothing is created twice.
      const digest = databaseDigest(t.sqlite);
      const again = await importContactFile(t.db, { fileName: 'medarbejdere.csv', bytes, createOrganisations });
      expect(again).toMatchObject({ created: 0, updated: 0, organisationsCreated: 0, preview: { counts: { unchanged: 30 }, unknownOrganisations: [] } });
      expect(databaseDigest(t.sqlite)).toBe(digest);
    });

    it('previews 20,000 people on one switchboard number at one unknown organisation in seconds, not quadratic time', async () => {
      const lines = Array.from({ length: 20_000 }, (_, i) => `Person ${i.toString(36)} Nr${(i * 7919).toString(36)};p${i}@bsj.dk;46 30 10 00;Boligselskabet Sjælland;Medarbejder`);
      const bytes = new TextEncoder().encode(`Navn;E-mail;Telefon;Organisation;Titel\r\n${lines.join('\r\n')}\r\n`);
      const started = performance.now();
      const preview = await previewContactFile(t.db, { fileName: 'alle.csv', bytes });
      expect(performance.now() - started).toBeLessThan(15_000);
      expect(preview.counts).toMatchObject({ new: 20_000, duplicate: 0, rejected: 0 });
      expect(preview.unknownOrganisations).toHaveLength(1);
      expect(preview.unknownOrganisations[0]?.rows).toHaveLength(20_000);
    }, 30_000);

    it('matches an unknown organisation once per name, whatever the case, punctuation or æ/ae spelling', async () => {
      const csv = 'Navn;E-mail;Organisation\r\nA Jensen;a@x.dk;Boligselskabet Sjælland\r\nB Hansen;b@x.dk;BOLIGSELSKABET SJAELLAND\r\nC Berg;c@x.dk;Boligselskabet Sjælland.\r\n';
      const bytes = new Uint8Array(iconv.encode(csv, 'win1252'));
      const preview = await previewContactFile(t.db, { fileName: 'k.csv', bytes });
      expect(preview.unknownOrganisations).toEqual([{ name: 'Boligselskabet Sjælland', rows: [2, 3, 4], suggestedKommuneId: null, willCreate: false }]);
      const result = await importContactFile(t.db, { fileName: 'k.csv', bytes, createOrganisations: [{ name: 'Boligselskabet Sjælland', kind: 'andet', kommuneId: null }] });
      expect(result.organisationsCreated).toBe(1);
      expect(count(`SELECT count(*) FROM organisation WHERE deleted_at IS NULL`)).toBe(2);
      expect(count(`SELECT count(*) FROM affiliation WHERE kind = 'andet'`)).toBe(3);
    });

    it('imports a newcomer on a known switchboard number beside the colleague, with no duplicate reason', async () => {
      await createContact(t.db, { name: 'Hanne Birk', emails: ['hbi@bs-sj.dk'], phones: ['+45 46 30 10 00'], notes: '' }, []);
      const csv = 'Navn;E-mail;Telefon\r\nNiels Krogh;nkr@bs-sj.dk;46 30 10 00\r\nMads Lind;;46301000\r\n';
      const preview = await previewContactFile(t.db, { fileName: 'k.csv', bytes: new Uint8Array(iconv.encode(csv, 'win1252')) });
      expect(preview.rows.map((r) => [r.outcome, r.reasons])).toEqual([
        ['new', []],
        ['new', []],
      ]);
    });

    it('calls names alike only when a letter or two apart or one inside the other', () => {
      expect(namesAlike('Søren Æbelø', 'Søren Ebelø')).toBe(true);
      expect(namesAlike('Kirsten Ågård', 'Kirsten Aagaard')).toBe(true);
      expect(namesAlike('Anne Holm', 'Anne Marie Holm')).toBe(true);
      expect(namesAlike('Ida Berg', 'Eva Berg')).toBe(false);
      expect(namesAlike('Anne Holm', 'Lars Kjær')).toBe(false);
      expect(namesAlike('Bo', 'Bo Holm')).toBe(false);
      const naive = (a: string, b: string): number => {
        const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
        for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
        return d[a.length]![b.length]!;
      };
      fc.assert(
        fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 9 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 9 }), fc.constantFrom(1, 2), (a, b, k) => {
          expect(withinDistance(a, b, k)).toBe(naive(a, b) <= k);
        }),
        { numRuns: 500, seed: 14 },
      );
    });

    it('never drops a person on a guess: a name that nearly agrees on the same number is imported, and the pair is suggested', async () => {
      const existing = await createContact(t.db, { name: 'Anne Holm', emails: ['anne@kab.dk'], phones: ['20 30 40 50'], notes: '' }, []);
      const csv = 'Navn;E-mail;Telefon\r\nAnne Marie Holm;amh@privat.dk;+45 20 30 40 50\r\n';
      const result = await importContactFile(t.db, { fileName: 'k.csv', bytes: new Uint8Array(iconv.encode(csv, 'win1252')) });
      expect(result.preview.rows).toEqual([expect.objectContaining({ outcome: 'new', match: { id: existing.id, name: 'Anne Holm' }, reasons: ['Ligner Anne Holm (samme telefonnummer) – parret vises under Mulige dubletter.'] })]);
      expect(result.created).toBe(1);
      expect(await findContactDuplicates(t.db, new Set([existing.id]))).toHaveLength(1);
    });
  });

  describe('messages never carry the file', () => {
    it('names the reason and at most a row number when refusing a file, and quotes no more than a short clip in a note', async () => {
      const photo = 'QUJD'.repeat(7000);
      const secret = `hemmelig-${'x'.repeat(5000)}@`;
      const card = `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kaj Munk\r\nEMAIL:kaj@example.dk\r\nEMAIL:${secret}\r\nTEL:${photo.slice(0, 3000)}\r\nORG:${'Ukendt '.repeat(400)}\r\nPHOTO;ENCODING=b;TYPE=JPEG:${photo}\r\nEND:VCARD\r\n`;
      const preview = await previewContactFile(t.db, { fileName: 'kaj.vcf', bytes: new TextEncoder().encode(card) });
      expect(preview.rows[0]).toMatchObject({ outcome: 'new', name: 'Kaj Munk', emails: ['kaj@example.dk'] });
      const messages = messagesOf(preview);
      expect(messages).toHaveLength(3);
      expect(messages.join(' ')).not.toContain('x'.repeat(100));
      expect(JSON.stringify(preview)).not.toContain('QUJDQUJD'.repeat(20));

      const refusals: [string, Uint8Array, object?][] = [
        ['k.csv', new TextEncoder().encode(`Navn;Noter\r\nKaj;"${photo}\r\n`)],
        ['k.csv', new TextEncoder().encode('Navn\r\nKaj\r\n'), { mapping: { name: photo.slice(0, 400) } }],
        [`billede.${'x'.repeat(300)}`, new Uint8Array([1, 2, 3])],
        ['tom.vcf', new TextEncoder().encode(`Ikke et kort: ${photo}`)],
      ];
      for (const [fileName, bytes, extra] of refusals) {
        const error = await previewContactFile(t.db, { fileName, bytes, ...extra }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AppError);
        const message = (error as AppError).message;
        expect(message).toMatch(/^[^\n]*\.$/);
        expect(message.length).toBeLessThan(200);
        expect(message).not.toMatch(/QUJD|xxxx/);
      }
    });
  });
});
