import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { PendingOpenFiles } from '../../../common/contracts/app-shell.contract';
import { call, describeError } from '../api';
import { useToast } from '../components/toast.component';

/**
 * A .kredsbog file opened from the desktop (double-click, "Åbn med") lands in
 * main's queue (main/main.ts). This listener fetches it — at start, when the
 * window gets focus, and whenever main answers appShell.nextRequest with
 * "openFiles" — and takes the user to the sync page, whose import card shows
 * the preview of the file (sync.page.tsx reads it with takeOpenedSyncFile).
 * The same long poll carries the menu's "Om Kredsbog…" / "Rapportér problem…".
 */
type SyncFile = PendingOpenFiles['files'][number];
export type MenuRequest = 'about' | 'reportProblem';

export const syncPagePath = '/synkronisering';

let openedFile: SyncFile | null = null;
let openedVersion = 0;
const subscribers = new Set<() => void>();

function offerSyncFile(file: SyncFile): void {
  openedFile = file;
  openedVersion += 1;
  for (const notify of subscribers) notify();
}

/** The file opened from the desktop, once: the caller starts its preview. */
export function takeOpenedSyncFile(): SyncFile | null {
  const file = openedFile;
  openedFile = null;
  return file;
}

/** Changes whenever a file is opened from the desktop (also while the sync page is already showing). */
export function useOpenedSyncFileVersion(): number {
  return useSyncExternalStore(
    (notify) => {
      subscribers.add(notify);
      return () => subscribers.delete(notify);
    },
    () => openedVersion,
  );
}

const rejectionKeys = { notKredsbog: 'appShell.openFileNotKredsbog', tooLarge: 'appShell.openFileTooLarge', unreadable: 'appShell.openFileUnreadable' } as const;

export function OpenFileListener({ onMenuRequest }: { readonly onMenuRequest?: (request: MenuRequest) => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [, navigate] = useLocation();
  // The effect below runs once; it reads the latest callbacks through this ref.
  const latest = useRef({ t, toast, navigate, onMenuRequest });
  latest.current = { t, toast, navigate, onMenuRequest };

  useEffect(() => {
    let mounted = true;
    const pull = async () => {
      const { t: translate, toast: toasts, navigate: go } = latest.current;
      try {
        const pending = await call('appShell.pendingOpenFiles', undefined);
        for (const rejected of pending.rejected) toasts.show(translate(rejectionKeys[rejected.reason], { fileName: rejected.fileName }), { tone: 'error' });
        const file = pending.files.at(-1);
        if (!file) return;
        if (pending.files.length > 1) toasts.show(translate('appShell.openFileSeveral', { fileName: file.fileName }));
        // Taken from main's queue: hand it over even if this listener was unmounted meanwhile.
        offerSyncFile(file);
        go(syncPagePath);
      } catch (error) {
        toasts.show(describeError(translate, error), { tone: 'error' });
      }
    };
    const onFocus = () => void pull();
    void pull();
    window.addEventListener('focus', onFocus);

    void (async () => {
      while (mounted) {
        let answer: { request: 'openFiles' | MenuRequest | null; waitAgain: boolean };
        try {
          answer = await call('appShell.nextRequest', undefined);
        } catch {
          return; // No host to ask (closed, or an old build): stop rather than spin.
        }
        if (!mounted) return;
        if (answer.request === 'openFiles') void pull();
        else if (answer.request) latest.current.onMenuRequest?.(answer.request);
        if (!answer.waitAgain) return;
      }
    })();

    return () => {
      mounted = false;
      window.removeEventListener('focus', onFocus);
    };
  }, []);

  return null;
}
