/**
 * What meeting.ics_uid holds for a meeting imported from an .ics file.
 *
 * The column's first part is the match key: the appointment's UID, or
 * `UID#<RECURRENCE-ID in basic UTC>` for one occurrence of a recurring
 * appointment. Since iTIP (RFC 5546 §2.1.5) an import also has to remember
 * which version of the appointment it applied — its SEQUENCE and DTSTAMP — so
 * that an older invitation read later cannot roll the meeting back, and so the
 * export can write a SEQUENCE at least as high as the organiser's.
 *
 * There is no column for that version (the schema is frozen for this change),
 * so it follows the key after a unit separator (U+001F), which a key can never
 * contain: keys come from TEXT values, and calendarText removes every control
 * character. `<key>␟SEQUENCE=3;DTSTAMP=20260901T081512Z`. The column syncs like
 * any other field, so every installation sees the same version. A value
 * without the separator (written before this change) has no known version.
 */

const separator = '\u001f';
const versionPattern = /^SEQUENCE=(\d{1,9});DTSTAMP=(\d{8}T\d{6}Z)?$/;

/** The version of an appointment an import applied: SEQUENCE and DTSTAMP (basic UTC, e.g. 20260901T081512Z; null when the file had none). */
export interface IcsVersion {
  readonly sequence: number;
  readonly stamp: string | null;
}

/** The match key of a stored ics_uid (the value itself when it carries no version). */
export function icsKeyOf(icsUid: string): string {
  const at = icsUid.indexOf(separator);
  return at < 0 ? icsUid : icsUid.slice(0, at);
}

/** The version stored with an ics_uid, or null when none was stored. */
export function icsVersionOf(icsUid: string): IcsVersion | null {
  const at = icsUid.indexOf(separator);
  if (at < 0) return null;
  const match = versionPattern.exec(icsUid.slice(at + 1));
  return match ? { sequence: Number(match[1]), stamp: match[2] ?? null } : null;
}

/** The ics_uid value for a key and the version just applied. */
export function icsUidWithVersion(key: string, version: IcsVersion): string {
  return `${key}${separator}SEQUENCE=${version.sequence};DTSTAMP=${version.stamp ?? ''}`;
}

/** Range bounds that select every stored ics_uid of `key` carrying a version (`key␟…`), for an indexed lookup. */
export function versionedRange(key: string): readonly [string, string] {
  return [`${key}${separator}`, `${key}\u0020`];
}

/**
 * Whether `incoming` is an older version than `stored` (RFC 5546 §2.1.5): a
 * lower SEQUENCE, or the same SEQUENCE with an earlier DTSTAMP. Equal versions
 * are not older (the same invitation read twice).
 */
export function isOlderVersion(incoming: IcsVersion, stored: IcsVersion | null): boolean {
  if (!stored) return false;
  if (incoming.sequence !== stored.sequence) return incoming.sequence < stored.sequence;
  return incoming.stamp !== null && stored.stamp !== null && incoming.stamp < stored.stamp;
}

/** A key of one occurrence (`UID#20261006T080000Z` or `UID#20261006` for a whole-day one) split into UID and RECURRENCE-ID. */
export function splitOccurrenceKey(key: string): { readonly uid: string; readonly recurrenceId: string | null } {
  const at = key.lastIndexOf('#');
  const suffix = at < 0 ? '' : key.slice(at + 1);
  return /^\d{8}(T\d{6}Z)?$/.test(suffix) ? { uid: key.slice(0, at), recurrenceId: suffix } : { uid: key, recurrenceId: null };
}
