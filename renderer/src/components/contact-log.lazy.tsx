import { lazyDialog } from '../lazy';

/** "Log kontakt" for places the first view renders (the command palette, Overblik): the dialog and its schemas load when it opens. */
export const LazyContactLogDialog = lazyDialog(() => import('./contact-log.dialog').then((m) => m.ContactLogDialog));
