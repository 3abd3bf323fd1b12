import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, ChannelOutput } from '../../common/contract';
import { createContact, updateContact } from '../../db/contacts/contacts.repository';
import { exportFrom, installation, type TestInstallation } from '../../db/sync/sync-testing';
import { createTestDatabase } from '../../db/testing/test-database';
import { createDispatcher, type Dispatch } from '../ipc/dispatch';
import { handlers } from './index';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let colleague: TestInstallation;
let dispatch: Dispatch;
beforeEach(async () => {
  t = await createTestDatabase();
  colleague = await installation('kollega');
  dispatch = createDispatcher(handlers, { app: t, host: 'browser', version: 'test' }, { checkOutput: true });
});
afterEach(async () => {
  await colleague.app.close();
  await t.dispose();
});

async function call<C extends Channel>(channel: C, input: unknown): Promise<ChannelOutput<C>> {
  const result = await dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
  return result.value as ChannelOutput<C>;
}

async function importFromColleague() {
  const file = await exportFrom(colleague);
  await call('sync.import', { fileName: 'kollega.kredsbog', base64: fs.readFileSync(file).toString('base64') });
}

describe('"Fortryd import" handlers', () => {
  it('lists recent imports, previews an undo, undoes it and then refuses a second time', async () => {
    const contact = await createContact(colleague.app.db, { name: 'Mona Madsen', emails: [], phones: [], notes: 'før' }, []);
    await importFromColleague();
    await updateContact(colleague.app.db, contact.id, { notes: 'efter' });
    await importFromColleague();

    const imports = await call('sync.imports', undefined);
    expect(imports.map((i) => i.state)).toEqual(['undoable', 'undoable']);
    expect(imports[0]).toMatchObject({ fileName: 'kollega.kredsbog', changedFields: 1, createdRecords: 0, undoneAt: null, undo: null });

    const preview = await call('sync.undoImport', { journalId: imports[0]!.journalId, dryRun: true });
    expect(preview).toMatchObject({ undone: false, summary: { restoredFields: 1 } });
    expect((await call('contacts.get', { id: contact.id })).notes).toBe('efter');

    const done = await call('sync.undoImport', { journalId: imports[0]!.journalId });
    expect(done).toMatchObject({ undone: true, summary: { restoredFields: 1, skippedChangedSince: 0 } });
    expect((await call('contacts.get', { id: contact.id })).notes).toBe('før');
    expect((await call('sync.imports', undefined))[0]).toMatchObject({ state: 'undone', undo: { restoredFields: 1 } });

    const again = await dispatch('sync.undoImport', { journalId: imports[0]!.journalId });
    expect(again).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('Importen er allerede fortrudt') } });
    const unknown = await dispatch('sync.undoImport', { journalId: 4242 });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'Importen findes ikke i synkroniseringsloggen.' } });
  });
});
