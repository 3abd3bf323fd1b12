import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDirFor, backupScopeOf, listBackups } from '../db/backups/backups.service';
import { damagePages } from '../db/backups/backups.testing';
import { openDatabase } from '../db/connection';
import { createContact } from '../db/contacts/contacts.repository';
import { runCapturedCli as run, useTempDirs } from './cli.testing';

const workDir = useTempDirs();

async function databaseWithPerson() {
  const file = path.join(workDir(), 'kredsbog.sqlite');
  const app = await openDatabase(file);
  await createContact(app.db, { name: 'Bjørn Ærtebjerg', emails: [], phones: [], notes: '' }, []);
  await app.close();
  return file;
}

async function contactNames(file: string) {
  const app = await openDatabase(file);
  try {
    return app.sqlite.prepare('SELECT name FROM contact ORDER BY name').pluck().all();
  } finally {
    await app.close();
  }
}

describe('cli backups', () => {
  it('creates, lists and restores a backup, backing the current database up first', async () => {
    const file = await databaseWithPerson();
    const created = await run('backups', 'create', '--db', file, '--json');
    expect(created.code).toBe(0);
    const { name } = JSON.parse(created.stdout) as { name: string };
    const listed = await run('backups', 'list', '--db', file);
    expect(listed).toMatchObject({ code: 0, stdout: expect.stringContaining(name) });

    const app = await openDatabase(file);
    await createContact(app.db, { name: 'Åse Bøgh', emails: [], phones: [], notes: '' }, []);
    await app.close();
    const restored = await run('backups', 'restore', name, '--db', file);
    expect(restored).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^Gendannet fra ${name}\\. Den tidligere database er gemt som kredsbog-.*-foer-gendannelse\\.sqlite\\.\\n$`)) });
    expect(await contactNames(file)).toEqual(['Bjørn Ærtebjerg']);
  });

  it('check finds a damaged backup and exits 1; restore refuses it', async () => {
    const file = await databaseWithPerson();
    const app = await openDatabase(file);
    for (let i = 0; i < 40; i++) await createContact(app.db, { name: `Kontakt ${i} i Køge`, emails: [], phones: [], notes: '' }, []);
    const dir = backupDirFor(app);
    const scope = backupScopeOf(app);
    await app.close();
    expect((await run('backups', 'create', '--db', file)).code).toBe(0);
    expect(await run('backups', 'check', '--db', file)).toMatchObject({ code: 0, stdout: expect.stringContaining('Alle 1 sikkerhedskopier er i orden.') });
    const [entry] = listBackups(scope);
    damagePages(path.join(dir, entry?.name ?? ''), 3, 6);
    expect(await run('backups', 'check', '--db', file)).toMatchObject({ code: 1, stdout: expect.stringContaining(`BESKADIGET  ${entry?.name}`) });
    const refused = await run('backups', 'restore', entry?.name ?? '', '--db', file);
    expect(refused).toMatchObject({ code: 1, stderr: `Sikkerhedskopien ${entry?.name} er beskadiget og kan ikke bruges. Intet er ændret — vælg en anden sikkerhedskopi.\n` });
    expect(await contactNames(file)).toHaveLength(41);
  });

  it('explains the subcommands', async () => {
    const file = await databaseWithPerson();
    expect(await run('backups', '--db', file)).toMatchObject({ code: 1, stderr: 'Brug: backups list | create | restore NAVN | check\n' });
    expect(await run('backups', 'restore', '--db', file)).toMatchObject({ code: 1, stderr: 'Angiv hvilken sikkerhedskopi: backups restore NAVN (se backups list)\n' });
  });
});
