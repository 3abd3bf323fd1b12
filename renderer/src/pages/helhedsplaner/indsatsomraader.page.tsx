import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Indsatsomraade } from '../../../../common/helhedsplaner.domain';
import { describeError } from '../../api';
import { DateField } from '../../components/date-time-fields.component';
import { dateFieldValue } from '../../components/date-time-fields';
import { Field } from '../../components/field.component';
import { FixedTable } from '../../components/fixed-table.component';
import { PageHeader, QueryState } from '../../components/page.component';
import { useToast } from '../../components/toast.component';
import { useApiMutation, useApiQuery } from '../../queries';
import './helhedsplaner.css';


/**
 * Indsatsområder (issue 17): Landsbyggefonden's areas per funding frame, as
 * synced data the consultant keeps — add the next frame's areas when it comes,
 * rename, and retire one (kept on the plans that have it).
 */
export function IndsatsomraaderPage() {
  const { t } = useTranslation();
  const toast = useToast();
  const areas = useApiQuery('helhedsplaner.indsatsomraader', { includeRetired: true });
  const create = useApiMutation('helhedsplaner.createIndsatsomraade');
  const [name, setName] = useState('');
  const [frame, setFrame] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = () => {
    if (!name.trim()) return setError('validation.required');
    create.mutate(
      { name, frame, validFrom: dateFieldValue(from) ?? null, validTo: dateFieldValue(to) ?? null },
      {
        onSuccess: () => {
          setName('');
          toast.show(t('helhedsplaner.areaAdded'));
        },
        onError: (e) => toast.show(describeError(t, e), { tone: 'error' }),
      },
    );
  };
  return (
    <section>
      <PageHeader
        title={t('helhedsplaner.areasTitle')}
        subtitle={t('helhedsplaner.areasSubtitle')}
        actions={
          <Link href="/helhedsplaner" className="button button--secondary">
            {t('helhedsplaner.back')}
          </Link>
        }
      />
      <div className="card">
        {!areas.data ? <QueryState isLoading={areas.isLoading} error={areas.error} /> : null}
        {areas.data ? (
          // The frame, the dates and the button fixed; the name gets the rest ("Sammenhængskraft og medborgerskab").
          <FixedTable
            className="helhedsplan-areas-table"
            columns={[
              { header: t('helhedsplaner.areaName') },
              { header: t('helhedsplaner.areaFrame'), width: 'helhedsplan-areas-table__frame' },
              { header: t('helhedsplaner.areaValidFrom'), width: 'helhedsplan-col-date' },
              { header: t('helhedsplaner.areaValidTo'), width: 'helhedsplan-col-date' },
              { width: 'helhedsplan-areas-table__action' },
            ]}
          >
            {areas.data.map((a) => (
              <AreaRow key={a.id} area={a} />
            ))}
          </FixedTable>
        ) : null}
        <form
          className="helhedsplan-add helhedsplan-add--area"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Field label={t('helhedsplaner.areaName')} error={error}>
            {(p) => <input {...p} value={name} onChange={(e) => (setName(e.target.value), setError(undefined))} />}
          </Field>
          <Field label={t('helhedsplaner.areaFrame')}>{(p) => <input {...p} value={frame} placeholder="2027–2030" onChange={(e) => setFrame(e.target.value)} />}</Field>
          <Field label={t('helhedsplaner.areaValidFrom')}>{(p) => <DateField {...p} value={from} onChange={setFrom} />}</Field>
          <Field label={t('helhedsplaner.areaValidTo')}>{(p) => <DateField {...p} value={to} onChange={setTo} />}</Field>
          <button type="submit" className="button" disabled={create.isPending}>
            {t('helhedsplaner.addArea')}
          </button>
        </form>
      </div>
    </section>
  );
}

function AreaRow({ area }: { readonly area: Indsatsomraade }) {
  const { t } = useTranslation();
  const toast = useToast();
  const update = useApiMutation('helhedsplaner.updateIndsatsomraade');
  const [name, setName] = useState(area.name);
  const [frame, setFrame] = useState(area.frame);
  useEffect(() => setName(area.name), [area.name]);
  useEffect(() => setFrame(area.frame), [area.frame]);
  const save = (changes: { name?: string; frame?: string; validFrom?: string | null; validTo?: string | null; retired?: boolean }) =>
    update.mutate({ id: area.id, ...changes }, { onError: (e) => toast.show(describeError(t, e), { tone: 'error' }) });
  return (
    <tr className={area.retired ? 'helhedsplan-ended' : undefined}>
      <td>
        <input className="helhedsplan-cell" aria-label={`${t('helhedsplaner.areaName')}: ${area.name}`} value={name} onChange={(e) => setName(e.target.value)} onBlur={() => name.trim() && name !== area.name && save({ name })} />
        {area.retired ? <span className="muted"> {t('helhedsplaner.retiredArea')}</span> : null}
      </td>
      <td>
        <input className="helhedsplan-cell" aria-label={`${t('helhedsplaner.areaFrame')}: ${area.name}`} value={frame} onChange={(e) => setFrame(e.target.value)} onBlur={() => frame !== area.frame && save({ frame })} />
      </td>
      <td>
        <DateField className="helhedsplan-cell" aria-label={`${t('helhedsplaner.areaValidFrom')}: ${area.name}`} value={area.validFrom ?? ''} onChange={(v) => dateFieldValue(v) !== undefined && save({ validFrom: dateFieldValue(v) })} />
      </td>
      <td>
        <DateField className="helhedsplan-cell" aria-label={`${t('helhedsplaner.areaValidTo')}: ${area.name}`} value={area.validTo ?? ''} onChange={(v) => dateFieldValue(v) !== undefined && save({ validTo: dateFieldValue(v) })} />
      </td>
      <td>
        <button type="button" className="button button--secondary" onClick={() => save({ retired: !area.retired })}>
          {area.retired ? t('helhedsplaner.unretire') : t('helhedsplaner.retire')}
        </button>
      </td>
    </tr>
  );
}
