import type { AppDatabase } from '../db/connection';

/** A user mistake: printed as its (Danish) message, exit code 1. */
export class UserError extends Error {}

export type Output = { write(text: string): void };

export interface CommandContext {
  readonly app: AppDatabase;
  readonly json: boolean;
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: readonly string[];
  readonly out: Output;
}

/** Commands by name. Each area keeps its commands in its own `*.commands.ts`, spread into cli.ts. */
export type CommandTable = Readonly<Record<string, (context: CommandContext) => Promise<number>>>;
