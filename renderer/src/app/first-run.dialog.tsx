import { useState } from 'react';
import { lazyDialog } from '../lazy';
import { useApiQuery } from '../queries';

// The form and its schema load only on a new installation, not with every first view.
const LazyFirstRunForm = lazyDialog(() => import('./first-run.form').then((m) => m.FirstRunForm));

/**
 * Before anything else on a new installation: who the consultant is (name,
 * initials, e-mail, mine kredse), stored as this installation's settings.
 * Shown while no name is set; "Senere" (or Escape) puts it off until the app
 * is started again — the same fields stay under Indstillinger.
 */
export function FirstRunDialog() {
  const settings = useApiQuery('settings.get');
  const [later, setLater] = useState(false);
  if (later || !settings.data || settings.data.userName.trim() !== '') return null;
  return <LazyFirstRunForm initial={settings.data} onClose={() => setLater(true)} />;
}
