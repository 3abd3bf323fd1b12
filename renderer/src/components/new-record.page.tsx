import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { describeError } from '../api';
import { Field } from './field.component';
import { PageHeader } from './page.component';
import { useToast } from './toast.component';

/**
 * A "Ny …" page (Ny aftale, Ny helhedsplan): the record's name (required),
 * its few first choices (`children`, under the name) and the create button;
 * the rest is filled in on the record's own page, which it opens when made.
 * A failed create is said in a toast and keeps what was typed.
 */
export function NewRecordPage({ title, nameLabel, submitLabel, create, pending, href, children }: {
  readonly title: string;
  readonly nameLabel: string;
  readonly submitLabel: string;
  /** Makes the record from its name (the choices are the caller's own state). */
  readonly create: (name: string) => Promise<{ readonly id: string }>;
  readonly pending: boolean;
  /** The made record's page. */
  readonly href: (id: string) => string;
  readonly children: ReactNode;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const [, navigate] = useLocation();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = () => {
    if (!name.trim()) return setError('validation.required');
    create(name).then(
      (record) => navigate(href(record.id)),
      (e: unknown) => toast.show(describeError(t, e), { tone: 'error' }),
    );
  };
  return (
    <section>
      <PageHeader title={title} />
      <form
        className="card form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Field label={nameLabel} error={error}>
          {(p) => <input {...p} value={name} onChange={(e) => (setName(e.target.value), setError(undefined))} autoFocus />}
        </Field>
        {children}
        <div className="form-actions">
          <button type="submit" className="button" disabled={pending}>
            {submitLabel}
          </button>
        </div>
      </form>
    </section>
  );
}
