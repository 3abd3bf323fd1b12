import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { PageHeader, QueryState } from '../../components/page.component';
import { RoleList } from '../../components/roles.component';
import { HistoryPanel } from '../../components/history.component';
import { DeletedBanner, useTombstone } from '../../components/tombstone.component';
import { useApiQuery } from '../../queries';
import { OrganisationForm } from './organisation-form.page';
import { ContactLogDialog, type ContactLogTarget } from '../../components/contact-log.dialog';
import { LastContact } from '../../components/last-contact.component';
import { OrganisationHubSections } from './organisation-hub.component';
import { OrganisationHelhedsplanerSection } from '../kommuner/hub/helhedsplaner.section';

export function OrganisationPage({ id }: { readonly id: string }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const organisation = useApiQuery('organisations.get', { id });
  const hub = useApiQuery('relationships.organisationHub', { id });
  const [logging, setLogging] = useState<ContactLogTarget | null>(null);
  const tombstone = useTombstone({ remove: 'organisations.delete', restore: 'organisations.restore' });
  const o = organisation.data;
  if (!o) return <QueryState isLoading={organisation.isLoading} error={organisation.error} />;

  return (
    <section>
      <PageHeader
        title={o.name}
        subtitle={
          <>
            <span className="badge">{t(`kinds.organisation.${o.kind}`)}</span>
            {hub.data ? (
              <>
                {' · '}
                <LastContact date={hub.data.lastContact} />
              </>
            ) : null}
          </>
        }
        actions={
          o.deletedAt === null && !editing ? (
            <>
              <button type="button" className="button" onClick={() => setLogging({ organisationId: o.id, kommune: o.kommuner.length === 1 ? { id: o.kommuner[0]!.id, name: o.kommuner[0]!.navn } : null })}>
                {t('rel.logContact')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
                {t('common.edit')}
              </button>
              <button type="button" className="button button--danger" onClick={() => tombstone.doDelete(id, t('organisations.deleted', { name: o.name }))} disabled={tombstone.pending}>
                {t('common.delete')}
              </button>
            </>
          ) : null
        }
      />
      {o.deletedAt !== null ? <DeletedBanner onRestore={() => tombstone.doRestore(id)} /> : null}
      {editing ? (
        <OrganisationForm
          organisationId={o.id}
          initial={{ name: o.name, kind: o.kind, notes: o.notes, kommuneIds: o.kommuner.map((k) => k.id) }}
          onSaved={() => setEditing(false)}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="grid-2">
          <div className="card">
            <h2>{t('organisations.linkedKommuner')}</h2>
            {o.kommuner.length === 0 ? <p className="empty">–</p> : null}
            <ul className="plain-list">
              {o.kommuner.map((k) => (
                <li key={k.id}>
                  <Link href={`/kommuner/${k.id}`}>{k.navn}</Link>
                </li>
              ))}
            </ul>
          </div>
          <div className="card">
            <h2>{t('common.notes')}</h2>
            {o.notes ? <p className="prewrap">{o.notes}</p> : <p className="empty">–</p>}
          </div>
        </div>
      )}
      {hub.data && o.deletedAt === null ? (
        <OrganisationHubSections
          organisationId={o.id}
          hub={hub.data}
          onLog={(p) => setLogging({ people: [{ id: p.contactId, name: p.contactName }], organisationId: o.id, kommune: o.kommuner.length === 1 ? { id: o.kommuner[0]!.id, name: o.kommuner[0]!.navn } : null })}
        />
      ) : null}
      {o.deletedAt === null ? <OrganisationHelhedsplanerSection organisationId={o.id} /> : null}
      <div className="card">
        <h2>{t('organisations.roles')}</h2>
        <RoleList roles={o.roles} show="contact" emptyText={t('organisations.noRoles')} />
      </div>
      <HistoryPanel table="organisation" id={o.id} />
      {logging ? <ContactLogDialog target={logging} onClose={() => setLogging(null)} /> : null}
    </section>
  );
}
