import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Dashboard } from '../../../../common/dashboard.domain';
import { formatInstantDate } from '../../format';

/**
 * What is true about mine kredse: none chosen (an invitation, not a 0), a
 * chosen kreds without kommuner (say so, with a way to add them), or the
 * kommuner without a meeting for N months.
 */
function useKredseState(d: Dashboard) {
  const empty = d.myKredse.filter((k) => k.kommuner === 0);
  const state = d.myKredse.length === 0 ? 'none' : empty.length === d.myKredse.length ? 'empty' : 'some';
  return { state, empty } as const;
}

/** The figure tile: the count only when it means something. */
export function QuietFigure({ dashboard: d }: { readonly dashboard: Dashboard }) {
  const { t } = useTranslation();
  const { state, empty } = useKredseState(d);
  if (state === 'none') {
    return (
      <Link href="/indstillinger" className="figure figure--invite">
        <span className="figure__value">{t('kredse.chooseFigure')}</span>
        <span className="figure__label">{t('kredse.chooseLabel')}</span>
      </Link>
    );
  }
  if (state === 'empty') {
    return (
      <Link href="/kommuner" className="figure figure--invite">
        <span className="figure__value" aria-hidden="true">
          {t('kredse.emptyFigure')}
        </span>
        <span className="figure__label">
          {empty.length === 1 ? t('kredse.emptyKreds', { kreds: empty[0]!.name }) : t('kredse.emptyKredse')} – {t('kredse.addKommuner')}
        </span>
      </Link>
    );
  }
  return (
    <a href="#dashboard-quiet" className="figure">
      <span className="figure__value" data-testid="quiet-count">
        {d.quietKommuner.length}
      </span>
      <span className="figure__label">{t('overview.quietKommuner', { months: d.quietMonths })}</span>
    </a>
  );
}

/** The card's body. */
export function QuietKommuner({ dashboard: d }: { readonly dashboard: Dashboard }) {
  const { t } = useTranslation();
  const { state, empty } = useKredseState(d);
  if (state === 'none') {
    return (
      <p className="empty">
        {t('kredse.chooseInvitation')} <Link href="/indstillinger">{t('kredse.chooseLink')}</Link>
      </p>
    );
  }
  const emptyNotes = empty.map((k) => (
    <p key={k.number} className="notice quiet-empty">
      {t('kredse.emptyKreds', { kreds: k.name })} – <Link href="/kommuner">{t('kredse.addKommuner')}</Link>
    </p>
  ));
  if (state === 'empty') return <>{emptyNotes}</>;
  return (
    <>
      {emptyNotes}
      {d.quietKommuner.length === 0 ? (
        <p className="empty">{t('overview.noQuiet')}</p>
      ) : (
        <ul className="kommune-tiles">
          {d.quietKommuner.map((k) => (
            <li key={k.id}>
              <Link href={`/kommuner/${k.id}`} className="kommune-tile">
                <strong>{k.navn}</strong>
                <span className="muted">
                  {t('series.lastMeeting')}: {k.lastMeetingAt ? formatInstantDate(k.lastMeetingAt) : t('overview.neverMet')}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
