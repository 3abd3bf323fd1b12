import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { createContact } from '../db/contacts/contacts.repository';
import { runCapturedCli, useTempDirs } from './cli.testing';

const workDir = useTempDirs();

const run = runCapturedCli;

async function databaseWithPerson() {
  const dir = workDir();
  const file = path.join(dir, 'kredsbog.sqlite');
  const app = await openDatabase(file);
  const contact = await createContact(app.db, { name: 'Bjørn Ærtebjerg', emails: ['bjoern@roskilde.dk'], phones: [], notes: '' }, []);
  await app.close();
  return { dir, file, contactId: contact.id };
}

describe('cli gdpr', () => {
  it('indsigt writes the zip and refuses to overwrite it', async () => {
    const { dir, file, contactId } = await databaseWithPerson();
    const out = path.join(dir, 'indsigt.zip');
    const first = await run('indsigt', '--db', file, '--contact', contactId, '--out', out);
    expect(first).toMatchObject({ code: 0, stdout: `Indsigt gemt: ${out}\n` });
    expect(Object.keys(unzipSync(fs.readFileSync(out)))).toContain('indsigt.json');
    const again = await run('indsigt', '--db', file, '--contact', contactId, '--out', out);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Filen findes allerede');
  });

  it('slet-person --dry-run changes nothing; without it the person is erased', async () => {
    const { file, contactId } = await databaseWithPerson();
    const preview = await run('slet-person', '--db', file, '--contact', contactId, '--dry-run');
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('Forhåndsvisning – intet er ændret. Sletning af Bjørn Ærtebjerg:');
    const done = await run('slet-person', '--db', file, '--contact', contactId, '--json');
    expect(JSON.parse(done.stdout)).toMatchObject({ name: 'Bjørn Ærtebjerg', erased: true });
    const again = await run('slet-person', '--db', file, '--contact', contactId);
    expect(again).toMatchObject({ code: 1, stderr: 'Personen er allerede slettet efter GDPR.\n' });
  });

  it('asks for the contact', async () => {
    const { file } = await databaseWithPerson();
    expect(await run('slet-person', '--db', file)).toMatchObject({ code: 1, stderr: 'Angiv personen: --contact ID\n' });
  });
});
