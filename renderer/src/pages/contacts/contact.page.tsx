import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { affiliationFieldsSchema, type Affiliation } from '../../../../common/domain';
import { describeError } from '../../api';
import { useValidation } from '../../components/form';
import { PageHeader, QueryState } from '../../components/page.component';
import { RoleLine } from '../../components/roles.component';
import { HistoryPanel } from '../../components/history.component';
import { DeletedBanner, useTombstone } from '../../components/tombstone.component';
import { useToast } from '../../components/toast.component';
import { useApiMutation, useApiQuery } from '../../queries';
import { AffiliationFields, emptyAffiliation, type AffiliationValues } from './affiliation-fields.component';
import { MoreMenu } from '../../components/more-menu.component';
import { VcardExportButtons } from '../contact-files/export-menu.component';
import { GdprActions } from '../gdpr/gdpr-actions.component';
import { ContactForm } from './contact-form.page';
import { ContactLogDialog } from '../../components/contact-log.dialog';
import { ContactRelations } from './contact-relations.component';

export function ContactPage({ id }: { readonly id: string }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [logging, setLogging] = useState(false);
  const [, navigate] = useLocation();
  const contact = useApiQuery('contacts.get', { id });
  const tombstone = useTombstone({ remove: 'contacts.delete', restore: 'contacts.restore' });
  const c = contact.data;
  if (!c) return <QueryState isLoading={contact.isLoading} error={contact.error} />;
  const live = c.deletedAt === null;

  return (
    <section>
      <PageHeader
        title={c.name}
        subtitle={c.affiliations.filter((a) => a.current).map((a) => a.title).join(' · ') || undefined}
        actions={
          live && !editing ? (
            <>
              <button type="button" className="button" onClick={() => setLogging(true)}>
                {t('rel.logContact')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
                {t('common.edit')}
              </button>
              <MoreMenu label={t('common.export')}>
                <VcardExportButtons contactIds={[c.id]} />
              </MoreMenu>
              <button
                type="button"
                className="button button--danger"
                disabled={tombstone.pending}
                onClick={() => tombstone.doDelete(id, t('contacts.deleted', { name: c.name }))}
              >
                {t('common.delete')}
              </button>
            </>
          ) : null
        }
      />
      {c.erasedAt ? (
        <p className="notice notice--warning" role="status">
          {t('contacts.erasedBanner')}
        </p>
      ) : c.mergedInto ? (
        <p className="notice notice--warning" role="status">
          {t('contacts.mergedBanner')} <Link href={`/kontakter/${c.mergedInto}`}>{t('contacts.mergedLink')}</Link>
        </p>
      ) : !live ? (
        <DeletedBanner onRestore={() => tombstone.doRestore(id)} />
      ) : null}
      {editing ? (
        <ContactForm
          contactId={c.id}
          initial={{ name: c.name, emails: c.emails.length ? [...c.emails] : [''], phones: c.phones.length ? [...c.phones] : [''], notes: c.notes }}
          onSaved={() => setEditing(false)}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="grid-2">
          <div className="card">
            <h2>{t('contacts.emails')}</h2>
            {c.emails.length === 0 ? <p className="empty">–</p> : null}
            <ul className="plain-list">
              {c.emails.map((e) => (
                <li key={e}>
                  <a href={`mailto:${e}`}>{e}</a>
                </li>
              ))}
            </ul>
            <h2>{t('contacts.phones')}</h2>
            {c.phones.length === 0 ? <p className="empty">–</p> : null}
            <ul className="plain-list">
              {c.phones.map((p) => (
                <li key={p}>
                  <a href={`tel:${p.replace(/\s/g, '')}`}>{p}</a>
                </li>
              ))}
            </ul>
          </div>
          <div className="card">
            <h2>{t('common.notes')}</h2>
            {c.notes ? <p className="prewrap">{c.notes}</p> : <p className="empty">–</p>}
          </div>
        </div>
      )}
      {live ? <RolesCard contactId={c.id} roles={c.affiliations} /> : null}
      {live ? <ContactRelations contactId={c.id} /> : null}
      {logging ? (
        <ContactLogDialog
          target={{ people: [{ id: c.id, name: c.name }], kommune: null }}
          onClose={() => setLogging(false)}
        />
      ) : null}
      {!c.erasedAt && !c.mergedInto ? (
        <div className="card">
          <h2>{t('contacts.privacyTitle')}</h2>
          <p className="muted">{t('contacts.privacyIntro')}</p>
          <GdprActions contactId={c.id} contactName={c.name} onErased={() => navigate('/kontakter')} />
        </div>
      ) : null}
      <HistoryPanel table="contact" id={c.id} />
    </section>
  );
}

/** Choices for a role's "hold kontakten" (months); empty: the person's interval or the role's default. */
const keepInTouchChoices = [1, 2, 3, 4, 6, 12] as const;

/** "Hold kontakten" for one current role (a borgmester every 3 months, say), saved on change. */
function RoleKeepInTouch({ role }: { readonly role: Affiliation }) {
  const { t } = useTranslation();
  const toast = useToast();
  const setKeep = useApiMutation('relationships.setKeepInTouch');
  const value = role.keepInTouchMonths;
  const choices: readonly number[] = value === null || keepInTouchChoices.some((m) => m === value) ? keepInTouchChoices : [...keepInTouchChoices, value].sort((a, b) => a - b);
  return (
    <label className="role__keep">
      <span>{t('rel.keepInTouch')}</span>
      <select
        value={value === null ? '' : String(value)}
        aria-label={`${t('rel.keepInTouch')}: ${role.title}`}
        disabled={setKeep.isPending}
        onChange={(e) =>
          setKeep.mutate(
            { roleId: role.id, months: e.target.value === '' ? null : Number(e.target.value) },
            { onSuccess: () => toast.show(t('rel.keepInTouchSaved')), onError: (error) => toast.show(describeError(t, error), { tone: 'error' }) },
          )
        }
      >
        <option value="">{t('rel.keepInTouchDefault')}</option>
        {choices.map((m) => (
          <option key={m} value={m}>
            {t('rel.everyMonthsShort', { count: m })}
          </option>
        ))}
      </select>
    </label>
  );
}

function RolesCard({ contactId, roles }: { readonly contactId: string; readonly roles: readonly Affiliation[] }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [adding, setAdding] = useState<AffiliationValues | null>(null);
  const { errors, validate, fromServer } = useValidation(affiliationFieldsSchema);
  const create = useApiMutation('affiliations.create');
  const roleTombstone = useTombstone({ remove: 'affiliations.delete', restore: 'affiliations.restore' });
  const onError = (error: Error) => toast.show(describeError(t, error), { tone: 'error' });
  const current = roles.filter((r) => r.current);
  const past = roles.filter((r) => !r.current);

  const line = (role: Affiliation) => (
    <RoleLine
      key={role.id}
      role={role}
      show="place"
      actions={
        <>
          {role.current ? <RoleKeepInTouch role={role} /> : null}
          <button type="button" className="button button--link" aria-label={`${t('common.remove')}: ${role.title}`} onClick={() => roleTombstone.doDelete(role.id, t('contacts.roleDeleted'))}>
            {t('common.remove')}
          </button>
        </>
      }
    />
  );

  return (
    <div className="card">
      <h2>{t('contacts.currentRoles')}</h2>
      {current.length === 0 ? <p className="empty">{t('contacts.noRoles')}</p> : <ul className="roles">{current.map(line)}</ul>}
      {past.length > 0 ? (
        <>
          <h2>{t('contacts.pastRoles')}</h2>
          <ul className="roles roles--past">{past.map(line)}</ul>
        </>
      ) : null}
      {adding ? (
        <form
          className="role-editor"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!validate(adding)) return;
            create.mutate({ contactId, ...adding }, { onSuccess: () => setAdding(null), onError: (error) => (fromServer(error) ? undefined : onError(error)) });
          }}
        >
          <AffiliationFields values={adding} onChange={setAdding} errors={errors} />
          <div className="form-actions">
            <button type="submit" className="button" disabled={create.isPending}>
              {t('common.save')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setAdding(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button button--secondary" onClick={() => setAdding(emptyAffiliation)}>
          {t('contacts.addRole')}
        </button>
      )}
    </div>
  );
}
