import type { KredsbogBridge } from '../../common/bridge';
import type { Channel, ChannelInput, ChannelOutput } from '../../common/contract';
import type { AppErrorCode, AppErrorData, FieldIssue } from '../../common/result';
import { createHttpBridge, hostToken } from './http-bridge';

/**
 * The renderer's one seam to the outside world. Components call `api.call`;
 * it returns the value or throws an ApiError carrying the closed error code,
 * which `describeError` turns into a Danish (or English) sentence.
 */
declare global {
  interface Window {
    kredsbog?: KredsbogBridge;
  }
}

export class ApiError extends Error {
  readonly code: AppErrorCode;
  readonly issues: readonly FieldIssue[];
  constructor(data: AppErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.code = data.code;
    this.issues = data.issues ?? [];
  }
}

let bridge: KredsbogBridge | null = null;

function currentBridge(): KredsbogBridge {
  if (bridge) return bridge;
  if (window.kredsbog) bridge = window.kredsbog;
  else bridge = createHttpBridge(hostToken(window.location, window.sessionStorage) ?? '');
  return bridge;
}

/** For tests: run the renderer against a given bridge. */
export function setBridge(next: KredsbogBridge | null): void {
  bridge = next;
}

export async function call<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const fn = currentBridge()[channel] as (input?: ChannelInput<C>) => ReturnType<KredsbogBridge[C]>;
  const result = await fn(input);
  if (result.ok) return result.value as ChannelOutput<C>;
  throw new ApiError(result.error);
}

export const api = { call };

/** The backend writes its sentences for the user in Danish (AppError messages in db/ and main/). */
const serverLanguage = 'da';

/**
 * Codes whose server message is never shown: INTERNAL carries whatever went
 * wrong (a job worker passes the raw exception text), and the two IPC guards
 * are technical. For every other code the backend's message is a sentence
 * written for the user ("Sikkerhedskopien … findes ikke (længere).",
 * "Filen er ikke en kalenderfil …", "Disken med databasen (…) er fuld …").
 */
const technicalCodes: ReadonlySet<AppErrorCode> = new Set(['INTERNAL', 'UNKNOWN_CHANNEL', 'FORBIDDEN_SENDER']);

/**
 * THE rule for which message the user sees when a call fails (every screen
 * uses this; none reads `error.message` itself):
 *
 * 1. Not an ApiError (a bug, a lost connection): `errors.INTERNAL`.
 * 2. VALIDATION with field issues: `errors.VALIDATION` ("Ret de markerede
 *    felter"); the issues themselves go onto the form's fields
 *    (components/form.ts `fromServer`, as i18n keys `validation.*`).
 * 3. A technical code (above): the code's sentence, `errors.<code>`.
 * 4. Any other code: the server's own sentence where it is more precise than
 *    the code's (which file, which folder, which backup) — but only in the
 *    Danish UI, since it is Danish; the English UI shows `errors.<code>`, so
 *    no Danish leaks into it. An empty server message falls back to the code's.
 *
 * Which language the UI shows is read from the table itself (`language`).
 */
export function describeError(t: (key: string) => string, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.INTERNAL');
  const generic = t(`errors.${error.code}`);
  if (technicalCodes.has(error.code) || (error.code === 'VALIDATION' && error.issues.length > 0)) return generic;
  if (t('language') !== serverLanguage || error.message.trim() === '') return generic;
  return error.message;
}
