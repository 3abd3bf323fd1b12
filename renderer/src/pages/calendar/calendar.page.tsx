import { addDays, addMonths, addWeeks, format, getISOWeek, parseISO } from 'date-fns';
import { da } from 'date-fns/locale';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { MeetingSummary } from '../../../../common/meetings.domain';
import { danishDate, danishInstant } from '../../../../common/time';
import { PageHeader, QueryState } from '../../components/page.component';
import { timeInputValue } from '../../format';
import { useApiQuery } from '../../queries';
import { calendarDays, isoDate as iso, withoutKommune, type CalendarView as View } from './calendar.format';
import { WeekGrid } from './week-grid.component';

/** Month and week views of meetings; click a meeting to open it, a day to plan one. */
export function CalendarPage() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const today = danishDate(new Date());
  const [view, setView] = useState<View>('month');
  const [anchor, setAnchor] = useState(today);
  const days = calendarDays(anchor, view);
  const meetings = useApiQuery('meetings.list', { from: danishInstant(days[0]!, 0), to: danishInstant(iso(addDays(parseISO(days.at(-1)!), 1)), 0) });
  const byDay = new Map<string, MeetingSummary[]>();
  for (const m of meetings.data ?? []) {
    const day = danishDate(m.startsAt);
    byDay.set(day, [...(byDay.get(day) ?? []), m]);
  }
  const step = (n: number) => setAnchor(iso(view === 'month' ? addMonths(parseISO(anchor), n) : addWeeks(parseISO(anchor), n)));
  const title = view === 'month' ? format(parseISO(anchor), 'MMMM yyyy', { locale: da }) : `${t('calendar.week')} ${format(parseISO(anchor), 'I, yyyy', { locale: da })}`;
  const month = anchor.slice(0, 7);

  return (
    <section>
      <PageHeader
        title={<span className="calendar__title">{title}</span>}
        actions={
          <>
            <Link href="/kalender/importer" className="button button--secondary">
              {t('ics.importLink')}
            </Link>
            <div className="segmented" role="group" aria-label={t('calendar.view')}>
              <button type="button" aria-pressed={view === 'month'} onClick={() => setView('month')}>
                {t('calendar.month')}
              </button>
              <button type="button" aria-pressed={view === 'week'} onClick={() => setView('week')}>
                {t('calendar.week')}
              </button>
            </div>
            <button type="button" className="button button--secondary" aria-label={t('calendar.previous')} onClick={() => step(-1)}>
              ←
            </button>
            <button type="button" className="button button--secondary" onClick={() => setAnchor(today)}>
              {t('calendar.today')}
            </button>
            <button type="button" className="button button--secondary" aria-label={t('calendar.next')} onClick={() => step(1)}>
              →
            </button>
          </>
        }
      />
      <QueryState isLoading={meetings.isLoading} error={meetings.error} />
      {view === 'week' ? (
        <WeekGrid days={days} meetings={meetings.data ?? []} today={today} label={title} />
      ) : (
        <div className="calendar" role="grid" aria-label={title}>
          <div className="calendar__row" role="row">
            {days.slice(0, 7).map((d) => (
              <div key={`h-${d}`} className="calendar__weekday" role="columnheader">
                {format(parseISO(d), 'EEEE', { locale: da })}
              </div>
            ))}
          </div>
          {Array.from({ length: days.length / 7 }, (_, week) => days.slice(week * 7, week * 7 + 7)).map((weekDays) => (
            <div key={weekDays[0]} className="calendar__row" role="row">
              {weekDays.map((d, i) => (
                <div
                  key={d}
                  role="gridcell"
                  aria-current={d === today ? 'date' : undefined}
                  className={['calendar__day', d === today ? 'calendar__day--today' : '', d.slice(0, 7) !== month ? 'calendar__day--other' : ''].join(' ')}
                  onClick={(e) => {
                    if (e.target === e.currentTarget) navigate(`/moeder/ny/dato/${d}`);
                  }}
                >
                  <button type="button" className="calendar__date" aria-label={t('calendar.newOn', { date: format(parseISO(d), 'EEEE d. MMMM', { locale: da }) })} onClick={() => navigate(`/moeder/ny/dato/${d}`)}>
                    {format(parseISO(d), 'd.')}
                  </button>
                  {i === 0 ? <span className="calendar__week">{t('calendarWeek.weekNumber', { week: getISOWeek(parseISO(d)) })}</span> : null}
                  {(byDay.get(d) ?? []).map((m) => (
                    <Link key={m.id} href={`/moeder/${m.id}`} className={`calendar__meeting calendar__meeting--${m.status}`} title={m.kommune ? `${m.kommune.name}: ${m.title}` : m.title}>
                      <span className="calendar__time">{timeInputValue(m.startsAt).replace(':', '.')}</span>{' '}
                      {m.kommune ? <span className="calendar__kommune">{m.kommune.name}</span> : null} <span className="calendar__what">{withoutKommune(m)}</span>
                    </Link>
                  ))}
                </div>
              ))}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
