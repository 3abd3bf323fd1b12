import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultReferatOptions, referatSectionKeys, type ReferatFormat, type ReferatOptions } from '../../../../common/documents/referat.model';
import { call, describeError } from '../../api';
import { Modal } from '../../components/modal.component';
import { useToast } from '../../components/toast.component';
import { downloadFile } from '../../files';
import './referat-export.css';

/**
 * Formatted HTML for mail programs that take it (Outlook, Gmail), plain text
 * for the rest; browsers without ClipboardItem get the plain text only.
 */
async function copyToClipboard(html: string, text: string): Promise<void> {
  if (typeof ClipboardItem !== 'undefined' && typeof navigator.clipboard.write === 'function') {
    try {
      await navigator.clipboard.write([new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob([text], { type: 'text/plain' }) })]);
      return;
    } catch {
      // Some platforms refuse text/html; the plain text below still helps.
    }
  }
  await navigator.clipboard.writeText(text);
}

export interface ReferatExportDialogProps {
  readonly meetingId: string;
  readonly onClose: () => void;
}

/** "Eksportér referat": choose sections, see the document, download it as Word/PDF/Markdown or copy it for an e-mail. */
export function ReferatExportDialog({ meetingId, onClose }: ReferatExportDialogProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const [options, setOptions] = useState<ReferatOptions>(defaultReferatOptions);
  const input = { meetingId, options };
  // Keeps the last preview on screen while a changed selection is rendered, so the frame does not flash.
  const preview = useQuery({ queryKey: ['referat.preview', input], queryFn: () => call('referat.preview', input), placeholderData: keepPreviousData });
  const exportFile = useMutation({
    mutationFn: (format: ReferatFormat) => call('referat.export', { meetingId, format, options }),
    onSuccess: (result) => {
      downloadFile(result.fileName, result.base64);
      toast.show(t('documents.exported', { file: result.fileName }));
    },
  });
  const [copyError, setCopyError] = useState(false);

  const copy = async () => {
    const data = preview.data;
    if (!data) return;
    try {
      await copyToClipboard(data.html, data.text);
      setCopyError(false);
      toast.show(t('documents.copied'));
    } catch {
      setCopyError(true);
    }
  };

  return (
    <Modal
      title={t('documents.exportTitle')}
      onClose={onClose}
      className="referat-export"
      backdropClassName="modal-backdrop--fill"
      heading={(title) => (
        <div className="referat-export__header">
          <div>
            {title}
            <p>{t('documents.intro')}</p>
          </div>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('documents.close')}
          </button>
        </div>
      )}
    >
        <div className="referat-export__side">
          <fieldset className="fieldset">
            <legend>{t('documents.sections')}</legend>
            <div className="referat-export__checks">
              {referatSectionKeys.map((key) => (
                <label key={key}>
                  <input type="checkbox" checked={options[key]} onChange={(e) => setOptions((current) => ({ ...current, [key]: e.target.checked }))} />
                  {t(`documents.section.${key}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset className="fieldset">
            <legend>{t('documents.formats')}</legend>
            <div className="referat-export__buttons">
              <button type="button" className="button" disabled={exportFile.isPending} onClick={() => exportFile.mutate('docx')}>
                {t('documents.word')}
              </button>
              <button type="button" className="button button--secondary" disabled={exportFile.isPending} onClick={() => exportFile.mutate('pdf')}>
                {t('documents.pdf')}
              </button>
              <button type="button" className="button button--secondary" disabled={exportFile.isPending} onClick={() => exportFile.mutate('md')}>
                {t('documents.markdown')}
              </button>
            </div>
            {exportFile.isPending ? (
              <p className="referat-export__status" role="status">
                {t('documents.exporting')}
              </p>
            ) : null}
          </fieldset>
          <button type="button" className="button button--secondary" disabled={!preview.data} onClick={() => void copy()}>
            {t('documents.copy')}
          </button>
          {exportFile.error ? (
            <p className="notice notice--error" role="alert">
              {describeError(t, exportFile.error)}
            </p>
          ) : null}
          {preview.error ? (
            <p className="notice notice--error" role="alert">
              {describeError(t, preview.error)}
            </p>
          ) : null}
          {copyError ? (
            <p className="notice notice--error" role="alert">
              {t('documents.copyFailed')}
            </p>
          ) : null}
        </div>
        {/* sandbox="" : no scripts, no same-origin access, no navigation — the referat is only looked at. */}
        {preview.data ? <iframe className="referat-export__preview" title={t('documents.preview')} sandbox="" srcDoc={preview.data.html} /> : <p className="referat-export__status">{t('common.loading')}</p>}
    </Modal>
  );
}
