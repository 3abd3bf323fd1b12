import { generateKeyBetween } from 'fractional-indexing';
import type { Transaction } from 'kysely';
import type { IcsKommuneChoice } from '../../common/calendar/calendar.domain';
import { derivedId } from '../ids';
import { createRow, ensureLink, updateRow, type FieldChanges } from '../mutations';
import type { Database } from '../schema';
import { icsUidWithVersion } from './ics-uid';
import type { Invitee, Plan } from './calendar.plan';


/**
 * Calendar import, stage 3 — apply: the planned changes written through
 * db/mutations.ts inside the caller's transaction (applyWithProtection in
 * db/backups/import-protection.ts owns the backup and the transaction).
 */
function acceptedKommune(p: Plan, choices: readonly IcsKommuneChoice[]): string | null {
  if (!p.kommune || (p.meeting && p.meeting.kommune_id !== null)) return null;
  const kommune = p.kommune;
  return choices.some((c) => c.uid === p.candidate.uid && c.kommuneId === kommune.id) ? kommune.id : null;
}

/** Whether a plan writes anything (what decides the safety backup and what apply skips). */
export function writes(p: Plan, choices: readonly IcsKommuneChoice[]): boolean {
  if (p.kind === 'rejected') return false;
  return p.kind !== 'unchanged' || p.icsUid !== null || acceptedKommune(p, choices) !== null;
}

async function invite(trx: Transaction<Database>, meetingId: string, invitees: readonly Invitee[]): Promise<void> {
  for (const invitee of invitees) {
    const id = derivedId('attendance', meetingId, invitee.contactId);
    await ensureLink(trx, 'attendance', id, { meeting_id: meetingId, contact_id: invitee.contactId, status: 'inviteret', role: null });
  }
}

/** The counts of what was written. */
export interface IcsApplied {
  readonly created: number;
  readonly updated: number;
  readonly cancelled: number;
}

/** Writes the plans (made inside this transaction, so they are exactly what the database holds now). */
export async function applyIcsPlans(trx: Transaction<Database>, plans: readonly Plan[], choices: readonly IcsKommuneChoice[]): Promise<IcsApplied> {
  let created = 0;
  let updated = 0;
  let cancelled = 0;
  for (const p of plans) {
    if (!writes(p, choices)) continue;
    const c = p.candidate;
    const kommuneId = acceptedKommune(p, choices);
    if (p.kind === 'new') {
      const meetingId = await createRow(trx, 'meeting', {
        series_id: null,
        kommune_id: kommuneId,
        title: c.title,
        starts_at: c.startsAt!,
        ends_at: c.endsAt,
        place: c.place,
        status: 'planlagt',
        notes: c.notes,
        ics_uid: icsUidWithVersion(c.key, c.version),
      });
      let position: string | null = null;
      for (const title of p.agenda) {
        position = generateKeyBetween(position, null);
        await createRow(trx, 'agenda_item', { meeting_id: meetingId, position, kind: 'normal', title, description: '', presenter: '', planned_minutes: null, minutes: '', decision: '' });
      }
      await invite(trx, meetingId, p.invitees);
      created++;
      continue;
    }
    const meeting = p.meeting!;
    const changes: FieldChanges<'meeting'> = { ...p.changes, ...(p.icsUid !== null ? { ics_uid: p.icsUid } : {}), ...(kommuneId !== null ? { kommune_id: kommuneId } : {}) };
    if (Object.keys(changes).length) await updateRow(trx, 'meeting', meeting.id, changes);
    if (p.kind === 'cancel') cancelled++;
    else {
      await invite(trx, meeting.id, p.invitees);
      if (p.kind === 'update' || kommuneId !== null) updated++;
    }
  }
  return { created, updated, cancelled };
}
