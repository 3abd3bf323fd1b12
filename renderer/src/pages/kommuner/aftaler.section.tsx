import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useApiQuery } from '../../queries';
import { AftaleTable } from '../aftaler/aftaler.page';

/** The kommune page's Aftaler: the kommune's aftaler with their next deadline (issue 17). */
export function KommuneAftalerSection({ kommuneId }: { readonly kommuneId: string }) {
  const { t } = useTranslation();
  const aftaler = useApiQuery('aftaler.list', { kommuneId, limit: 100 });
  return (
    <div className="card">
      <h2>{t('aftaler.section')}</h2>
      {aftaler.data && aftaler.data.items.length === 0 ? <p className="empty">{t('aftaler.sectionEmpty')}</p> : null}
      {aftaler.data && aftaler.data.items.length > 0 ? <AftaleTable items={aftaler.data.items} showKommune={false} /> : null}
      <div className="form-actions">
        <Link href={`/aftaler/ny/${kommuneId}`} className="button button--secondary">
          {t('aftaler.sectionNew')}
        </Link>
      </div>
    </div>
  );
}
