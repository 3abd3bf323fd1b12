import type { Kysely } from 'kysely';
import { followUpStatuses } from '../../common/domain';
import { seededRandom } from '../../common/seeded-random';
import { createContact, deleteContact, restoreContact, updateContact } from '../contacts/contacts.repository';
import { setFollowUpStatus } from '../follow-ups/follow-ups.repository';
import { addAgendaItem, moveAgendaItem, updateAgendaItem } from '../meetings/meetings.repository';
import { deleteOrganisation, restoreOrganisation, updateOrganisation } from '../organisations/organisations.repository';
import type { Database } from '../schema';
import { decisions, firstNames, lastNames, minutesSentences, topics } from './demo-text';

/**
 * N random but realistic user edits through the same repositories the UI
 * uses (so every one is recorded in the sync log): new and edited contacts,
 * deletes and restores, agenda items added, moved and minuted, follow-up
 * status changes. For tests, demos and the sync benchmarks.
 */
export async function simulateEdits(db: Kysely<Database>, count: number, seed: number): Promise<Record<string, number>> {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T | undefined => (items.length ? items[Math.floor(next() * items.length)] : undefined);
  const done: Record<string, number> = {};
  const count1 = (kind: string) => (done[kind] = (done[kind] ?? 0) + 1);
  const ids = async (table: 'contact' | 'organisation' | 'meeting' | 'follow_up', live = true) => {
    let q = db.selectFrom(table).select('id');
    if (live) q = q.where('deleted_at', 'is', null);
    return (await q.orderBy('id').limit(2000).execute()).map((r) => r.id);
  };
  for (let i = 0; i < count; i++) {
    const roll = next();
    try {
      if (roll < 0.15) {
        await createContact(db, { name: `${pick(firstNames)} ${pick(lastNames)}`, emails: [], phones: [], notes: '' }, []);
        count1('contact.create');
      } else if (roll < 0.3) {
        const id = pick(await ids('contact'));
        if (id) await updateContact(db, id, { notes: pick(minutesSentences) ?? '' });
        count1('contact.update');
      } else if (roll < 0.35) {
        const id = pick(await ids('contact'));
        if (id) await deleteContact(db, id);
        count1('contact.delete');
      } else if (roll < 0.38) {
        const id = pick(await ids('contact', false));
        if (id) await restoreContact(db, id);
        count1('contact.restore');
      } else if (roll < 0.45) {
        const id = pick(await ids('organisation'));
        if (id) await updateOrganisation(db, { id, notes: pick(minutesSentences) ?? '' });
        count1('organisation.update');
      } else if (roll < 0.47) {
        const id = pick(await ids('organisation'));
        if (id) {
          await deleteOrganisation(db, id);
          if (next() < 0.5) await restoreOrganisation(db, id);
        }
        count1('organisation.delete');
      } else if (roll < 0.65) {
        const meetingId = pick(await ids('meeting'));
        if (meetingId) await addAgendaItem(db, meetingId, { title: pick(topics) ?? 'Eventuelt', kind: 'normal', description: '', presenter: '', plannedMinutes: 15 });
        count1('agenda.add');
      } else if (roll < 0.8) {
        const meetingId = pick(await ids('meeting'));
        const items = meetingId ? await db.selectFrom('agenda_item').select(['id']).where('meeting_id', '=', meetingId).where('deleted_at', 'is', null).orderBy('position').execute() : [];
        const item = pick(items);
        if (item) await updateAgendaItem(db, item.id, { minutes: pick(minutesSentences), decision: pick(decisions) });
        count1('agenda.minutes');
      } else if (roll < 0.88) {
        const meetingId = pick(await ids('meeting'));
        const items = meetingId ? await db.selectFrom('agenda_item').select(['id']).where('meeting_id', '=', meetingId).where('deleted_at', 'is', null).orderBy('position').execute() : [];
        if (items.length >= 3) await moveAgendaItem(db, items.at(-1)!.id, items[0]!.id, items[1]!.id);
        count1('agenda.move');
      } else {
        const id = pick(await ids('follow_up'));
        if (id) await setFollowUpStatus(db, [id], pick(followUpStatuses)!);
        count1('followUp.status');
      }
    } catch (error) {
      // A random pick can hit a row that is not editable right now; skip it, as a user would.
      if ((error as { code?: string }).code !== 'NOT_FOUND') throw error;
      count1('skipped');
    }
  }
  return done;
}
