import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { FieldIssue } from '../../../common/result';
import { ApiError, describeError } from '../api';
import { useToast } from './toast.component';

export type FieldErrors = Readonly<Record<string, string>>;

/** "emails.0" → first message key for that path (zod issues and server issues alike). */
export function issuesToErrors(issues: readonly FieldIssue[]): FieldErrors {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.join('.');
    if (!(key in errors)) errors[key] = issue.message;
  }
  return errors;
}

/**
 * Validation state for a form: the same zod schema as the contract validates
 * before sending, and the server's VALIDATION issues land on the same fields.
 * The values themselves live in the form's own state and are never cleared
 * on an error, so nothing the user typed is lost.
 */
export function useValidation<S extends z.ZodType>(schema: S) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const validate = useCallback(
    (values: unknown): z.output<S> | null => {
      const parsed = schema.safeParse(values);
      if (parsed.success) {
        setErrors({});
        return parsed.data;
      }
      setErrors(issuesToErrors(parsed.error.issues.map((i) => ({ path: i.path.filter((p): p is string | number => typeof p !== 'symbol'), message: i.message }))));
      return null;
    },
    [schema],
  );
  const fromServer = useCallback((error: unknown): boolean => {
    if (error instanceof ApiError && error.code === 'VALIDATION' && error.issues.length > 0) {
      setErrors(issuesToErrors(error.issues));
      return true;
    }
    return false;
  }, []);
  const { t } = useTranslation();
  const toast = useToast();
  /** A failed save: the server's field errors on their fields, anything else as an error toast (describeError's one rule). */
  const saveFailed = useCallback(
    (error: unknown): void => {
      if (!fromServer(error)) toast.show(describeError(t, error), { tone: 'error' });
    },
    [fromServer, toast, t],
  );
  return { errors, validate, fromServer, saveFailed, clear: () => setErrors({}) };
}
