import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channels, contract } from '../../common/contract';
import { databaseDigest } from '../../db/maintenance';
import { createTestDatabase } from '../../db/testing/test-database';
import { handlers } from '../handlers';
import { schemaVersion } from '../../db/migrations';
import { createDispatcher, toErrorData, type Dispatch } from './dispatch';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let dispatch: Dispatch;
const internal = vi.fn();
beforeEach(async () => {
  t = await createTestDatabase();
  internal.mockReset();
  dispatch = createDispatcher(handlers, { app: t, host: 'browser', version: '9.9.9' }, { checkOutput: true, onInternalError: internal });
});
afterEach(() => t.dispose());

describe('dispatch', () => {
  it('has exactly one handler for every contract channel', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
  });

  it('answers a known channel with an ok Result', async () => {
    const result = await dispatch('kommuner.list', { query: 'roskilde' });
    expect(result).toMatchObject({ ok: true, value: [{ navn: 'Roskilde', kode: 265 }] });
  });

  it('rejects an unknown channel', async () => {
    expect(await dispatch('contacts.dropTable', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('returns field issues as message keys for invalid input, in Danish, and writes nothing', async () => {
    const before = databaseDigest(t.sqlite);
    const result = await dispatch('contacts.create', { name: '  ', emails: ['ikke-en-mail'] });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'Oplysningerne er ikke gyldige. Ret de markerede felter.',
        issues: [
          { path: ['name'], message: 'validation.required' },
          { path: ['emails', 0], message: 'validation.email' },
        ],
      },
    });
    expect(databaseDigest(t.sqlite)).toBe(before);
  });

  it('maps a missing record to NOT_FOUND', async () => {
    const result = await dispatch('contacts.get', { id: '01890000-0000-7000-8000-00000000dead' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'Kontakten findes ikke.' } });
  });

  it('turns an unexpected failure into INTERNAL without leaking details, and reports it', async () => {
    const broken = createDispatcher({ ...handlers, 'stats.get': async () => Promise.reject(new Error('disk on fire')) }, { app: t, host: 'browser', version: '0' }, { onInternalError: internal });
    const result = await broken('stats.get', undefined);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Der opstod en uventet fejl. Intet er ændret.' } });
    expect(internal).toHaveBeenCalledWith('stats.get', expect.any(Error));
  });

  it('catches a handler whose output breaks the contract', async () => {
    const lying = createDispatcher({ ...handlers, 'app.info': async () => ({ version: 1 }) as never }, { app: t, host: 'browser', version: '0' }, { checkOutput: true, onInternalError: internal });
    expect(await lying('app.info', undefined)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('maps SQLite read-only and disk-full errors to their own codes', () => {
    expect(toErrorData(Object.assign(new Error('x'), { code: 'SQLITE_READONLY_DBMOVED' })).code).toBe('DB_READ_ONLY');
    expect(toErrorData(Object.assign(new Error('x'), { code: 'SQLITE_FULL' })).code).toBe('DISK_FULL');
  });

  it('maps file-system errors around the database, corruption and I/O errors to their own codes, in Danish', () => {
    const mapped = (code: string) => toErrorData(Object.assign(new Error('x'), { code }));
    expect(mapped('ENOSPC').code).toBe('DISK_FULL');
    expect(mapped('EROFS').code).toBe('DB_READ_ONLY');
    for (const code of ['SQLITE_CORRUPT', 'SQLITE_CORRUPT_INDEX', 'SQLITE_NOTADB']) {
      expect(mapped(code)).toEqual({ code: 'DB_CORRUPT', message: 'Databasefilen er beskadiget og kan ikke læses. Intet er ændret — luk Kredsbog og gendan en sikkerhedskopi.' });
    }
    for (const code of ['SQLITE_IOERR', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'EIO']) expect(mapped(code).code).toBe('DB_IO_ERROR');
    expect(mapped('SQLITE_IOERR').message).toMatch(/^Disken kunne ikke læses eller skrives/);
    expect(mapped('SQLITE_MISMATCH').code).toBe('INTERNAL');
  });

  it('survives garbage on every channel and answers each with a Result', async () => {
    const before = databaseDigest(t.sqlite);
    for (const channel of channels) {
      for (const input of [null, 42, 'x', [], { id: 'not-a-uuid' }, { __proto__: { admin: true } }]) {
        const result = await dispatch(channel, input);
        expect(typeof result.ok).toBe('boolean');
      }
    }
    expect(databaseDigest(t.sqlite)).toBe(before);
  });
});

describe('handlers end to end', () => {
  it('creates an organisation in a kommune and a contact with a role there, seen from the kommune', async () => {
    const [koege] = ((await dispatch('kommuner.list', { query: 'køge' })) as { ok: true; value: { id: string }[] }).value;
    const org = await dispatch('organisations.create', { name: 'Køge Boligselskab', kind: 'boligorganisation', kommuneIds: [koege!.id] });
    expect(org.ok).toBe(true);
    const orgId = (org as { ok: true; value: { id: string } }).value.id;
    const contact = await dispatch('contacts.create', {
      name: 'Hanne Hansen',
      emails: ['Hanne@KBS.dk'],
      phones: ['56 65 00 00'],
      affiliations: [{ title: 'Forretningsfører', kind: 'boligorganisation', organisationId: orgId }],
    });
    expect(contact).toMatchObject({ ok: true, value: { emails: ['hanne@kbs.dk'], affiliations: [{ organisationName: 'Køge Boligselskab', current: true }] } });
    const kommune = await dispatch('kommuner.get', { id: koege!.id });
    expect(kommune).toMatchObject({ ok: true, value: { organisationCount: 1, contactCount: 1, roles: [{ contactName: 'Hanne Hansen' }] } });
  });

  it('keeps settings local and filters kommuner by my kredse', async () => {
    expect(await dispatch('settings.update', { userName: 'Kirsten Konsulent', initials: 'KK', myKredse: [3] })).toMatchObject({ ok: true, value: { myKredse: [3], language: 'da' } });
    const mine = (await dispatch('kommuner.list', { onlyMyKredse: true })) as { ok: true; value: { navn: string }[] };
    expect(mine.value).toHaveLength(10);
    expect(await dispatch('app.info', undefined)).toMatchObject({ ok: true, value: { version: '9.9.9', host: 'browser', schemaVersion } });
  });
});
