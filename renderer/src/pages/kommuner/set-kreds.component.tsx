import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api';
import { Field } from '../../components/field.component';
import { Modal } from '../../components/modal.component';
import { useToast } from '../../components/toast.component';
import { useApiMutation, useApiQuery } from '../../queries';

/**
 * The bar over the Kommuner list while rows are chosen: how many, "Sæt kreds …"
 * (a dialog with the kredse) and "Fravælg alle". One call sets them all; the
 * toast's "Fortryd" sets each kommune's previous kreds back, as edits that sync.
 */
export function SetKredsBar({ selected, onClear }: { readonly selected: ReadonlySet<string>; readonly onClear: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const kredse = useApiQuery('kredse.list');
  // All 98 with their current kreds: the selection may span several searches, and undo needs each one's kreds before.
  const all = useApiQuery('kommuner.list', {});
  const setKreds = useApiMutation('kommuner.setKreds');
  const [kredsId, setKredsId] = useState('');
  if (selected.size === 0) return null;

  const kredsName = (id: string | null) => (id ? (kredse.data?.find((k) => k.id === id)?.name ?? '') : t('kredse.noKreds'));
  const onError = (error: Error) => toast.show(describeError(t, error), { tone: 'error' });

  const apply = () => {
    const ids = [...selected];
    const target = kredsId === '' ? null : kredsId;
    const before = new Map<string | null, string[]>();
    for (const id of ids) {
      const previous = all.data?.find((k) => k.id === id)?.kredsId ?? null;
      if (previous !== target) before.set(previous, [...(before.get(previous) ?? []), id]);
    }
    setKreds.mutate(
      { ids, kredsId: target },
      {
        onSuccess: ({ changed }) => {
          setOpen(false);
          onClear();
          if (changed === 0) {
            toast.show(t('kredse.unchanged', { kreds: kredsName(target) }));
            return;
          }
          toast.show(t('kredse.changed', { count: changed, kreds: kredsName(target) }), {
            action: {
              label: t('common.undo'),
              run: () => {
                for (const [previous, group] of before) setKreds.mutate({ ids: group, kredsId: previous }, { onError });
              },
            },
          });
        },
        onError,
      },
    );
  };

  return (
    <div className="selection-bar" role="region" aria-label={t('kredse.selected', { count: selected.size })}>
      <span aria-live="polite">{t('kredse.selected', { count: selected.size })}</span>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {t('kredse.setKreds')}
      </button>
      <button type="button" className="button button--secondary" onClick={onClear}>
        {t('kredse.clearSelection')}
      </button>
      {open ? (
        <Modal title={t('kredse.setKredsTitle', { count: selected.size })} onClose={() => setOpen(false)}>
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              apply();
            }}
          >
            <Field label={t('kredse.kreds')}>
              {(props) => (
                <select {...props} data-autofocus value={kredsId} onChange={(e) => setKredsId(e.target.value)}>
                  <option value="">{t('kredse.noKreds')}</option>
                  {kredse.data?.map((k) => (
                    <option key={k.id} value={k.id}>
                      {k.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <div className="form-actions">
              <button type="submit" className="button" disabled={setKreds.isPending || !all.data}>
                {t('kredse.apply')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
                {t('kredse.cancel')}
              </button>
            </div>
          </form>
        </Modal>
      ) : null}
    </div>
  );
}
