import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { createContact, updateContact } from '../db/contacts/contacts.repository';
import { runCapturedCli, useTempDirs } from './cli.testing';

const workDir = useTempDirs();
const run = runCapturedCli;

describe('cli imports / undo-import', () => {
  it('lists imports with their ids and undoes one, once', async () => {
    const dir = workDir();
    const colleagueFile = path.join(dir, 'kollega.sqlite');
    const mine = path.join(dir, 'mig.sqlite');
    const colleague = await openDatabase(colleagueFile);
    const contact = await createContact(colleague.db, { name: 'Anna Andersen', emails: [], phones: [], notes: 'før' }, []);
    await colleague.close();
    expect((await run('export', '--db', colleagueFile, '--out', path.join(dir, 'a.kredsbog'))).code).toBe(0);
    expect((await run('import', '--db', mine, path.join(dir, 'a.kredsbog'))).code).toBe(0);
    const again = await openDatabase(colleagueFile);
    await updateContact(again.db, contact.id, { notes: 'efter' });
    await again.close();
    expect((await run('export', '--db', colleagueFile, '--out', path.join(dir, 'b.kredsbog'))).code).toBe(0);
    expect((await run('import', '--db', mine, path.join(dir, 'b.kredsbog'))).code).toBe(0);

    const listed = await run('imports', '--db', mine);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^ {4}2 .* b\.kredsbog {2}1 felter, 0 nye poster {2}kan fortrydes\n/);
    const [latest] = JSON.parse((await run('imports', '--db', mine, '--json')).stdout) as { journalId: number }[];

    const preview = await run('undo-import', '--db', mine, '--journal', String(latest!.journalId), '--dry-run');
    expect(preview.stdout).toBe('Forhåndsvisning – intet er ændret. Fortrydelsen vil:\n  1 felter sat tilbage, 0 poster slettet igen, 0 poster gendannet\n');
    const done = await run('undo-import', '--db', mine, '--journal', String(latest!.journalId), '--json');
    expect(JSON.parse(done.stdout)).toMatchObject({ undone: true, summary: { restoredFields: 1 } });
    const check = await openDatabase(mine);
    expect((check.sqlite.prepare('SELECT notes FROM contact WHERE id = ?').get(contact.id) as { notes: string }).notes).toBe('før');
    await check.close();

    const twice = await run('undo-import', '--db', mine, '--journal', String(latest!.journalId));
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/^Importen er allerede fortrudt/);
    expect(await run('undo-import', '--db', mine)).toMatchObject({ code: 1, stderr: 'Angiv importen: --journal ID (se npm run cli -- imports --db STI)\n' });
  });
});
