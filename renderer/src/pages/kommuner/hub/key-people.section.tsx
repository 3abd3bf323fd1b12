import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { KeyPerson } from '../../../../../common/relationships.domain';
import { LastContact } from '../../../components/last-contact.component';
import { formatDate } from '../../../format';

/** So many key people fit beside "Nu og næste" at 1366×768; the rest are one click away. */
const keyPeopleShown = 6;

/**
 * "Nøglepersoner": who matters (borgmester, udvalgsformænd, kommunaldirektør,
 * direktører, and the boligorganisationers formænd and direktører, from their
 * dated roles), when the consultant last spoke to them, and who held the role
 * before. One click logs a contact.
 */
export function KeyPeopleSection({ people, onLog, title }: { readonly people: readonly KeyPerson[]; readonly onLog: (person: KeyPerson) => void; readonly title?: string }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const shown = all ? people : people.slice(0, keyPeopleShown);
  return (
    <section className="card hub-card" aria-labelledby="hub-people">
      <h2 id="hub-people">{title ?? t('rel.keyPeople')}</h2>
      {people.length === 0 ? (
        <p className="empty">{t('rel.noKeyPeople')}</p>
      ) : (
        <ul className="key-people">
          {shown.map((p) => (
            <li key={p.roleId} className={p.overdue ? 'key-person key-person--overdue' : 'key-person'}>
              <div className="key-person__who">
                <Link href={`/kontakter/${p.contactId}`} className="key-person__name">
                  {p.contactName}
                </Link>
                <span className="key-person__role">
                  {p.title}
                  {p.place.kind === 'organisation' ? <> · <Link href={`/organisationer/${p.place.id}`}>{p.place.name}</Link></> : null}
                </span>
                {p.previous ? (
                  <span className="key-person__before muted">
                    {p.previous.toDate ? t('rel.beforeUntil', { name: p.previous.contactName, date: formatDate(p.previous.toDate) }) : t('rel.before', { name: p.previous.contactName })}
                  </span>
                ) : null}
              </div>
              <div className="key-person__contact">
                <LastContact date={p.lastContact} overdue={p.overdue} compact />
                <button type="button" className="button button--link key-person__log" onClick={() => onLog(p)} aria-label={t('rel.logContactFor', { name: p.contactName })}>
                  {t('rel.logContact')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {people.length > keyPeopleShown ? (
        <button type="button" className="button button--link see-all" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? t('rel.showFewer') : t('rel.showAll', { count: people.length })}
        </button>
      ) : null}
    </section>
  );
}
