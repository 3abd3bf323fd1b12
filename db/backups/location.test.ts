import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type AppDatabase } from '../connection';
import { createContact } from '../contacts/contacts.repository';
import { databaseDigest } from '../maintenance';
import { tempDir } from '../testing/test-database';
import { backupScopeOf, createBackup, listBackups } from './backups.service';
import { databaseFileFor, databaseLocationRisk, locationFileName, moveDatabase, rememberDatabaseFile, type LocationSystem } from './location';

const windows = (env: Record<string, string> = {}): LocationSystem => ({ platform: 'win32', env, mounts: null });
const mac: LocationSystem = { platform: 'darwin', env: {}, mounts: null };
const linux = (mounts: string): LocationSystem => ({ platform: 'linux', env: {}, mounts });

const procMounts = [
  '/dev/nvme0n1p2 / ext4 rw,relatime 0 0',
  'proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0',
  '//fil.bl.dk/kreds /mnt/smb cifs rw,relatime,vers=3.1.1,cache=strict 0 0',
  'nas:/export/home /home/karen/nas nfs4 rw,relatime,vers=4.2 0 0',
  'karen@server:/data /home/karen/Fjern\\040mappe fuse.sshfs rw,nosuid,nodev 0 0',
  'C:\\134 /mnt/c 9p rw,noatime,dirsync,aname=drvfs;path=C:\\;uid=1000 0 0',
  '/dev/sdb1 /mnt/smb/lokal ext4 rw 0 0',
].join('\n');

describe('databaseLocationRisk', () => {
  it('warns about UNC paths', () => {
    expect(databaseLocationRisk('\\\\fil01\\kreds\\Kredsbog\\kredsbog.sqlite', windows())).toMatchObject({ kind: 'network', message: expect.stringContaining('\\\\fil01\\kreds') });
    expect(databaseLocationRisk('//fil01/kreds/kredsbog.sqlite', linux(''))).toMatchObject({ kind: 'network' });
  });

  it('warns about OneDrive, Dropbox, iCloud Drive and Google Drive folders', () => {
    const onedrive = databaseLocationRisk('C:\\Users\\karen\\OneDrive - BL\\Dokumenter\\kredsbog.sqlite', windows());
    expect(onedrive).toEqual({ kind: 'cloud-sync', provider: 'OneDrive', message: expect.stringContaining('OneDrive synkroniserer') });
    expect(databaseLocationRisk('D:\\Arbejde\\Kredsbog\\kredsbog.sqlite', windows({ OneDriveCommercial: 'D:\\Arbejde' }))).toMatchObject({ provider: 'OneDrive' });
    expect(databaseLocationRisk('C:\\Users\\karen\\Dropbox\\kredsbog.sqlite', windows())).toMatchObject({ provider: 'Dropbox' });
    expect(databaseLocationRisk('C:\\Users\\karen\\iCloudDrive\\kredsbog.sqlite', windows())).toMatchObject({ provider: 'iCloud' });
    expect(databaseLocationRisk('/Users/karen/Library/Mobile Documents/com~apple~CloudDocs/kredsbog.sqlite', mac)).toMatchObject({ provider: 'iCloud' });
    expect(databaseLocationRisk('/Users/karen/Library/CloudStorage/GoogleDrive-karen@bl.dk/Min drev/kredsbog.sqlite', mac)).toMatchObject({ provider: 'Google Drive' });
    expect(databaseLocationRisk('G:\\My Drive\\kredsbog.sqlite', windows())).toMatchObject({ provider: 'Google Drive' });
  });

  it('finds network file systems in /proc/mounts by the longest mount point', () => {
    expect(databaseLocationRisk('/mnt/smb/kreds/kredsbog.sqlite', linux(procMounts))).toMatchObject({ kind: 'network', message: expect.stringContaining('//fil.bl.dk/kreds') });
    expect(databaseLocationRisk('/home/karen/nas/kredsbog.sqlite', linux(procMounts))).toMatchObject({ kind: 'network' });
    expect(databaseLocationRisk('/home/karen/Fjern mappe/kredsbog.sqlite', linux(procMounts))).toMatchObject({ kind: 'network' });
    expect(databaseLocationRisk('/mnt/smb/lokal/kredsbog.sqlite', linux(procMounts))).toBeNull();
  });

  it('says nothing about ordinary local folders (WSL Windows drives included)', () => {
    expect(databaseLocationRisk('C:\\Users\\karen\\AppData\\Roaming\\Kredsbog\\kredsbog.sqlite', windows({ OneDrive: 'C:\\Users\\karen\\OneDrive' }))).toBeNull();
    expect(databaseLocationRisk('/home/karen/.config/Kredsbog/kredsbog.sqlite', linux(procMounts))).toBeNull();
    expect(databaseLocationRisk('/mnt/c/Users/karen/kredsbog.sqlite', linux(procMounts))).toBeNull();
    expect(databaseLocationRisk('/Users/karen/Library/Application Support/Kredsbog/kredsbog.sqlite', mac)).toBeNull();
  });
});

describe('moving the database', () => {
  const dirs: string[] = [];
  const opened: AppDatabase[] = [];
  afterEach(async () => {
    for (const app of opened.splice(0)) if (app.sqlite.open) await app.close();
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  const folder = () => {
    const d = tempDir();
    dirs.push(d);
    return d;
  };

  it('copies the database and its backups, verified, and remembers the new place', async () => {
    const userData = folder();
    const app = await openDatabase(path.join(userData, 'kredsbog.sqlite'));
    opened.push(app);
    await createContact(app.db, { name: 'Mette Ørsted', emails: [], phones: [], notes: '' }, []);
    await createBackup(app, 'dagligt');
    const to = folder();
    const moved = await moveDatabase(app, to);
    expect(moved).toBe(path.join(to, 'kredsbog.sqlite'));
    rememberDatabaseFile(userData, moved);
    expect(databaseFileFor(userData)).toEqual({ file: moved, moved: true });
    const copy = await openDatabase(moved);
    opened.push(copy);
    expect(databaseDigest(copy.sqlite)).toBe(databaseDigest(app.sqlite));
    expect(listBackups(backupScopeOf(copy)).map((b) => b.reason).sort()).toEqual(['dagligt', 'foer-flytning']);
    expect(fs.readdirSync(to).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a folder that already has a database, or does not exist, and changes nothing there', async () => {
    const app = await openDatabase(path.join(folder(), 'kredsbog.sqlite'));
    opened.push(app);
    const to = folder();
    fs.writeFileSync(path.join(to, 'kredsbog.sqlite'), 'kollegaens');
    await expect(moveDatabase(app, to)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(fs.readFileSync(path.join(to, 'kredsbog.sqlite'), 'utf8')).toBe('kollegaens');
    await expect(moveDatabase(app, path.join(to, 'mangler'))).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('falls back to the default file when the location file is missing or broken', () => {
    const userData = folder();
    expect(databaseFileFor(userData)).toEqual({ file: path.join(userData, 'kredsbog.sqlite'), moved: false });
    fs.writeFileSync(path.join(userData, locationFileName), '{ ikke json');
    expect(databaseFileFor(userData)).toEqual({ file: path.join(userData, 'kredsbog.sqlite'), moved: false });
  });
});
