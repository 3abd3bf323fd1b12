import type { Transaction } from 'kysely';
import { AppError } from '../common/result';
import type { Database } from './schema';

/**
 * A record's kommune and organisations must be live rows (aftaler, boligområder):
 * a VALIDATION error with the field's path otherwise, before anything is written.
 */
export async function assertKommuneAndOrganisations(trx: Transaction<Database>, kommuneId: string | null | undefined, organisationIds: readonly string[] | undefined): Promise<void> {
  if (kommuneId) {
    const found = await trx.selectFrom('kommune').where('id', '=', kommuneId).where('deleted_at', 'is', null).select('id').executeTakeFirst();
    if (!found) throw new AppError('VALIDATION', 'Kommunen findes ikke.', [{ path: ['kommuneId'], message: 'validation.unknownKommune' }]);
  }
  if (organisationIds && organisationIds.length > 0) {
    const wanted = [...new Set(organisationIds)];
    const found = await trx.selectFrom('organisation').where('id', 'in', wanted).where('deleted_at', 'is', null).select('id').execute();
    if (found.length !== wanted.length) throw new AppError('VALIDATION', 'En af de valgte organisationer findes ikke.', [{ path: ['organisationIds'], message: 'validation.unknownOrganisation' }]);
  }
}
