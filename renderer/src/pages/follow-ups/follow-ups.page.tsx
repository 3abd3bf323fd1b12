import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { followUpStatuses, type FollowUpStatus } from '../../../../common/domain';
import { dueFilters } from '../../../../common/meetings.domain';
import { call, describeError } from '../../api';
import { MoreMenu } from '../../components/more-menu.component';
import { PageHeader, QueryState } from '../../components/page.component';
import { ContactCombobox } from '../../components/contact-combobox.component';
import { KommuneSelect } from '../../components/pickers.component';
import { useToast } from '../../components/toast.component';
import { usePagedList } from '../../components/virtual-rows.paging';
import { useApiMutation, useApiQuery } from '../../queries';
import { SpreadsheetExportMenu } from '../contact-files/export-menu.component';
import { FollowUpRows } from './follow-up-list.component';

type StatusGroup = 'open' | 'all' | 'closed';
const statusGroups: Record<StatusGroup, FollowUpStatus[] | undefined> = { open: ['aaben', 'i_gang'], all: undefined, closed: ['udfoert', 'annulleret'] };
type Sort = 'due' | 'title' | 'kommune' | 'status';

/** Opfølgning: filtered and sorted by SQL, loaded a page at a time, only visible rows in the DOM. */
export function FollowUpsPage() {
  const { t } = useTranslation();
  const toast = useToast();
  const [owner, setOwner] = useState('');
  const [ownerName, setOwnerName] = useState('');
  const [kommuneId, setKommuneId] = useState<string | null>(null);
  const [kreds, setKreds] = useState('');
  const [group, setGroup] = useState<StatusGroup>('open');
  const [due, setDue] = useState<(typeof dueFilters)[number] | ''>('');
  const [sort, setSort] = useState<Sort>('due');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const kredse = useApiQuery('kredse.list');
  const filter = {
    mine: owner === 'me' || undefined,
    ownerContactId: owner && owner !== 'me' ? owner : undefined,
    kommuneId: kommuneId ?? undefined,
    kredsNumber: kreds ? Number(kreds) : undefined,
    statuses: statusGroups[group],
    due: due || undefined,
    sort,
  };
  const followUps = usePagedList(['followUps.page', filter], (page) => call('followUps.page', { ...filter, ...page }));
  const setStatus = useApiMutation('followUps.setStatus');
  const list = followUps.rows;

  return (
    <section>
      <PageHeader
        title={t('followUps.title')}
        subtitle={followUps.loaded ? t('followUps.count', { count: followUps.total }) : undefined}
        actions={
          <MoreMenu label={t('common.export')}>
            <SpreadsheetExportMenu what="followUps" />
          </MoreMenu>
        }
      />
      <div className="filters" role="search">
        <ContactCombobox
          label={t('followUps.columns.owner')}
          valueLabel={owner === '' ? t('followUps.allOwners') : owner === 'me' ? t('followUps.mine') : ownerName}
          fixed={[
            { value: '', label: t('followUps.allOwners') },
            { value: 'me', label: t('followUps.mine') },
          ]}
          onSelect={(value, label) => {
            setOwner(value);
            setOwnerName(label);
          }}
        />
        <KommuneSelect aria-label={t('common.kommune')} value={kommuneId} onChange={setKommuneId} emptyLabel={t('followUps.allKommuner')} />
        <select aria-label={t('common.kreds')} value={kreds} onChange={(e) => setKreds(e.target.value)}>
          <option value="">{t('kommuner.allKredse')}</option>
          {kredse.data?.map((k) => (
            <option key={k.id} value={k.number}>
              {k.name}
            </option>
          ))}
        </select>
        <select aria-label={t('followUps.columns.status')} value={group} onChange={(e) => setGroup(e.target.value as StatusGroup)}>
          {(Object.keys(statusGroups) as StatusGroup[]).map((g) => (
            <option key={g} value={g}>
              {t(`followUps.statusFilter.${g}`)}
            </option>
          ))}
        </select>
        <select aria-label={t('followUps.columns.due')} value={due} onChange={(e) => setDue(e.target.value as typeof due)}>
          <option value="">{t('followUps.due.all')}</option>
          {dueFilters.map((d) => (
            <option key={d} value={d}>
              {t(`followUps.due.${d}`)}
            </option>
          ))}
        </select>
        <label className="inline-label">
          {t('followUps.sortLabel')}
          <select value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
            {(['due', 'title', 'kommune', 'status'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`followUps.sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {selected.size > 0 ? (
        <div className="bulk-bar" role="region" aria-label={t('followUps.setStatus')}>
          <span>{t('followUps.selected', { count: selected.size })}</span>
          {followUpStatuses.map((s) => (
            <button
              key={s}
              type="button"
              className="button button--secondary"
              onClick={() =>
                setStatus.mutate({ ids: [...selected], status: s }, { onSuccess: () => setSelected(new Set()), onError: (error) => toast.show(describeError(t, error), { tone: 'error' }) })
              }
            >
              {t(`followUps.status.${s}`)}
            </button>
          ))}
        </div>
      ) : null}
      <QueryState isLoading={followUps.isLoading} error={followUps.error} />
      {followUps.loaded && list.length === 0 ? <p className="empty">{t('followUps.empty')}</p> : null}
      {list.length > 0 ? (
        <FollowUpRows
          followUps={list}
          onVisibleEnd={followUps.onVisibleEnd}
          showSource
          selected={selected}
          onSelect={(id, on) =>
            setSelected((current) => {
              const next = new Set(current);
              if (on) next.add(id);
              else next.delete(id);
              return next;
            })
          }
        />
      ) : null}
    </section>
  );
}
