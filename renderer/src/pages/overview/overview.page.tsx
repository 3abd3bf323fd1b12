import { useDeferredValue, useState } from 'react';
import { AftaleDeadlinesCard } from './aftale-deadlines.card';
import { BoligomraaderListsCard } from './boligomraader-lists.card';
import { HelhedsplanDeadlinesCard } from './helhedsplan-deadlines.card';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { AllRows } from '../../components/all-rows.component';
import { DenmarkMap, type MapMode } from '../../components/denmark-map.component';
import { PageHeader, QueryState } from '../../components/page.component';
import { RoleLine } from '../../components/roles.component';
import { formatDate, formatLongDate } from '../../format';
import { useApiQuery } from '../../queries';
import { FollowUpTable } from '../follow-ups/follow-up-table.component';
import { MeetingList } from '../meetings/meeting-list.component';
import { QuietFigure, QuietKommuner } from './quiet-kommuner.component';
import { RelationshipHealthCard } from './relationship-health.component';
import { StyringsdialogStatus } from './styringsdialog-status.component';
import '../kommuner/hub/hub.css';
import './overview.css';

/** Overblik: what needs attention this week, and where in Denmark it has been quiet. */
export function OverviewPage() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [mode, setMode] = useState<MapMode>('meeting');
  const settings = useApiQuery('settings.get');
  const dashboard = useApiQuery('dashboard.get');
  const mapStats = useApiQuery('dashboard.map');
  const areaStatuses = useApiQuery('boligomraader.map', {}, { enabled: mode === 'boligomraader' });
  const name = settings.data?.userName;
  const d = dashboard.data;
  // The figures and the week's two cards are painted first; the other cards render right after, as a transition the
  // browser may paint before (React's deferred value starts false), so the first view does not wait for every card.
  const rest = useDeferredValue(true, false);

  return (
    <section>
      <PageHeader title={name ? t('overview.greeting', { name }) : t('overview.greetingAnonymous')} subtitle={d ? t('overview.today', { date: formatLongDate(d.today) }) : undefined} />
      <QueryState isLoading={dashboard.isLoading} error={dashboard.error} />
      {d ? (
        <>
          <div className="figures">
            <a href="#dashboard-week" className="figure">
              <span className="figure__value">{d.thisWeekCount}</span>
              <span className="figure__label">{t('overview.thisWeek')}</span>
            </a>
            <Link href="/opfoelgning" className={d.overdueCount > 0 ? 'figure figure--alert' : 'figure'}>
              {/* elementtiming: the browser records when this figure was painted — the bench's "Overblik painted with its figures". */}
              <span className="figure__value" data-testid="overdue-count" elementtiming="overblik-figures">
                {d.overdueCount}
              </span>
              <span className="figure__label">{t('overview.overdueFollowUps')}</span>
            </Link>
            <Link href="/opfoelgning" className="figure">
              <span className="figure__value" data-testid="due-soon-count">
                {d.dueSoonCount}
              </span>
              <span className="figure__label">{t('overview.dueSoon')}</span>
            </Link>
            <QuietFigure dashboard={d} />
          </div>
          <div className="dashboard">
            <div className="card" id="dashboard-week">
              <h2>{t('overview.thisWeek')}</h2>
              <MeetingList meetings={d.thisWeek} empty={t('overview.noMeetings')} />
              <SeeAll shown={d.thisWeek.length} count={d.thisWeekCount} href="/kalender" text={t('overview.seeAllMeetings', { count: d.thisWeekCount })} />
              <h2>{t('overview.nextWeek')}</h2>
              <MeetingList meetings={d.nextWeek} empty={t('overview.noMeetings')} />
              <SeeAll shown={d.nextWeek.length} count={d.nextWeekCount} href="/kalender" text={t('overview.seeAllMeetings', { count: d.nextWeekCount })} />
            </div>
            <div className="card dashboard__followups">
              <h2>{t('overview.overdueFollowUps')}</h2>
              {d.overdue.length === 0 ? <p className="empty">{t('overview.nothingDue')}</p> : <FollowUpTable followUps={d.overdue} Rows={AllRows} />}
              <SeeAll shown={d.overdue.length} count={d.overdueCount} href="/opfoelgning" text={t('overview.seeAll', { count: d.overdueCount })} />
              <h2>{t('overview.dueSoon')}</h2>
              {d.dueSoon.length === 0 ? <p className="empty">{t('overview.nothingDue')}</p> : <FollowUpTable followUps={d.dueSoon} Rows={AllRows} />}
              <SeeAll shown={d.dueSoon.length} count={d.dueSoonCount} href="/opfoelgning" text={t('overview.seeAll', { count: d.dueSoonCount })} />
            </div>
            <div className="card">
              <div className="card__header">
                <h2>{t('overview.map')}</h2>
                <div className="segmented" role="group" aria-label={t('overview.map')}>
                  <button type="button" aria-pressed={mode === 'meeting'} onClick={() => setMode('meeting')}>
                    {t('overview.mapByMeeting')}
                  </button>
                  <button type="button" aria-pressed={mode === 'followUps'} onClick={() => setMode('followUps')}>
                    {t('overview.mapByFollowUps')}
                  </button>
                  <button type="button" aria-pressed={mode === 'boligomraader'} onClick={() => setMode('boligomraader')}>
                    {t('boligomraader.map.mode')}
                  </button>
                </div>
              </div>
              {mapStats.data ? <DenmarkMap stats={mapStats.data} mode={mode} areaStatuses={areaStatuses.data} onOpen={(id) => navigate(`/kommuner/${id}`)} /> : null}
            </div>
            {rest ? (
              <>
                <div className="card" id="dashboard-quiet">
                  <h2>{t('overview.quietKommuner', { months: d.quietMonths })}</h2>
                  <QuietKommuner dashboard={d} />
                </div>
                <RelationshipHealthCard dashboard={d} />
                <AftaleDeadlinesCard />
                <BoligomraaderListsCard />
                <HelhedsplanDeadlinesCard />
                <StyringsdialogCard today={d.today} />
                {d.election ? (
                  <div className="card dashboard__wide">
                    <h2>{t('overview.rolesToReview', { date: formatDate(d.election.date) })}</h2>
                    {d.rolesToReview.length === 0 ? (
                      <p className="empty">{t('overview.noRolesToReview')}</p>
                    ) : (
                      <>
                        <p className="field__hint">{t('overview.rolesToReviewHint')}</p>
                        <ul className="roles">
                          {d.rolesToReview.map((role) => (
                            <RoleLine key={role.id} role={role} show="contact" />
                          ))}
                        </ul>
                      </>
                    )}
                  </div>
                ) : null}
              </>
            ) : null}
          </div>
          <p className="muted map-attribution">{t('overview.mapAttribution')}</p>
        </>
      ) : null}
    </section>
  );
}

/** A list Overblik cuts short (dashboardListRows, dashboardWeekRows): how many there are, one click from where they all are. */
function SeeAll({ shown, count, href, text }: { readonly shown: number; readonly count: number; readonly href: string; readonly text: string }) {
  if (count <= shown) return null;
  return (
    <Link href={href} className="see-all">
      {text}
    </Link>
  );
}

/** The year's styringsdialog per kommune (its own read: the board behind it is Overblik's slowest query). */
function StyringsdialogCard({ today }: { readonly today: string }) {
  const { t } = useTranslation();
  const status = useApiQuery('dashboard.styringsdialog');
  return (
    <div className="card dashboard__wide">
      <div className="card__header">
        <h2>{t('overview.styringsdialog', { year: status.data?.year ?? Number(today.slice(0, 4)) })}</h2>
        <Link href="/styringsdialog" className="button button--secondary">
          {t('sd.openBoard')}
        </Link>
      </div>
      <QueryState isLoading={status.isLoading} error={status.error} />
      {status.data ? status.data.rows.length === 0 ? <p className="empty">{t('overview.sdNone')}</p> : <StyringsdialogStatus rows={status.data.rows} /> : null}
    </div>
  );
}
