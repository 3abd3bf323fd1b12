import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { DuplicateSuggestion, MergeSummary } from '../../../../common/domain';
import { describeError } from '../../api';
import { PageHeader, QueryState } from '../../components/page.component';
import { useToast } from '../../components/toast.component';
import { useApiMutation, useApiQuery } from '../../queries';

type DuplicateRecord = DuplicateSuggestion['records'][number];

/**
 * "Mulige dubletter": pairs that look like the same person or organisation,
 * typed in on two laptops. Nothing is merged automatically; the user chooses
 * which record survives, sees what will move, and confirms — or dismisses.
 */
export function DuplicatesPage() {
  const { t } = useTranslation();
  const suggestions = useApiQuery('duplicates.list', undefined);
  const list = suggestions.data ?? [];
  return (
    <section>
      <PageHeader title={t('duplicates.title')} subtitle={suggestions.data ? t('duplicates.count', { count: list.length }) : undefined} />
      <p className="muted page-intro">{t('duplicates.intro')}</p>
      <QueryState isLoading={suggestions.isLoading} error={suggestions.error} />
      {suggestions.data && list.length === 0 ? <p className="empty">{t('duplicates.none')}</p> : null}
      {list.map((s) => (
        <SuggestionCard key={`${s.records[0].id}|${s.records[1].id}`} suggestion={s} />
      ))}
    </section>
  );
}

function SuggestionCard({ suggestion }: { readonly suggestion: DuplicateSuggestion }) {
  const { t } = useTranslation();
  const toast = useToast();
  const merge = useApiMutation('duplicates.merge');
  const dismiss = useApiMutation('duplicates.dismiss');
  const [pending, setPending] = useState<MergeSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [a, b] = suggestion.records;
  const onError = (e: unknown) => setError(describeError(t, e));

  const propose = (survivor: DuplicateRecord, merged: DuplicateRecord) => {
    setError(null);
    merge.mutate({ table: suggestion.table, survivorId: survivor.id, mergedId: merged.id, dryRun: true }, { onSuccess: setPending, onError });
  };
  const confirm = () => {
    if (!pending) return;
    merge.mutate(
      { table: suggestion.table, survivorId: pending.survivorId, mergedId: pending.mergedId, dryRun: false },
      { onSuccess: (done) => toast.show(t('duplicates.merged', { name: done.survivorName })), onError },
    );
  };
  const moves = pending
    ? [
        pending.roles ? t('duplicates.moves.roles', { count: pending.roles }) : null,
        pending.attendance ? t('duplicates.moves.attendance', { count: pending.attendance }) : null,
        pending.followUps ? t('duplicates.moves.followUps', { count: pending.followUps }) : null,
        pending.seriesLinks ? t('duplicates.moves.seriesLinks', { count: pending.seriesLinks }) : null,
        pending.kommuner ? t('duplicates.moves.kommuner', { count: pending.kommuner }) : null,
      ].filter((x): x is string => x !== null)
    : [];

  return (
    <article className="card duplicate" aria-label={t('duplicates.pairLabel', { a: a.name, b: b.name })}>
      <header className="duplicate__header">
        <span className="badge">{t(`duplicates.table.${suggestion.table}`)}</span>
        <span className="muted">{suggestion.reasons.map((r) => t(`duplicates.reasons.${r}`)).join(' · ')}</span>
      </header>
      <div className="duplicate__pair">
        {[a, b].map((record, i) => (
          <RecordColumn key={record.id} table={suggestion.table} record={record} other={i === 0 ? b : a} onKeep={() => propose(record, i === 0 ? b : a)} busy={merge.isPending} />
        ))}
      </div>
      {pending ? (
        <div className="notice notice--warning duplicate__confirm" role="group" aria-label={t('duplicates.confirmTitle')}>
          <p>
            <strong>{t('duplicates.confirm', { survivor: pending.survivorName, merged: pending.mergedName })}</strong>
          </p>
          <p>{moves.length ? t('duplicates.willMove', { list: moves.join(', ') }) : t('duplicates.nothingToMove')}</p>
          <p className="muted">{t('duplicates.syncNote')}</p>
          <div className="form-actions">
            <button type="button" className="button" onClick={confirm} disabled={merge.isPending}>
              {t('duplicates.doMerge')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setPending(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="form-actions">
          <button
            type="button"
            className="button button--secondary"
            disabled={dismiss.isPending}
            onClick={() => dismiss.mutate({ a: a.id, b: b.id }, { onSuccess: () => toast.show(t('duplicates.dismissed')), onError })}
          >
            {t('duplicates.dismiss')}
          </button>
        </div>
      )}
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
    </article>
  );
}

function RecordColumn({ table, record, other, onKeep, busy }: { readonly table: DuplicateSuggestion['table']; readonly record: DuplicateRecord; readonly other: DuplicateRecord; readonly onKeep: () => void; readonly busy: boolean }) {
  const { t } = useTranslation();
  const href = table === 'contact' ? `/kontakter/${record.id}` : `/organisationer/${record.id}`;
  const lines: [string, string[]][] =
    table === 'contact'
      ? [
          [t('duplicates.fields.emails'), record.emails],
          [t('duplicates.fields.phones'), record.phones],
          [t('duplicates.fields.roles'), record.roles],
        ]
      : [
          [t('common.kind'), record.kind ? [t(`kinds.organisation.${record.kind}`)] : []],
          [t('common.kommuner'), record.kommuner],
        ];
  return (
    <div className="duplicate__record">
      <h3>
        <Link href={href}>{record.name}</Link>
      </h3>
      <dl className="facts">
        {lines.map(([label, values]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{values.length ? values.join(', ') : <span className="muted">{t('common.none')}</span>}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button button--secondary" onClick={onKeep} disabled={busy}>
        {t('duplicates.keep', { name: record.name, other: other.name })}
      </button>
    </div>
  );
}
