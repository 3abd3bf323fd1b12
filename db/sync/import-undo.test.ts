import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAffiliation, createContact, deleteContact, updateContact } from '../contacts/contacts.repository';
import { mergeRecords } from '../duplicates/duplicates.repository';
import { eraseContact } from '../gdpr/gdpr.repository';
import { createOrganisation } from '../organisations/organisations.repository';
import { derivedId } from '../ids';
import { importUndo } from './import-changes';
import { listRecentImports, undoImport } from './import-undo';
import { digest, exportFrom, importInto, installation, type TestInstallation } from './sync-testing';

const person = (name: string, notes = '') => ({ name, emails: [] as string[], phones: [] as string[], notes });

function contactRow(who: TestInstallation, id: string) {
  return who.app.sqlite.prepare('SELECT name, notes, emails, deleted_at, merged_into, erased_at FROM contact WHERE id = ?').get(id) as {
    name: string;
    notes: string;
    emails: string;
    deleted_at: string | null;
    merged_into: string | null;
    erased_at: string | null;
  };
}

async function latestImport(who: TestInstallation): Promise<number> {
  const [latest] = await listRecentImports(who.app.db);
  return latest!.journalId;
}

describe('undoImport ("Fortryd import")', () => {
  let colleague: TestInstallation;
  let me: TestInstallation;
  beforeEach(async () => {
    colleague = await installation('kollega');
    me = await installation('mig');
  });
  afterEach(async () => {
    await colleague.app.close();
    await me.app.close();
  });

  it('sets the fields an import changed back to their values before it', async () => {
    const contact = await createContact(colleague.app.db, person('Bente Hansen', 'første note'), []);
    await importInto(me, await exportFrom(colleague));
    await updateContact(colleague.app.db, contact.id, { name: 'Bente Hansen-Møller', notes: 'anden note' });
    await importInto(me, await exportFrom(colleague));
    expect(contactRow(me, contact.id)).toMatchObject({ name: 'Bente Hansen-Møller', notes: 'anden note' });

    const result = await undoImport(me.app, await latestImport(me));

    expect(result).toEqual({ journalId: expect.any(Number), undone: true, summary: { restoredFields: 2, deletedRecords: 0, restoredRecords: 0, skippedChangedSince: 0, skippedErased: 0, skippedMerged: 0 } });
    expect(contactRow(me, contact.id)).toMatchObject({ name: 'Bente Hansen', notes: 'første note', deleted_at: null });
  });

  it('deletes the records an import created and restores the ones it deleted', async () => {
    const kept = await createContact(colleague.app.db, person('Karen Kofoed'), []);
    await importInto(me, await exportFrom(colleague));
    const created = await createContact(colleague.app.db, person('Ny Kontakt'), []);
    await deleteContact(colleague.app.db, kept.id);
    await importInto(me, await exportFrom(colleague));
    expect(contactRow(me, kept.id).deleted_at).not.toBeNull();

    const { summary } = await undoImport(me.app, await latestImport(me));

    expect(summary).toMatchObject({ deletedRecords: 1, restoredRecords: 1, skippedChangedSince: 0 });
    expect(contactRow(me, created.id).deleted_at).not.toBeNull();
    expect(contactRow(me, kept.id).deleted_at).toBeNull();
  });

  it('deletes a created role before its contact and restores nothing of an erased person', async () => {
    const organisation = await createOrganisation(colleague.app.db, { name: 'KAB', kind: 'andet', notes: '', kommuneIds: [derivedId('kommune', 259)] });
    const contact = await createContact(colleague.app.db, person('Rolle Person'), []);
    const role = await createAffiliation(colleague.app.db, contact.id, { organisationId: organisation.id, kommuneId: null, title: 'Direktør', kind: 'boligorganisation', fromDate: null, toDate: null });
    await importInto(me, await exportFrom(colleague));

    const { summary } = await undoImport(me.app, await latestImport(me));

    // The organisation, its kommune link, the contact and the role.
    expect(summary.deletedRecords).toBe(4);
    const live = me.app.sqlite.prepare('SELECT count(*) FROM affiliation WHERE id = ? AND deleted_at IS NULL').pluck().get(role.id);
    expect(live).toBe(0);
  });

  it('leaves a field changed again since the import alone and counts it', async () => {
    const contact = await createContact(colleague.app.db, person('Ole Olsen', 'før'), []);
    await importInto(me, await exportFrom(colleague));
    await updateContact(colleague.app.db, contact.id, { name: 'Ole Olesen', notes: 'importeret' });
    await importInto(me, await exportFrom(colleague));
    await updateContact(me.app.db, contact.id, { notes: 'min egen rettelse' });

    const { summary } = await undoImport(me.app, await latestImport(me));

    expect(summary).toMatchObject({ restoredFields: 1, skippedChangedSince: 1 });
    expect(contactRow(me, contact.id)).toMatchObject({ name: 'Ole Olsen', notes: 'min egen rettelse' });
  });

  it('reaches a third installation as ordinary operations, and the colleague too', async () => {
    const third = await installation('tredje');
    try {
      const contact = await createContact(colleague.app.db, person('Sanne Sørensen', 'gammel'), []);
      const first = await exportFrom(colleague);
      await importInto(me, first);
      await importInto(third, first);
      await updateContact(colleague.app.db, contact.id, { notes: 'ny' });
      const created = await createContact(colleague.app.db, person('Tilføjet'), []);
      const second = await exportFrom(colleague);
      await importInto(me, second);
      await importInto(third, second);

      await undoImport(me.app, await latestImport(me));
      const undo = await exportFrom(me);
      const report = await importInto(third, undo);
      await importInto(colleague, undo);

      expect(report.report.applied).toBeGreaterThan(0);
      expect(contactRow(third, contact.id).notes).toBe('gammel');
      expect(contactRow(third, created.id).deleted_at).not.toBeNull();
      expect(digest(third)).toBe(digest(me));
      expect(digest(colleague)).toBe(digest(me));
      // The undone file again, or the colleague's next file: nothing comes back.
      expect((await importInto(me, second)).report.nothingToDo).toBe(true);
      await importInto(me, await exportFrom(colleague));
      expect(contactRow(me, contact.id).notes).toBe('gammel');
    } finally {
      await third.app.close();
    }
  });

  it('refuses a second undo, an unknown import and one whose changes are no longer kept', async () => {
    const contact = await createContact(colleague.app.db, person('Per Persen'), []);
    await importInto(me, await exportFrom(colleague));
    const journalId = await latestImport(me);
    await undoImport(me.app, journalId);
    await expect(undoImport(me.app, journalId)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('allerede fortrudt') });
    await expect(undoImport(me.app, 9999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listRecentImports(me.app.db))[0]).toMatchObject({ journalId, state: 'undone', undo: { deletedRecords: 1 } });

    // Ten more imports: the first one's changes are no longer kept.
    for (let i = 0; i < importUndo.keepImports; i++) {
      await updateContact(colleague.app.db, contact.id, { notes: `note ${i}` });
      await importInto(me, await exportFrom(colleague));
    }
    const oldest = (await listRecentImports(me.app.db)).at(-1)!;
    expect(oldest).toMatchObject({ journalId, state: 'undone' });
    const tooOld = (await listRecentImports(me.app.db))[importUndo.keepImports - 1]!;
    expect(tooOld.state).toBe('undoable');
    await updateContact(colleague.app.db, contact.id, { notes: 'endnu en' });
    await importInto(me, await exportFrom(colleague));
    const list = await listRecentImports(me.app.db);
    expect(list.filter((entry) => entry.state === 'undoable')).toHaveLength(importUndo.keepImports);
    const pruned = list[importUndo.keepImports]!;
    expect(pruned.state).toBe('tooOld');
    await expect(undoImport(me.app, pruned.journalId)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('for gammel') });
  });

  it('refuses an import too large to keep, pointing to the backup from before it', async () => {
    await me.app.db
      .insertInto('sync_journal')
      .values({ at: new Date().toISOString(), kind: 'import', peer_id: 'x', peer_name: 'Stor', file_name: 'stor.kredsbog', summary: JSON.stringify({ applied: importUndo.maxFields + 1, undoable: false }) })
      .execute();
    const [entry] = await listRecentImports(me.app.db);
    expect(entry!.state).toBe('tooLarge');
    await expect(undoImport(me.app, entry!.journalId)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Sikkerhedskopier') });
  });

  it('with dryRun says what it would do and changes nothing', async () => {
    const contact = await createContact(colleague.app.db, person('Lise Lund', 'a'), []);
    await importInto(me, await exportFrom(colleague));
    await updateContact(colleague.app.db, contact.id, { notes: 'b' });
    await importInto(me, await exportFrom(colleague));
    const before = digest(me);
    const journalId = await latestImport(me);

    const preview = await undoImport(me.app, journalId, { dryRun: true });

    expect(preview).toMatchObject({ undone: false, summary: { restoredFields: 1 } });
    expect(digest(me)).toBe(before);
    expect((await listRecentImports(me.app.db))[0]!.state).toBe('undoable');
    expect((await undoImport(me.app, journalId)).summary).toEqual(preview.summary);
  });

  it('keeps a merge of duplicates the import brought, with the links it moved, and undoes the rest', async () => {
    const organisation = await createOrganisation(colleague.app.db, { name: 'Lejerbo', kind: 'andet', notes: '', kommuneIds: [derivedId('kommune', 259)] });
    const survivor = await createContact(colleague.app.db, person('Jens Jensen', 'overlever'), []);
    const merged = await createContact(colleague.app.db, { name: 'Jens Jensen', emails: ['jens@lejerbo.dk'], phones: [], notes: 'dublet' }, []);
    const role = await createAffiliation(colleague.app.db, merged.id, { organisationId: organisation.id, kommuneId: null, title: 'Formand', kind: 'boligorganisation', fromDate: null, toDate: null });
    const other = await createContact(colleague.app.db, person('Anden', 'før'), []);
    await importInto(me, await exportFrom(colleague));
    await mergeRecords(colleague.app.db, { table: 'contact', survivorId: survivor.id, mergedId: merged.id });
    await updateContact(colleague.app.db, other.id, { notes: 'efter' });
    await importInto(me, await exportFrom(colleague));

    const { summary } = await undoImport(me.app, await latestImport(me));

    expect(summary.skippedMerged).toBeGreaterThan(0);
    expect(summary.restoredFields).toBe(1);
    expect(contactRow(me, other.id).notes).toBe('før');
    expect(contactRow(me, merged.id)).toMatchObject({ merged_into: survivor.id });
    expect(contactRow(me, merged.id).deleted_at).not.toBeNull();
    expect(JSON.parse(contactRow(me, survivor.id).emails)).toEqual(['jens@lejerbo.dk']);
    const roleRow = me.app.sqlite.prepare('SELECT contact_id, deleted_at FROM affiliation WHERE id = ?').get(role.id);
    expect(roleRow).toEqual({ contact_id: survivor.id, deleted_at: null });
    // And it still syncs: the colleague gets the undone note and keeps the merge.
    await importInto(colleague, await exportFrom(me));
    expect(digest(colleague)).toBe(digest(me));
  });

  it('never brings an erased person back, and says so', async () => {
    const organisation = await createOrganisation(colleague.app.db, { name: 'FSB', kind: 'andet', notes: '', kommuneIds: [derivedId('kommune', 259)] });
    const contact = await createContact(colleague.app.db, { name: 'Hemmelig Person', emails: ['h@p.dk'], phones: [], notes: 'privat' }, []);
    await createAffiliation(colleague.app.db, contact.id, { organisationId: organisation.id, kommuneId: null, title: 'Næstformand', kind: 'boligorganisation', fromDate: null, toDate: null });
    await importInto(me, await exportFrom(colleague));
    await eraseContact(colleague.app, contact.id);
    await importInto(me, await exportFrom(colleague));

    const { summary } = await undoImport(me.app, await latestImport(me));

    expect(summary.skippedErased).toBeGreaterThan(0);
    expect(summary.restoredFields + summary.restoredRecords).toBe(0);
    expect(contactRow(me, contact.id)).toMatchObject({ name: 'Slettet person', notes: '', emails: '[]' });
    expect(contactRow(me, contact.id).erased_at).not.toBeNull();
    expect(me.app.sqlite.prepare('SELECT count(*) FROM affiliation WHERE contact_id = ? AND deleted_at IS NULL').pluck().get(contact.id)).toBe(0);
    await importInto(colleague, await exportFrom(me));
    expect(digest(colleague)).toBe(digest(me));
  });
});
