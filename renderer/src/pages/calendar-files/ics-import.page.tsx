import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IcsKommuneChoice, IcsPreview, IcsPreviewItem } from '../../../../common/calendar/calendar.domain';
import { danishDate } from '../../../../common/time';
import { describeError } from '../../api';
import { PageHeader } from '../../components/page.component';
import { FileChoice } from '../../components/file-choice.component';
import { JobProgress } from '../../components/job-progress.component';
import { useToast } from '../../components/toast.component';
import { formatDate, formatMeetingTime } from '../../format';
import { useApiMutation } from '../../queries';
import { readFileAsBase64 } from '../../files';
import './calendar-files.css';

type TFunction = ReturnType<typeof useTranslation>['t'];

function changeValue(t: TFunction, field: IcsPreviewItem['changes'][number]['field'], value: string | null): string {
  if (value === null || value === '') return t('ics.empty');
  if (field === 'starts_at' || field === 'ends_at') return formatMeetingTime(value, null);
  if (field === 'status') return t(`meetings.status.${value}`, { defaultValue: value });
  return value;
}

/** When an appointment is: "tirs. 6. okt. 2026 kl. 10.00–12.00", or the day for a whole-day one. */
function when(t: TFunction, item: IcsPreviewItem): string {
  if (!item.startsAt) return '–';
  return item.allDay ? t('ics.allDay', { date: formatDate(danishDate(item.startsAt)) }) : formatMeetingTime(item.startsAt, item.endsAt);
}

function Details({ item }: { readonly item: IcsPreviewItem }) {
  const { t } = useTranslation();
  return (
    <>
      {item.changes.map((c) => (
        <span key={c.field} className="sync-change">
          {t(`ics.fields.${c.field}`)}: <del>{changeValue(t, c.field, c.before)}</del> → <ins>{changeValue(t, c.field, c.after)}</ins>
        </span>
      ))}
      {item.agenda.length ? <span className="ics-reason">{t('ics.agenda', { count: item.agenda.length, titles: item.agenda.join(' · ') })}</span> : null}
      {item.invitees.length ? <span className="ics-reason">{t('ics.invitees', { names: item.invitees.map((i) => i.name).join(', ') })}</span> : null}
      {item.kommune ? <span className="ics-reason muted">{t('ics.kommuneSuggested', { kommune: item.kommune.name })}</span> : null}
      {item.reason ? <span className={item.kind === 'rejected' ? 'ics-reason ics-reason--rejected' : 'ics-reason muted'}>{item.reason}</span> : null}
    </>
  );
}

/** Choose an .ics file → preview per appointment (new, update, cancel, rejected with reason) → Importér. */
export function IcsImportPage() {
  const { t } = useTranslation();
  const toast = useToast();
  const preview = useApiMutation('calendar.previewImport');
  const doImport = useApiMutation('calendar.import');
  const [file, setFile] = useState<{ fileName: string; base64: string } | null>(null);
  const [result, setResult] = useState<IcsPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Kommune suggestions the user ticked, as "uid\nkommuneId". */
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const p = result;
  const kommuneChoices: IcsKommuneChoice[] = (p?.kommuneSuggestions ?? []).filter((k) => chosen.has(`${k.uid}\n${k.kommuneId}`)).map((k) => ({ uid: k.uid, kommuneId: k.kommuneId }));
  const actionable = p ? p.counts.new + p.counts.update + p.counts.cancel : 0;
  return (
    <section>
      <PageHeader title={t('ics.title')} subtitle={t('ics.intro')} />
      <div className="card">
        <FileChoice
          label={t('ics.chooseFile')}
          accept=".ics,text/calendar"
          onChoose={async (chosen) => {
            const payload = { fileName: chosen.name, base64: await readFileAsBase64(chosen) };
            setFile(payload);
            setResult(null);
            setError(null);
            setChosen(new Set());
            preview.mutate(payload, { onSuccess: setResult, onError: (err) => setError(describeError(t, err)) });
          }}
        />
        {preview.isPending ? <JobProgress kind="calendar.preview" label={t('ics.reading')} /> : null}
        {error ? (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        ) : null}
        {p && file ? (
          <div className="sync-preview" role="region" aria-label={t('ics.previewTitle')}>
            <h3>{t('ics.previewTitle')}</h3>
            <p>{t('ics.summary', p.counts)}</p>
            {p.warnings.map((w) => (
              <p key={w} className="notice notice--warning">
                {w}
              </p>
            ))}
            {p.kommuneSuggestions.length ? (
              <fieldset className="fieldset ics-kommune">
                <legend>{t('ics.kommuneTitle')}</legend>
                <p className="muted">{t('ics.kommuneIntro')}</p>
                {p.kommuneSuggestions.map((k) => {
                  const id = `${k.uid}\n${k.kommuneId}`;
                  return (
                    <label key={id} className="checkbox">
                      <input
                        type="checkbox"
                        checked={chosen.has(id)}
                        onChange={(e) => {
                          const next = new Set(chosen);
                          if (e.target.checked) next.add(id);
                          else next.delete(id);
                          setChosen(next);
                        }}
                      />{' '}
                      {t('ics.kommuneChoice', { kommune: k.kommuneName, title: k.title, count: k.meetings })}
                    </label>
                  );
                })}
              </fieldset>
            ) : null}
            <table className="table table--compact">
              <thead>
                <tr>
                  {(['kind', 'when', 'title', 'place', 'details'] as const).map((c) => (
                    <th key={c}>{t(`ics.columns.${c}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {p.items.map((item, index) => (
                  <tr key={`${item.uid}-${item.startsAt ?? ''}-${index}`}>
                    <td>
                      <span className={`badge ics-kind--${item.kind}`}>{t(`ics.kinds.${item.kind}`)}</span>
                    </td>
                    <td>{when(t, item)}</td>
                    <td>{item.title}</td>
                    <td>{item.place}</td>
                    <td>
                      <Details item={item} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {actionable === 0 && kommuneChoices.length === 0 ? (
              <p className="notice">{t('ics.nothingToDo')}</p>
            ) : (
              <div className="form-actions">
                <button
                  type="button"
                  className="button"
                  disabled={doImport.isPending}
                  onClick={() =>
                    doImport.mutate({ ...file, kommuneChoices }, {
                      onSuccess: (done) => {
                        toast.show(t('ics.imported', { created: done.created, updated: done.updated, cancelled: done.cancelled }));
                        setResult(null);
                        setFile(null);
                      },
                      onError: (err) => setError(describeError(t, err)),
                    })
                  }
                >
                  {t('ics.doImport')}
                </button>
              </div>
            )}
            {doImport.isPending ? <JobProgress kind="calendar.import" label={t('ics.importing')} /> : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
