/**
 * Pure text rules for calendar files, shared by the writer (db/calendar) and
 * its tests. RFC 5545 TEXT may carry line breaks only as the escape "\n" and
 * no other control characters; parameter values (CN) may carry no DQUOTE at
 * all and no line breaks. These functions say what a user's text becomes.
 */

/** Control characters RFC 5545 does not allow in TEXT (everything below U+0020 but tab and line feed, plus DEL). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const disallowedControls = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * A user's text as it is written to (and read back from) a TEXT property:
 * CRLF and lone CR become LF (the only line break TEXT knows), other control
 * characters are dropped. Everything else — ';', ',', '\', æøå, emoji — is kept.
 */
export function calendarText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(disallowedControls, '');
}

/**
 * A display name as a quoted parameter value (CN="…"). A parameter cannot
 * hold a DQUOTE or a line break, and a backslash inside quotes is not an escape
 * in RFC 5545 (writers and readers disagree about it), so those become a
 * straight quote, a space and a slash: the name stays readable and can never
 * end the quoted value early and smuggle in a parameter.
 */
export function calendarParam(text: string): string {
  return calendarText(text).replace(/"/g, "'").replace(/\n/g, ' ').replace(/\\/g, '/').replace(/\^/g, "'").trim();
}

/** The DESCRIPTION of a meeting: its agenda titles as a numbered list, one per line. */
export function agendaDescription(titles: readonly string[]): string {
  return titles.map((title, index) => `${index + 1}. ${calendarText(title).replace(/\n/g, ' ')}`).join('\n');
}

/** A file name for people and every file system: letters (æøå too), digits and dashes. */
export function calendarFileName(base: string, suffix = ''): string {
  const slug = base
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'kalender'}${suffix}.ics`;
}
