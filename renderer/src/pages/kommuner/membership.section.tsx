import { useTranslation } from 'react-i18next';
import type { KommuneDetail } from '../../../../common/domain';
import { formatDate } from '../../format';

/** The kommune's region and kreds over time (regions and kredse are dated, migration 0019): shown when there is more than one period. */
export function KommuneMembershipSection({ kommune }: { readonly kommune: KommuneDetail }) {
  const { t } = useTranslation();
  const regions = kommune.regionPeriods;
  const kredse = kommune.kredsPeriods;
  if (regions.length < 2 && kredse.length === 0) return null;
  return (
    <div className="card">
      <h2>{t('aftaler.membership')}</h2>
      <ul className="plain-list">
        {regions.map((p) => (
          <li key={`r-${p.validFrom}`}>{t('aftaler.regionFrom', { region: p.regionNavn, date: formatDate(p.validFrom) })}</li>
        ))}
        {kredse.map((p) => (
          <li key={`k-${p.validFrom}`}>
            {p.kredsNumber ? t('aftaler.kredsFrom', { kreds: `${p.kredsNumber}. kreds`, date: formatDate(p.validFrom) }) : t('aftaler.noKredsFrom', { date: formatDate(p.validFrom) })}
          </li>
        ))}
      </ul>
      <p className="muted">{t('aftaler.kredsDatedHelp')}</p>
    </div>
  );
}
