import type { Kysely } from 'kysely';
import { settingsSchema, type Settings } from '../../common/domain';
import type { Database } from '../schema';

/**
 * Installation-local settings (not synced: each laptop has its own user name
 * and language). local_setting is not a synced table, so it is written
 * directly rather than through db/mutations.ts.
 */
export const defaultSettings: Settings = { userName: '', initials: '', myKredse: [], language: 'da', quietMonths: 6, email: '', reminderMinutes: 0 };

export async function getSettings(db: Kysely<Database>): Promise<Settings> {
  const rows = await db.selectFrom('local_setting').selectAll().execute();
  const stored: Record<string, unknown> = {};
  for (const row of rows) {
    try {
      stored[row.key] = JSON.parse(row.value);
    } catch {
      // A value that does not parse is ignored and the default used.
    }
  }
  const merged = { ...defaultSettings, ...stored };
  const parsed = settingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : defaultSettings;
}

export async function updateSettings(db: Kysely<Database>, changes: Partial<Settings>): Promise<Settings> {
  await db.transaction().execute(async (trx) => {
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      await trx
        .insertInto('local_setting')
        .values({ key, value: JSON.stringify(value) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
        .execute();
    }
  });
  return getSettings(db);
}

/**
 * How a document the consultant shares (referat, spreadsheet export) names them as the owner of their own follow-ups:
 * "Mig" would name the reader. The name, else the initials, else the role. The referat screen says the same
 * (renderer/src/pages/meetings/referat.page.tsx, with the role from i18n `firstRun.consultantRole`): change them together.
 */
export function consultantOwnerName(settings: Pick<Settings, 'userName' | 'initials'>): string {
  return settings.userName.trim() || settings.initials.trim() || 'BL’s kredskonsulent';
}
