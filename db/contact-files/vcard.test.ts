import { unzipSync } from 'fflate';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContact, getContact } from '../contacts/contacts.repository';
import { derivedId } from '../ids';
import { databaseDigest } from '../maintenance';
import { createOrganisation } from '../organisations/organisations.repository';
import { createTestDatabase } from '../testing/test-database';
import { importContactFile, previewContactFile } from './contacts.import';
import { contactToVcard, exportVcards } from './vcard';
import { readVcards } from './vcard.import';

const koege = derivedId('kommune', 259);
const decode = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);
const vcf = (text: string) => new TextEncoder().encode(text);

describe('vCard export', () => {
  const mette = {
    id: '0190a1b2-0000-7000-8000-00000000abcd',
    name: 'Mette Ørsted',
    emails: ['mette@kab-bolig.dk', 'mette.privat@example.dk'],
    phones: ['20 30 40 50', '+46 8 123 456 78'],
    notes: 'Formand; næstformand, tidl.\\ bestyrelse\nNy linje: ' + 'æøå '.repeat(30),
    updatedAt: '2026-03-02T09:15:00.123Z',
    roles: [
      { organisation: 'KAB, Boligselskab', title: 'Udlejningschef' },
      { organisation: 'Køge Kommune', title: 'Medlem af boligudvalget' },
    ],
  };

  it('writes vCard 4.0 with split name, all e-mails (first PREF), tel URIs, ORG/TITLE per role, UID and REV', () => {
    const text = contactToVcard(mette, '4.0');
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded.split('\r\n')).toEqual([
      'BEGIN:VCARD',
      'VERSION:4.0',
      'PRODID:-//BL//Kredsbog//DA',
      'FN:Mette Ørsted',
      'N:Ørsted;Mette;;;',
      'EMAIL;PREF=1:mette@kab-bolig.dk',
      'EMAIL:mette.privat@example.dk',
      'TEL;TYPE=work,voice;PREF=1:tel:+4520304050',
      'TEL;TYPE=work,voice:tel:+46812345678',
      'ORG:KAB\\, Boligselskab',
      'TITLE:Udlejningschef',
      'ROLE2.ORG:Køge Kommune',
      'ROLE2.TITLE:Medlem af boligudvalget',
      `NOTE:Formand; næstformand\\, tidl.\\\\ bestyrelse\\nNy linje: ${'æøå '.repeat(30)}`,
      'UID:urn:uuid:0190a1b2-0000-7000-8000-00000000abcd',
      'REV:20260302T091500Z',
      'END:VCARD',
    ]);
  });

  it('writes vCard 3.0 for Outlook: TYPE on every TEL and EMAIL, CHARSET=UTF-8 on text with æøå', () => {
    const lines = contactToVcard(mette, '3.0').replace(/\r\n /g, '').split('\r\n');
    expect(lines).toContain('VERSION:3.0');
    expect(lines).toContain('FN;CHARSET=UTF-8:Mette Ørsted');
    expect(lines).toContain('N;CHARSET=UTF-8:Ørsted;Mette;;;');
    expect(lines).toContain('EMAIL;TYPE=INTERNET,PREF:mette@kab-bolig.dk');
    expect(lines).toContain('TEL;TYPE=WORK,VOICE,PREF:20 30 40 50');
    expect(lines).toContain('REV:20260302T091500Z');
  });

  it('folds at 75 octets without splitting a UTF-8 character, with CRLF line ends only', () => {
    for (const version of ['4.0', '3.0'] as const) {
      const bytes = vcf(contactToVcard(mette, version));
      const lines = decode(bytes).split('\r\n');
      expect(lines.length).toBeGreaterThan(17);
      for (const line of lines) {
        expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
        expect(line).not.toMatch(/[\r\n]/);
      }
      // Every physical line is valid UTF-8 on its own: no character was cut in two.
      let start = 0;
      for (let i = 0; i < bytes.length - 1; i++) {
        if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
          expect(() => decode(bytes.subarray(start, i))).not.toThrow();
          start = i + 2;
        }
      }
      const parsed = new ICAL.Component(ICAL.parse(decode(bytes)) as never);
      expect(parsed.getFirstPropertyValue('note')).toBe(mette.notes);
    }
  });

  it('names a single contact file after the person, and zips one file per contact with deduplicated Danish names', async () => {
    const t = await createTestDatabase();
    try {
      const a = await createContact(t.db, { name: 'Mette Ørsted', emails: [], phones: [], notes: '' }, []);
      await createContact(t.db, { name: 'Jens Hansen', emails: ['jens@a.dk'], phones: [], notes: '' }, []);
      await createContact(t.db, { name: 'Jens Hansen', emails: ['jens@b.dk'], phones: [], notes: '' }, []);
      await createContact(t.db, { name: 'A/S Kontakt: "Test"?', emails: [], phones: [], notes: '' }, []);
      const one = await exportVcards(t.db, { contactIds: [a.id], version: '4.0', packaging: 'single' });
      expect(one.fileName).toBe('Mette Ørsted.vcf');
      const zip = await exportVcards(t.db, { version: '3.0', packaging: 'zip', now: new Date('2026-03-02T10:00:00Z') });
      expect(zip.fileName).toBe('Kredsbog kontakter 2026-03-02 (Outlook).zip');
      const files = unzipSync(zip.bytes);
      expect(Object.keys(files).sort()).toEqual(['A S Kontakt Test.vcf', 'Jens Hansen (2).vcf', 'Jens Hansen.vcf', 'Mette Ørsted.vcf']);
      expect(decode(files['Mette Ørsted.vcf'] ?? new Uint8Array())).toMatch(/^BEGIN:VCARD\r\nVERSION:3\.0\r\n/);
      const all = await exportVcards(t.db, { version: '4.0', packaging: 'single' });
      expect(decode(all.bytes).match(/BEGIN:VCARD/g)).toHaveLength(4);
      await expect(exportVcards(t.db, { contactIds: ['0190a1b2-0000-7000-8000-000000000000'], version: '4.0', packaging: 'single' })).rejects.toThrow('findes ikke');
    } finally {
      await t.dispose();
    }
  });
});

describe('vCard import', () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeEach(async () => {
    t = await createTestDatabase();
  });
  afterEach(() => t.dispose());

  it('re-importing an exported file changes nothing, in 4.0 and 3.0', async () => {
    const organisation = await createOrganisation(t.db, { name: 'KAB, Boligselskab', kind: 'boligorganisation', notes: '', kommuneIds: [] });
    await createContact(
      t.db,
      { name: 'Mette Ørsted', emails: ['mette@kab.dk', 'm@privat.dk'], phones: ['20 30 40 50'], notes: 'Linje 1\nLinje 2; med, tegn' },
      [
        { organisationId: organisation.id, kommuneId: null, title: 'Udlejningschef', kind: 'boligorganisation', fromDate: null, toDate: null },
        { organisationId: null, kommuneId: koege, title: 'Byrådsmedlem', kind: 'politiker', fromDate: null, toDate: null },
      ],
    );
    await createContact(t.db, { name: 'Jens', emails: [], phones: [], notes: '' }, []);
    const digest = databaseDigest(t.sqlite);
    for (const version of ['4.0', '3.0'] as const) {
      const file = await exportVcards(t.db, { version, packaging: 'single' });
      const preview = await previewContactFile(t.db, { fileName: file.fileName, bytes: file.bytes });
      expect(preview.format).toBe('vcf');
      expect(preview.counts).toEqual({ new: 0, updated: 0, unchanged: 2, duplicate: 0, rejected: 0 });
      await importContactFile(t.db, { fileName: file.fileName, bytes: file.bytes });
      expect(databaseDigest(t.sqlite)).toBe(digest);
    }
  });

  it('updates by UID (including the name), matches by e-mail, and creates the rest', async () => {
    const known = await createContact(t.db, { name: 'Mette Oersted', emails: ['mette@kab.dk'], phones: [], notes: '' }, []);
    const byMail = await createContact(t.db, { name: 'Lars K.', emails: ['lars@kab.dk'], phones: [], notes: '' }, []);
    const text = [
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Mette Ørsted',
      `UID:urn:uuid:${known.id}`,
      'TEL;VALUE=uri:tel:+4520304050',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Kjærgaard;Lars;;;',
      'FN:Lars Kjærgaard',
      'item1.EMAIL;type=INTERNET;type=pref:LARS@kab.dk',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Bøgelund;Åse;;;',
      'EMAIL;TYPE=INTERNET:aase@fsb.dk',
      'ORG:Køge Kommune;Teknik og Miljø',
      'TITLE:Afdelingsleder',
      'END:VCARD',
      '',
    ].join('\r\n');
    const preview = await previewContactFile(t.db, { fileName: 'kontakter.vcf', bytes: vcf(text) });
    expect(preview.rows.map((r) => [r.rowNumber, r.outcome, r.name, r.reasons])).toEqual([
      [1, 'updated', 'Mette Ørsted', ['Navn: Mette Oersted → Mette Ørsted', 'Nyt telefonnummer: +4520304050']],
      [2, 'unchanged', 'Lars Kjærgaard', []],
      [3, 'new', 'Åse Bøgelund', []],
    ]);
    await importContactFile(t.db, { fileName: 'kontakter.vcf', bytes: vcf(text) });
    expect((await getContact(t.db, known.id)).name).toBe('Mette Ørsted');
    expect((await getContact(t.db, byMail.id)).name).toBe('Lars K.');
    expect(t.sqlite.prepare(`SELECT a.title, a.kommune_id, a.kind FROM affiliation a JOIN contact c ON c.id = a.contact_id WHERE c.name = 'Åse Bøgelund'`).get()).toEqual({
      title: 'Afdelingsleder',
      kommune_id: koege,
      kind: 'embedsmand',
    });
  });

  it('does not bring back a person erased under GDPR from an old export', async () => {
    const gone = await createContact(t.db, { name: 'Mette Ørsted', emails: ['mette@kab.dk'], phones: [], notes: '' }, []);
    const file = await exportVcards(t.db, { version: '4.0', packaging: 'single' });
    t.sqlite.prepare(`UPDATE contact SET deleted_at = '2026-01-01T00:00:00Z', erased_at = '2026-01-01T00:00:00Z', name = '', emails = '[]' WHERE id = ?`).run(gone.id);
    const preview = await previewContactFile(t.db, { fileName: file.fileName, bytes: file.bytes });
    expect(preview.rows.map((r) => [r.outcome, r.reasons])).toEqual([['rejected', ['Personen er slettet efter GDPR og importeres ikke igen.']]]);
  });

  it('rejects only a card without a name; an invalid e-mail drops that e-mail, with a note, and keeps the card', async () => {
    const text = 'BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL:ingen.navn@example.dk\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ok Person\r\nEMAIL:ok@example.dk\r\nEMAIL:ikke-en-mail\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:God Person\r\nEND:VCARD\r\n';
    const preview = await previewContactFile(t.db, { fileName: 'k.vcf', bytes: vcf(text) });
    expect(preview.rows.map((r) => [r.outcome, r.emails, r.reasons, r.notes])).toEqual([
      ['rejected', ['ingen.navn@example.dk'], ['Mangler navn.'], []],
      ['new', ['ok@example.dk'], [], ['E-mailen «ikke-en-mail» er ugyldig og importeres ikke.']],
      ['new', [], [], []],
    ]);
  });

  it('reads Outlook vCard 2.1 with bare types and quoted-printable UTF-8', () => {
    const text = 'BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=utf-8;ENCODING=QUOTED-PRINTABLE:=C3=98rsted;Mette\r\nFN;CHARSET=utf-8;ENCODING=QUOTED-PRINTABLE:Mette =C3=98rsted\r\nTEL;WORK;VOICE:20 30 40 50\r\nEMAIL;PREF;INTERNET:mette@kab.dk\r\nNOTE;ENCODING=QUOTED-PRINTABLE:Linje 1=0D=0ALinje=\r\n 2\r\nEND:VCARD\r\n';
    const [card] = readVcards(text);
    expect(card).toMatchObject({ name: 'Mette Ørsted', emails: ['mette@kab.dk'], phones: ['20 30 40 50'], notes: 'Linje 1\nLinje 2', problems: [] });
  });
});
