import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IcsPreview, IcsPreviewItem } from '../../../../common/calendar/calendar.domain';
import { ApiError, describeError } from '../../api';
import { PageHeader } from '../../components/page.component';
import { FileChoice } from '../../components/file-choice.component';
import { useToast } from '../../components/toast.component';
import { formatMeetingTime } from '../../format';
import { useApiMutation } from '../../queries';
import { readFileAsBase64 } from '../../files';
import './calendar-files.css';

type TFunction = ReturnType<typeof useTranslation>['t'];

/** Why a file was refused: the backend's own Danish sentence for a bad file ("ikke en kalenderfil …"), else the generic text for the code. */
function fileError(t: TFunction, error: unknown): string {
  return error instanceof ApiError && error.code === 'VALIDATION' && error.issues.length === 0 ? error.message : describeError(t, error);
}

function changeValue(t: TFunction, field: IcsPreviewItem['changes'][number]['field'], value: string | null): string {
  if (value === null || value === '') return t('ics.empty');
  if (field === 'starts_at' || field === 'ends_at') return formatMeetingTime(value, null);
  if (field === 'status') return t(`meetings.status.${value}`, { defaultValue: value });
  return value;
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
  const p = result;
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
            preview.mutate(payload, { onSuccess: setResult, onError: (err) => setError(fileError(t, err)) });
          }}
        />
        {preview.isPending ? <p className="loading">{t('ics.reading')}</p> : null}
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
                    <td>{item.startsAt ? formatMeetingTime(item.startsAt, item.endsAt) : '–'}</td>
                    <td>{item.title}</td>
                    <td>{item.place}</td>
                    <td>
                      <Details item={item} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {actionable === 0 ? (
              <p className="notice">{t('ics.nothingToDo')}</p>
            ) : (
              <div className="form-actions">
                <button
                  type="button"
                  className="button"
                  disabled={doImport.isPending}
                  onClick={() =>
                    doImport.mutate(file, {
                      onSuccess: (done) => {
                        toast.show(t('ics.imported', { created: done.created, updated: done.updated, cancelled: done.cancelled }));
                        setResult(null);
                        setFile(null);
                      },
                      onError: (err) => setError(fileError(t, err)),
                    })
                  }
                >
                  {doImport.isPending ? t('ics.importing') : t('ics.doImport')}
                </button>
              </div>
            )}
          </div>
        ) : null}
      </div>
    </section>
  );
}
