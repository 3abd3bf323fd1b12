import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Affiliation } from '../../../common/domain';
import { formatDate } from '../format';

interface RoleListProps {
  readonly roles: readonly Affiliation[];
  /** Which side of the role to show as the link: the person, or where they hold it. */
  readonly show: 'contact' | 'place';
  readonly emptyText: string;
}

/** Current roles, then past ones, each with its period. */
export function RoleList({ roles, show, emptyText }: RoleListProps) {
  const { t } = useTranslation();
  const current = roles.filter((r) => r.current);
  const past = roles.filter((r) => !r.current);
  if (roles.length === 0) return <p className="empty">{emptyText}</p>;
  return (
    <>
      <ul className="roles">
        {current.map((role) => (
          <RoleLine key={role.id} role={role} show={show} />
        ))}
      </ul>
      {past.length > 0 ? (
        <details className="roles-past">
          <summary>
            {t('kommuner.pastRoles')} ({past.length})
          </summary>
          <ul className="roles roles--past">
            {past.map((role) => (
              <RoleLine key={role.id} role={role} show={show} />
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

export function RoleLine({ role, show, actions }: { readonly role: Affiliation; readonly show: 'contact' | 'place'; readonly actions?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <li className="role">
      {show === 'contact' ? (
        <Link href={`/kontakter/${role.contactId}`} className="role__who">
          {role.contactName}
        </Link>
      ) : null}
      {/* lang="da": hyphenated by Danish rules in the English UI too (the title is Danish text). */}
      <span className="role__title" lang="da">
        {role.title}
      </span>
      {show === 'place' ? <RolePlace role={role} /> : role.organisationName ? <span className="role__where">{role.organisationName}</span> : null}
      <span className="badge">{t(`kinds.affiliation.${role.kind}`)}</span>
      <Period from={role.fromDate} to={role.toDate} />
      {actions}
    </li>
  );
}

function RolePlace({ role }: { readonly role: Affiliation }) {
  return (
    <span className="role__where">
      {role.organisationId && role.organisationName ? <Link href={`/organisationer/${role.organisationId}`}>{role.organisationName}</Link> : null}
      {role.organisationId && role.kommuneId ? ' · ' : null}
      {role.kommuneId && role.kommuneNavn ? <Link href={`/kommuner/${role.kommuneId}`}>{role.kommuneNavn} Kommune</Link> : null}
    </span>
  );
}

export function Period({ from, to }: { readonly from: string | null; readonly to: string | null }) {
  if (!from && !to) return null;
  return (
    <span className="role__period">
      {from ? formatDate(from) : '…'} – {to ? formatDate(to) : ''}
    </span>
  );
}
