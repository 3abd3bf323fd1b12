import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import map from 'virtual:kommune-map';
import type { KommuneMapStats } from '../../../common/dashboard.domain';
import { formatInstantDate } from '../format';

export type MapMode = 'meeting' | 'followUps';
type Stat = KommuneMapStats[number];

const day = 86_400_000;

/** The colour class of a kommune; the legend below lists the same classes. */
export function mapClass(stat: Stat | undefined, mode: MapMode, now: number): string {
  if (!stat) return 'map-k--none';
  if (mode === 'followUps') return stat.overdueFollowUps > 0 ? 'map-k--overdue' : stat.openFollowUps > 0 ? 'map-k--open' : 'map-k--none';
  if (!stat.lastMeetingAt) return 'map-k--never';
  const age = now - Date.parse(stat.lastMeetingAt);
  return age < 91 * day ? 'map-k--recent' : age < 183 * day ? 'map-k--mid' : 'map-k--old';
}

/**
 * Danmarkskort as SVG (no network): kommuner coloured by time since the last
 * meeting or by follow-ups, "mine kredse" outlined, hover for figures,
 * click or Enter to open the kommune.
 */
export function DenmarkMap({ stats, mode, onOpen }: { readonly stats: KommuneMapStats; readonly mode: MapMode; readonly onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const [hover, setHover] = useState<Stat | null>(null);
  const byKode = new Map(stats.map((s) => [s.kode, s]));
  const now = Date.now();
  const describe = (s: Stat) =>
    t('overview.mapTooltip', { name: s.navn, last: s.lastMeetingAt ? formatInstantDate(s.lastMeetingAt) : t('overview.neverMet'), open: s.openFollowUps, overdue: s.overdueFollowUps });
  const legend =
    mode === 'meeting'
      ? (['recent', 'mid', 'old', 'never'] as const).map((c) => ({ cls: `map-k--${c}`, label: t(`overview.mapLegend${c[0]!.toUpperCase()}${c.slice(1)}`) }))
      : (['none', 'open', 'overdue'] as const).map((c) => ({ cls: `map-k--${c}`, label: t(`overview.mapLegend${c[0]!.toUpperCase()}${c.slice(1)}`) }));

  return (
    <div className="map">
      <svg viewBox={`-4 -4 ${map.width + 8} ${map.height + 8}`} role="group" aria-label={t('overview.map')} className="map__svg">
        <rect x={map.inset.x} y={map.inset.y} width={map.inset.width} height={map.inset.height} className="map__inset" rx={4} />
        {map.kommuner.map((k) => {
          const stat = byKode.get(k.kode);
          const classes = ['map-k', mapClass(stat, mode, now), stat?.mine ? 'map-k--mine' : ''].join(' ');
          return (
            <path
              key={k.kode}
              d={k.d}
              className={classes}
              role="link"
              tabIndex={0}
              aria-label={stat ? describe(stat) : k.navn}
              onMouseEnter={() => setHover(stat ?? null)}
              onMouseLeave={() => setHover(null)}
              onFocus={() => setHover(stat ?? null)}
              onClick={() => stat && onOpen(stat.id)}
              onKeyDown={(e) => e.key === 'Enter' && stat && onOpen(stat.id)}
            >
              <title>{stat ? describe(stat) : k.navn}</title>
            </path>
          );
        })}
      </svg>
      <div className="map__info" aria-live="polite">
        {hover ? describe(hover) : '\u00a0'}
      </div>
      <ul className="map__legend">
        {legend.map((l) => (
          <li key={l.cls}>
            <svg width="14" height="14" aria-hidden="true">
              <rect width="14" height="14" className={`map-k ${l.cls}`} />
            </svg>
            {l.label}
          </li>
        ))}
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <rect width="14" height="14" className="map-k map-k--none map-k--mine" />
          </svg>
          {t('overview.myKredse')}
        </li>
      </ul>
    </div>
  );
}
