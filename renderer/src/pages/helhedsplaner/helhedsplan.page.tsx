import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import {
  helhedsplanBodies,
  helhedsplanDeadlineKinds,
  helhedsplanStatuses,
  type Helhedsplan,
  type HelhedsplanBody,
  type HelhedsplanDeadlineKind,
  type HelhedsplanRole,
  type HelhedsplanStatus,
  type HelhedsplanUpdateInput,
} from '../../../../common/helhedsplaner.domain';
import { danishDate } from '../../../../common/time';
import { call, describeError } from '../../api';
import { combinedSaveState, useAutosavedText, useRecordSave } from '../../components/autosave';
import { ContactCombobox } from '../../components/contact-combobox.component';
import { DateField } from '../../components/date-time-fields.component';
import { dateFieldValue } from '../../components/date-time-fields';
import { Field } from '../../components/field.component';
import { FixedTable } from '../../components/fixed-table.component';
import { QueryState } from '../../components/page.component';
import { KommuneSelect } from '../../components/pickers.component';
import { NewRecordPage } from '../../components/new-record.page';
import { EnumSelect } from '../../components/options.component';
import { RecordPageHeader } from '../../components/record-header.component';
import { useToast } from '../../components/toast.component';
import { formatDate } from '../../format';
import { useApiMutation, useApiQuery } from '../../queries';
import './helhedsplaner.css';


/** "Ny helhedsplan": name, kommune and status; the rest is filled in on the helhedsplan's own page (which saves itself). */
export function HelhedsplanNewPage({ kommuneId }: { readonly kommuneId?: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<HelhedsplanStatus>('forberedelse');
  const [kommune, setKommune] = useState<string | null>(kommuneId ?? null);
  return (
    <NewRecordPage
      texts={{ title: t('helhedsplaner.newTitle'), name: t('helhedsplaner.fields.name'), submit: t('helhedsplaner.create') }}
      channel="helhedsplaner.create"
      input={(name) => ({ name, status, kommuneId: kommune })}
      href={(id) => `/helhedsplaner/${id}`}
    >
      <Field label={t('helhedsplaner.fields.kommune')}>{(p) => <KommuneSelect {...p} value={kommune} onChange={setKommune} emptyLabel={t('helhedsplaner.fields.noKommune')} />}</Field>
      <Field label={t('helhedsplaner.fields.status')}>{(p) => <EnumSelect {...p} values={helhedsplanStatuses} label={(s) => t(`helhedsplaner.statuses.${s}`)} value={status} onChange={setStatus} />}</Field>
    </NewRecordPage>
  );
}

export function HelhedsplanPage({ id }: { readonly id: string }) {
  const plan = useApiQuery('helhedsplaner.get', { id });
  if (!plan.data) return <QueryState isLoading={plan.isLoading} error={plan.error} />;
  return <HelhedsplanForm key={id} plan={plan.data} />;
}

/** The helhedsplan's page: text saves itself, choices and dates save on change; people and deadlines are rows of their own. */
function HelhedsplanForm({ plan }: { readonly plan: Helhedsplan }) {
  const { t } = useTranslation();
  const update = useApiMutation('helhedsplaner.update');
  const remove = useApiMutation('helhedsplaner.delete');
  // The choices are the plan's kommune's (all, while it has none).
  const kommuneId = plan.kommuneId ?? undefined;
  const organisations = useApiQuery('organisations.list', { kommuneId });
  const boligomraader = useApiQuery('helhedsplaner.boligomraader', { kommuneId });
  const series = useApiQuery('series.list', { kommuneId });
  const { save, saveQuietly: quiet } = useRecordSave((changes: Omit<HelhedsplanUpdateInput, 'id'>) => update.mutateAsync({ id: plan.id, ...changes }));
  const name = useAutosavedText(`helhedsplan.${plan.id}.name`, plan.name, (value) => (value.trim() ? save({ name: value }) : Promise.resolve()));
  const journal = useAutosavedText(`helhedsplan.${plan.id}.journal`, plan.journalNumber, (value) => save({ journalNumber: value }));
  const notes = useAutosavedText(`helhedsplan.${plan.id}.notes`, plan.notes, (value) => save({ notes: value }));
  const state = combinedSaveState([name.state, journal.state, notes.state, update.isPending ? 'saving' : 'saved']);

  return (
    <section>
      <RecordPageHeader
        title={plan.name || t('helhedsplaner.newTitle')}
        facts={[t(`helhedsplaner.statuses.${plan.status}`), plan.kommuneNavn, t(`helhedsplaner.saveState.${state}`)]}
        // Only while a deadline is open: the .ics holds the open ones.
        ics={plan.deadlines.some((d) => d.doneDate === null) ? { label: t('helhedsplaner.icsExport'), load: (range) => call('helhedsplaner.deadlinesIcs', { helhedsplanId: plan.id, ...range }) } : undefined}
        remove={{ label: t('helhedsplaner.delete'), deletedMessage: t('helhedsplaner.deleted'), listHref: '/helhedsplaner', remove: (callbacks) => remove.mutate({ id: plan.id }, callbacks) }}
      />
      <div className="grid-2">
        <div className="card form">
          <Field label={t('helhedsplaner.fields.name')}>{(p) => <input {...p} {...name.field} />}</Field>
          <Field label={t('helhedsplaner.fields.status')}>
            {(p) => <EnumSelect {...p} values={helhedsplanStatuses} label={(s) => t(`helhedsplaner.statuses.${s}`)} value={plan.status} onChange={(status) => quiet({ status })} />}
          </Field>
          <Field label={t('helhedsplaner.fields.kommune')}>
            {(p) => <KommuneSelect {...p} value={plan.kommuneId} onChange={(kommuneId) => quiet({ kommuneId })} emptyLabel={t('helhedsplaner.fields.noKommune')} />}
          </Field>
          <div className="grid-2">
            <Field label={t('helhedsplaner.fields.fromDate')}>
              {(p) => <DateField {...p} value={plan.fromDate ?? ''} onChange={(v) => dateFieldValue(v) !== undefined && quiet({ fromDate: dateFieldValue(v) })} />}
            </Field>
            <Field label={t('helhedsplaner.fields.toDate')}>
              {(p) => <DateField {...p} value={plan.toDate ?? ''} onChange={(v) => dateFieldValue(v) !== undefined && quiet({ toDate: dateFieldValue(v) })} />}
            </Field>
          </div>
          <Field label={t('helhedsplaner.fields.journalNumber')}>{(p) => <input {...p} {...journal.field} />}</Field>
        </div>
        <div className="card form">
          <LinkList
            label={t('helhedsplaner.fields.organisations')}
            chosen={plan.organisations.map((o) => ({ id: o.id, label: o.name, href: `/organisationer/${o.id}` }))}
            options={organisations.data?.map((o) => ({ id: o.id, label: o.name }))}
            onChange={(organisationIds) => quiet({ organisationIds })}
          />
          <LinkList
            label={t('helhedsplaner.fields.boligomraader')}
            chosen={plan.boligomraader.map((b) => ({ id: b.id, label: b.name }))}
            options={boligomraader.data?.map((b) => ({ id: b.id, label: b.kommuneNavn && !kommuneId ? `${b.name} (${b.kommuneNavn})` : b.name }))}
            onChange={(boligomraadeIds) => quiet({ boligomraadeIds })}
          />
          <LinkList
            label={t('helhedsplaner.fields.series')}
            chosen={plan.series.map((s) => ({ id: s.id, label: s.title, href: `/moederaekker/${s.id}` }))}
            options={series.data?.map((s) => ({ id: s.id, label: s.title }))}
            onChange={(seriesIds) => quiet({ seriesIds })}
          />
        </div>
      </div>
      <IndsatsomraaderCard plan={plan} save={quiet} />
      <PeopleCard plan={plan} />
      <DeadlinesCard plan={plan} />
      <div className="card form">
        <Field label={t('helhedsplaner.fields.notes')}>{(p) => <textarea {...p} rows={4} {...notes.field} />}</Field>
      </div>
    </section>
  );
}

/** A link list: the chosen records (a link each, removable) and a choice to add one more. */
function LinkList({
  label,
  chosen,
  options,
  onChange,
}: {
  readonly label: string;
  readonly chosen: readonly { id: string; label: string; href?: string }[];
  readonly options: readonly { id: string; label: string }[] | undefined;
  readonly onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const ids = chosen.map((c) => c.id);
  const free = (options ?? []).filter((o) => !ids.includes(o.id));
  return (
    <div className="field">
      <span className="helhedsplan-links__label">{label}</span>
      {chosen.length === 0 ? (
        <p className="muted helhedsplan-links">–</p>
      ) : (
        <ul className="plain-list helhedsplan-links">
          {chosen.map((c) => (
            <li key={c.id}>
              {c.href ? <Link href={c.href}>{c.label}</Link> : c.label}
              <button type="button" className="helhedsplan-remove" aria-label={`${t('helhedsplaner.removeLink')}: ${c.label}`} onClick={() => onChange(ids.filter((x) => x !== c.id))}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <select aria-label={`${t('helhedsplaner.addLink')}: ${label}`} value="" onChange={(e) => e.target.value && onChange([...ids, e.target.value])}>
        <option value="">{t('helhedsplaner.addLinkOption')}</option>
        {free.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The indsatsområder as checkboxes: the active ones, and any retired one the plan still has. */
function IndsatsomraaderCard({ plan, save }: { readonly plan: Helhedsplan; readonly save: (changes: Omit<HelhedsplanUpdateInput, 'id'>) => void }) {
  const { t } = useTranslation();
  const areas = useApiQuery('helhedsplaner.indsatsomraader', { includeRetired: true });
  // Shown checked at once; the saved list comes back with the plan.
  const saved = plan.indsatsomraader.map((a) => a.id).join(',');
  const [ids, setIds] = useState(() => plan.indsatsomraader.map((a) => a.id));
  useEffect(() => setIds(saved ? saved.split(',') : []), [saved]);
  const chosen = new Set(ids);
  const shown = (areas.data ?? []).filter((a) => !a.retired || chosen.has(a.id));
  const toggle = (id: string, on: boolean) => {
    const next = on ? [...chosen, id] : [...chosen].filter((x) => x !== id);
    setIds(next);
    save({ indsatsomraadeIds: next });
  };
  return (
    <div className="card">
      <div className="card__header">
        <h2>{t('helhedsplaner.indsatsomraader')}</h2>
        <Link href="/helhedsplaner/indsatsomraader">{t('helhedsplaner.areasLink')}</Link>
      </div>
      <ul className="helhedsplan-areas">
        {shown.map((a) => (
          <li key={a.id}>
            <label>
              <input type="checkbox" checked={chosen.has(a.id)} onChange={(e) => toggle(a.id, e.target.checked)} />
              <span>
                {a.name}
                {a.frame ? <span className="muted"> · {a.frame}</span> : null}
                {a.retired ? <span className="muted"> {t('helhedsplaner.retiredArea')}</span> : null}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The bestyrelse, styregruppe, følgegruppe and projektleder: dated seats of contacts (personal data, GDPR). */
function PeopleCard({ plan }: { readonly plan: Helhedsplan }) {
  const { t } = useTranslation();
  const toast = useToast();
  const add = useApiMutation('helhedsplaner.addRole');
  const [contact, setContact] = useState<{ id: string; name: string } | null>(null);
  const [body, setBody] = useState<HelhedsplanBody>('bestyrelse');
  const [title, setTitle] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const contactName = useApiQuery('contacts.get', { id: contact?.id ?? '' }, { enabled: contact !== null });
  const submit = () => {
    if (!contact) return;
    add.mutate(
      { helhedsplanId: plan.id, contactId: contact.id, body, title, fromDate: dateFieldValue(from) ?? null, toDate: dateFieldValue(to) ?? null },
      {
        onSuccess: () => {
          setContact(null);
          setTitle('');
          setFrom('');
          setTo('');
        },
        onError: (e) => toast.show(describeError(t, e), { tone: 'error' }),
      },
    );
  };
  return (
    <div className="card">
      <h2>{t('helhedsplaner.people')}</h2>
      {plan.roles.length === 0 ? <p className="empty">{t('helhedsplaner.noPeople')}</p> : null}
      {plan.roles.length > 0 ? (
        // Fixed widths for the choice, the dates and the button, so the title gets the rest of the row.
        <FixedTable
          className="helhedsplan-people"
          columns={[
            { header: t('helhedsplaner.person'), width: 'helhedsplan-people__person' },
            { header: t('helhedsplaner.body'), width: 'helhedsplan-people__body' },
            { header: t('helhedsplaner.roleTitle') },
            { header: t('helhedsplaner.from'), width: 'helhedsplan-col-date' },
            { header: t('helhedsplaner.to'), width: 'helhedsplan-col-date' },
            { width: 'helhedsplan-people__remove' },
          ]}
        >
          {plan.roles.map((r) => (
            <RoleRow key={r.id} role={r} />
          ))}
        </FixedTable>
      ) : null}
      <div className="helhedsplan-add">
        <Field label={t('helhedsplaner.person')}>
          {() => <ContactCombobox label={t('helhedsplaner.person')} placeholder={t('helhedsplaner.findPerson')} valueLabel={contact ? (contactName.data?.name ?? contact.name) : ''} onSelect={(id) => setContact({ id, name: '' })} />}
        </Field>
        <Field label={t('helhedsplaner.body')}>{(p) => <EnumSelect {...p} values={helhedsplanBodies} label={(b) => t(`helhedsplaner.bodies.${b}`)} value={body} onChange={setBody} />}</Field>
        <Field label={t('helhedsplaner.roleTitle')}>{(p) => <input {...p} value={title} placeholder={t('helhedsplaner.roleTitlePlaceholder')} onChange={(e) => setTitle(e.target.value)} />}</Field>
        <Field label={t('helhedsplaner.from')}>{(p) => <DateField {...p} value={from} onChange={setFrom} />}</Field>
        <Field label={t('helhedsplaner.to')}>{(p) => <DateField {...p} value={to} onChange={setTo} />}</Field>
        <button type="button" className="button button--secondary" disabled={!contact || add.isPending} onClick={submit}>
          {t('helhedsplaner.addPerson')}
        </button>
      </div>
    </div>
  );
}

function RoleRow({ role }: { readonly role: HelhedsplanRole }) {
  const { t } = useTranslation();
  const toast = useToast();
  const update = useApiMutation('helhedsplaner.updateRole');
  const remove = useApiMutation('helhedsplaner.deleteRole');
  const [title, setTitle] = useState(role.title);
  useEffect(() => setTitle(role.title), [role.title]);
  const save = (changes: { body?: HelhedsplanBody; title?: string; fromDate?: string | null; toDate?: string | null }) =>
    update.mutate({ id: role.id, ...changes }, { onError: (e) => toast.show(describeError(t, e), { tone: 'error' }) });
  return (
    <tr className={role.current ? undefined : 'helhedsplan-ended'}>
      <td>
        <Link href={`/kontakter/${role.contactId}`}>{role.contactName}</Link>
        {role.current ? null : <span className="muted"> · {t('helhedsplaner.ended')}</span>}
      </td>
      <td>
        <EnumSelect
          className="helhedsplan-cell"
          aria-label={`${t('helhedsplaner.body')}: ${role.contactName}`}
          values={helhedsplanBodies}
          label={(b) => t(`helhedsplaner.bodies.${b}`)}
          value={role.body}
          onChange={(body) => save({ body })}
        />
      </td>
      <td>
        <input className="helhedsplan-cell" aria-label={`${t('helhedsplaner.roleTitle')}: ${role.contactName}`} title={title || undefined} value={title} onChange={(e) => setTitle(e.target.value)} onBlur={() => title !== role.title && save({ title })} />
      </td>
      <td>
        <DateField className="helhedsplan-cell" aria-label={`${t('helhedsplaner.from')}: ${role.contactName}`} value={role.fromDate ?? ''} onChange={(v) => dateFieldValue(v) !== undefined && save({ fromDate: dateFieldValue(v) })} />
      </td>
      <td>
        <DateField className="helhedsplan-cell" aria-label={`${t('helhedsplaner.to')}: ${role.contactName}`} value={role.toDate ?? ''} onChange={(v) => dateFieldValue(v) !== undefined && save({ toDate: dateFieldValue(v) })} />
      </td>
      <td>
        <button type="button" className="button button--secondary" aria-label={`${t('helhedsplaner.removePerson')}: ${role.contactName}`} onClick={() => remove.mutate({ id: role.id })}>
          ✕
        </button>
      </td>
    </tr>
  );
}

/** Reporting deadlines to Landsbyggefonden: open ones until delivered (Overblik and .ics show the open ones). */
function DeadlinesCard({ plan }: { readonly plan: Helhedsplan }) {
  const { t } = useTranslation();
  const toast = useToast();
  const add = useApiMutation('helhedsplaner.addDeadline');
  const update = useApiMutation('helhedsplaner.updateDeadline');
  const remove = useApiMutation('helhedsplaner.deleteDeadline');
  const [kind, setKind] = useState<HelhedsplanDeadlineKind>('aarsstatus');
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const today = danishDate(new Date());
  const onError = (e: unknown) => toast.show(describeError(t, e), { tone: 'error' });
  const submit = () => {
    const dueDate = dateFieldValue(due);
    if (!dueDate) return;
    add.mutate({ helhedsplanId: plan.id, kind, title, dueDate }, { onSuccess: () => (setTitle(''), setDue('')), onError });
  };
  return (
    <div className="card">
      <h2>{t('helhedsplaner.deadlines')}</h2>
      {plan.deadlines.length === 0 ? <p className="empty">{t('helhedsplaner.noDeadlines')}</p> : null}
      {plan.deadlines.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t('helhedsplaner.deadlineKind')}</th>
              <th>{t('helhedsplaner.deadlineTitle')}</th>
              <th>{t('helhedsplaner.dueDate')}</th>
              <th>{t('helhedsplaner.doneDate')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {plan.deadlines.map((d) => (
              <tr key={d.id} className={d.doneDate ? 'helhedsplan-ended' : undefined}>
                <td>{t(`helhedsplaner.deadlineKinds.${d.kind}`)}</td>
                <td>{d.title || <span className="muted">–</span>}</td>
                <td className={!d.doneDate && d.dueDate < today ? 'nowrap helhedsplan-overdue' : 'nowrap'}>
                  {formatDate(d.dueDate)}
                  {!d.doneDate && d.dueDate < today ? ` · ${t('helhedsplaner.overdue')}` : ''}
                </td>
                <td className="nowrap">
                  {d.doneDate ? (
                    formatDate(d.doneDate)
                  ) : (
                    <button type="button" className="button button--secondary" onClick={() => update.mutate({ id: d.id, doneDate: today }, { onError })}>
                      {t('helhedsplaner.markDone')}
                    </button>
                  )}
                </td>
                <td>
                  <button type="button" className="button button--secondary" aria-label={`${t('helhedsplaner.removeDeadline')}: ${d.title || t(`helhedsplaner.deadlineKinds.${d.kind}`)}`} onClick={() => remove.mutate({ id: d.id }, { onError })}>
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="helhedsplan-add helhedsplan-add--deadline">
        <Field label={t('helhedsplaner.deadlineKind')}>
          {(p) => <EnumSelect {...p} values={helhedsplanDeadlineKinds} label={(k) => t(`helhedsplaner.deadlineKinds.${k}`)} value={kind} onChange={setKind} />}
        </Field>
        <Field label={t('helhedsplaner.deadlineTitle')}>{(p) => <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}</Field>
        <Field label={t('helhedsplaner.dueDate')}>{(p) => <DateField {...p} value={due} onChange={setDue} />}</Field>
        <button type="button" className="button button--secondary" disabled={!dateFieldValue(due) || add.isPending} onClick={submit}>
          {t('helhedsplaner.addDeadline')}
        </button>
      </div>
    </div>
  );
}
