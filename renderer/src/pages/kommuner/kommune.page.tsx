import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { describeError } from '../../api';
import { PageHeader, QueryState } from '../../components/page.component';
import { RoleList } from '../../components/roles.component';
import { useToast } from '../../components/toast.component';
import { useApiMutation, useApiQuery } from '../../queries';
import { KommuneReferaterCard } from '../referat-export/referat-collection.buttons';
import { KommuneAftalerSection } from './aftaler.section';
import { KommuneMembershipSection } from './membership.section';

export function KommunePage({ id }: { readonly id: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const kommune = useApiQuery('kommuner.get', { id });
  const kredse = useApiQuery('kredse.list');
  const update = useApiMutation('kommuner.update');
  const [notes, setNotes] = useState<string | null>(null);
  useEffect(() => setNotes(null), [id]);

  const k = kommune.data;
  if (!k) return <QueryState isLoading={kommune.isLoading} error={kommune.error} />;
  const notesValue = notes ?? k.notes;
  const save = (input: { kredsId?: string | null; notes?: string }) =>
    update.mutate(
      { id, ...input },
      {
        onSuccess: () => {
          if (input.notes !== undefined) setNotes(null);
          toast.show(t('common.saved'));
        },
        onError: (error) => toast.show(describeError(t, error), { tone: 'error' }),
      },
    );

  return (
    <section>
      <PageHeader title={`${k.navn} Kommune`} subtitle={`${t('kommuner.columns.kode')} ${k.kode} · ${k.regionNavn}`} />
      <div className="grid-2">
        <div className="card">
          <h2>{t('kommuner.organisations')}</h2>
          {k.organisations.length === 0 ? <p className="empty">{t('kommuner.noOrganisations')}</p> : null}
          <ul className="plain-list">
            {k.organisations.map((o) => (
              <li key={o.id}>
                <Link href={`/organisationer/${o.id}`}>{o.name}</Link> <span className="badge">{t(`kinds.organisation.${o.kind}`)}</span>
              </li>
            ))}
          </ul>
          <Link href={`/organisationer/ny/${k.id}`} className="button button--secondary">
            {t('kommuner.newOrganisation')}
          </Link>
        </div>
        <div className="card">
          <h2>{t('kommuner.kredsLabel')}</h2>
          <select
            aria-label={t('kommuner.kredsLabel')}
            value={k.kredsId ?? ''}
            onChange={(e) => save({ kredsId: e.target.value || null })}
            disabled={update.isPending}
          >
            <option value="">{t('common.noKreds')}</option>
            {kredse.data?.map((kreds) => (
              <option key={kreds.id} value={kreds.id}>
                {kreds.name}
              </option>
            ))}
          </select>
          <h2>{t('common.notes')}</h2>
          <textarea
            aria-label={t('common.notes')}
            rows={5}
            placeholder={t('kommuner.notesPlaceholder')}
            value={notesValue}
            onChange={(e) => setNotes(e.target.value)}
          />
          <div className="form-actions">
            <button type="button" className="button" disabled={notes === null || notes === k.notes || update.isPending} onClick={() => save({ notes: notesValue })}>
              {update.isPending ? t('common.saving') : t('common.save')}
            </button>
          </div>
        </div>
      </div>
      <div className="card">
        <h2>{t('kommuner.contacts')}</h2>
        <RoleList roles={k.roles} show="contact" emptyText={t('kommuner.noContacts')} />
      </div>
      <KommuneReferaterCard kommuneId={k.id} kommuneNavn={k.navn} />
      <KommuneAftalerSection kommuneId={k.id} />
      <KommuneMembershipSection kommune={k} />
    </section>
  );
}
