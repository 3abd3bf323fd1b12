import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { PageHeader, QueryState } from '../../components/page.component';
import { useApiQuery } from '../../queries';

export function OverviewPage() {
  const { t } = useTranslation();
  const settings = useApiQuery('settings.get');
  const stats = useApiQuery('stats.get');
  const hasKredse = (settings.data?.myKredse.length ?? 0) > 0;
  const mine = useApiQuery('kommuner.list', { onlyMyKredse: true }, { enabled: hasKredse });
  const name = settings.data?.userName;

  return (
    <section>
      <PageHeader title={name ? t('overview.greeting', { name }) : t('overview.greetingAnonymous')} subtitle={t('overview.intro')} />
      <QueryState isLoading={stats.isLoading} error={stats.error} />
      {stats.data ? (
        <div className="figures">
          <Link href="/kommuner" className="figure">
            <span className="figure__value">{stats.data.kommuner}</span>
            <span className="figure__label">{t('overview.kommuner')}</span>
          </Link>
          <Link href="/organisationer" className="figure">
            <span className="figure__value">{stats.data.organisations}</span>
            <span className="figure__label">{t('overview.organisations')}</span>
          </Link>
          <Link href="/kontakter" className="figure">
            <span className="figure__value">{stats.data.contacts}</span>
            <span className="figure__label">{t('overview.contacts')}</span>
          </Link>
          <div className="figure">
            <span className="figure__value">{stats.data.affiliations}</span>
            <span className="figure__label">{t('overview.affiliations')}</span>
          </div>
        </div>
      ) : null}
      <div className="card">
        <h2>{t('overview.myKommuner')}</h2>
        {settings.data && !hasKredse ? (
          <p className="empty">
            {t('overview.myKredseNone')} <Link href="/indstillinger">{t('nav.settings')}</Link>
          </p>
        ) : null}
        {mine.data ? (
          <ul className="kommune-tiles">
            {mine.data.map((k) => (
              <li key={k.id}>
                <Link href={`/kommuner/${k.id}`} className="kommune-tile">
                  <strong>{k.navn}</strong>
                  <span className="muted">
                    {k.kredsNumber}. kreds · {k.organisationCount} org. · {k.contactCount} kont.
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <p className="notice">{t('overview.meetingsLater')}</p>
    </section>
  );
}
