import { useApiQuery } from '../../queries';
import { AftaleTable } from '../aftaler/aftaler.page';
import { HubListCard } from './hub/hub-list.card';

/** The kommune page's Aftaler: the kommune's aftaler with their next deadline (issue 17). */
export function KommuneAftalerSection({ kommuneId }: { readonly kommuneId: string }) {
  const aftaler = useApiQuery('aftaler.list', { kommuneId, limit: 100 });
  return <HubListCard area="aftaler" kommuneId={kommuneId} items={aftaler.data?.items} table={(items) => <AftaleTable items={items} showKommune={false} />} />;
}
