import { Menu, type MenuItemConstructorOptions } from 'electron'

export interface MenuActions {
  open(): void
  exportPng(): void
  saveSession(): void
  openSession(): void
}

/** Application menu: File (Open CSV, sessions, Export chart PNG, Quit), Edit, View, Window. */
export function buildMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open CSV…', accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
        { label: 'Open session…', click: () => actions.openSession() },
        { label: 'Save session…', accelerator: 'CmdOrCtrl+S', click: () => actions.saveSession() },
        { type: 'separator' },
        { label: 'Export chart as PNG…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportPng() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ]
  return Menu.buildFromTemplate(template)
}
