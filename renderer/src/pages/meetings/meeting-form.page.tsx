import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { meetingStatuses, type MeetingStatus } from '../../../../common/domain';
import { meetingCreateInputSchema, meetingUpdateInputSchema, type AgendaItemKind, type Meeting } from '../../../../common/meetings.domain';
import { danishDate } from '../../../../common/time';
import { Field } from '../../components/field.component';
import { useValidation } from '../../components/form';
import { PageHeader, QueryState } from '../../components/page.component';
import { ContactAdder, KommuneSelect } from '../../components/pickers.component';
import { useToast } from '../../components/toast.component';
import { FormActions } from '../../components/tombstone.component';
import { dateInputValue, instantFromInputs, timeInputValue } from '../../format';
import { useApiMutation, useApiQuery } from '../../queries';
import { DateField, TimeField } from '../../components/date-time-fields.component';

interface Values {
  seriesId: string | null;
  kommuneId: string | null;
  title: string;
  date: string;
  start: string;
  end: string;
  place: string;
  inviteeIds: string[];
  agenda: { title: string; kind: AgendaItemKind }[];
}

/** New meeting: blank, or — from a series — pre-filled by "Planlæg næste møde"; from a kommune hub or Overblik ("Planlæg møde") with the kommune and the person invited. */
export function MeetingFormPage({ seriesId, date, kommuneId, inviteeId }: { readonly seriesId?: string | undefined; readonly date?: string | undefined; readonly kommuneId?: string | undefined; readonly inviteeId?: string | undefined }) {
  const { t } = useTranslation();
  const proposal = useApiQuery('series.proposeNext', { id: seriesId ?? '' }, { enabled: Boolean(seriesId) });
  if (seriesId && !proposal.data) return <QueryState isLoading={proposal.isLoading} error={proposal.error} />;
  const p = proposal.data;
  const initial: Values = p
    ? {
        seriesId: p.seriesId,
        kommuneId: p.kommuneId,
        title: p.title,
        date: dateInputValue(p.startsAt),
        start: timeInputValue(p.startsAt),
        end: p.endsAt ? timeInputValue(p.endsAt) : '',
        place: p.place,
        inviteeIds: [...p.inviteeIds],
        agenda: p.agenda.map((a) => ({ ...a })),
      }
    : {
        seriesId: null,
        kommuneId: kommuneId ?? null,
        title: '',
        date: date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : danishDate(new Date()),
        start: '10:00',
        end: '12:00',
        place: '',
        inviteeIds: inviteeId ? [inviteeId] : [],
        agenda: [],
      };
  return (
    <section>
      <PageHeader title={t('meetings.new')} />
      <MeetingForm initial={initial} />
    </section>
  );
}

function MeetingForm({ initial }: { readonly initial: Values }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [, navigate] = useLocation();
  const [values, setValues] = useState<Values>(initial);
  const [newItem, setNewItem] = useState('');
  const { errors, validate, saveFailed } = useValidation(meetingCreateInputSchema);
  const series = useApiQuery('series.list', {});
  const contacts = useApiQuery('contacts.list', {});
  const create = useApiMutation('meetings.create');
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const names = new Map((contacts.data ?? []).map((c) => [c.id, c.name]));
  useEffect(() => {
    // Choosing a series fills in its kommune when none is chosen yet.
    const chosen = series.data?.find((s) => s.id === values.seriesId);
    if (chosen?.kommune && !values.kommuneId) set('kommuneId', chosen.kommune.id);
  }, [values.seriesId, values.kommuneId, series.data]);

  const payload = () => ({
    seriesId: values.seriesId,
    kommuneId: values.kommuneId,
    title: values.title,
    startsAt: instantFromInputs(values.date, values.start) ?? `${values.date}T${values.start}`,
    endsAt: values.end ? (instantFromInputs(values.date, values.end) ?? `${values.date}T${values.end}`) : null,
    place: values.place,
    inviteeIds: values.inviteeIds,
    agenda: values.agenda,
  });

  return (
    <form
      className="card form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const input = payload();
        if (!validate(input)) return;
        create.mutate(input, {
          onSuccess: (m) => {
            toast.show(t('meetings.created'));
            navigate(`/moeder/${m.id}`);
          },
          onError: saveFailed,
        });
      }}
    >
      <Field label={t('meetings.fields.title')} error={errors.title}>
        {(props) => <input {...props} value={values.title} onChange={(e) => set('title', e.target.value)} autoFocus />}
      </Field>
      <div className="row">
        <Field label={t('meetings.fields.series')} error={errors.seriesId}>
          {(props) => (
            <select {...props} value={values.seriesId ?? ''} onChange={(e) => set('seriesId', e.target.value || null)}>
              <option value="">{t('meetings.noSeries')}</option>
              {series.data?.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('meetings.fields.kommune')} error={errors.kommuneId}>
          {(props) => <KommuneSelect {...props} value={values.kommuneId} onChange={(id) => set('kommuneId', id)} emptyLabel={t('meetings.chooseKommune')} />}
        </Field>
      </div>
      <div className="row">
        <Field label={t('meetings.fields.date')} error={errors.startsAt}>
          {(props) => <DateField {...props} value={values.date} onChange={(v) => set('date', v)} />}
        </Field>
        <Field label={t('meetings.fields.start')}>{(props) => <TimeField {...props} value={values.start} onChange={(v) => set('start', v)} />}</Field>
        <Field label={t('meetings.fields.end')} error={errors.endsAt}>
          {(props) => <TimeField {...props} value={values.end} onChange={(v) => set('end', v)} />}
        </Field>
      </div>
      <Field label={t('meetings.fields.place')} error={errors.place}>
        {(props) => <input {...props} value={values.place} onChange={(e) => set('place', e.target.value)} />}
      </Field>
      <fieldset className="fieldset">
        <legend>{t('meetings.fields.invitees')}</legend>
        <div className="chips">
          {values.inviteeIds.map((id) => (
            <span key={id} className="chip">
              {names.get(id) ?? '…'}
              <button type="button" aria-label={`${t('common.remove')} ${names.get(id) ?? ''}`} onClick={() => set('inviteeIds', values.inviteeIds.filter((x) => x !== id))}>
                ×
              </button>
            </span>
          ))}
          <ContactAdder exclude={values.inviteeIds} onAdd={(id) => set('inviteeIds', [...values.inviteeIds, id])} label={t('meetings.addInvitee')} />
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('meetings.agenda')}</legend>
        <ol className="agenda-draft">
          {values.agenda.map((item, index) => (
            <li key={index}>
              <input
                aria-label={`${t('meetings.agenda')} ${index + 1}`}
                value={item.title}
                readOnly={item.kind === 'follow_up_review'}
                onChange={(e) => set('agenda', values.agenda.map((a, i) => (i === index ? { ...a, title: e.target.value } : a)))}
              />
              <button type="button" className="button button--link" onClick={() => set('agenda', values.agenda.filter((_, i) => i !== index))}>
                {t('common.remove')}
              </button>
            </li>
          ))}
        </ol>
        <div className="list-row">
          <input
            aria-label={t('meetings.newItemPlaceholder')}
            placeholder={t('meetings.newItemPlaceholder')}
            value={newItem}
            onChange={(e) => setNewItem(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && newItem.trim()) {
                e.preventDefault();
                set('agenda', [...values.agenda, { title: newItem.trim(), kind: 'normal' }]);
                setNewItem('');
              }
            }}
          />
          <button
            type="button"
            className="button button--secondary"
            disabled={!newItem.trim()}
            onClick={() => {
              set('agenda', [...values.agenda, { title: newItem.trim(), kind: 'normal' }]);
              setNewItem('');
            }}
          >
            {t('meetings.addItem')}
          </button>
        </div>
      </fieldset>
      <FormActions pending={create.isPending} onCancel={() => history.back()} />
    </form>
  );
}

/** Edit the facts of an existing meeting: title, kommune, time and place. */
export function MeetingEditForm({ meeting, onDone }: { readonly meeting: Meeting; readonly onDone: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState({
    title: meeting.title,
    kommuneId: meeting.kommune?.id ?? null,
    date: dateInputValue(meeting.startsAt),
    start: timeInputValue(meeting.startsAt),
    end: meeting.endsAt ? timeInputValue(meeting.endsAt) : '',
    place: meeting.place,
    status: meeting.status,
  });
  const { errors, validate, saveFailed } = useValidation(meetingUpdateInputSchema);
  const update = useApiMutation('meetings.update');
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => setValues((v) => ({ ...v, [key]: value }));
  return (
    <form
      className="card form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const input = {
          id: meeting.id,
          title: values.title,
          kommuneId: values.kommuneId,
          startsAt: instantFromInputs(values.date, values.start) ?? `${values.date}T${values.start}`,
          endsAt: values.end ? (instantFromInputs(values.date, values.end) ?? `${values.date}T${values.end}`) : null,
          place: values.place,
          status: values.status,
        };
        if (!validate(input)) return;
        update.mutate(input, { onSuccess: onDone, onError: saveFailed });
      }}
    >
      <Field label={t('meetings.fields.title')} error={errors.title}>
        {(props) => <input {...props} value={values.title} onChange={(e) => set('title', e.target.value)} autoFocus />}
      </Field>
      <Field label={t('meetings.fields.kommune')} error={errors.kommuneId}>
        {(props) => <KommuneSelect {...props} value={values.kommuneId} onChange={(id) => set('kommuneId', id)} emptyLabel={t('meetings.chooseKommune')} />}
      </Field>
      <div className="row">
        <Field label={t('meetings.fields.date')} error={errors.startsAt}>
          {(props) => <DateField {...props} value={values.date} onChange={(v) => set('date', v)} />}
        </Field>
        <Field label={t('meetings.fields.start')}>{(props) => <TimeField {...props} value={values.start} onChange={(v) => set('start', v)} />}</Field>
        <Field label={t('meetings.fields.end')} error={errors.endsAt}>
          {(props) => <TimeField {...props} value={values.end} onChange={(v) => set('end', v)} />}
        </Field>
      </div>
      <div className="row">
        <Field label={t('meetings.fields.place')} error={errors.place}>
          {(props) => <input {...props} value={values.place} onChange={(e) => set('place', e.target.value)} />}
        </Field>
        <Field label={t('meetings.fields.status')} error={errors.status}>
          {(props) => (
            <select {...props} value={values.status} onChange={(e) => set('status', e.target.value as MeetingStatus)}>
              {meetingStatuses.map((s) => (
                <option key={s} value={s}>
                  {t(`meetings.status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <FormActions pending={update.isPending} onCancel={onDone} />
    </form>
  );
}
