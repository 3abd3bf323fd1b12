import { format, getISOWeek, parseISO } from 'date-fns';
import { da } from 'date-fns/locale';
import { useLayoutEffect, useRef, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { MeetingSummary } from '../../../../common/meetings.domain';
import { danishDate } from '../../../../common/time';
import { timeInputValue } from '../../format';
import { withoutKommune } from './calendar.format';
import { allDayDates, isAllDay, layoutDay } from './week-grid.layout';

/** Pixels per hour; the scroll box shows 07–18 (11 hours) and scrolls for the rest of the day. */
const hourHeight = 42;
const firstVisibleHour = 7;
const visibleHours = 11;
const labelRoom = 10;
const hours = Array.from({ length: 24 }, (_, h) => h);

/**
 * The week view: days across, hours down the side, each meeting placed by its
 * start and end and overlapping ones side by side; meetings that last whole
 * days in a strip on top. ARIA grid: a header row, the all-day row and the
 * time row, each with a row header and one gridcell per day. The grid itself
 * scrolls (no wrapper between grid and rows), with the top rows sticky.
 */
export function WeekGrid({ days, meetings, today, label }: { readonly days: readonly string[]; readonly meetings: readonly MeetingSummary[]; readonly today: string; readonly label: string }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const grid = useRef<HTMLDivElement>(null);
  const time = useRef<HTMLDivElement>(null);
  const first = days[0] ?? today;
  // The grid scrolls; its header and all-day rows stay on top. It is as tall as those rows and 07–18, and opens at 07.
  useLayoutEffect(() => {
    if (!grid.current || !time.current) return;
    // Half a label's height more on each side, so "07.00" and "18.00" show whole.
    // A tall window shows more of the evening (down to the window's bottom edge), never less than 07–18, and
    // never so much that the view could not open at 07.
    const least = time.current.offsetTop + visibleHours * hourHeight + 2 * labelRoom;
    const room = window.innerHeight - grid.current.getBoundingClientRect().top - 24;
    const most = time.current.offsetTop + (24 - firstVisibleHour) * hourHeight + labelRoom;
    grid.current.style.height = `${Math.min(most, Math.max(least, room))}px`;
    grid.current.scrollTop = firstVisibleHour * hourHeight - labelRoom;
  }, [first]);
  const allDay = new Map<string, MeetingSummary[]>();
  const timed = new Map<string, MeetingSummary[]>();
  for (const m of meetings) {
    if (isAllDay(m)) for (const d of allDayDates(m)) allDay.set(d, [...(allDay.get(d) ?? []), m]);
    else timed.set(danishDate(m.startsAt), [...(timed.get(danishDate(m.startsAt)) ?? []), m]);
  }
  const dayClass = (d: string, base: string) => (d === today ? `${base} ${base}--today` : base);
  return (
    // Focusable: the hours scroll with the arrow keys even in a week without meetings.
    <div className="week" role="grid" aria-label={label} ref={grid} tabIndex={0}>
      <div className="week__top" role="rowgroup">
        <div className="week__row week__row--head" role="row">
          <div className="week__corner" role="columnheader">
            {t('calendarWeek.weekNumber', { week: getISOWeek(parseISO(first)) })}
          </div>
          {days.map((d) => (
            <div key={d} className={dayClass(d, 'week__day-head')} role="columnheader" aria-current={d === today ? 'date' : undefined}>
              <button type="button" className="week__date" onClick={() => navigate(`/moeder/ny/dato/${d}`)}>
                {/* The visible day is part of the button's name (axe label-content-name-mismatch). */}
                <span className="visually-hidden">{t('calendarWeek.newMeetingOn')} </span>
                <span className="week__weekday">{format(parseISO(d), 'EEEE', { locale: da })}</span> <span className="week__daydate">{format(parseISO(d), 'd.M.')}</span>
              </button>
            </div>
          ))}
        </div>
        <div className="week__row week__row--allday" role="row">
          <div className="week__hours-head" role="rowheader">
            {t('calendarWeek.allDay')}
          </div>
          {days.map((d) => (
            <div key={d} className={dayClass(d, 'week__allday')} role="gridcell">
              {(allDay.get(d) ?? []).map((m) => (
                <MeetingLink key={m.id} meeting={m} time={null} />
              ))}
            </div>
          ))}
        </div>
      </div>
      <div className="week__row week__row--time" role="row" ref={time} style={{ height: 24 * hourHeight }}>
        <div className="week__hours" role="rowheader" aria-label={t('calendarWeek.times')}>
          {hours.map((h) => (
            <span key={h} className="week__hour" aria-hidden="true" style={{ top: h * hourHeight }}>
              {h === 0 ? '' : `${String(h).padStart(2, '0')}.00`}
            </span>
          ))}
        </div>
        {days.map((d) => (
          <div
            key={d}
            className={dayClass(d, 'week__column')}
            role="gridcell"
            onClick={(e) => {
              if (e.target === e.currentTarget) navigate(`/moeder/ny/dato/${d}`);
            }}
          >
            {layoutDay(d, timed.get(d) ?? []).map(({ event, start, end, column, columns }) => (
              <MeetingLink
                key={event.id}
                meeting={event}
                time={timeInputValue(event.startsAt).replace(':', '.')}
                style={{ top: (start / 60) * hourHeight, height: ((end - start) / 60) * hourHeight - 2, left: `calc(${(column / columns) * 100}% + 2px)`, width: `calc(${100 / columns}% - 4px)` }}
              />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

function MeetingLink({ meeting: m, time, style }: { readonly meeting: MeetingSummary; readonly time: string | null; readonly style?: CSSProperties }) {
  const full = [time, m.kommune ? `${m.kommune.name}:` : null, m.title].filter(Boolean).join(' ');
  return (
    <Link href={`/moeder/${m.id}`} className={`week__meeting calendar__meeting--${m.status}`} style={style} title={full}>
      {time ? <span className="calendar__time">{time}</span> : null} {m.kommune ? <span className="calendar__kommune">{m.kommune.name}</span> : null}{' '}
      <span className="week__what">{withoutKommune(m)}</span>
    </Link>
  );
}
