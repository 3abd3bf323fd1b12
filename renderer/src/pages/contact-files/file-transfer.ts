import { ApiError, describeError } from '../../api';

/** The server's Danish sentence says what is wrong with a file; the generic VALIDATION text would not. */
export function fileErrorText(t: (key: string) => string, error: Error): string {
  return error instanceof ApiError && error.code === 'VALIDATION' && error.issues.length === 0 ? error.message : describeError(t, error);
}
