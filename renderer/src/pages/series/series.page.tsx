import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MoreMenu } from '../../components/more-menu.component';
import { SeriesCalendarButton } from '../calendar-files/calendar-buttons.component';
import { ReferatCollectionButtons } from '../referat-export/referat-collection.buttons';
import { Link } from 'wouter';
import { describeError } from '../../api';
import { PageHeader, QueryState } from '../../components/page.component';
import { useToast } from '../../components/toast.component';
import { DeletedBanner, useTombstone } from '../../components/tombstone.component';
import { formatInstantDate } from '../../format';
import { useApiMutation, useApiQuery } from '../../queries';
import { SeriesForm, valuesFromSeries } from './series-form.page';

export function SeriesPage({ id }: { readonly id: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const series = useApiQuery('series.get', { id });
  const archive = useApiMutation('series.archive');
  const tombstone = useTombstone({ remove: 'series.delete', restore: 'series.restore' });
  const s = series.data;
  if (!s) return <QueryState isLoading={series.isLoading} error={series.error} />;
  const live = s.deletedAt === null;
  const cadence = s.cadenceUnit === 'none' || s.cadenceInterval === null ? t('series.cadenceNone') : `${t('series.cadenceEvery')} ${s.cadenceInterval} ${t(`series.cadenceUnit.${s.cadenceUnit}`)}`;

  return (
    <section>
      <PageHeader
        title={s.title}
        subtitle={
          <>
            {t(`series.kinds.${s.kind}`)}
            {s.year ? ` ${s.year}` : ''}
            {s.kommune ? (
              <>
                {' · '}
                <Link href={`/kommuner/${s.kommune.id}`}>{s.kommune.name}</Link>
              </>
            ) : null}
            {' · '}
            {cadence} {s.archived ? <span className="badge">{t('series.archived')}</span> : null}
          </>
        }
        actions={
          live && !editing ? (
            <>
              <Link href={`/moeder/ny/serie/${s.id}`} className="button">
                {t('series.planNext')}
              </Link>
              <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
                {t('common.edit')}
              </button>
              <MoreMenu label={t('common.more')}>
                <SeriesCalendarButton seriesId={s.id} />
                <ReferatCollectionButtons filter={{ seriesId: s.id }} />
                <button type="button" className="button button--secondary" onClick={() => archive.mutate({ id, archived: !s.archived }, { onError: (e) => toast.show(describeError(t, e), { tone: 'error' }) })}>
                  {s.archived ? t('series.unarchive') : t('series.archive')}
                </button>
                <button type="button" className="button button--danger" onClick={() => tombstone.doDelete(id, t('series.deleted', { title: s.title }))}>
                  {t('common.delete')}
                </button>
              </MoreMenu>
            </>
          ) : null
        }
      />
      {!live ? <DeletedBanner onRestore={() => tombstone.doRestore(id)} /> : null}
      {editing ? (
        <SeriesForm seriesId={s.id} initial={valuesFromSeries(s)} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />
      ) : (
        <div className="grid-2">
          <div className="card">
            <h2>{t('series.members')}</h2>
            {s.members.length === 0 ? <p className="empty">–</p> : null}
            <ul className="plain-list">
              {s.members.map((m) => (
                <li key={m.id}>
                  <Link href={`/kontakter/${m.id}`}>{m.name}</Link>
                </li>
              ))}
            </ul>
            {s.organisations.length > 0 ? (
              <>
                <h2>{t('series.organisations')}</h2>
                <ul className="plain-list">
                  {s.organisations.map((o) => (
                    <li key={o.id}>
                      <Link href={`/organisationer/${o.id}`}>{o.name}</Link>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
          <div className="card">
            <h2>{t('series.template')}</h2>
            <ol className="plain-list plain-list--numbered">
              <li className="muted">{t('meetings.carried')}</li>
              {s.agendaTemplate.map((title, i) => (
                <li key={i}>{title}</li>
              ))}
            </ol>
            {s.defaultPlace ? (
              <p>
                <strong>{t('series.defaultPlace')}:</strong> {s.defaultPlace}
              </p>
            ) : null}
          </div>
        </div>
      )}
      <div className="card">
        <h2>
          {t('series.meetings')} · {t('series.openFollowUps')}: {s.openFollowUps}
        </h2>
        {s.meetings.length === 0 ? <p className="empty">–</p> : null}
        <ul className="meeting-list">
          {s.meetings.map((m) => (
            <li key={m.id} className={`meeting-line meeting-line--${m.status}`}>
              <span className="meeting-line__time">{formatInstantDate(m.startsAt)}</span>
              <Link href={`/moeder/${m.id}`} className="meeting-line__title">
                {m.title}
              </Link>
              <span className={`badge badge--${m.status}`}>{t(`meetings.status.${m.status}`)}</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
