import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOrganisation, deleteOrganisation, updateOrganisation } from '../organisations/organisations.repository';
import { asInstallation, digest, installation, syncTempDir, type TestInstallation } from './sync-testing';
import { confirmFolderFile, dismissFolderFile, getSyncFolder, retryFolderFile, setSyncFolder, syncFolderNow } from './sync-folder';

let a: TestInstallation;
let b: TestInstallation;
let folder: string;
beforeEach(async () => {
  [a, b] = [await installation('fa'), await installation('fb')];
  folder = fs.mkdtempSync(path.join(syncTempDir, 'shared-'));
  await setSyncFolder(a.app, folder);
  await setSyncFolder(b.app, folder);
});
afterEach(async () => {
  await a.app.close();
  await b.app.close();
});

const round = (who: TestInstallation) => asInstallation(who, () => syncFolderNow(who.app, 'test'));

describe('sync folder', () => {
  it('keeps two installations equal through a shared folder, writing immutable files and deleting nothing', async () => {
    const org = await createOrganisation(a.app.db, { name: 'AAB', kind: 'boligorganisation', notes: '', kommuneIds: [] });
    const first = await round(a);
    expect(first.written).toMatch(/\.kredsbog$/);
    expect((await round(b)).imported.map((i) => i.file)).toEqual([first.written]);
    expect(digest(b)).toBe(digest(a));

    await updateOrganisation(b.app.db, { id: org.id, notes: 'fra b' });
    const fromB = await round(b);
    await round(a);
    expect(digest(a)).toBe(digest(b));
    const filesBefore = fs.readdirSync(folder).sort();
    const contentBefore = filesBefore.map((f) => fs.readFileSync(path.join(folder, f)).toString('base64'));

    // Nothing new: no new file, nothing imported, no file touched.
    const quiet = await round(a);
    expect(quiet.written).toBeNull();
    expect(quiet.imported).toEqual([]);
    expect(fs.readdirSync(folder).sort()).toEqual(filesBefore);
    expect(filesBefore.map((f) => fs.readFileSync(path.join(folder, f)).toString('base64'))).toEqual(contentBefore);
    expect(filesBefore).toContain(fromB.written);
  });

  it('skips a half-replicated file until it is complete, never applying part of it', async () => {
    await createOrganisation(a.app.db, { name: 'FSB', kind: 'boligorganisation', notes: '', kommuneIds: [] });
    const { written } = await round(a);
    const full = path.join(folder, written!);
    const bytes = fs.readFileSync(full);
    fs.writeFileSync(full, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const before = digest(b);
    const partial = await round(b);
    expect(partial.waiting).toEqual([written]);
    expect(digest(b)).toBe(before);
    fs.writeFileSync(full, bytes);
    const complete = await round(b);
    expect(complete.imported.map((i) => i.file)).toEqual([written]);
    expect(digest(b)).toBe(digest(a));
  });

  it('refuses the database folder itself and a folder that does not exist', async () => {
    const onDisk = await import('../connection').then((m) => m.openDatabase(path.join(syncTempDir, 'disk', 'k.sqlite')));
    await expect(setSyncFolder(onDisk, path.join(syncTempDir, 'disk'))).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(setSyncFolder(onDisk, path.join(syncTempDir, 'findes-ikke'))).rejects.toMatchObject({ code: 'VALIDATION' });
    await onDisk.close();
  });
});

const organisation = (who: TestInstallation, name: string) => createOrganisation(who.app.db, { name, kind: 'boligorganisation', notes: '', kommuneIds: [] });
const liveOrganisations = (who: TestInstallation) => who.app.sqlite.prepare('SELECT name FROM organisation WHERE deleted_at IS NULL ORDER BY name').pluck().all();

/** Five organisations on both installations, then a file from A that deletes three of them (60 %) and a later one that adds one. */
async function massDeletionThenMore() {
  const orgs = [];
  for (const name of ['AAB', 'FSB', 'KAB', 'Lejerbo', 'DOMEA']) orgs.push(await organisation(a, name));
  await round(a);
  await round(b);
  for (const org of orgs.slice(0, 3)) await deleteOrganisation(a.app.db, org.id);
  const deletes = (await round(a)).written!;
  await organisation(a, 'Boligkontoret');
  const later = (await round(a)).written!;
  expect(deletes < later).toBe(true);
  return { deletes, later };
}

describe('sync folder: the mass-deletion guard', () => {
  it('holds a file that deletes more than 20 % of a table back while later files are imported', async () => {
    const { deletes, later } = await massDeletionThenMore();
    const result = await round(b);
    expect(result.heldBack).toEqual([{ file: deletes, tables: ['organisation'], at: expect.any(String) }]);
    expect(result.imported.map((i) => i.file)).toEqual([later]);
    expect(liveOrganisations(b)).toEqual(['AAB', 'Boligkontoret', 'DOMEA', 'FSB', 'KAB', 'Lejerbo']);
    // It keeps waiting, named in the status, and later rounds leave it alone.
    const again = await round(b);
    expect(again.imported).toEqual([]);
    expect(again.heldBack.map((h) => h.file)).toEqual([deletes]);
    expect((await getSyncFolder(b.app.db)).heldBack.map((h) => h.file)).toEqual([deletes]);
    expect(liveOrganisations(b)).toHaveLength(6);
  });

  it('imports a held-back file when the user confirms it', async () => {
    const { deletes } = await massDeletionThenMore();
    await round(b);
    const confirmed = await asInstallation(b, () => confirmFolderFile(b.app, deletes));
    expect(confirmed.outcome).toBe('imported');
    expect(confirmed.status.heldBack).toEqual([]);
    expect(liveOrganisations(b)).toEqual(['Boligkontoret', 'DOMEA', 'Lejerbo']);
    expect(digest(b)).toBe(digest(a));
    expect((await round(b)).imported).toEqual([]);
    await expect(confirmFolderFile(b.app, deletes)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('never imports a held-back file the user dismissed, and leaves it in the folder', async () => {
    const { deletes } = await massDeletionThenMore();
    await round(b);
    const dismissed = await dismissFolderFile(b.app, deletes);
    expect(dismissed).toMatchObject({ outcome: 'dismissed', status: { heldBack: [], setAside: [] } });
    for (let i = 0; i < 2; i++) {
      const result = await round(b);
      expect(result.imported).toEqual([]);
      expect(result.heldBack).toEqual([]);
    }
    expect(liveOrganisations(b)).toHaveLength(6);
    expect(fs.existsSync(path.join(folder, deletes))).toBe(true);
    await expect(confirmFolderFile(b.app, deletes)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('sync folder: one bad file never stops the folder', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sets a file that fails to apply aside with its reason, imports the files after it, and tries it again on request', async () => {
    // A colleague whose clock runs three days ahead: the file is complete, but its changes are dated in the future.
    const c = await installation('fc');
    c.skew = 3 * 86_400_000;
    await setSyncFolder(c.app, folder);
    await asInstallation(c, () => organisation(c, 'Fremtidens Bolig'));
    const fromC = (await round(c)).written!;
    const bad = `0000000000000000-${fromC}`;
    fs.renameSync(path.join(folder, fromC), path.join(folder, bad));
    await organisation(a, 'AAB');
    const good = (await round(a)).written!;
    expect(bad < good).toBe(true);

    const result = await round(b);
    expect(result.setAside).toEqual([
      { file: bad, reason: 'Filen kan ikke importeres: den indeholder ændringer dateret mere end et døgn ude i fremtiden (afsenderens ur går forkert). Intet er ændret.', at: expect.any(String) },
    ]);
    expect(result.imported.map((i) => i.file)).toEqual([good]);
    expect(liveOrganisations(b)).toEqual(['AAB']);
    // Set aside, it is not tried again by every round; the files stay where they are.
    const quiet = await round(b);
    expect(quiet.imported).toEqual([]);
    expect(quiet.setAside.map((s) => s.file)).toEqual([bad]);
    expect(fs.readdirSync(folder)).toContain(bad);

    // "Prøv igen" while the file is still bad: set aside again with the same reason.
    expect((await retryFolderFile(b.app, bad)).outcome).toBe('setAside');
    // Three days later its changes are no longer in the future: "Prøv igen" imports it.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3 * 86_400_000);
    const retried = await retryFolderFile(b.app, bad);
    expect(retried).toMatchObject({ outcome: 'imported', status: { setAside: [] } });
    expect(liveOrganisations(b)).toEqual(['AAB', 'Fremtidens Bolig']);
    await c.app.close();
  });

  it('never imports a set-aside file the user dismissed, even once it could be applied', async () => {
    const c = await installation('fc');
    c.skew = 3 * 86_400_000;
    await setSyncFolder(c.app, folder);
    await asInstallation(c, () => organisation(c, 'Fremtidens Bolig'));
    const bad = (await round(c)).written!;
    expect((await round(b)).setAside.map((s) => s.file)).toEqual([bad]);
    expect(await dismissFolderFile(b.app, bad)).toMatchObject({ outcome: 'dismissed', status: { setAside: [] } });
    await expect(retryFolderFile(b.app, bad)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3 * 86_400_000);
    expect((await round(b)).imported).toEqual([]);
    expect(liveOrganisations(b)).toEqual([]);
    await c.app.close();
  });

  it('lets an incomplete file wait rather than set it aside', async () => {
    fs.writeFileSync(path.join(folder, '0000000000000000-tom.kredsbog'), '');
    await organisation(a, 'AAB');
    await round(a);
    const result = await round(b);
    expect(result.waiting).toEqual(['0000000000000000-tom.kredsbog']);
    expect(result.setAside).toEqual([]);
    await expect(dismissFolderFile(b.app, '0000000000000000-tom.kredsbog')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(liveOrganisations(b)).toEqual(['AAB']);
  });
});
