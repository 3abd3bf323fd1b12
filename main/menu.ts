import type { MenuItemConstructorOptions } from 'electron';

/** What the menu asks of the window; main/main.ts queues it for the renderer (appShell.nextRequest). */
export interface MenuActions {
  readonly about: () => void;
  readonly reportProblem: () => void;
}

/** The application menu, in Danish. Roles give native behaviour (copy/paste, zoom, quit). */
export function applicationMenu(isMac: boolean, isPackaged: boolean, actions: MenuActions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: 'Normal størrelse' },
    { role: 'zoomIn', label: 'Zoom ind' },
    { role: 'zoomOut', label: 'Zoom ud' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: 'Fuld skærm' },
  ];
  if (!isPackaged) view.push({ type: 'separator' }, { role: 'reload', label: 'Genindlæs' }, { role: 'toggleDevTools', label: 'Udviklerværktøjer' });
  // "Om Kredsbog…" is Kredsbog's own dialog (versions, folders, diagnostics), not the native about panel.
  const about: MenuItemConstructorOptions = { label: 'Om Kredsbog…', click: () => actions.about() };
  const reportProblem: MenuItemConstructorOptions = { label: 'Rapportér problem…', click: () => actions.reportProblem() };
  return [
    ...(isMac ? [{ label: 'Kredsbog', submenu: [about, { type: 'separator' }, { role: 'quit', label: 'Afslut Kredsbog' }] } as MenuItemConstructorOptions] : []),
    { label: 'Filer', submenu: [isMac ? { role: 'close', label: 'Luk vindue' } : { role: 'quit', label: 'Afslut' }] },
    {
      label: 'Rediger',
      submenu: [
        { role: 'undo', label: 'Fortryd' },
        { role: 'redo', label: 'Annuller fortryd' },
        { type: 'separator' },
        { role: 'cut', label: 'Klip' },
        { role: 'copy', label: 'Kopiér' },
        { role: 'paste', label: 'Sæt ind' },
        { role: 'selectAll', label: 'Markér alt' },
      ],
    },
    { label: 'Vis', submenu: view },
    { label: 'Vindue', submenu: [{ role: 'minimize', label: 'Minimér' }] },
    // On macOS "Om" lives in the app menu; elsewhere Hjælp has both.
    { role: 'help', label: 'Hjælp', submenu: isMac ? [reportProblem] : [about, { type: 'separator' }, reportProblem] },
  ];
}
