import type { Transaction } from 'kysely';
import { createRow, updateRow } from '../mutations';
import { createOrganisationInTransaction } from '../organisations/organisations.repository';
import type { Database } from '../schema';
import type { ImportPlan } from './contacts.plan';

/**
 * Contact-file import, stage 3 — apply (stage 1 is contacts.parse.ts, stage 2
 * contacts.plan.ts). Runs inside the transaction applyWithProtection
 * (db/backups/import-protection.ts) opens, after the day's backup.
 */
/**
 * Applies a plan made inside the same transaction: first the organisations
 * the user chose to create (through the organisation repository), then the
 * contacts and their roles. Returns how many of each were created and updated.
 */
export async function applyPlan(trx: Transaction<Database>, plan: ImportPlan): Promise<{ created: number; updated: number; organisationsCreated: number }> {
  const organisationIds = new Map<string, string>();
  for (const [key, organisation] of plan.organisationsToCreate) {
    const id = await createOrganisationInTransaction(trx, { name: organisation.name, kind: organisation.kind, notes: '', kommuneIds: organisation.kommuneId ? [organisation.kommuneId] : [] });
    organisationIds.set(key, id);
  }
  let created = 0;
  let updated = 0;
  for (const row of plan.rows) {
    const action = row.action;
    if (action.kind === 'none') continue;
    let contactId: string;
    if (action.kind === 'create') {
      contactId = await createRow(trx, 'contact', { name: action.name, emails: JSON.stringify(action.emails), phones: JSON.stringify(action.phones), notes: action.notes });
      created++;
    } else {
      contactId = action.id;
      await updateRow(trx, 'contact', action.id, {
        name: action.name,
        emails: action.emails ? JSON.stringify(action.emails) : undefined,
        phones: action.phones ? JSON.stringify(action.phones) : undefined,
        notes: action.notes,
      });
      updated++;
    }
    for (const role of action.roles) {
      await createRow(trx, 'affiliation', {
        contact_id: contactId,
        organisation_id: role.pendingOrganisation ? (organisationIds.get(role.pendingOrganisation) ?? null) : role.organisationId,
        kommune_id: role.kommuneId,
        title: role.title,
        kind: role.kind,
        from_date: null,
        to_date: null,
      });
    }
  }
  return { created, updated, organisationsCreated: organisationIds.size };
}

