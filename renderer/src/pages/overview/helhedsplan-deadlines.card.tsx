import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useApiQuery } from '../../queries';
import { DeadlinesCard } from './deadlines.card';

/** Overblik: the helhedsplaner's open reporting deadlines in my kredse for the next 90 days, with the same list as an .ics for Outlook (issue 17). */
export function HelhedsplanDeadlinesCard() {
  const { t } = useTranslation();
  const deadlines = useApiQuery('helhedsplaner.deadlines', { onlyMyKredse: true });
  return (
    <DeadlinesCard
      id="dashboard-helhedsplaner"
      title={t('helhedsplaner.overviewTitle')}
      icsLabel={t('helhedsplaner.icsExport')}
      empty={t('helhedsplaner.overviewEmpty')}
      rows={deadlines.data?.map((d) => ({
        key: d.deadlineId,
        date: d.date,
        what: d.title || t(`helhedsplaner.deadlineKinds.${d.kind}`),
        name: d.helhedsplanName,
        href: `/helhedsplaner/${d.helhedsplanId}`,
        kommuneNavn: d.kommuneNavn,
      }))}
      ics={() => call('helhedsplaner.deadlinesIcs', { onlyMyKredse: true })}
    />
  );
}
