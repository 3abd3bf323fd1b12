import { useTranslation } from 'react-i18next';
import type { SpreadsheetSubject } from '../../../../common/contact-files/contact-files.domain';
import { describeError } from '../../api';
import { useToast } from '../../components/toast.component';
import { useApiMutation } from '../../queries';
import './contact-files.css';
import { downloadFile } from '../../files';

/**
 * "Eksportér liste: CSV · Excel" for a list page (contacts, organisations, follow-ups, meetings).
 * `caption` names the list when a menu offers more than one (Kontakter also exports the kontaktlog).
 */
export function SpreadsheetExportMenu({ what, caption }: { readonly what: SpreadsheetSubject; readonly caption?: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const exportFile = useApiMutation('contactFiles.exportSpreadsheet');
  const run = (format: 'csv' | 'xlsx') =>
    exportFile.mutate(
      { what, format },
      {
        onSuccess: (file) => {
          downloadFile(file.fileName, file.base64);
          toast.show(t('contactFiles.exported', { file: file.fileName }));
        },
        onError: (error) => toast.show(describeError(t, error), { tone: 'error' }),
      },
    );
  return (
    <div className="export-menu" role="group" aria-label={caption ?? t('contactFiles.exportLabel')}>
      {caption && <span className="export-menu__caption">{caption}</span>}
      <button type="button" className="button button--secondary" disabled={exportFile.isPending} onClick={() => run('csv')}>
        {t('contactFiles.exportCsv')}
      </button>
      <button type="button" className="button button--secondary" disabled={exportFile.isPending} onClick={() => run('xlsx')}>
        {t('contactFiles.exportExcel')}
      </button>
    </div>
  );
}

/**
 * vCard buttons: 4.0, 3.0 for Outlook, and a zip of one .vcf per contact
 * (Outlook opens only the first card of a multi-contact file).
 * Without contactIds every live contact is exported.
 */
export function VcardExportButtons({ contactIds }: { readonly contactIds?: readonly string[] }) {
  const { t } = useTranslation();
  const toast = useToast();
  const exportFile = useApiMutation('contactFiles.exportVcard');
  const ids = contactIds && contactIds.length > 0 ? [...contactIds] : undefined;
  const run = (version: '4.0' | '3.0', packaging: 'single' | 'zip') =>
    exportFile.mutate(
      { contactIds: ids, version, packaging },
      {
        onSuccess: (file) => {
          downloadFile(file.fileName, file.base64);
          toast.show(t('contactFiles.exported', { file: file.fileName }));
        },
        onError: (error) => toast.show(describeError(t, error), { tone: 'error' }),
      },
    );
  const several = !ids || ids.length > 1;
  return (
    <div className="export-menu" role="group" aria-label={t('contactFiles.vcardLabel')}>
      <button type="button" className="button button--secondary" disabled={exportFile.isPending} onClick={() => run('4.0', 'single')}>
        {t('contactFiles.vcard')}
      </button>
      <button type="button" className="button button--secondary" disabled={exportFile.isPending} onClick={() => run('3.0', 'single')}>
        {t('contactFiles.vcardOutlook')}
      </button>
      {several ? (
        <button type="button" className="button button--secondary" disabled={exportFile.isPending} onClick={() => run('3.0', 'zip')}>
          {t('contactFiles.vcardZip')}
        </button>
      ) : null}
    </div>
  );
}
