import { danishTimeZone } from '../../../../common/time';

const instantFormat = new Intl.DateTimeFormat('da-DK', { timeZone: danishTimeZone, dateStyle: 'long', timeStyle: 'short' });
const numberFormat = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 1 });

/** "20. november 2026 kl. 10.00", Danish time. */
export function formatBackupTime(instant: string): string {
  return instantFormat.format(new Date(instant));
}

/** "834 kB", "12,5 MB", "1,2 GB" (Danish decimal comma, 1 kB = 1000 bytes as the OS file managers show). */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${numberFormat.format(value)} ${units[unit]}`;
}

/** The i18n key (and values) for a backup's reason: 'foer-migrering-9' is "Før opdatering af Kredsbog". */
export function reasonKey(reason: string): [string, Record<string, string>] {
  const known = ['dagligt', 'manuel', 'foer-import', 'foer-gendannelse', 'foer-flytning'];
  if (known.includes(reason)) return [`backups.reasons.${reason}`, {}];
  // Older versions named a calendar import's safety backup apart; today every import's is 'foer-import'.
  if (reason === 'foer-ics-import') return ['backups.reasons.foer-import', {}];
  if (reason.startsWith('foer-migrering')) return ['backups.reasons.foer-migrering', {}];
  return ['backups.reasons.other', { reason }];
}
