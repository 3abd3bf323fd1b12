import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { affiliationFieldsSchema } from '../common/domain';
import { openDatabase } from '../db/connection';
import { createContact } from '../db/contacts/contacts.repository';
import { derivedId } from '../db/ids';
import { runCapturedCli, useTempDirs } from './cli.testing';

const workDir = useTempDirs();
const run = runCapturedCli;
const koege = derivedId('kommune', 259);

async function databaseWithBorgmester() {
  const file = path.join(workDir(), 'kredsbog.sqlite');
  const app = await openDatabase(file);
  const contact = await createContact(app.db, { name: 'Marie Stærk', emails: [], phones: [], notes: '' }, [affiliationFieldsSchema.parse({ kommuneId: koege, title: 'Borgmester', kind: 'politiker', fromDate: '2026-01-01' })]);
  await app.close();
  return { file, contactId: contact.id };
}

describe('cli kommune, kontakt-log and stale-contacts', () => {
  it('kontakt-log logs a call that the kommune hub then counts as contact, and stale-contacts no longer lists the borgmester', async () => {
    const { file, contactId } = await databaseWithBorgmester();
    const stale = await run('stale-contacts', '--db', file, '--json');
    expect(stale.code).toBe(0);
    expect(JSON.parse(stale.stdout).overduePeople).toEqual([expect.objectContaining({ contactName: 'Marie Stærk', keyRole: 'borgmester', lastContact: null, intervalMonths: 3 })]);

    const logged = await run('kontakt-log', '--db', file, '--contact', contactId, '--kind', 'møde', '--note', 'Kaffe efter byrådsmødet', '--date', '2026-11-20');
    expect(logged).toMatchObject({ code: 0, stdout: 'Kontakt logget 20.11.2026 (møde) med Marie Stærk, Køge Kommune.\n' });

    const hub = await run('kommune', '--db', file, '--kode', '259', '--json');
    expect(hub.code).toBe(0);
    const parsed = JSON.parse(hub.stdout);
    expect(Object.keys(parsed)).toEqual(expect.arrayContaining(['kommune', 'lastContact', 'nowAndNext', 'keyPeople', 'collaboration']));
    expect(parsed).toMatchObject({ kommune: { navn: 'Køge', kode: 259 }, lastContact: '2026-11-20', keyPeople: [{ contactName: 'Marie Stærk', lastContact: '2026-11-20' }] });
    const text = await run('kommune', '--db', file, '--kode', '259');
    expect(text.stdout).toContain('Køge Kommune (259) — sidst i kontakt: 20.11.2026');
    expect(text.stdout).toContain('Borgmester — Marie Stærk: sidst i kontakt 20.11.2026');

    const after = JSON.parse((await run('stale-contacts', '--db', file, '--months', '3', '--json')).stdout);
    // Never contacted no more: listed at most as overdue since 20 November (three months on).
    expect(after.overduePeople.filter((p: { contactName: string; lastContact: string | null }) => p.contactName === 'Marie Stærk' && p.lastContact === null)).toEqual([]);
    expect(after.months).toBe(3);
  });

  it('refuses bad input with a Danish message and changes nothing', async () => {
    const { file, contactId } = await databaseWithBorgmester();
    for (const [args, message] of [
      [['kontakt-log', '--contact', contactId, '--kind', 'brev', '--note', 'x'], '--kind telefon, mail, møde eller andet'],
      [['kontakt-log', '--contact', contactId, '--kind', 'mail', '--note', 'x', '--date', '23.11.2026'], '--date skal være en dato'],
      [['kontakt-log', '--contact', derivedId('x', 1), '--kind', 'mail', '--note', 'x'], 'Kontakten findes ikke'],
      [['kommune', '--kode', '9999'], 'Der findes ingen kommune med koden 9999'],
      [['stale-contacts', '--months', '0'], '--months skal være et helt tal'],
    ] as const) {
      const result = await run(args[0], '--db', file, ...args.slice(1));
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toContain(message);
    }
    const app = await openDatabase(file);
    expect(await app.db.selectFrom('contact_log').select('id').execute()).toEqual([]);
    await app.close();
  });
});
