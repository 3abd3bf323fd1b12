import type { z } from 'zod';
import { contract, isChannel, type Channel } from '../../common/contract';
import { AppError, err, ok, type AppErrorData, type Result } from '../../common/result';
import type { Handler, HandlerContext, HandlerTable } from '../handlers/handler.types';

export interface DispatchOptions {
  /** Validate handler output against the contract too (on in tests and the browser host). */
  readonly checkOutput?: boolean;
  /** Where unexpected errors are reported; never shown to the user verbatim. */
  readonly onInternalError?: (channel: string, error: unknown) => void;
}

export type Dispatch = (channel: unknown, input: unknown) => Promise<Result<unknown>>;

/**
 * channel → parse input → handler → Result. Nothing thrown escapes: a bad
 * channel, bad input or failing handler all come back as an error Result.
 */
export function createDispatcher(handlers: HandlerTable, context: HandlerContext, options: DispatchOptions = {}): Dispatch {
  return async (channel, input) => {
    if (!isChannel(channel)) return err({ code: 'UNKNOWN_CHANNEL', message: 'Ukendt handling.' });
    const spec = contract[channel];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) return err(validationError(parsed.error));
    try {
      const handler = handlers[channel] as Handler<Channel>;
      const value = await handler(parsed.data as never, context);
      if (options.checkOutput) {
        const checked = spec.output.safeParse(value);
        if (!checked.success) throw new Error(`Output of ${channel} breaks the contract: ${checked.error.message}`);
      }
      return ok(value);
    } catch (error) {
      const data = toErrorData(error);
      if (data.code === 'INTERNAL') options.onInternalError?.(channel, error);
      return err(data);
    }
  };
}

export function validationError(error: z.ZodError): AppErrorData {
  return {
    code: 'VALIDATION',
    message: 'Oplysningerne er ikke gyldige. Ret de markerede felter.',
    issues: error.issues.map((issue) => ({ path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'), message: issue.message })),
  };
}

/** Maps anything thrown to the closed error set, with a Danish message. */
export function toErrorData(error: unknown): AppErrorData {
  if (error instanceof AppError) return error.toData();
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  // SQLite's codes, and Node's for the files around the database (backups, temporary import files).
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return { code: 'DB_READ_ONLY', message: 'Databasen kan ikke skrives (skrivebeskyttet). Intet er gemt.' };
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return { code: 'DISK_FULL', message: 'Disken er fuld. Intet er gemt — frigør plads og prøv igen.' };
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return { code: 'DB_CORRUPT', message: 'Databasefilen er beskadiget og kan ikke læses. Intet er ændret — luk Kredsbog og gendan en sikkerhedskopi.' };
  }
  // SQLite rolls the transaction back on an I/O error, but whether the disk kept anything is unknown: no "Intet er gemt" promise.
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return { code: 'DB_IO_ERROR', message: 'Disken kunne ikke læses eller skrives (I/O-fejl). Ændringen er ikke gemt — kontrollér disken eller netværksdrevet og prøv igen.' };
  }
  if (code.startsWith('SQLITE_BUSY')) return { code: 'DB_BUSY', message: 'Databasen er optaget af en import eller eksport. Intet er gemt — prøv igen om lidt.' };
  if (code.startsWith('SQLITE_CONSTRAINT')) return { code: 'CONFLICT', message: 'Ændringen strider mod eksisterende data og er ikke gemt.' };
  return { code: 'INTERNAL', message: 'Der opstod en uventet fejl. Intet er ændret.' };
}
