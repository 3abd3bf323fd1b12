import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../../queries';
import { HelhedsplanTable } from '../../helhedsplaner/helhedsplaner.page';
import { HubListCard } from './hub-list.card';

/** The kommune page's boligsociale helhedsplaner with their boligområder, period and next reporting deadline (issue 17). */
export function KommuneHelhedsplanerSection({ kommuneId }: { readonly kommuneId: string }) {
  const plans = useApiQuery('helhedsplaner.list', { kommuneId, limit: 100 });
  return <HubListCard area="helhedsplaner" kommuneId={kommuneId} items={plans.data?.items} table={(items) => <HelhedsplanTable items={items} showKommune={false} />} />;
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
