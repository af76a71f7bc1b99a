import { basename } from 'node:path'
import { Menu, type MenuItemConstructorOptions } from 'electron'
import { HELP_PAGES } from './shipped-files'

export interface MenuActions {
  open(): void
  openSession(): void
  saveSession(): void
  exportPng(): void
  saveReport(): void
  openRecent(path: string): void
  clearRecent(): void
  help(page: string): void
  licences(): void
  about(): void
}

/** File > Open Recent: newest first, the file name with its folder as the tooltip. */
function recentSubmenu(recent: readonly string[], actions: MenuActions): MenuItemConstructorOptions[] {
  if (recent.length === 0) return [{ label: 'No Recent Files', enabled: false }]
  return [
    ...recent.map((path, i) => ({
      label: `${i < 9 ? `&${i + 1} ` : ''}${basename(path).replace(/&/g, '&&')}`,
      toolTip: path,
      click: () => actions.openRecent(path),
    })),
    { type: 'separator' as const },
    { label: 'Clear Recent', click: () => actions.clearRecent() },
  ]
}

/**
 * Application menu: File (open, recent, sessions, export, quit), the platform's Edit, View (with zoom) and
 * Window roles, and Help (the shipped docs, licences, About; About sits in the app menu on macOS).
 */
export function buildMenu(actions: MenuActions, recent: readonly string[]): Menu {
  const isMac = process.platform === 'darwin'
  const about = { label: 'About MLE Studio', click: () => actions.about() }
  const template: MenuItemConstructorOptions[] = [
    ...(isMac
      ? [
          {
            label: 'MLE Studio',
            submenu: [
              about,
              { type: 'separator' as const },
              { role: 'services' as const },
              { type: 'separator' as const },
              { role: 'hide' as const },
              { role: 'hideOthers' as const },
              { role: 'unhide' as const },
              { type: 'separator' as const },
              { role: 'quit' as const },
            ],
          },
        ]
      : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
        { label: 'Open Recent', submenu: recentSubmenu(recent, actions) },
        { type: 'separator' },
        { label: 'Open Session…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.openSession() },
        { label: 'Save Session…', accelerator: 'CmdOrCtrl+S', click: () => actions.saveSession() },
        { type: 'separator' },
        { label: 'Export Chart as PNG…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportPng() },
        // The report is what a person prints: PDF (or HTML) of the shown fit, under the print shortcut.
        { label: 'Save Report…', accelerator: 'CmdOrCtrl+P', click: () => actions.saveReport() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        ...HELP_PAGES.map((h) => ({ label: h.label, click: () => actions.help(h.page) })),
        { type: 'separator' },
        { label: 'Third-Party Licences', click: () => actions.licences() },
        ...(isMac ? [] : [{ type: 'separator' as const }, about]),
      ],
    },
  ]
  return Menu.buildFromTemplate(template)
}
