import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useApiQuery } from '../../queries';
import { DeadlinesCard } from './deadlines.card';

/** Overblik: the aftaler's deadlines in my kredse for the next 90 days, with the same list as an .ics for Outlook (issue 17). */
export function AftaleDeadlinesCard() {
  const { t } = useTranslation();
  const deadlines = useApiQuery('aftaler.deadlines', { onlyMyKredse: true });
  return (
    <DeadlinesCard
      id="dashboard-aftaler"
      title={t('aftaler.overviewTitle')}
      icsLabel={t('aftaler.icsExport')}
      empty={t('aftaler.overviewEmpty')}
      rows={deadlines.data?.map((d) => ({
        key: `${d.aftaleId}-${d.kind}`,
        date: d.date,
        what: t(`aftaler.deadlines.${d.kind}`),
        name: d.title,
        href: `/aftaler/${d.aftaleId}`,
        kommuneNavn: d.kommuneNavn,
      }))}
      ics={() => call('aftaler.deadlinesIcs', { onlyMyKredse: true })}
    />
  );
}
