import path from 'node:path';
import { danishLabels } from '../common/labels.da';
import { addDanishDays } from '../common/time';
import { helhedsplanDeadlinesIcs } from '../db/calendar/calendar.ics';
import { todayInDenmark } from '../db/contacts/affiliations.query';
import { writeFileAtomic } from '../db/files/atomic-write';
import { getHelhedsplan, helhedsplanDeadlines, listHelhedsplaner } from '../db/helhedsplaner/helhedsplaner.repository';
import { dateValue, kommuneIdOf } from './aftaler.commands';
import { UserError, type CommandTable } from './command.types';

/** Lines for the CLI's usage text (issue 17). */
export const helhedsplanerUsage = `  helhedsplaner [--kommune KODE]
                        boligsociale helhedsplaner med indsatsområder, personer og frister
  helhedsplan-frister [--from DATO] [--to DATO] [--kommune KODE] [--out FIL.ics]
                        åbne frister for afrapportering; --out skriver dem som kalenderfil
`;

export const helhedsplanerCommands: CommandTable = {
  async helhedsplaner(context) {
    const { app, json, out } = context;
    const kommuneId = await kommuneIdOf(context);
    const summaries = [];
    for (let offset = 0; ; offset += 500) {
      const page = await listHelhedsplaner(app.db, { kommuneId, offset, limit: 500 });
      summaries.push(...page.items);
      if (summaries.length >= page.total || page.items.length === 0) break;
    }
    const plans = [];
    for (const s of summaries) plans.push(await getHelhedsplan(app.db, s.id));
    if (json) out.write(`${JSON.stringify(plans)}\n`);
    else if (plans.length === 0) out.write('Ingen helhedsplaner.\n');
    else
      out.write(
        plans
          .map((h) => {
            const period = h.fromDate || h.toDate ? `${h.fromDate ?? '…'} – ${h.toDate ?? '…'}` : 'uden periode';
            const people = h.roles.filter((r) => r.current).map((r) => `${r.contactName} (${danishLabels.helhedsplanBody[r.body]}${r.title ? `, ${r.title}` : ''})`);
            const lines = [`${h.name} · ${h.kommuneNavn ?? '–'} · ${danishLabels.helhedsplanStatus[h.status]} · ${period}`];
            if (h.indsatsomraader.length > 0) lines.push(`  Indsatsområder: ${h.indsatsomraader.map((a) => a.name).join(', ')}`);
            if (people.length > 0) lines.push(`  Personer: ${people.join('; ')}`);
            if (h.nextDeadline) lines.push(`  Næste frist: ${h.nextDeadline.date} ${h.nextDeadline.title || danishLabels.helhedsplanDeadlineKind[h.nextDeadline.kind]}`);
            return lines.join('\n');
          })
          .join('\n') + '\n',
      );
    return 0;
  },
  async 'helhedsplan-frister'(context) {
    const { app, json, values, out } = context;
    const from = dateValue(context, 'from', todayInDenmark());
    const to = dateValue(context, 'to', addDanishDays(from, 90));
    if (to < from) throw new UserError('--to skal ligge efter --from.');
    const kommuneId = await kommuneIdOf(context);
    const scope = { from, to, kommuneIds: kommuneId ? [kommuneId] : undefined };
    if (typeof values.out === 'string' && values.out !== '') {
      const file = await helhedsplanDeadlinesIcs(app.db, scope);
      const target = path.resolve(values.out);
      writeFileAtomic(target, file.text);
      out.write(json ? `${JSON.stringify({ file: target })}\n` : `Frister skrevet til ${target}.\n`);
      return 0;
    }
    const deadlines = await helhedsplanDeadlines(app.db, scope);
    if (json) out.write(`${JSON.stringify(deadlines)}\n`);
    else if (deadlines.length === 0) out.write('Ingen frister i perioden.\n');
    else out.write(deadlines.map((d) => `${d.date}  ${(d.title || danishLabels.helhedsplanDeadlineKind[d.kind]).padEnd(20)} ${d.kommuneNavn ?? '–'}  ${d.helhedsplanName}`).join('\n') + '\n');
    return 0;
  },
};
