import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ReferatCollectionFilter, ReferatFormat } from '../../../../common/documents/referat.model';
import { call, describeError } from '../../api';
import { useToast } from '../../components/toast.component';
import { downloadFile } from '../../files';

/** "Alle referater i rækken" as one Word or PDF document (each meeting on its own page). */
export function ReferatCollectionButtons({ filter }: { readonly filter: ReferatCollectionFilter }) {
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
        {t('documents.collectionWord')}
      </button>
      <button type="button" className="button button--secondary" disabled={make.isPending} onClick={() => make.mutate('pdf')}>
        {t('documents.collectionPdf')}
      </button>
    </>
  );
}
