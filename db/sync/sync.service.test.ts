import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContact, getContact, updateContact, deleteContact } from '../contacts/contacts.repository';
import { createOrganisation, deleteOrganisation, getOrganisation, listOrganisations, updateOrganisation } from '../organisations/organisations.repository';
import { derivedId } from '../ids';
import { updateKommune } from '../kommuner/kommuner.repository';
import { asInstallation, digest, exportFrom, importInto, installation, installationId, type TestInstallation } from './sync-testing';
import { previewImport } from './sync.service';

let a: TestInstallation;
let b: TestInstallation;
let c: TestInstallation;
beforeEach(async () => {
  [a, b, c] = [await installation('a'), await installation('b'), await installation('c')];
});
afterEach(async () => {
  for (const who of [a, b, c]) await who.app.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const exchange = async (x: TestInstallation, y: TestInstallation) => {
  const fromX = await exportFrom(x);
  const fromY = await exportFrom(y);
  await importInto(y, fromX);
  await importInto(x, fromY);
};

describe('sync by file', () => {
  it('moves a whole database to a new installation, with a preview that matches the import', async () => {
    const org = await createOrganisation(a.app.db, { name: 'Køge Boligselskab', kind: 'boligorganisation', notes: '', kommuneIds: [derivedId('kommune', 259)] });
    await createContact(a.app.db, { name: 'Hanne', emails: ['h@kbs.dk'], phones: [], notes: '' }, [{ title: 'Direktør', kind: 'boligorganisation', organisationId: org.id, kommuneId: null, fromDate: null, toDate: null }]);
    await updateKommune(a.app.db, { id: derivedId('kommune', 259), notes: 'Godt samarbejde' });
    const file = await exportFrom(a);
    const preview = await previewImport(b.app, file);
    expect(preview.report.tables).toMatchObject({ organisation: { created: 1 }, organisation_kommune: { created: 1 }, contact: { created: 1 }, affiliation: { created: 1 }, kommune: { changed: 1 } });
    const before = digest(b);
    expect(digest(b)).toBe(before);
    const result = await importInto(b, file);
    expect(result.report.tables).toEqual(preview.report.tables);
    expect(digest(b)).toBe(digest(a));
  });

  it('changes nothing when the same file is imported twice, and says so', async () => {
    await createOrganisation(a.app.db, { name: 'X', kind: 'andet', notes: '', kommuneIds: [] });
    const file = await exportFrom(a);
    await importInto(b, file);
    const after = digest(b);
    const again = await importInto(b, file);
    expect(again.report.nothingToDo).toBe(true);
    expect(again.report.alreadyPresent).toBe(again.report.operations);
    expect(digest(b)).toBe(after);
  });

  it('recognises a file imported before by its checksum, and still finds new operations in a fresh export of the same data', async () => {
    const org = await createOrganisation(a.app.db, { name: 'Ærøskøbing Boligselskab', kind: 'boligorganisation', notes: '', kommuneIds: [] });
    const file = await exportFrom(a);
    await importInto(b, file);
    const again = await importInto(b, file);
    expect(again.report).toMatchObject({ nothingToDo: true, applied: 0 });
    expect(again.report.alreadyPresent).toBe(again.report.operations);
    expect(again.report.operations).toBeGreaterThan(0);
    // A new file with the same operations plus one edit: only the edit is applied.
    await updateOrganisation(a.app.db, { id: org.id, name: 'Ærø Boligselskab' });
    const second = await exportFrom(a);
    const result = await importInto(b, second);
    expect(result.report.applied).toBeGreaterThan(0);
    expect(result.report.alreadyPresent).toBe(again.report.operations);
    expect((await getOrganisation(b.app.db, org.id)).name).toBe('Ærø Boligselskab');
    expect(digest(b)).toBe(digest(a));
  });

  it('keeps the later of two concurrent edits and the other as a conflict, then resolves it everywhere', async () => {
    const org = await createOrganisation(a.app.db, { name: 'Start', kind: 'andet', notes: '', kommuneIds: [] });
    await exchange(a, b);
    await updateOrganisation(a.app.db, { id: org.id, name: 'Fra A' });
    await sleep(3);
    await updateOrganisation(b.app.db, { id: org.id, name: 'Fra B' });
    await exchange(a, b);
    expect((await getOrganisation(a.app.db, org.id)).name).toBe('Fra B');
    expect(digest(a)).toBe(digest(b));
    const open = (who: TestInstallation) => who.app.sqlite.prepare('SELECT field FROM sync_conflict WHERE resolved_hlc IS NULL').all();
    expect(open(a)).toEqual([{ field: 'name' }]);
    expect(open(b)).toEqual([{ field: 'name' }]);
    // Resolving = a new edit on top of the winner; it syncs and closes the conflict on both sides.
    await updateOrganisation(a.app.db, { id: org.id, name: 'Fra A' });
    const { resolveConflictLocally } = await import('./conflicts');
    await resolveConflictLocally(a.app.db, 'organisation', org.id, 'name');
    await exchange(a, b);
    expect((await getOrganisation(b.app.db, org.id)).name).toBe('Fra A');
    expect(open(a)).toEqual([]);
    expect(open(b)).toEqual([]);
  });

  it('keeps a record visible when it was edited after (and without seeing) a delete elsewhere', async () => {
    const contact = await createContact(a.app.db, { name: 'Ole', emails: [], phones: [], notes: '' }, []);
    await exchange(a, b);
    await deleteContact(a.app.db, contact.id);
    await sleep(3);
    await updateContact(b.app.db, contact.id, { notes: 'Ny telefon efter valget' });
    await exchange(a, b);
    for (const who of [a, b]) expect(await getContact(who.app.db, contact.id)).toMatchObject({ deletedAt: null, notes: 'Ny telefon efter valget' });
    expect(digest(a)).toBe(digest(b));
  });

  it('is relay-safe: A → B → C equals A → C, deletes included', async () => {
    const keep = await createOrganisation(a.app.db, { name: 'Bliver', kind: 'andet', notes: '', kommuneIds: [] });
    const gone = await createOrganisation(a.app.db, { name: 'Slettes', kind: 'andet', notes: '', kommuneIds: [] });
    await importInto(b, await exportFrom(a));
    await deleteOrganisation(a.app.db, gone.id);
    await updateOrganisation(a.app.db, { id: keep.id, notes: 'opdateret' });
    await importInto(b, await exportFrom(a));
    await importInto(c, await exportFrom(b));
    expect(digest(c)).toBe(digest(a));
    expect((await listOrganisations(c.app.db)).map((o) => o.name)).toEqual(['Bliver']);
  });

  it('exports only what a known peer lacks', async () => {
    await createOrganisation(a.app.db, { name: 'Første', kind: 'andet', notes: '', kommuneIds: [] });
    await importInto(b, await exportFrom(a));
    await importInto(a, await exportFrom(b));
    await createOrganisation(a.app.db, { name: 'Anden', kind: 'andet', notes: '', kommuneIds: [] });
    const changes = await exportFrom(a, { peer: b });
    const preview = await previewImport(b.app, changes);
    expect(preview.report.alreadyPresent).toBe(0);
    expect(preview.report.tables.organisation).toMatchObject({ created: 1 });
    await importInto(b, changes);
    expect(digest(b)).toBe(digest(a));
  });

  it('refuses its own file and an unknown peer', async () => {
    await createOrganisation(a.app.db, { name: 'X', kind: 'andet', notes: '', kommuneIds: [] });
    await expect(importInto(a, await exportFrom(a))).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(exportFrom(a, { peerId: await installationId(c) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('asks before an import deletes more than 20 % of a table', async () => {
    const orgs = [];
    for (const name of ['A', 'B', 'C']) orgs.push(await createOrganisation(a.app.db, { name, kind: 'andet', notes: '', kommuneIds: [] }));
    await importInto(b, await exportFrom(a));
    await deleteOrganisation(a.app.db, orgs[0]!.id);
    const file = await exportFrom(a);
    const preview = await previewImport(b.app, file);
    expect(preview.largeDeletes).toEqual(['organisation']);
    const { importSync } = await import('./sync.service');
    await expect(asInstallation(b, () => importSync(b.app, file))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await listOrganisations(b.app.db)).length).toBe(3);
  });
});

describe('history', () => {
  it('tells who changed what, where and when, old → new, across installations', async () => {
    const { recordHistory } = await import('./history');
    const org = await createOrganisation(a.app.db, { name: 'Første navn', kind: 'andet', notes: '', kommuneIds: [] });
    await importInto(b, await exportFrom(a));
    await updateOrganisation(b.app.db, { id: org.id, name: 'Andet navn' });
    await importInto(a, await exportFrom(b));
    const history = await recordHistory(a.app.db, 'organisation', org.id);
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({ mine: false, installationName: expect.any(String), changes: [{ field: 'name', before: 'Første navn', after: 'Andet navn' }] });
    expect(history[1]).toMatchObject({ mine: true });
    expect(history[1]!.changes).toContainEqual({ field: 'name', before: null, after: 'Første navn' });
  });
});
