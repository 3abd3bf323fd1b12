/**
 * Child process of disk.test.ts, run as an unprivileged user (root ignores
 * file permissions): opens a database file it may read but not write, the
 * way the app does (openDatabase), and sends writes and reads through the
 * real IPC dispatcher. Prints one JSON line: channel → Result.
 *
 * Usage: node --import tsx server/ipc/read-only-child.ts <db file> <contact id> <sync file>
 */
import fs from 'node:fs';
import path from 'node:path';
import { createDispatcher } from './dispatch';
import { handlers } from '../handlers';
import { openDatabase } from '../../db/connection';

async function main(): Promise<void> {
  const [file, contactId, syncFile] = process.argv.slice(2);
  if (!file || !contactId || !syncFile) throw new Error('usage: read-only-child.ts <db file> <contact id> <sync file>');
  const app = await openDatabase(file);
  const dispatch = createDispatcher(handlers, { app, host: 'browser', version: 'test' }, { checkOutput: true });
  const results = {
    readOnlyConnection: app.sqlite.readonly,
    'contacts.create': await dispatch('contacts.create', { name: 'Bjørn Ålund', emails: ['bjoern@aalund.dk'] }),
    'contacts.update': await dispatch('contacts.update', { id: contactId, notes: 'Må ikke blive gemt.' }),
    'meetings.create': await dispatch('meetings.create', { title: 'Styringsdialog Ærø', startsAt: '2030-05-01T08:00:00Z', agenda: [{ title: 'Økonomi' }] }),
    'followUps.create': await dispatch('followUps.create', { title: 'Ring til Køge', ownerIsMe: true }),
    'sync.import': await dispatch('sync.import', { fileName: path.basename(syncFile), base64: fs.readFileSync(syncFile).toString('base64'), confirmLargeDeletes: true }),
    'contacts.list': await dispatch('contacts.list', {}),
  };
  await app.close();
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

void main();
