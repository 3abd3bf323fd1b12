import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type kommuneMap from 'virtual:kommune-map';
import type { KommuneStatus } from '../../../common/boligomraader.domain';
import { categoriesBySeverity, type BoligomraadeCategory } from '../../../common/vocabulary';
import type { KommuneMapStats } from '../../../common/dashboard.domain';
import { formatInstantDate } from '../format';
import './denmark-map.css';

export type MapMode = 'meeting' | 'followUps' | 'boligomraader';
/** The boligområder layer (issue 17): each kommune's gravest category on the lists of a year. */
export interface AreaStatusLayer {
  readonly year: number | null;
  readonly kommuner: readonly KommuneStatus[];
}
type Stat = KommuneMapStats[number];

const day = 86_400_000;

type KommuneMap = typeof kommuneMap;
/**
 * The kommune outlines (≈30 kB gzip) load after the first paint: the overview's
 * figures and lists show at once, the map draws a moment later in its reserved place.
 */
let loadedMap: KommuneMap | null = null;
let loadingMap: Promise<KommuneMap> | null = null;
export function loadKommuneMap(): Promise<KommuneMap> {
  loadingMap ??= import('virtual:kommune-map').then((m) => (loadedMap = m.default));
  return loadingMap;
}
function useKommuneMap(): KommuneMap | null {
  const [map, setMap] = useState(loadedMap);
  useEffect(() => {
    if (map) return;
    let live = true;
    void loadKommuneMap().then((m) => live && setMap(m));
    return () => {
      live = false;
    };
  }, [map]);
  return map;
}

/** The colour class of a kommune; the legend below lists the same classes. */
export function mapClass(stat: Stat | undefined, mode: MapMode, now: number, area?: KommuneStatus): string {
  if (mode === 'boligomraader') return area ? `map-k--bo-${area.category}` : 'map-k--none';
  if (!stat) return 'map-k--none';
  if (mode === 'followUps') return stat.overdueFollowUps > 0 ? 'map-k--overdue' : stat.openFollowUps > 0 ? 'map-k--open' : 'map-k--none';
  if (!stat.lastMeetingAt) return 'map-k--never';
  const age = now - Date.parse(stat.lastMeetingAt);
  return age < 91 * day ? 'map-k--recent' : age < 183 * day ? 'map-k--mid' : 'map-k--old';
}

/**
 * A texture per class on top of its colour, so the map reads without colour
 * (colour blindness, greyscale print): plain for recent/none, sparse stripes
 * for 3–6 months and open follow-ups, dense cross-hatching for over 6 months
 * and overdue, dots for never met. The legend shows the same swatches.
 */
const textures: Readonly<Record<string, 'stripes' | 'cross' | 'dots' | null>> = {
  'map-k--recent': null,
  'map-k--mid': 'stripes',
  'map-k--old': 'cross',
  'map-k--never': 'dots',
  'map-k--none': null,
  'map-k--open': 'stripes',
  'map-k--overdue': 'cross',
  'map-k--bo-forebyggelsesomraade': null,
  'map-k--bo-udsat_boligomraade': 'stripes',
  'map-k--bo-parallelsamfund': 'cross',
  'map-k--bo-omdannelsesomraade': 'dots',
};

/** Pattern definitions (one set per map, ids unique on the page); fill and ink come from denmark-map.css. */
function Textures({ prefix }: { readonly prefix: string }) {
  return (
    <defs>
      {Object.entries(textures).map(([cls, texture]) =>
        texture ? (
          <pattern key={cls} id={`${prefix}${cls}`} className={cls} width={texture === 'dots' ? 5 : 6} height={texture === 'dots' ? 5 : 6} patternUnits="userSpaceOnUse" patternTransform={texture === 'dots' ? undefined : 'rotate(45)'}>
            <rect className="map-texture__ground" width="6" height="6" />
            {texture === 'dots' ? <circle className="map-texture__ink" cx="2.5" cy="2.5" r="0.9" /> : <rect className="map-texture__ink" width="1.6" height="6" />}
            {texture === 'cross' ? <rect className="map-texture__ink" width="6" height="1.6" /> : null}
          </pattern>
        ) : null,
      )}
    </defs>
  );
}

const textureFill = (prefix: string, cls: string) => (textures[cls] ? { fill: `url(#${prefix}${cls})` } : undefined);

/**
 * Danmarkskort as SVG (no network): kommuner coloured by time since the last
 * meeting or by follow-ups, "mine kredse" outlined, hover for figures,
 * click or Enter to open the kommune.
 */
export function DenmarkMap({
  stats,
  mode,
  onOpen,
  areaStatuses,
}: {
  readonly stats: KommuneMapStats;
  readonly mode: MapMode;
  readonly onOpen: (id: string) => void;
  readonly areaStatuses?: AreaStatusLayer;
}) {
  const { t } = useTranslation();
  const map = useKommuneMap();
  const [hover, setHover] = useState<Stat | null>(null);
  const prefix = `map${useId().replace(/:/g, '')}-`;
  const byKode = new Map(stats.map((s) => [s.kode, s]));
  const now = Date.now();
  const areaByKode = new Map((areaStatuses?.kommuner ?? []).map((a) => [a.kode, a]));
  const describe = (s: Stat) => {
    if (mode === 'boligomraader') {
      const area = areaByKode.get(s.kode);
      return area ? t('boligomraader.map.tooltip', { name: s.navn, category: t(`boligomraader.categories.${area.category}`).toLowerCase(), count: area.areas }) : `${s.navn}: ${t('boligomraader.map.legendNone').toLowerCase()}`;
    }
    return t('overview.mapTooltip', { name: s.navn, last: s.lastMeetingAt ? formatInstantDate(s.lastMeetingAt) : t('overview.neverMet'), open: s.openFollowUps, overdue: s.overdueFollowUps });
  };
  const legend =
    mode === 'boligomraader'
      ? [
          ...[...categoriesBySeverity].reverse().map((c: BoligomraadeCategory) => ({ cls: `map-k--bo-${c}`, label: t(`boligomraader.categories.${c}`) })),
          { cls: 'map-k--none', label: areaStatuses?.year ? t('boligomraader.map.legendNoneYear', { year: areaStatuses.year }) : t('boligomraader.map.legendNone') },
        ]
      : mode === 'meeting'
        ? (['recent', 'mid', 'old', 'never'] as const).map((c) => ({ cls: `map-k--${c}`, label: t(`overview.mapLegend${c[0]!.toUpperCase()}${c.slice(1)}`) }))
        : (['none', 'open', 'overdue'] as const).map((c) => ({ cls: `map-k--${c}`, label: t(`overview.mapLegend${c[0]!.toUpperCase()}${c.slice(1)}`) }));

  if (!map) return <div className="map map--loading" aria-busy="true" />;
  return (
    <div className="map">
      <svg viewBox={`-4 -4 ${map.width + 8} ${map.height + 8}`} role="group" aria-label={t('overview.map')} className="map__svg">
        <Textures prefix={prefix} />
        <rect x={map.inset.x} y={map.inset.y} width={map.inset.width} height={map.inset.height} className="map__inset" rx={4} />
        {map.kommuner.map((k) => {
          const stat = byKode.get(k.kode);
          const cls = mapClass(stat, mode, now, areaByKode.get(k.kode));
          const classes = ['map-k', cls, stat?.mine ? 'map-k--mine' : ''].join(' ');
          return (
            <path
              key={k.kode}
              d={k.d}
              className={classes}
              style={textureFill(prefix, cls)}
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
      <ul className="map__legend" aria-label={t('status.mapLegendTitle')}>
        {legend.map((l) => (
          <li key={l.cls}>
            <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
              <rect x="0.5" y="0.5" width="17" height="17" className={`map-k ${l.cls}`} style={textureFill(prefix, l.cls)} />
            </svg>
            {l.label}
          </li>
        ))}
        <li>
          <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
            <rect x="1.5" y="1.5" width="15" height="15" className="map-k map-k--none map-k--mine" />
          </svg>
          {t('status.mapMine')}
        </li>
      </ul>
    </div>
  );
}
