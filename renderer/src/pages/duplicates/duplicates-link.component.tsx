import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useApiQuery } from '../../queries';

/** The header link to the duplicate suggestions of a list (contacts or organisations), shown only when there are some. */
export function DuplicatesLink({ table }: { readonly table: 'contact' | 'organisation' }) {
  const { t } = useTranslation();
  const duplicates = useApiQuery('duplicates.list', { table });
  if (!duplicates.data || duplicates.data.length === 0) return null;
  return (
    <Link href="/dubletter" className="button button--secondary">
      {t('duplicates.link')} ({duplicates.data.length})
    </Link>
  );
}
