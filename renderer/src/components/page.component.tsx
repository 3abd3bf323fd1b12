import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../api';

export function PageHeader({ title, subtitle, actions }: { readonly title: ReactNode; readonly subtitle?: ReactNode; readonly actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="page-header__subtitle">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </header>
  );
}

/** Loading and error states for a query, so pages only render data. */
export function QueryState({ isLoading, error }: { readonly isLoading: boolean; readonly error: unknown }) {
  const { t } = useTranslation();
  if (error) return <p className="notice notice--error" role="alert">{describeError(t, error)}</p>;
  if (isLoading) return <p className="loading">{t('common.loading')}</p>;
  return null;
}
