/**
 * Errors cross process boundaries as data, never as thrown exceptions.
 * The set of codes is closed: adding one? Also add its Danish and English
 * text in renderer/src/i18n/*.ts (`errors.<code>`), or the typecheck fails there.
 */
export const errorCodes = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN_SENDER',
  'UNKNOWN_CHANNEL',
  'DB_FROM_NEWER_VERSION',
  'DB_READ_ONLY',
  'DISK_FULL',
  'DB_BUSY',
  'DB_CORRUPT',
  'DB_IO_ERROR',
  'CANCELLED',
  'INTERNAL',
] as const;

export type AppErrorCode = (typeof errorCodes)[number];

/** One problem with one field of an input, path as zod reports it. */
export interface FieldIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export interface AppErrorData {
  readonly code: AppErrorCode;
  readonly message: string;
  readonly issues?: readonly FieldIssue[];
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: AppErrorData };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (error: AppErrorData): Result<never> => ({ ok: false, error });

/**
 * Thrown inside handlers and services for expected failures; the dispatcher
 * turns it into an error Result. Anything else thrown becomes INTERNAL.
 */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly issues?: readonly FieldIssue[];

  constructor(code: AppErrorCode, message: string, issues?: readonly FieldIssue[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
  }

  toData(): AppErrorData {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}

export function isAppErrorCode(value: unknown): value is AppErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}
