import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { KommuneHub } from '../../../../../common/relationships.domain';
import { formatInstantDate } from '../../../format';

/** "Samarbejde": the kommune's series and organisations, each with its latest meeting. */
export function CollaborationSection({ hub }: { readonly hub: KommuneHub }) {
  const { t } = useTranslation();
  const c = hub.collaboration;
  return (
    <section className="card hub-card" aria-labelledby="hub-collaboration">
      <h2 id="hub-collaboration">{t('rel.collaboration')}</h2>
      <div className="hub-columns">
        <div>
          <h3 className="hub-card__sub">{t('rel.series')}</h3>
          {c.series.length === 0 ? (
            <p className="empty">{t('rel.noSeries')}</p>
          ) : (
            <ul className="hub-lines">
              {c.series.map((s) => (
                <li key={s.id}>
                  <Link href={`/moederaekker/${s.id}`}>{s.title}</Link>
                  {s.organisations ? <span className="hub-lines__context">{s.organisations}</span> : null}
                  <span className="muted">{s.lastMeetingAt ? t('rel.lastMeeting', { date: formatInstantDate(s.lastMeetingAt) }) : t('rel.noMeetingYet')}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 className="hub-card__sub">{t('rel.organisations')}</h3>
          {c.organisations.length === 0 ? (
            <p className="empty">{t('kommuner.noOrganisations')}</p>
          ) : (
            <ul className="hub-lines">
              {c.organisations.map((o) => (
                <li key={o.id}>
                  <Link href={`/organisationer/${o.id}`}>{o.name}</Link> <span className="badge">{t(`kinds.organisation.${o.kind}`)}</span>
                  <span className="muted">{o.lastMeetingAt ? t('rel.lastMeeting', { date: formatInstantDate(o.lastMeetingAt) }) : t('rel.noMeetingYet')}</span>
                </li>
              ))}
            </ul>
          )}
          <Link href={`/organisationer/ny/${hub.kommune.id}`} className="button button--secondary">
            {t('kommuner.newOrganisation')}
          </Link>
        </div>
      </div>
    </section>
  );
}
