import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContact } from '../../db/contacts/contacts.repository';
import { databaseDigest } from '../../db/maintenance';
import { createTestDatabase } from '../../db/testing/test-database';
import { createDispatcher, type Dispatch } from '../ipc/dispatch';
import { handlers } from './index';

describe('contactFiles channels', () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let dispatch: Dispatch;
  beforeEach(async () => {
    t = await createTestDatabase();
    dispatch = createDispatcher(handlers, { app: t, host: 'browser', version: 'test' }, { checkOutput: true });
  });
  afterEach(() => t.dispose());

  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

  it('exports vCard and spreadsheets as { fileName, base64 } within the contract', async () => {
    const mette = await createContact(t.db, { name: 'Mette Ørsted', emails: ['mette@kab.dk'], phones: [], notes: '' }, []);
    const vcard = await dispatch('contactFiles.exportVcard', { contactIds: [mette.id], version: '3.0' });
    expect(vcard).toMatchObject({ ok: true, value: { fileName: 'Mette Ørsted.vcf' } });
    if (vcard.ok) expect(Buffer.from((vcard.value as { base64: string }).base64, 'base64').toString('utf8')).toContain('EMAIL;TYPE=INTERNET,PREF:mette@kab.dk');
    const sheet = await dispatch('contactFiles.exportSpreadsheet', { what: 'contacts', format: 'xlsx' });
    expect(sheet).toMatchObject({ ok: true, value: { fileName: expect.stringMatching(/^Kredsbog Kontakter .*\.xlsx$/) } });
  });

  it('previews and imports through the contract; the preview writes nothing', async () => {
    const file = { fileName: 'k.csv', base64: base64('Navn;E-mail\r\nMette Ørsted;mette@kab.dk\r\n') };
    const digest = databaseDigest(t.sqlite);
    const preview = await dispatch('contactFiles.previewImport', file);
    expect(preview).toMatchObject({ ok: true, value: { counts: { new: 1 }, mappingSource: 'proposed' } });
    expect(databaseDigest(t.sqlite)).toBe(digest);
    expect(await dispatch('contactFiles.import', file)).toMatchObject({ ok: true, value: { created: 1 } });
  });

  it('creates an unknown organisation the user chose, through the contract, once however many rows name it', async () => {
    const csv = 'Navn;E-mail;Organisation;Kommune\r\nHanne Birk;hbi@bs-sj.dk;Boligselskabet Sjælland;Roskilde\r\nNiels Krogh;nkr@bs-sj.dk;Boligselskabet Sjælland;Roskilde\r\n';
    const file = { fileName: 'k.csv', base64: base64(csv) };
    const preview = await dispatch('contactFiles.previewImport', file);
    expect(preview).toMatchObject({ ok: true, value: { unknownOrganisations: [{ name: 'Boligselskabet Sjælland', rows: [2, 3], willCreate: false }] } });
    const kommuneId = preview.ok ? (preview.value as { unknownOrganisations: { suggestedKommuneId: string }[] }).unknownOrganisations[0]?.suggestedKommuneId : null;
    expect(kommuneId).toBeTruthy();
    const createOrganisations = [{ name: 'Boligselskabet Sjælland', kind: 'boligorganisation', kommuneId }];
    expect(await dispatch('contactFiles.import', { ...file, createOrganisations })).toMatchObject({ ok: true, value: { created: 2, organisationsCreated: 1 } });
    expect(t.sqlite.prepare(`SELECT count(*) FROM affiliation a JOIN organisation o ON o.id = a.organisation_id WHERE o.name = 'Boligselskabet Sjælland'`).pluck().get()).toBe(2);
    expect(await dispatch('contactFiles.import', { ...file, createOrganisations: [{ name: '', kind: 'x', kommuneId: null }] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('rejects bad input with a clear Danish message and changes nothing', async () => {
    const digest = databaseDigest(t.sqlite);
    expect(await dispatch('contactFiles.import', { fileName: 'k.csv', base64: '###' })).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'Filen kunne ikke overføres (ugyldigt indhold). Vælg den igen.' },
    });
    const big = Buffer.alloc(20 * 1024 * 1024 + 10, 65).toString('base64');
    expect(await dispatch('contactFiles.previewImport', { fileName: 'stor.csv', base64: big })).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'Filen er for stor (over 20 MB).' } });
    expect(await dispatch('contactFiles.exportVcard', { version: '4.0' })).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'Der er ingen kontakter at eksportere.' } });
    expect(await dispatch('contactFiles.exportSpreadsheet', { what: 'kommuner', format: 'csv' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(databaseDigest(t.sqlite)).toBe(digest);
  });
});
