import { isoDateSchema } from '../common/domain';
import { todayInDenmark } from '../db/contacts/affiliations.query';
import { listKommuner } from '../db/kommuner/kommuner.repository';
import { UserError, type CommandTable } from './command.types';

/** Lines for the CLI's usage text (issue 17: dated reference data). */
export const kommunerUsage = `  kommuner [--on DATO]  de 98 kommuner med region og kreds pr. DATO (som standard i dag; regionerne
                        skifter 1. januar 2027, kredse kan skifte når kredsene aftaler det)
`;

export const kommunerCommands: CommandTable = {
  async kommuner({ app, json, values, out }) {
    const on = values.on ?? todayInDenmark();
    if (typeof on !== 'string' || !isoDateSchema.safeParse(on).success) throw new UserError('--on skal være en dato som 2027-01-01.');
    const kommuner = (await listKommuner(app.db, {}, on)).map((k) => ({
      id: k.id,
      kode: k.kode,
      navn: k.navn,
      on,
      region: { id: k.regionId, navn: k.regionNavn },
      kreds: k.kredsId === null ? null : { id: k.kredsId, number: k.kredsNumber },
    }));
    if (json) out.write(`${JSON.stringify(kommuner)}\n`);
    else out.write(kommuner.map((k) => `${String(k.kode).padStart(3, '0')}  ${k.navn.padEnd(22)} ${k.region.navn.padEnd(22)} ${k.kreds ? `${k.kreds.number}. kreds` : '–'}`).join('\n') + '\n');
    return 0;
  },
};
