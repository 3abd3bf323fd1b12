import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page.component';

/** An honest page for a section that a later version fills: says so, shows nothing fake. */
export function NotYetPage({ titleKey, textKey }: { readonly titleKey: string; readonly textKey: string }) {
  const { t } = useTranslation();
  return (
    <section>
      <PageHeader title={t(titleKey)} />
      <p className="notice">{t(textKey)}</p>
    </section>
  );
}
