import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { DashboardStyringsdialog } from '../../../../common/dashboard.domain';

type Row = DashboardStyringsdialog['rows'][number];
type State = Row['state'];

/** Each state has a shape as well as a colour, so the status reads without colour (and in greyscale print). */
export const stateSymbol: Record<State, string> = { afholdt: '✓', planlagt: '◷', mangler: '!' };
export const stateKey: Record<State, 'sdHeld' | 'sdPlanned' | 'sdMissing'> = { afholdt: 'sdHeld', planlagt: 'sdPlanned', mangler: 'sdMissing' };

interface KommuneGroup {
  readonly id: string;
  readonly navn: string;
  readonly rows: readonly Row[];
  readonly counts: Record<State, number>;
}

function groupByKommune(rows: readonly Row[]): KommuneGroup[] {
  const groups = new Map<string, { id: string; navn: string; rows: Row[] }>();
  for (const r of rows) {
    const group = groups.get(r.kommuneId) ?? { id: r.kommuneId, navn: r.kommuneNavn, rows: [] };
    group.rows.push(r);
    groups.set(r.kommuneId, group);
  }
  // Rows come sorted by kommune in Danish order, so the map keeps that order.
  return [...groups.values()].map((g) => ({
    ...g,
    counts: { afholdt: g.rows.filter((r) => r.state === 'afholdt').length, planlagt: g.rows.filter((r) => r.state === 'planlagt').length, mangler: g.rows.filter((r) => r.state === 'mangler').length },
  }));
}

/**
 * The year's styringsdialog per kommune: one line each with its counts and a
 * chip per boligorganisation; open a line to see the organisations with
 * links to their meetings. "Kun mangler" narrows to the kommuner that still
 * lack one.
 */
export function StyringsdialogStatus({ rows }: { readonly rows: readonly Row[] }) {
  const { t } = useTranslation();
  const [onlyMissing, setOnlyMissing] = useState(false);
  const groups = groupByKommune(rows);
  const shown = onlyMissing ? groups.filter((g) => g.counts.mangler > 0) : groups;
  const total = (state: State) => rows.filter((r) => r.state === state).length;
  const stateText = (state: State) => t(`status.${stateKey[state]}`);

  return (
    <div className="sd">
      <div className="sd__toolbar">
        <p className="sd__totals">{t('status.sdTotals', { held: total('afholdt'), planned: total('planlagt'), missing: total('mangler') })}</p>
        <label className="checkbox">
          <input type="checkbox" checked={onlyMissing} onChange={(e) => setOnlyMissing(e.target.checked)} />
          {t('status.sdOnlyMissing')}
        </label>
      </div>
      {shown.length === 0 ? <p className="empty">{t('status.sdAllDone')}</p> : null}
      <ul className="sd__list">
        {shown.map((g) => (
          <li key={g.id}>
            <KommuneLine group={g} stateText={stateText} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * One kommune's line. Its organisations are rendered only once the line is
 * opened: with every kommune in scope a team's board holds over a thousand
 * pairs, and Overblik paints before any of them is asked for.
 */
function KommuneLine({ group: g, stateText }: { readonly group: KommuneGroup; readonly stateText: (state: State) => string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <details className="sd__kommune" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <span className="sd__name">{g.navn}</span>
        <span className="sd__counts">
          {(['afholdt', 'planlagt', 'mangler'] as const).map((state) => (
            <span key={state} className={`sd-count sd-count--${state}${g.counts[state] === 0 ? ' sd-count--zero' : ''}`}>
              <span aria-hidden="true">{stateSymbol[state]}</span> {g.counts[state]} {stateText(state)}
            </span>
          ))}
        </span>
        <span className="sd__chips" aria-hidden="true">
          {g.rows.map((r) => (
            <span key={r.organisationId} className={`sd-chip sd-chip--${r.state}`} title={t('status.sdChip', { name: r.organisationName, state: stateText(r.state) })}>
              {stateSymbol[r.state]}
            </span>
          ))}
        </span>
      </summary>
      {open ? (
        <ul className="sd__organisations">
          {g.rows.map((r) => (
            <li key={r.organisationId}>
              <Link href={`/organisationer/${r.organisationId}`}>{r.organisationName}</Link>
              {r.meetingId ? (
                <Link href={`/moeder/${r.meetingId}`} className={`sd-state sd-state--${r.state}`}>
                  <span aria-hidden="true">{stateSymbol[r.state]}</span> {t(`overview.sd${r.state === 'afholdt' ? 'Held' : 'Planned'}`)}
                </Link>
              ) : (
                <span className="sd-state sd-state--mangler">
                  <span aria-hidden="true">{stateSymbol.mangler}</span> {t('overview.sdMissing')}
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}
