import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { followUpFieldsSchema } from '../../common/meetings.domain';
import { createAffiliation, createContact, deleteContact, restoreContact, updateContact } from '../contacts/contacts.repository';
import { mergeRecords } from '../duplicates/duplicates.repository';
import { createFollowUp } from '../follow-ups/follow-ups.repository';
import { createOrganisation, deleteOrganisation, restoreOrganisation, updateOrganisation } from '../organisations/organisations.repository';
import { derivedId } from '../ids';
import { updateKommune } from '../kommuner/kommuner.repository';
import { syncedTables } from '../schema';
import { listRecentImports, undoImport } from './import-undo';
import { materializeRow } from './materialize';
import { asInstallation, digest, exportFrom, importInto, installation, type TestInstallation } from './sync-testing';

/**
 * Model-based property test: 2–4 installations run random commands — edits,
 * deletes, restores, merges of duplicates (with roles and follow-ups that
 * follow them), skewed clocks, full and changes-only exports, imports, lost
 * files and re-imports of old files, "Fortryd import" of the most recent
 * import on one installation while the others keep editing. Afterwards everyone exchanges
 * everything, and the guarantees of ARCHITECTURE.md §5 must hold.
 */
type Command =
  | { kind: 'createOrg'; who: number; name: string }
  | { kind: 'renameOrg'; who: number; pick: number; name: string }
  | { kind: 'deleteOrg'; who: number; pick: number }
  | { kind: 'restoreOrg'; who: number; pick: number }
  | { kind: 'createContact'; who: number; name: string }
  | { kind: 'editContact'; who: number; pick: number; notes: string }
  | { kind: 'deleteContact'; who: number; pick: number }
  | { kind: 'restoreContact'; who: number; pick: number }
  | { kind: 'kommuneNotes'; who: number; notes: string }
  | { kind: 'merge'; who: number; table: 'organisation' | 'contact'; pick: number; other: number }
  | { kind: 'contactRole'; who: number; pick: number; org: number }
  | { kind: 'contactFollowUp'; who: number; pick: number }
  | { kind: 'skew'; who: number; ms: number }
  | { kind: 'export'; who: number; to: number | null }
  | { kind: 'import'; who: number; file: number }
  | { kind: 'undoImport'; who: number; from: number }
  | { kind: 'loseFile'; file: number };

const who = fc.integer({ min: 0, max: 3 });
const text = fc.constantFrom('Køge', 'Ærø', 'Åbenrå', 'KAB', 'Lejerbo', 'x', '');
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('createOrg' as const), who, name: text }),
  fc.record({ kind: fc.constant('renameOrg' as const), who, pick: fc.nat(), name: text }),
  fc.record({ kind: fc.constant('deleteOrg' as const), who, pick: fc.nat() }),
  fc.record({ kind: fc.constant('restoreOrg' as const), who, pick: fc.nat() }),
  fc.record({ kind: fc.constant('createContact' as const), who, name: text }),
  fc.record({ kind: fc.constant('editContact' as const), who, pick: fc.nat(), notes: text }),
  fc.record({ kind: fc.constant('deleteContact' as const), who, pick: fc.nat() }),
  fc.record({ kind: fc.constant('restoreContact' as const), who, pick: fc.nat() }),
  fc.record({ kind: fc.constant('kommuneNotes' as const), who, notes: text }),
  fc.record({ kind: fc.constant('merge' as const), who, table: fc.constantFrom('organisation' as const, 'contact' as const), pick: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('contactRole' as const), who, pick: fc.nat(), org: fc.nat() }),
  fc.record({ kind: fc.constant('contactFollowUp' as const), who, pick: fc.nat() }),
  fc.record({ kind: fc.constant('skew' as const), who, ms: fc.integer({ min: -86_000_000, max: 86_000_000 }) }),
  fc.record({ kind: fc.constant('export' as const), who, to: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }) }),
  fc.record({ kind: fc.constant('import' as const), who, file: fc.nat() }),
  fc.record({ kind: fc.constant('undoImport' as const), who, from: who }),
  fc.record({ kind: fc.constant('loseFile' as const), file: fc.nat() }),
);

const ignoreUserErrors = async (work: () => Promise<unknown>) => {
  try {
    await work();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'NOT_FOUND' && code !== 'VALIDATION') throw error;
  }
};

async function rowIds(inst: TestInstallation, table: 'organisation' | 'contact'): Promise<string[]> {
  return (await inst.app.db.selectFrom(table).select('id').orderBy('id').execute()).map((r) => r.id);
}

/** Property: every row is what its operations say — nothing was written past the log (checked in a savepoint that is rolled back). */
function expectTablesMatchLog(inst: TestInstallation): void {
  const { sqlite } = inst.app;
  const rows = sqlite.prepare('SELECT r.uuid FROM sync_row r JOIN sync_symbol t ON t.id = r.tbl WHERE t.name = ?').pluck();
  const now = new Date().toISOString();
  sqlite.exec('SAVEPOINT tables_match_log');
  try {
    for (const table of syncedTables) {
      for (const id of rows.all(table) as string[]) expect(materializeRow(sqlite, table, id, now).kind, `${table} ${id}`).toBe('unchanged');
    }
  } finally {
    sqlite.exec('ROLLBACK TO tables_match_log; RELEASE tables_match_log');
  }
}

async function run(size: number, commands: Command[]): Promise<void> {
  const installations = await Promise.all(Array.from({ length: size }, (_, i) => installation(`p${i}`)));
  const files: { from: number; file: string }[] = [];
  try {
    for (const c of commands) {
      if (c.kind === 'loseFile') {
        if (files.length) files.splice(c.file % files.length, 1);
        continue;
      }
      const me = installations[c.who % size]!;
      const pickFrom = async (table: 'organisation' | 'contact', pick: number) => {
        const ids = await rowIds(me, table);
        return ids.length ? ids[pick % ids.length] : undefined;
      };
      await asInstallation(me, async () => {
        switch (c.kind) {
          case 'createOrg':
            await ignoreUserErrors(() => createOrganisation(me.app.db, { name: c.name || 'Uden navn', kind: 'andet', notes: '', kommuneIds: [derivedId('kommune', 259)] }));
            break;
          case 'renameOrg': {
            const id = await pickFrom('organisation', c.pick);
            if (id) await ignoreUserErrors(() => updateOrganisation(me.app.db, { id, name: c.name || 'Omdøbt' }));
            break;
          }
          case 'deleteOrg': {
            const id = await pickFrom('organisation', c.pick);
            if (id) await ignoreUserErrors(() => deleteOrganisation(me.app.db, id));
            break;
          }
          case 'restoreOrg': {
            const id = await pickFrom('organisation', c.pick);
            if (id) await ignoreUserErrors(() => restoreOrganisation(me.app.db, id));
            break;
          }
          case 'createContact':
            await ignoreUserErrors(() => createContact(me.app.db, { name: c.name || 'Anonym', emails: [], phones: [], notes: '' }, []));
            break;
          case 'editContact': {
            const id = await pickFrom('contact', c.pick);
            if (id) await ignoreUserErrors(() => updateContact(me.app.db, id, { notes: c.notes }));
            break;
          }
          case 'deleteContact': {
            const id = await pickFrom('contact', c.pick);
            if (id) await ignoreUserErrors(() => deleteContact(me.app.db, id));
            break;
          }
          case 'restoreContact': {
            const id = await pickFrom('contact', c.pick);
            if (id) await ignoreUserErrors(() => restoreContact(me.app.db, id));
            break;
          }
          case 'kommuneNotes':
            await updateKommune(me.app.db, { id: derivedId('kommune', 259), notes: c.notes });
            break;
          case 'merge': {
            const survivorId = await pickFrom(c.table, c.pick);
            const mergedId = await pickFrom(c.table, c.other);
            if (survivorId && mergedId) await ignoreUserErrors(() => mergeRecords(me.app.db, { table: c.table, survivorId, mergedId }));
            break;
          }
          case 'contactRole': {
            const contactId = await pickFrom('contact', c.pick);
            const organisationId = await pickFrom('organisation', c.org);
            if (contactId && organisationId)
              await ignoreUserErrors(() => createAffiliation(me.app.db, contactId, { organisationId, kommuneId: null, title: 'Direktør', kind: 'boligorganisation', fromDate: null, toDate: null }));
            break;
          }
          case 'contactFollowUp': {
            const ownerContactId = await pickFrom('contact', c.pick);
            if (ownerContactId) await ignoreUserErrors(() => createFollowUp(me.app.db, followUpFieldsSchema.parse({ title: 'Opfølgning', ownerContactId })));
            break;
          }
          case 'skew':
            me.skew = c.ms;
            break;
          case 'export': {
            const peer = c.to === null ? undefined : installations[c.to % size];
            if (peer && peer !== me) await ignoreUserErrors(async () => files.push({ from: c.who % size, file: await exportFrom(me, { peer }) }));
            else files.push({ from: c.who % size, file: await exportFrom(me) });
            break;
          }
          case 'import': {
            const entry = files.length ? files[c.file % files.length] : undefined;
            if (entry && entry.from !== c.who % size) {
              const before = digest(me);
              const result = await importInto(me, entry.file);
              // Property: the preview's counts equal the actual change; an import of nothing new changes nothing.
              if (result.report.nothingToDo) expect(digest(me)).toBe(before);
              // Property: idempotent — importing the same file again changes nothing.
              const after = digest(me);
              const again = await importInto(me, entry.file);
              expect(again.report.nothingToDo).toBe(true);
              expect(digest(me)).toBe(after);
            }
            break;
          }
          case 'undoImport': {
            // "Fortryd import" of this installation's most recent import that can still be undone: ordinary new operations.
            // With none to undo, it first imports a fresh file from `from` (kept for the others too), so undos are not rare.
            let latest = (await listRecentImports(me.app.db)).find((entry) => entry.state === 'undoable');
            const from = c.from % size;
            if (!latest && from !== c.who % size) {
              const file = await exportFrom(installations[from]!);
              files.push({ from, file });
              await importInto(me, file);
              latest = (await listRecentImports(me.app.db)).find((entry) => entry.state === 'undoable');
            }
            if (latest) {
              await undoImport(me.app, latest.journalId);
              expectTablesMatchLog(me);
              // Property: an import is undone at most once.
              await expect(undoImport(me.app, latest.journalId)).rejects.toMatchObject({ code: 'VALIDATION' });
            }
            break;
          }
        }
      });
    }
    // Everyone exchanges everything (full exports), twice, in opposite orders.
    for (const order of [installations, [...installations].reverse()]) {
      for (const from of order) {
        const file = await exportFrom(from);
        for (const to of order) if (to !== from) await importInto(to, file);
      }
    }
    // Property: convergence — identical digests everywhere.
    const digests = installations.map(digest);
    expect(new Set(digests).size).toBe(1);
  } finally {
    for (const inst of installations) await inst.app.close();
  }
}

describe('sync guarantees under random use (fast-check)', () => {
  const runs = Number(process.env.KREDSBOG_SYNC_RUNS ?? 1000);
  it(`converge, stay idempotent and lose nothing over ${runs} random histories`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 4 }), fc.array(command, { minLength: 5, maxLength: 40 }), (size, commands) => run(size, commands)),
      { numRuns: runs, seed: Number(process.env.KREDSBOG_SYNC_SEED ?? 20261123), verbose: 1 },
    );
  }, 600_000);

  it('delete versus a concurrent earlier edit: the record stays deleted, the edit is kept in history', async () => {
    const [x, y] = [await installation('x'), await installation('y')];
    try {
      const contact = await createContact(x.app.db, { name: 'Per', emails: [], phones: [], notes: '' }, []);
      await importInto(y, await exportFrom(x));
      y.skew = -60_000;
      await asInstallation(y, () => updateContact(y.app.db, contact.id, { notes: 'tidlig rettelse' }));
      // y's clock already saw x's (it imported x's file), so x's delete must be clearly later.
      x.skew = 60_000;
      await asInstallation(x, () => deleteContact(x.app.db, contact.id));
      const fromX = await exportFrom(x);
      const fromY = await exportFrom(y);
      await importInto(y, fromX);
      await importInto(x, fromY);
      expect(digest(x)).toBe(digest(y));
      const row = x.app.sqlite.prepare('SELECT notes, deleted_at FROM contact WHERE id = ?').get(contact.id) as { notes: string; deleted_at: string | null };
      expect(row.notes).toBe('tidlig rettelse');
      expect(row.deleted_at).not.toBeNull();
    } finally {
      await x.app.close();
      await y.app.close();
    }
  });
});
