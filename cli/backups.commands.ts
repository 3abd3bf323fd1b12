import { backupDirFor, backupScopeOf, checkBackups, createBackup, listBackups, pruneBackups, restoreBackup } from '../db/backups/backups.service';
import { UserError, type CommandTable } from './command.types';

/** Lines for the CLI's usage text, each "  name ARGS" and a description indented to column 25, ending in a newline. */
export const backupsUsage = `  backups list          sikkerhedskopierne i mappen backups/ ved databasen (nyeste først)
  backups create        tag en sikkerhedskopi nu (og ryd op efter 7 dage/4 uger/12 måneder)
  backups restore NAVN  gendan sikkerhedskopien NAVN (den nuværende database sikkerhedskopieres først)
  backups check         integrity_check af hver sikkerhedskopi (exit 1 hvis en er beskadiget)
`;

const timeFormat = new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', dateStyle: 'short', timeStyle: 'short' });

function sizeText(bytes: number): string {
  return bytes < 1_000_000 ? `${Math.max(1, Math.round(bytes / 1000))} kB` : `${(bytes / 1_000_000).toFixed(1).replace('.', ',')} MB`;
}

export const backupsCommands: CommandTable = {
  async backups({ app, json, positionals, out }) {
    const sub = positionals[1];
    if (app.file === ':memory:') throw new UserError('En database i hukommelsen har ingen sikkerhedskopier.');
    const dir = backupDirFor(app);
    if (sub === 'list') {
      const entries = listBackups(backupScopeOf(app));
      if (json) out.write(`${JSON.stringify(entries)}\n`);
      else if (entries.length === 0) out.write(`Ingen sikkerhedskopier i ${dir}.\n`);
      else out.write(`${entries.map((e) => `${timeFormat.format(new Date(e.createdAt))}  ${e.reason.padEnd(20)} ${sizeText(e.size).padStart(9)}  ${e.name}`).join('\n')}\n`);
      return 0;
    }
    if (sub === 'create') {
      const entry = await createBackup(app, 'manuel');
      const { deleted } = pruneBackups(backupScopeOf(app));
      out.write(json ? `${JSON.stringify({ ...entry, deleted })}\n` : `Sikkerhedskopi gemt: ${entry.name}${deleted.length ? ` (${deleted.length} ældre ryddet op)` : ''}\n`);
      return 0;
    }
    if (sub === 'restore') {
      const name = positionals[2];
      if (!name) throw new UserError('Angiv hvilken sikkerhedskopi: backups restore NAVN (se backups list)');
      const result = await restoreBackup(app, name);
      out.write(
        json
          ? `${JSON.stringify(result)}\n`
          : `Gendannet fra ${result.restoredFrom.name}. Den tidligere database er gemt som ${result.safetyBackup.name}.\n`,
      );
      return 0;
    }
    if (sub === 'check') {
      const checks = checkBackups(app);
      const bad = checks.filter((c) => !c.result.ok);
      if (json) out.write(`${JSON.stringify(checks.map((c) => ({ name: c.entry.name, ok: c.result.ok, ...(c.result.ok ? {} : { problem: c.result.problem }) })))}\n`);
      else if (checks.length === 0) out.write(`Ingen sikkerhedskopier i ${dir}.\n`);
      else out.write(`${checks.map((c) => `${c.result.ok ? 'ok        ' : 'BESKADIGET'}  ${c.entry.name}`).join('\n')}\n${bad.length ? `${bad.length} af ${checks.length} sikkerhedskopier kan ikke bruges.` : `Alle ${checks.length} sikkerhedskopier er i orden.`}\n`);
      return bad.length ? 1 : 0;
    }
    throw new UserError('Brug: backups list | create | restore NAVN | check');
  },
};
