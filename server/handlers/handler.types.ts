import type { Channel, ChannelOutput, ParsedInput } from '../../common/contract';
import type { AppDatabase } from '../../db/connection';

export interface HandlerContext {
  readonly app: AppDatabase;
  readonly host: 'electron' | 'browser';
  readonly version: string;
  readonly pdf?: import('../pdf/pdf-renderer').PdfRenderer;
  /** Runs long jobs off the main thread; absent (tests, in-memory databases) they run inline. */
  readonly jobs?: import('../jobs/job-runner').JobRunner;
  /**
   * Closes the database and opens `file` in its place (after a restore: the
   * same file, freshly opened; after "Flyt databasen": the new place, which
   * the host also remembers for the next start). The host swaps `app`, so
   * read `context.app` again afterwards. Absent in tests and the CLI.
   */
  readonly reopen?: (file: string, options?: { readonly fullCheck?: boolean }) => Promise<void>;
  /** The state of this start's background integrity check (db/backups/safe-open.ts); absent: checked at open. */
  readonly integrity?: () => import('../../common/backups.domain').IntegrityState;
}

/** A handler receives the parsed input and throws AppError for expected failures. */
export type Handler<C extends Channel> = (input: ParsedInput<C>, context: HandlerContext) => Promise<ChannelOutput<C>>;

/** Exactly one handler per contract channel: a missing or extra one is a compile error. */
export type HandlerTable = { readonly [C in Channel]: Handler<C> };

export type HandlersFor<Prefix extends string> = { readonly [C in Channel as C extends `${Prefix}.${string}` ? C : never]: Handler<C> };
