import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReferatCollectionFilter, ReferatFormat } from '../../../../common/documents/referat.model';
import { meetingSeriesKinds } from '../../../../common/domain';
import { call, describeError } from '../../api';
import { useToast } from '../../components/toast.component';
import { downloadFile } from '../../files';

/** Several referater as one Word or PDF document (each meeting on its own page): a series, or a kommune's year. */
export function ReferatCollectionButtons({ filter, scope = 'series' }: { readonly filter: ReferatCollectionFilter; readonly scope?: 'series' | 'selection' }) {
  const { t } = useTranslation();
  const toast = useToast();
  // A download changes nothing, so no cached reads are invalidated (unlike useApiMutation).
  const make = useMutation({
    mutationFn: (format: ReferatFormat) => call('referat.exportCollection', { filter, format }),
    onSuccess: (file) => {
      downloadFile(file.fileName, file.base64);
      toast.show(t('documents.collectionExported', { count: file.meetings, file: file.fileName }));
    },
    onError: (error) => toast.show(describeError(t, error), { tone: 'error' }),
  });
  return (
    <>
      <button type="button" className="button button--secondary" disabled={make.isPending} onClick={() => make.mutate('docx')}>
        {scope === 'series' ? t('documents.collectionWord') : t('documents.word')}
      </button>
      <button type="button" className="button button--secondary" disabled={make.isPending} onClick={() => make.mutate('pdf')}>
        {scope === 'series' ? t('documents.collectionPdf') : t('documents.pdf')}
      </button>
    </>
  );
}

/** On a kommune's page: e.g. "alle styringsdialogmøder 2026 i Køge" as one document. */
export function KommuneReferaterCard({ kommuneId, kommuneNavn }: { readonly kommuneId: string; readonly kommuneNavn: string }) {
  const { t } = useTranslation();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [kind, setKind] = useState<(typeof meetingSeriesKinds)[number] | ''>('');
  const filter: ReferatCollectionFilter = { kommuneId, from: `${year}-01-01`, to: `${year}-12-31`, ...(kind ? { kind } : {}) };
  return (
    <div className="card">
      <h2>{t('documents.kommuneTitle')}</h2>
      <p className="muted">{t('documents.kommuneIntro', { kommune: kommuneNavn })}</p>
      <div className="filters">
        <select aria-label={t('documents.kind')} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          <option value="">{t('documents.allKinds')}</option>
          {meetingSeriesKinds.map((k) => (
            <option key={k} value={k}>
              {t(`series.kinds.${k}`)}
            </option>
          ))}
        </select>
        <select aria-label={t('documents.year')} value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {Array.from({ length: 8 }, (_, i) => thisYear + 1 - i).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
        <ReferatCollectionButtons filter={filter} scope="selection" />
      </div>
    </div>
  );
}
