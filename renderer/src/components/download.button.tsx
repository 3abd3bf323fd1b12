import { useTranslation } from 'react-i18next';
import { describeError } from '../api';
import { downloadFile } from '../files';
import { useToast } from './toast.component';

/**
 * A button that asks the backend for a file (base64 over the contract, e.g. a
 * deadlines .ics, the styringsdialog board's .xlsx) and downloads it; a
 * failure is said in a toast.
 */
export function DownloadButton({ label, load, disabled }: { readonly label: string; readonly load: () => Promise<{ readonly fileName: string; readonly base64: string }>; readonly disabled?: boolean }) {
  const { t } = useTranslation();
  const toast = useToast();
  const download = async () => {
    try {
      const file = await load();
      downloadFile(file.fileName, file.base64);
    } catch (error) {
      toast.show(describeError(t, error), { tone: 'error' });
    }
  };
  return (
    <button type="button" className="button button--secondary" onClick={() => void download()} disabled={disabled}>
      {label}
    </button>
  );
}
