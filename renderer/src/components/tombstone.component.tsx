import { useTranslation } from 'react-i18next';
import type { Channel } from '../../../common/contract';
import { describeError } from '../api';
import { useApiMutation } from '../queries';
import { useToast } from './toast.component';

type DeleteChannel = Extract<Channel, `${string}.delete`>;
type RestoreChannel = Extract<Channel, `${string}.restore`>;

/**
 * Delete with undo, the same everywhere: the delete sets a tombstone, a toast
 * offers "Fortryd" (restore) for ten seconds, and the record's own page keeps
 * a "Gendan" banner for as long as it stays deleted.
 */
export function useTombstone(channels: { readonly remove: DeleteChannel; readonly restore: RestoreChannel }) {
  const { t } = useTranslation();
  const toast = useToast();
  const remove = useApiMutation(channels.remove);
  const restore = useApiMutation(channels.restore);
  const onError = (error: Error) => toast.show(describeError(t, error), { tone: 'error' });
  const doRestore = (id: string) => restore.mutate({ id }, { onError });
  const doDelete = (id: string, deletedMessage: string) =>
    remove.mutate({ id }, { onSuccess: () => toast.show(deletedMessage, { action: { label: t('common.undo'), run: () => doRestore(id) } }), onError });
  return { doDelete, doRestore, pending: remove.isPending || restore.isPending };
}

export function DeletedBanner({ onRestore }: { readonly onRestore: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--warning" role="status">
      {t('common.deletedBanner')}{' '}
      <button type="button" className="button button--secondary" onClick={onRestore}>
        {t('common.restore')}
      </button>
    </div>
  );
}

export function FormActions({ pending, onCancel }: { readonly pending: boolean; readonly onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="submit" className="button" disabled={pending}>
        {pending ? t('common.saving') : t('common.save')}
      </button>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
