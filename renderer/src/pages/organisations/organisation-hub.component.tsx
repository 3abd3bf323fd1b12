import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { KeyPerson, OrganisationHub } from '../../../../common/relationships.domain';
import { FollowUpRows } from '../follow-ups/follow-up-list.component';
import { KeyPeopleSection } from '../kommuner/hub/key-people.section';
import { TimelineSection } from '../kommuner/hub/timeline.section';
import { MeetingList } from '../meetings/meeting-list.component';
import { stateKey, stateSymbol } from '../overview/styringsdialog-status.component';
import '../kommuner/hub/hub.css';

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
          {hub.styringsdialoger.length === 0 ? (
            <p className="empty">{t('rel.noStyringsdialoger')}</p>
          ) : (
            <ul className="hub-sd">
              {hub.styringsdialoger.map((d) => (
                <li key={d.year} className={`hub-sd__row hub-sd__row--${d.state}`}>
                  <span className={`sd-chip sd-chip--${d.state}`} aria-hidden="true">
                    {stateSymbol[d.state]}
                  </span>
                  {d.meetingId ? <Link href={`/moeder/${d.meetingId}`}>{d.year}</Link> : <span>{d.year}</span>}
                  <span className="hub-sd__state">
                    {t(`status.${stateKey[d.state]}`)}
                    {d.kommune ? ` · ${d.kommune.name}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
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
