import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { PageHeader, QueryState } from '../../components/page.component';
import { RoleList } from '../../components/roles.component';
import { HistoryPanel } from '../../components/history.component';
import { DeletedBanner, useTombstone } from '../../components/tombstone.component';
import { useApiQuery } from '../../queries';
import { OrganisationForm } from './organisation-form.page';

export function OrganisationPage({ id }: { readonly id: string }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const organisation = useApiQuery('organisations.get', { id });
  const tombstone = useTombstone({ remove: 'organisations.delete', restore: 'organisations.restore' });
  const o = organisation.data;
  if (!o) return <QueryState isLoading={organisation.isLoading} error={organisation.error} />;

  return (
    <section>
      <PageHeader
        title={o.name}
        subtitle={<span className="badge">{t(`kinds.organisation.${o.kind}`)}</span>}
        actions={
          o.deletedAt === null && !editing ? (
            <>
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
      <div className="card">
        <h2>{t('organisations.roles')}</h2>
        <RoleList roles={o.roles} show="contact" emptyText={t('organisations.noRoles')} />
      </div>
      <HistoryPanel table="organisation" id={o.id} />
    </section>
  );
}
