import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { KeyPerson, OrganisationHub } from '../../../../common/relationships.domain';
import { FollowUpRows } from '../follow-ups/follow-up-list.component';
import { KeyPeopleSection } from '../kommuner/hub/key-people.section';
import { TimelineSection } from '../kommuner/hub/timeline.section';
import { MeetingList } from '../meetings/meeting-list.component';
import { cycleHref, StageChip } from '../overview/styringsdialog-board.page';
import '../overview/styringsdialog.css';
import '../kommuner/hub/hub.css';
import { formatDate } from '../../format';
import { useApiQuery } from '../../queries';

/**
 * The organisation page as a hub (issue 16): its key people with last
 * contact, its styringsdialoger by year, open follow-ups from its meetings,
 * its latest meetings and its timeline. Its kommuner and everyone with a
 * role there are the cards above.
 */
export function OrganisationHubSections({ organisationId, hub, onLog }: { readonly organisationId: string; readonly hub: OrganisationHub; readonly onLog: (person: KeyPerson) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="hub-grid">
        <KeyPeopleSection people={hub.keyPeople} onLog={onLog} />
        <section className="card hub-card" aria-labelledby="org-sd">
          <h2 id="org-sd">{t('rel.styringsdialoger')}</h2>
          <OrganisationCycles organisationId={organisationId} />
          <h3 className="hub-card__sub">{t('rel.recentMeetings')}</h3>
          <MeetingList meetings={hub.recentMeetings} empty={t('rel.noMeetingsAttended')} />
        </section>
      </div>
      <div className="card">
        <h2>{t('rel.openFollowUps')}</h2>
        {hub.openFollowUps.length === 0 ? <p className="empty">{t('rel.noOpen')}</p> : <FollowUpRows followUps={hub.openFollowUps} />}
      </div>
      <TimelineSection scope={{ organisationId }} />
    </>
  );
}

/** The organisation's styringsdialog cycles by year and kommune (issue 17), each opening the cycle's page. */
function OrganisationCycles({ organisationId }: { readonly organisationId: string }) {
  const { t } = useTranslation();
  const cycles = useApiQuery('styringsdialog.forOrganisation', { organisationId });
  if (!cycles.data) return null;
  if (cycles.data.length === 0) return <p className="empty">{t('rel.noStyringsdialoger')}</p>;
  return (
    <ul className="hub-sd hub-sd--cycles">
      {cycles.data.map((c) => (
        <li key={c.id} className="hub-sd__row">
          <Link href={cycleHref(c)}>
            {c.year} · {c.kommune.name}
          </Link>
          <StageChip cycle={c} />
          {c.late.length > 0 ? <span className="sd-late">{t('sd.lateItem', { what: t(`sd.checkpoints.${c.late[0]!.checkpoint}`), due: formatDate(c.late[0]!.due) })}</span> : null}
        </li>
      ))}
    </ul>
  );
}
