import { useTranslation } from 'react-i18next';
import { formatDate } from '../format';
import './contact-log.css';

/**
 * "Sidst i kontakt": the date, or "Aldrig"; overdue ones stand out by a
 * symbol and the word as well as colour (status badges read without colour).
 */
export function LastContact({ date, overdue = false, compact = false }: { readonly date: string | null; readonly overdue?: boolean; readonly compact?: boolean }) {
  const { t } = useTranslation();
  const text = date ? formatDate(date) : t('rel.never');
  return (
    <span className={overdue ? 'last-contact last-contact--overdue' : 'last-contact'} title={`${t('rel.lastContact')}: ${text}`}>
      {compact ? null : <span className="last-contact__label">{t('rel.lastContact')}: </span>}
      {overdue ? <span aria-hidden="true">⚠ </span> : null}
      {text}
      {overdue ? <span className="visually-hidden"> ({t('rel.overdue')})</span> : null}
    </span>
  );
}
