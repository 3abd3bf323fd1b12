import type { Kysely, Transaction } from 'kysely';
import { styringsdialogSteps, type StyringsdialogStep } from '../../common/styringsdialog.domain';
import { deleteRow, restoreRow, updateRow, type MutationContext } from '../mutations';
import type { Database } from '../schema';

/**
 * A contact named as "who" of a styringsdialog step is personal data (GDPR):
 * indsigt lists those steps (db/gdpr/gdpr.collect.ts) and erasure clears the
 * contact and the step's who-text, which may describe the same person.
 * Indsigt also shows the cycle's notes: free text of a record linked to the
 * person (as the kontaktlog's note), which may say something about them.
 */
const stepLabels: Record<StyringsdialogStep, string> = {
  pakke: 'Dokumentationspakke modtaget',
  aftaler: 'Aftaler indgået',
  referat: 'Referat/aftale sendt',
  redegoerelse: 'Kommunens redegørelse offentliggjort',
};

export async function stepsNamingContact(db: Kysely<Database>, contactId: string) {
  const rows = await db
    .selectFrom('styringsdialog as s')
    .innerJoin('kommune as k', 'k.id', 's.kommune_id')
    .innerJoin('organisation as o', 'o.id', 's.organisation_id')
    .selectAll('s')
    .select(['k.navn as kommune_navn', 'o.name as organisation_name'])
    .where((eb) => eb.or(styringsdialogSteps.map((step) => eb(`s.${step}_contact_id`, '=', contactId))))
    .orderBy('s.year')
    .orderBy('s.id')
    .execute();
  return rows.flatMap((r) =>
    styringsdialogSteps
      .filter((step) => r[`${step}_contact_id`] === contactId)
      .map((step) => ({
        id: r.id,
        year: Number(r.year),
        kommuneNavn: r.kommune_navn,
        organisationName: r.organisation_name,
        step: stepLabels[step],
        date: r[`${step}_date`],
        who: r[`${step}_who`],
        notes: r.notes,
        deletedAt: r.deleted_at,
      })),
  );
}

/** Erasure: every step that names the contact loses the contact and its who-text (the date stays: it is about the dialogue). */
export async function clearContactFromStyringsdialog(trx: Transaction<Database>, contactId: string, context: MutationContext): Promise<number> {
  const rows = await trx
    .selectFrom('styringsdialog as s')
    .selectAll('s')
    .where((eb) => eb.or(styringsdialogSteps.map((step) => eb(`s.${step}_contact_id`, '=', contactId))))
    .orderBy('s.id')
    .execute();
  let cleared = 0;
  for (const row of rows) {
    const changes: Record<string, string | null> = {};
    for (const step of styringsdialogSteps) {
      if (row[`${step}_contact_id`] !== contactId) continue;
      changes[`${step}_contact_id`] = null;
      changes[`${step}_who`] = '';
      cleared++;
    }
    // A tombstoned row is changed too: its values would come back with a restore.
    if (row.deleted_at === null) await updateRow(trx, 'styringsdialog', row.id, changes, context);
    else await updateDeleted(trx, row.id, changes, context);
  }
  return cleared;
}

/** updateRow refuses a deleted row; restore-edit-delete keeps every change in the one write path. */
async function updateDeleted(trx: Transaction<Database>, id: string, changes: Record<string, string | null>, context: MutationContext): Promise<void> {
  await restoreRow(trx, 'styringsdialog', id, context);
  await updateRow(trx, 'styringsdialog', id, changes, context);
  await deleteRow(trx, 'styringsdialog', id, context);
}
