import path from 'node:path';
import { isoDateSchema } from '../common/domain';
import { addDanishDays } from '../common/time';
import { aftaleDeadlines, listAftaler } from '../db/aftaler/aftaler.repository';
import { aftaleDeadlinesIcs } from '../db/calendar/calendar.ics';
import { todayInDenmark } from '../db/contacts/affiliations.query';
import { writeFileAtomic } from '../db/files/atomic-write';
import { UserError, type CommandContext, type CommandTable } from './command.types';

/** Lines for the CLI's usage text (issue 17). */
export const aftalerUsage = `  aftaler [--kommune KODE] [--due-within DAGE]
                        aftaler (alle, eller én kommunes) med næste frist; --due-within kun dem med
                        en frist fra i dag til og med om DAGE dage
  aftale-frister [--from DATO] [--to DATO] [--kommune KODE] [--out FIL.ics]
                        frister for aftaler (evaluering, genforhandling, bilag, udløb); --out skriver dem som kalenderfil
`;

export async function kommuneIdOf(context: CommandContext): Promise<string | undefined> {
  if (context.values.kommune === undefined) return undefined;
  const kode = Number(context.values.kommune);
  const kommune = await context.app.db.selectFrom('kommune').select('id').where('kode', '=', kode).executeTakeFirst();
  if (!kommune) throw new UserError(`Ingen kommune har koden ${String(context.values.kommune)}.`);
  return kommune.id;
}

export function dateValue(context: CommandContext, name: string, fallback: string): string {
  const value = context.values[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !isoDateSchema.safeParse(value).success) throw new UserError(`--${name} skal være en dato som 2026-11-23.`);
  return value;
}

/** The deadline window a `*-frister` command asks for: --from (today), --to (90 days on), --kommune. */
interface DeadlineScope {
  readonly from: string;
  readonly to: string;
  readonly kommuneIds: string[] | undefined;
}

/**
 * One `*-frister` command (aftale-frister, helhedsplan-frister): the window from the options,
 * then the deadlines as lines or JSON, or with --out an .ics file.
 */
export async function deadlinesCommand<D>(
  context: CommandContext,
  source: { readonly list: (scope: DeadlineScope) => Promise<D[]>; readonly ics: (scope: DeadlineScope) => Promise<{ text: string }>; readonly line: (deadline: D) => string },
): Promise<number> {
  const { json, values, out } = context;
  const from = dateValue(context, 'from', todayInDenmark());
  const to = dateValue(context, 'to', addDanishDays(from, 90));
  if (to < from) throw new UserError('--to skal ligge efter --from.');
  const kommuneId = await kommuneIdOf(context);
  const scope = { from, to, kommuneIds: kommuneId ? [kommuneId] : undefined };
  if (typeof values.out === 'string' && values.out !== '') {
    const file = await source.ics(scope);
    const target = path.resolve(values.out);
    writeFileAtomic(target, file.text);
    out.write(json ? `${JSON.stringify({ file: target })}\n` : `Frister skrevet til ${target}.\n`);
    return 0;
  }
  const deadlines = await source.list(scope);
  if (json) out.write(`${JSON.stringify(deadlines)}\n`);
  else if (deadlines.length === 0) out.write('Ingen frister i perioden.\n');
  else out.write(deadlines.map(source.line).join('\n') + '\n');
  return 0;
}

function dueWithinDays(context: CommandContext): number | undefined {
  const value = context.values['due-within'];
  if (value === undefined) return undefined;
  const days = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(days) || days < 0 || days > 3660) throw new UserError('--due-within skal være et antal dage mellem 0 og 3660.');
  return days;
}

const deadlineText = { evaluation: 'evaluering', renegotiation: 'genforhandling', bilagReview: 'bilag gennemgås', expiry: 'udløber' } as const;

export const aftalerCommands: CommandTable = {
  async aftaler(context) {
    const { app, json, out } = context;
    const kommuneId = await kommuneIdOf(context);
    const dueWithin = dueWithinDays(context);
    const items = [];
    for (let offset = 0; ; offset += 500) {
      const page = await listAftaler(app.db, { kommuneId, offset, limit: 500 });
      items.push(...page.items);
      if (items.length >= page.total || page.items.length === 0) break;
    }
    if (dueWithin !== undefined) {
      // The same deadlines as Overblik and aftale-frister (one rule: aftaleDeadlines), from today on.
      const today = todayInDenmark();
      const due = new Set((await aftaleDeadlines(app.db, { from: today, to: addDanishDays(today, dueWithin), kommuneIds: kommuneId ? [kommuneId] : undefined })).map((d) => d.aftaleId));
      items.splice(0, items.length, ...items.filter((a) => due.has(a.id)));
    }
    if (json) out.write(`${JSON.stringify(items)}\n`);
    else if (items.length === 0) out.write('Ingen aftaler.\n');
    else out.write(items.map((a) => `${a.status.padEnd(13)} ${a.kommuneNavn ?? '–'}  ${a.title}${a.nextDeadline ? `  (${deadlineText[a.nextDeadline.kind]} ${a.nextDeadline.date})` : ''}`).join('\n') + '\n');
    return 0;
  },
  async 'aftale-frister'(context) {
    return deadlinesCommand(context, {
      list: (scope) => aftaleDeadlines(context.app.db, scope),
      ics: (scope) => aftaleDeadlinesIcs(context.app.db, scope),
      line: (d) => `${d.date}  ${deadlineText[d.kind].padEnd(16)} ${d.kommuneNavn ?? '–'}  ${d.title}`,
    });
  },
};
