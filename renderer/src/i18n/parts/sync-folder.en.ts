import type { Messages } from '../da';

export const syncFolderEn: Messages['syncFolder'] = {
  statusHeld_one: '{{count}} file is waiting for your confirmation.',
  statusHeld_other: '{{count}} files are waiting for your confirmation.',
  statusSetAside_one: '{{count}} file could not be imported and has been set aside.',
  statusSetAside_other: '{{count}} files could not be imported and have been set aside.',
  heldTitle: 'Waiting for your confirmation',
  heldText: '{{file}} deletes more than 20 % of: {{tables}}. The file has not been imported — the other files have. Ask the sender whether the deletions are intended.',
  heldSince: 'Held back since {{date}}',
  confirmCheck: 'I have checked it and want to import the deletions',
  confirm: 'Import with the deletions',
  confirmLabel: 'Import {{file}} with the deletions',
  dismiss: 'Dismiss',
  dismissLabel: 'Dismiss {{file}}',
  dismissHint: 'A dismissed file is never imported. It stays in the shared folder.',
  setAsideTitle: 'Set aside',
  setAsideText: '{{file}} could not be imported: {{reason}}',
  setAsideSince: 'Set aside {{date}}',
  retry: 'Try again',
  retryLabel: 'Try {{file}} again',
  outcomes: {
    imported: 'The file has been imported.',
    waiting: 'The file is not complete yet. It will be imported when it is.',
    held: 'The file deletes more than 20 % and is waiting for your confirmation.',
    setAside: 'The file still could not be imported.',
    dismissed: 'The file has been dismissed and will not be imported.',
  },
};
