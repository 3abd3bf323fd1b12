import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { ListImportPreview } from '../../../../common/boligomraader.domain';
import { describeError } from '../../api';
import { FileChoice } from '../../components/file-choice.component';
import { PageHeader } from '../../components/page.component';
import { useToast } from '../../components/toast.component';
import { readFileAsBase64 } from '../../files';
import { useApiMutation } from '../../queries';
import { ListChanges } from './list-changes.component';
import './boligomraader.css';

/** The list year a consultant imports in December: this year from 1 December, otherwise last year. */
function defaultListYear(now = new Date()): number {
  const december = now.getMonth() === 11;
  return december ? now.getFullYear() : now.getFullYear() - 1;
}

/**
 * Import of the ministry's lists: choose the year and a file → the preview
 * (what changed since last year, and which kommuner, organisations and
 * meeting series it touches; nothing is written) → Importér.
 */
export function ListImportPage() {
  const { t } = useTranslation();
  const toast = useToast();
  const [, navigate] = useLocation();
  const preview = useApiMutation('boligomraader.previewImport');
  const doImport = useApiMutation('boligomraader.import');
  const [year, setYear] = useState(defaultListYear());
  const [file, setFile] = useState<{ fileName: string; base64: string } | null>(null);
  const [result, setResult] = useState<ListImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const years = Array.from({ length: 8 }, (_, i) => defaultListYear() + 1 - i);
  const ask = (payload: { fileName: string; base64: string }, y: number) => {
    setResult(null);
    setError(null);
    preview.mutate({ ...payload, year: y }, { onSuccess: setResult, onError: (err) => setError(describeError(t, err)) });
  };
  const writes = result ? result.statusesAdded + result.statusesRemoved + result.newAreas > 0 : false;
  return (
    <section>
      <PageHeader title={t('boligomraader.import.title')} subtitle={t('boligomraader.import.intro')} />
      <div className="card">
        <div className="bo-year-form">
          <label>
            {t('boligomraader.import.year')}{' '}
            <select
              value={year}
              onChange={(e) => {
                const y = Number(e.target.value);
                setYear(y);
                if (file) ask(file, y);
              }}
            >
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <FileChoice
            label={t('boligomraader.import.chooseFile')}
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChoose={async (chosen) => {
              const payload = { fileName: chosen.name, base64: await readFileAsBase64(chosen) };
              setFile(payload);
              ask(payload, year);
            }}
          />
        </div>
        {preview.isPending ? <p className="muted">{t('boligomraader.import.reading')}</p> : null}
        {error ? (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        ) : null}
        {result && file ? (
          <div className="sync-preview" role="region" aria-label={t('boligomraader.import.previewTitle', { year: result.year })}>
            <h3>{t('boligomraader.import.previewTitle', { year: result.year })}</h3>
            <p>
              {result.previousYear ? t('boligomraader.import.comparedWith', { year: result.previousYear }) : t('boligomraader.import.firstYear')}{' '}
              {t('boligomraader.import.summary', { rows: result.rows, newAreas: result.newAreas, added: result.statusesAdded, removed: result.statusesRemoved })}
            </p>
            {result.replacesYear ? <p className="notice notice--warning">{t('boligomraader.import.replacesYear', { year: result.year })}</p> : null}
            <ListChanges comparison={result} />
            {writes ? (
              <div className="form-actions">
                <button
                  type="button"
                  className="button"
                  disabled={doImport.isPending}
                  onClick={() =>
                    doImport.mutate(
                      { ...file, year: result.year },
                      {
                        onSuccess: (done) => {
                          toast.show(t('boligomraader.import.imported', { year: done.year }));
                          navigate('/boligomraader');
                        },
                        onError: (err) => setError(describeError(t, err)),
                      },
                    )
                  }
                >
                  {t('boligomraader.import.doImport')}
                </button>
                <button type="button" className="button button--secondary" onClick={() => (setResult(null), setFile(null))}>
                  {t('boligomraader.import.cancel')}
                </button>
              </div>
            ) : (
              <p className="notice">{t('boligomraader.import.nothingToDo')}</p>
            )}
          </div>
        ) : null}
      </div>
    </section>
  );
}
