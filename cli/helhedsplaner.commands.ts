import { danishLabels } from '../common/labels.da';
import { helhedsplanDeadlinesIcs } from '../db/calendar/calendar.ics';
import { getHelhedsplan, helhedsplanDeadlines, listHelhedsplaner } from '../db/helhedsplaner/helhedsplaner.repository';
import { deadlinesCommand, kommuneIdOf } from './aftaler.commands';
import type { CommandTable } from './command.types';

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
    return deadlinesCommand(context, {
      list: (scope) => helhedsplanDeadlines(context.app.db, scope),
      ics: (scope) => helhedsplanDeadlinesIcs(context.app.db, scope),
      line: (d) => `${d.date}  ${(d.title || danishLabels.helhedsplanDeadlineKind[d.kind]).padEnd(20)} ${d.kommuneNavn ?? '–'}  ${d.helhedsplanName}`,
    });
  },
};
