import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { Styringsdialog } from '../../../../common/styringsdialog.domain';
import { foldDanish } from '../../../../common/text-fold';
import { call, describeError } from '../../api';
import { PageHeader, QueryState } from '../../components/page.component';
import { DownloadButton } from '../../components/download.button';
import { useToast } from '../../components/toast.component';
import { formatDate, formatInstantDate } from '../../format';
import { useApiMutation, useApiQuery } from '../../queries';
import './styringsdialog.css';

/** The href of a pair's cycle page. */
export const cycleHref = (r: Pick<Styringsdialog, 'kommune' | 'organisation' | 'year'>) => `/styringsdialog/${r.kommune.id}/${r.organisation.id}/${r.year}`;

/** The stage as a chip, and the late checkpoints as a list (the lateness rules: common/styringsdialog.domain.ts). */
export function StageChip({ cycle }: { readonly cycle: Styringsdialog }) {
  const { t } = useTranslation();
  return <span className={`sd-stage sd-stage--${cycle.stage}${cycle.late.length > 0 ? ' sd-stage--late' : ''}`}>{t(`sd.stages.${cycle.stage}`)}</span>;
}

export function LateList({ cycle }: { readonly cycle: Styringsdialog }) {
  const { t } = useTranslation();
  if (cycle.late.length === 0) return null;
  return (
    <ul className="sd-late">
      {cycle.late.map((l) => (
        <li key={l.checkpoint}>
          <span aria-hidden="true">! </span>
          {t('sd.lateItem', { what: t(`sd.checkpoints.${l.checkpoint}`), due: formatDate(l.due) })}
        </li>
      ))}
    </ul>
  );
}

/** Plans the pair's dialogmøde (or a joint one for several) and opens it. */
function usePlan() {
  const { t } = useTranslation();
  const toast = useToast();
  const [, navigate] = useLocation();
  const plan = useApiMutation('styringsdialog.plan');
  return {
    pending: plan.isPending,
    run: (kommuneId: string, organisationIds: string[], year: number) =>
      plan.mutate(
        { kommuneId, organisationIds, year },
        {
          onSuccess: ({ meetingId }) => {
            toast.show(t('sd.planned'));
            navigate(`/moeder/${meetingId}`);
          },
          onError: (error) => toast.show(describeError(t, error), { tone: 'error' }),
        },
      ),
  };
}

/**
 * Overblik's styringsdialog board (issue 17): for a year, each kommune ×
 * boligorganisation pair in my kredse, where it stands, what is late, and one
 * click to plan the meeting — per pair, or one joint meeting per kommune.
 */
export function StyringsdialogBoardPage() {
  const { t } = useTranslation();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [query, setQuery] = useState('');
  const [onlyLate, setOnlyLate] = useState(false);
  const settings = useApiQuery('settings.get');
  const board = useApiQuery('styringsdialog.board', { year, onlyMyKredse: true });
  const plan = usePlan();
  const rows = useMemo(() => board.data?.rows ?? [], [board.data]);
  const shown = useMemo(() => {
    const words = foldDanish(query).split(/\s+/).filter(Boolean);
    return rows.filter((r) => (!onlyLate || r.late.length > 0) && words.every((w) => foldDanish(`${r.kommune.name} ${r.organisation.name}`).includes(w)));
  }, [rows, query, onlyLate]);
  const groups = useMemo(() => {
    const byKommune = new Map<string, Styringsdialog[]>();
    for (const r of shown) byKommune.set(r.kommune.id, [...(byKommune.get(r.kommune.id) ?? []), r]);
    return [...byKommune.values()];
  }, [shown]);
  const mine = (settings.data?.myKredse.length ?? 0) > 0;
  const held = rows.filter((r) => r.meeting?.status === 'afholdt' || ['aftaler_indgaaet', 'referat_sendt', 'afsluttet'].includes(r.stage)).length;
  const late = rows.filter((r) => r.late.length > 0).length;

  return (
    <section className="sd-board">
      <PageHeader
        title={t('sd.boardTitle', { year })}
        subtitle={mine ? t('sd.boardHint') : t('sd.boardHintAll')}
        actions={
          <>
            <div className="segmented" role="group" aria-label={t('sd.year')}>
              <button type="button" onClick={() => setYear(year - 1)} aria-label={t('sd.previousYear')}>
                ‹ {year - 1}
              </button>
              <button type="button" aria-pressed="true">
                {year}
              </button>
              <button type="button" onClick={() => setYear(year + 1)} aria-label={t('sd.nextYear')}>
                {year + 1} ›
              </button>
            </div>
            <DownloadButton label={t('sd.exportXlsx')} load={() => call('styringsdialog.boardXlsx', { year, onlyMyKredse: true })} disabled={rows.length === 0} />
          </>
        }
      />
      <div className="sd-board__toolbar">
        <input type="search" className="sd-board__filter" aria-label={t('sd.filter')} placeholder={t('sd.filterPlaceholder')} value={query} onChange={(e) => setQuery(e.target.value)} />
        <label className="checkbox">
          <input type="checkbox" checked={onlyLate} onChange={(e) => setOnlyLate(e.target.checked)} />
          {t('sd.onlyLate')}
        </label>
        {board.data ? <p className="sd-board__totals">{t('sd.totals', { total: rows.length, done: held, late })}</p> : null}
      </div>
      <QueryState isLoading={board.isLoading} error={board.error} />
      {board.data && rows.length === 0 ? <p className="empty card">{t('sd.empty')}</p> : null}
      {board.data && rows.length > 0 && shown.length === 0 && onlyLate ? <p className="empty card">{t('sd.noneLate')}</p> : null}
      {shown.length > 0 ? (
        <table className="table sd-board__table">
          <thead>
            <tr>
              <th scope="col">{t('sd.columns.organisation')}</th>
              <th scope="col">{t('sd.columns.stage')}</th>
              <th scope="col">{t('sd.columns.meeting')}</th>
              <th scope="col">{t('sd.columns.late')}</th>
            </tr>
          </thead>
          {groups.map((group) => {
            const first = group[0]!;
            const withoutMeeting = group.filter((r) => r.meeting === null);
            return (
              <tbody key={first.kommune.id}>
                <tr className="sd-board__kommune">
                  <th scope="rowgroup" colSpan={4}>
                    <Link href={`/kommuner/${first.kommune.id}`}>{first.kommune.name}</Link>
                    {withoutMeeting.length > 1 ? (
                      <button
                        type="button"
                        className="button button--small button--secondary"
                        title={t('sd.planJointHint', { kommune: first.kommune.name })}
                        disabled={plan.pending}
                        onClick={() => plan.run(first.kommune.id, withoutMeeting.map((r) => r.organisation.id), year)}
                      >
                        {t('sd.planJoint')} ({withoutMeeting.length})
                      </button>
                    ) : null}
                  </th>
                </tr>
                {group.map((r) => (
                  <tr key={r.id} className={r.late.length > 0 ? 'sd-board__row sd-board__row--late' : 'sd-board__row'}>
                    <td>
                      <Link href={cycleHref(r)}>{r.organisation.name}</Link>
                    </td>
                    <td>
                      <StageChip cycle={r} />
                    </td>
                    <td>
                      {r.meeting ? (
                        <Link href={`/moeder/${r.meeting.id}`}>
                          {formatInstantDate(r.meeting.startsAt)} · {t(`meetings.status.${r.meeting.status}`)}
                          {r.meeting.shared ? ` · ${t('sd.joint')}` : ''}
                        </Link>
                      ) : (
                        <button
                          type="button"
                          className="button button--small"
                          disabled={plan.pending}
                          aria-label={`${t('sd.plan')}: ${r.organisation.name}, ${r.kommune.name}`}
                          onClick={() => plan.run(r.kommune.id, [r.organisation.id], year)}
                        >
                          {t('sd.plan')}
                        </button>
                      )}
                    </td>
                    <td>
                      <LateList cycle={r} />
                    </td>
                  </tr>
                ))}
              </tbody>
            );
          })}
        </table>
      ) : null}
      <p className="muted sd-board__rules">{t('sd.rules')}</p>
    </section>
  );
}
