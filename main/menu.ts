import type { MenuItemConstructorOptions } from 'electron';

/** The application menu, in Danish. Roles give native behaviour (copy/paste, zoom, quit). */
export function applicationMenu(isMac: boolean, isPackaged: boolean): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: 'Normal størrelse' },
    { role: 'zoomIn', label: 'Zoom ind' },
    { role: 'zoomOut', label: 'Zoom ud' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: 'Fuld skærm' },
  ];
  if (!isPackaged) view.push({ type: 'separator' }, { role: 'reload', label: 'Genindlæs' }, { role: 'toggleDevTools', label: 'Udviklerværktøjer' });
  return [
    ...(isMac ? [{ label: 'Kredsbog', submenu: [{ role: 'about', label: 'Om Kredsbog' }, { type: 'separator' }, { role: 'quit', label: 'Afslut Kredsbog' }] } as MenuItemConstructorOptions] : []),
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
  ];
}
