import type { StyringsdialogBoardInput } from '../../common/styringsdialog.domain';
import { todayInDenmark } from '../../db/contacts/affiliations.query';
import type { AppDatabase } from '../../db/connection';
import { listKommuner } from '../../db/kommuner/kommuner.repository';
import { getSettings } from '../../db/settings/settings.repository';
import { getStyringsdialog, organisationStyringsdialoger, planStyringsdialogMeeting, saveStyringsdialog, styringsdialogBoard } from '../../db/styringsdialog/styringsdialog.repository';
import type { HandlersFor } from './handler.types';
import { styringsdialogSheet } from './lazy-modules';

/**
 * The kommuner of the board: one kommune, a kreds, or my kredse (none chosen:
 * every kommune). Kreds membership is dated: as of today for this year, as of
 * 31 December for a past one.
 */
export async function boardScope(app: AppDatabase, input: StyringsdialogBoardInput, today = todayInDenmark()): Promise<string[] | undefined> {
  if (input.kommuneId) return [input.kommuneId];
  const asOf = input.year < Number(today.slice(0, 4)) ? `${input.year}-12-31` : today;
  const kredse = input.kreds ? [input.kreds] : input.onlyMyKredse ? (await getSettings(app.db)).myKredse : [];
  if (kredse.length === 0) return undefined;
  return (await listKommuner(app.db, { kredse }, asOf)).map((k) => k.id);
}

async function board(app: AppDatabase, input: StyringsdialogBoardInput) {
  const today = todayInDenmark();
  const rows = await styringsdialogBoard(app.db, { year: input.year, kommuneIds: await boardScope(app, input, today) }, today);
  return { year: input.year, today, rows };
}

export const styringsdialogHandlers: HandlersFor<'styringsdialog'> = {
  'styringsdialog.board': async (input, { app }) => board(app, input),
  'styringsdialog.boardXlsx': async (input, { app }) => {
    const { rows } = await board(app, input);
    const { styringsdialogXlsx } = await styringsdialogSheet();
    const file = await styringsdialogXlsx(input.year, rows);
    return { fileName: file.fileName, base64: Buffer.from(file.bytes).toString('base64') };
  },
  'styringsdialog.get': async (input, { app }) => getStyringsdialog(app.db, input),
  'styringsdialog.forOrganisation': async ({ organisationId }, { app }) => organisationStyringsdialoger(app.db, organisationId),
  'styringsdialog.save': async (input, { app }) => saveStyringsdialog(app.db, input),
  'styringsdialog.plan': async (input, { app }) => planStyringsdialogMeeting(app.db, input),
};
