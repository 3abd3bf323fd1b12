import path from 'node:path';
import { danishLabels } from '../common/labels.da';
import { todayInDenmark } from '../db/contacts/affiliations.query';
import { writeFileAtomic } from '../db/files/atomic-write';
import { listKommuner } from '../db/kommuner/kommuner.repository';
import { styringsdialogBoard } from '../db/styringsdialog/styringsdialog.repository';
import { styringsdialogXlsx } from '../db/styringsdialog/styringsdialog.sheet';
import { UserError, type CommandTable } from './command.types';

/** Lines for the CLI's usage text (issue 17). */
export const styringsdialogUsage = `  styringsdialog --year ÅR [--kreds N] [--out FIL.xlsx]
                        styringsdialogen pr. kommune × boligorganisation: hvor langt, og hvad er forsinket; --out skriver et regneark
`;

export const styringsdialogCommands: CommandTable = {
  async styringsdialog({ app, json, values, out }) {
    const year = Number(values.year);
    if (values.year === undefined || !Number.isInteger(year) || year < 2000 || year > 2100) throw new UserError('--year skal være et årstal som 2026.');
    const today = todayInDenmark();
    let kommuneIds: string[] | undefined;
    if (values.kreds !== undefined) {
      const kreds = Number(values.kreds);
      if (!Number.isInteger(kreds) || kreds < 1 || kreds > 11) throw new UserError('--kreds skal være et kredsnummer fra 1 til 11.');
      const asOf = year < Number(today.slice(0, 4)) ? `${year}-12-31` : today;
      kommuneIds = (await listKommuner(app.db, { kredse: [kreds] }, asOf)).map((k) => k.id);
    }
    const rows = await styringsdialogBoard(app.db, { year, kommuneIds }, today);
    if (typeof values.out === 'string' && values.out !== '') {
      const file = await styringsdialogXlsx(year, rows);
      const target = path.resolve(values.out);
      writeFileAtomic(target, file.bytes);
      out.write(json ? `${JSON.stringify({ file: target, rows: rows.length })}\n` : `Regneark skrevet til ${target} (${rows.length} rækker).\n`);
      return 0;
    }
    if (json) out.write(`${JSON.stringify({ year, today, rows })}\n`);
    else if (rows.length === 0) out.write('Ingen boligorganisationer i de valgte kommuner.\n');
    else {
      const late = (r: (typeof rows)[number]) => (r.late.length ? `  FORSINKET: ${r.late.map((l) => `${danishLabels.styringsdialogCheckpoint[l.checkpoint]} (frist ${l.due})`).join(', ')}` : '');
      out.write(rows.map((r) => `${r.kommune.name.padEnd(16)} ${danishLabels.styringsdialogStage[r.stage].padEnd(26)} ${r.organisation.name}${late(r)}`).join('\n') + '\n');
    }
    return 0;
  },
};
