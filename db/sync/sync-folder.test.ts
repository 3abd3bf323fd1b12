import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrganisation, updateOrganisation } from '../organisations/organisations.repository';
import { asInstallation, digest, installation, syncTempDir, type TestInstallation } from './sync-testing';
import { setSyncFolder, syncFolderNow } from './sync-folder';

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
