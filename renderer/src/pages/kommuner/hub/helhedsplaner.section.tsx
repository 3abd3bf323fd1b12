import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useApiQuery } from '../../../queries';
import { HelhedsplanTable } from '../../helhedsplaner/helhedsplaner.page';

/** The kommune page's boligsociale helhedsplaner with their boligområder, period and next reporting deadline (issue 17). */
export function KommuneHelhedsplanerSection({ kommuneId }: { readonly kommuneId: string }) {
  const { t } = useTranslation();
  const plans = useApiQuery('helhedsplaner.list', { kommuneId, limit: 100 });
  return (
    <div className="card">
      <h2>{t('helhedsplaner.section')}</h2>
      {plans.data && plans.data.items.length === 0 ? <p className="empty">{t('helhedsplaner.sectionEmpty')}</p> : null}
      {plans.data && plans.data.items.length > 0 ? <HelhedsplanTable items={plans.data.items} showKommune={false} /> : null}
      <div className="form-actions">
        <Link href={`/helhedsplaner/ny/${kommuneId}`} className="button button--secondary">
          {t('helhedsplaner.sectionNew')}
        </Link>
      </div>
    </div>
  );
}

/** The organisation page's helhedsplaner (those it takes part in). */
export function OrganisationHelhedsplanerSection({ organisationId }: { readonly organisationId: string }) {
  const { t } = useTranslation();
  const plans = useApiQuery('helhedsplaner.list', { organisationId, limit: 100 });
  if (!plans.data || plans.data.items.length === 0) return null;
  return (
    <div className="card">
      <h2>{t('helhedsplaner.section')}</h2>
      <HelhedsplanTable items={plans.data.items} showKommune />
    </div>
  );
}
