import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Dashboard } from '../../../../common/dashboard.domain';
import type { OverduePerson } from '../../../../common/relationships.domain';
import type { ContactLogTarget } from '../../components/contact-log.dialog';
import { LazyContactLogDialog } from '../../components/contact-log.lazy';
import { LastContact } from '../../components/last-contact.component';
import { formatDate } from '../../format';
import { useApiQuery } from '../../queries';

/** Rows of each list on Overblik; the count says how many more. */
const shown = 8;

/**
 * "Hold kontakten" on Overblik (issue 16): the key people and kommuner in
 * mine kredse overdue for contact, and after a kommunalvalg the new
 * council's key roles nobody has met yet — each with one click to log a
 * contact or plan a meeting. Without mine kredse it invites the choice, as
 * the quiet kommuner do.
 */
export function RelationshipHealthCard({ dashboard: d }: { readonly dashboard: Dashboard }) {
  const { t } = useTranslation();
  const health = useApiQuery('relationships.health', { months: d.quietMonths, limit: 50 }, { enabled: d.myKredse.length > 0 });
  const [logging, setLogging] = useState<ContactLogTarget | null>(null);
  const h = health.data;
  const logPerson = (p: OverduePerson) => setLogging({ people: [{ id: p.contactId, name: p.contactName }], kommune: p.kommune, organisationId: p.place.kind === 'organisation' ? p.place.id : null });

  return (
    <div className="card dashboard__wide" id="dashboard-health">
      <h2>{t('rel.health')}</h2>
      {d.myKredse.length === 0 ? (
        // The invitation with its link is on the quiet-kommuner card already: one link to the same place is enough.
        <p className="empty">{t('rel.healthChooseKredse')}</p>
      ) : h ? (
        <>
          <p className="field__hint">{t('rel.healthHint')}</p>
          <div className="hub-columns">
            <div>
              <h3 className="hub-card__sub">
                {t('rel.healthPeople')} <span className="hub-count">{h.overduePeopleCount}</span>
              </h3>
              {h.overduePeople.length === 0 ? <p className="empty">{t('rel.healthNone')}</p> : <PeopleList people={h.overduePeople.slice(0, shown)} onLog={logPerson} />}
              {h.overduePeopleCount > shown ? <p className="muted">{t('rel.healthMore', { count: h.overduePeopleCount - shown })}</p> : null}
            </div>
            <div>
              <h3 className="hub-card__sub">{t('rel.healthKommuner', { months: h.months })}</h3>
              {h.overdueKommuner.length === 0 ? (
                <p className="empty">{t('rel.healthKommunerNone')}</p>
              ) : (
                <ul className="health-list">
                  {h.overdueKommuner.slice(0, shown).map((k) => (
                    <li key={k.id} className="health-row">
                      <span className="health-row__who">
                        <Link href={`/kommuner/${k.id}`}>{k.navn}</Link>
                      </span>
                      <LastContact date={k.lastContact} overdue compact />
                      <span className="health-row__actions">
                        <button type="button" className="button button--link" onClick={() => setLogging({ kommune: { id: k.id, name: k.navn } })} aria-label={`${t('rel.logContact')}: ${k.navn}`}>
                          {t('rel.logContact')}
                        </button>
                        <Link href={`/moeder/ny/kommune/${k.id}`} className="button button--link" aria-label={`${t('rel.planMeeting')}: ${k.navn}`}>
                          {t('rel.planMeeting')}
                        </Link>
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              {h.overdueKommuner.length > shown ? <p className="muted">{t('rel.healthMore', { count: h.overdueKommuner.length - shown })}</p> : null}
              {h.newCouncil ? (
                <>
                  <h3 className="hub-card__sub">{t('rel.newCouncil', { date: formatDate(h.newCouncil.termStart) })}</h3>
                  {h.newCouncil.people.length === 0 ? <p className="empty">{t('rel.newCouncilNone')}</p> : <PeopleList people={h.newCouncil.people.slice(0, shown)} onLog={logPerson} />}
                  {h.newCouncil.people.length > shown ? <p className="muted">{t('rel.healthMore', { count: h.newCouncil.people.length - shown })}</p> : null}
                </>
              ) : null}
            </div>
          </div>
        </>
      ) : null}
      {logging ? <LazyContactLogDialog target={logging} onClose={() => setLogging(null)} /> : null}
    </div>
  );
}

function PeopleList({ people, onLog }: { readonly people: readonly OverduePerson[]; readonly onLog: (p: OverduePerson) => void }) {
  const { t } = useTranslation();
  return (
    <ul className="health-list">
      {people.map((p) => (
        <li key={p.roleId} className="health-row">
          <span className="health-row__who">
            <Link href={`/kontakter/${p.contactId}`}>{p.contactName}</Link>
            <span className="muted">
              {' · '}
              {p.title}, {p.place.kind === 'kommune' ? `${p.place.name} Kommune` : p.place.name}
            </span>
          </span>
          <LastContact date={p.lastContact} overdue compact />
          <span className="health-row__actions">
            <button type="button" className="button button--link" onClick={() => onLog(p)} aria-label={t('rel.logContactFor', { name: p.contactName })}>
              {t('rel.logContact')}
            </button>
            <Link href={p.kommune ? `/moeder/ny/kommune/${p.kommune.id}/${p.contactId}` : '/moeder/ny'} className="button button--link" aria-label={`${t('rel.planMeeting')}: ${p.contactName}`}>
              {t('rel.planMeeting')}
            </Link>
          </span>
        </li>
      ))}
    </ul>
  );
}
