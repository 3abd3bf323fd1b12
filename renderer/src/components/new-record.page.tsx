import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { Channel, ChannelInput, ChannelOutput } from '../../../common/contract';
import { describeError } from '../api';
import { useApiMutation } from '../queries';
import { Field } from './field.component';
import { PageHeader } from './page.component';
import { useToast } from './toast.component';

/** The channels that make a record and answer with it. */
type CreateChannel = { [C in Channel]: ChannelOutput<C> extends { readonly id: string } ? C : never }[Channel];

/**
 * A "Ny …" page (Ny aftale, Ny helhedsplan): the record's name (required),
 * its few first choices (`children`, under the name) and the create button;
 * the rest is filled in on the record's own page, which it opens when made.
 * A failed create is said in a toast and keeps what was typed.
 */
export function NewRecordPage<C extends CreateChannel>({ texts, channel, input, href, children }: {
  /** The page's title, the name field's label and the create button's. */
  readonly texts: { readonly title: string; readonly name: string; readonly submit: string };
  /** The channel that makes the record, and its input from the name (the choices are the caller's own state). */
  readonly channel: C;
  readonly input: (name: string) => ChannelInput<C>;
  /** The made record's page. */
  readonly href: (id: string) => string;
  readonly children: ReactNode;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const [, navigate] = useLocation();
  const create = useApiMutation(channel);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = () => {
    if (!name.trim()) return setError('validation.required');
    create.mutateAsync(input(name)).then(
      (record) => navigate(href(record.id)),
      (e: unknown) => toast.show(describeError(t, e), { tone: 'error' }),
    );
  };
  return (
    <section>
      <PageHeader title={texts.title} />
      <form
        className="card form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Field label={texts.name} error={error}>
          {(p) => <input {...p} value={name} onChange={(e) => (setName(e.target.value), setError(undefined))} autoFocus />}
        </Field>
        {children}
        <div className="form-actions">
          <button type="submit" className="button" disabled={create.isPending}>
            {texts.submit}
          </button>
        </div>
      </form>
    </section>
  );
}
