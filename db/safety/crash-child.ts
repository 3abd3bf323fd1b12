/**
 * Child process of crash.test.ts: edits a real SQLite file and imports
 * .kredsbog files in an endless loop until the parent kills it with SIGKILL.
 * Each line `ack <kind> <id> <seq>` is written only after the transaction
 * that made the change has returned, so every acknowledged change must
 * survive the kill. `ready` is written once the database is open, `begin import <n>`
 * before an import starts.
 *
 * Usage: node --import tsx db/safety/crash-child.ts <db file> <first seq> <seed> <sync file>...
 * then write a line to its stdin to start it.
 */
import { followUpFieldsSchema } from '../../common/meetings.domain';
import { openDatabase } from '../connection';
import { createContact, updateContact } from '../contacts/contacts.repository';
import { createFollowUp, updateFollowUp } from '../follow-ups/follow-ups.repository';
import { derivedId } from '../ids';
import { createMeeting } from '../meetings/meetings.repository';
import { importSync } from '../sync/sync.service';
import { seededRandom } from '../../common/seeded-random';

const [file, firstSeq, seed, ...syncFiles] = process.argv.slice(2);
if (!file || !firstSeq || !seed) throw new Error('usage: crash-child.ts <db file> <first seq> <seed> <sync file>...');

const ack = (kind: string, id: string, seq: number) => process.stdout.write(`ack ${kind} ${id} ${seq}\n`);
const koege = derivedId('kommune', 259);

async function main(dbFile: string, startSeq: number, random: () => number): Promise<never> {
  const app = await openDatabase(dbFile);
  const { db } = app;
  process.stdout.write('ready\n');
  const pick = async (table: 'contact' | 'follow_up'): Promise<string | undefined> => {
    const ids = await db.selectFrom(table).select('id').where('deleted_at', 'is', null).orderBy('id').execute();
    return ids.length ? ids[Math.floor(random() * ids.length)]!.id : undefined;
  };
  for (let seq = startSeq; ; seq += 1) {
    // Imports are weighted double: an interrupted import is the most interesting crash.
    const action = Math.floor(random() * 7);
    if (action === 0) {
      const contact = await createContact(db, { name: `Søren Ærø ${seq}`, emails: [`soeren${seq}@koege.dk`], phones: [], notes: `rev ${seq}` }, []);
      ack('contact', contact.id, seq);
    } else if (action === 1) {
      const id = await pick('contact');
      if (id === undefined) continue;
      await updateContact(db, id, { notes: `rev ${seq}` });
      ack('contact', id, seq);
    } else if (action === 2) {
      const meeting = await createMeeting(db, {
        seriesId: null,
        kommuneId: koege,
        title: `Styringsdialog Køge ${seq}`,
        startsAt: '2030-03-10T09:00:00.000Z',
        endsAt: null,
        place: 'Køge Rådhus',
        status: 'planlagt',
        notes: `rev ${seq}`,
        inviteeIds: [],
        agenda: [
          { title: `Boligsocial anvisning ${seq}`, kind: 'normal', description: 'Ventelister og anvisningsaftale.', presenter: 'Åse', plannedMinutes: 30 },
          { title: `Eventuelt ${seq}`, kind: 'normal', description: '', presenter: '', plannedMinutes: null },
        ],
      });
      ack('meeting', meeting.id, seq);
    } else if (action === 3) {
      const followUp = await createFollowUp(db, followUpFieldsSchema.parse({ title: `Send tal til Køge ${seq}`, details: `rev ${seq}`, ownerIsMe: true, kommuneId: koege }));
      ack('follow_up', followUp.id, seq);
    } else if (action === 4) {
      const id = await pick('follow_up');
      if (id === undefined) continue;
      await updateFollowUp(db, id, { details: `rev ${seq}` });
      ack('follow_up', id, seq);
    } else if (syncFiles.length > 0) {
      const index = Math.floor(random() * syncFiles.length);
      // Not an acknowledgement: lets the parent count how many kills landed inside an import.
      process.stdout.write(`begin import ${index}\n`);
      await importSync(app, syncFiles[index]!, { confirmLargeDeletes: true });
      ack('import', String(index), seq);
    }
  }
}

// Started ahead of time by the parent (booting Node is most of a child's life):
// it touches the database only once told to go on stdin.
process.stdin.once('data', () => void main(file, Number(firstSeq), seededRandom(Number(seed))));
