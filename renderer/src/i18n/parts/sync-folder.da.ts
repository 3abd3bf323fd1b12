/**
 * Danish UI text for the sync folder's files that wait for the user (section
 * "syncFolder" of da.ts; db/sync/sync-folder.ts). The English twin is
 * sync-folder.en.ts, typed from this.
 */
export const syncFolderDa = {
  statusHeld_one: '{{count}} fil venter på din bekræftelse.',
  statusHeld_other: '{{count}} filer venter på din bekræftelse.',
  statusSetAside_one: '{{count}} fil kunne ikke importeres og er lagt til side.',
  statusSetAside_other: '{{count}} filer kunne ikke importeres og er lagt til side.',
  heldTitle: 'Venter på din bekræftelse',
  heldText: '{{file}} sletter mere end 20 % af: {{tables}}. Filen er ikke importeret — de andre filer er. Spørg afsenderen, om sletningerne er meningen.',
  heldSince: 'Holdt tilbage siden {{date}}',
  confirmCheck: 'Jeg har kontrolleret det og vil importere sletningerne',
  confirm: 'Importér med sletningerne',
  confirmLabel: 'Importér {{file}} med sletningerne',
  dismiss: 'Afvis',
  dismissLabel: 'Afvis {{file}}',
  dismissHint: 'En afvist fil bliver aldrig importeret. Den bliver liggende i den fælles mappe.',
  setAsideTitle: 'Lagt til side',
  setAsideText: '{{file}} kunne ikke importeres: {{reason}}',
  setAsideSince: 'Lagt til side {{date}}',
  retry: 'Prøv igen',
  retryLabel: 'Prøv {{file}} igen',
  outcomes: {
    imported: 'Filen er importeret.',
    waiting: 'Filen er ikke komplet endnu. Den importeres, når den er.',
    held: 'Filen sletter mere end 20 % og venter på din bekræftelse.',
    setAside: 'Filen kunne stadig ikke importeres.',
    dismissed: 'Filen er afvist og bliver ikke importeret.',
  },
};
