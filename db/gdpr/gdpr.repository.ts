/**
 * GDPR for one person (a contact): "Indsigt" (right of access) collects
 * everything stored about them; "Slet person" (erasure) removes their
 * personal data through ordinary operations, so it syncs, and redacts the
 * operation log so no installation keeps — or gets back — the old values
 * (db/sync/erasure.ts, applied on every import too).
 *
 * Editing an erased person on another laptop before it hears of the erasure:
 * the erasure wins for the personal fields (name, e-mails, phones, notes, role
 * titles are redacted in the log whatever their clock) and the contact and
 * its roles stay deleted. Attendance and follow-ups added there meanwhile stay,
 * pointing at "Slettet person".
 *
 * In stages, each its own module with its tests: gdpr.collect.ts reads
 * everything about the person, gdpr.export.ts writes the access export from
 * that, gdpr.erase.ts erases. This module is their one entry point.
 */
export { collectPersonData, type PersonData } from './gdpr.collect';
export { personDataExport, personDataFileName, personDataZip, personDataZipOf } from './gdpr.export';
export { assertNotErased, eraseContact, type EraseOptions } from './gdpr.erase';
