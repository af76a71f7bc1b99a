import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { app, BrowserWindow, dialog, Menu, screen, shell } from 'electron'
import type { DatasetInfo, ReportExport } from '../../src-shared/contract'
import { writeFileAtomic } from '../core/atomic-write'
import { assertNotProtected } from '../core/file-policy'
import type { StudioCore } from '../core/studio-core'
import {
  DesktopStateFile,
  placeWindow,
  withRecent,
  type DesktopState,
  type FolderKind,
} from './desktop-state'
import {
  DATA_FILTERS,
  exportType,
  fileRole,
  REPORT_FILTERS,
  reportDefaultName,
  reportTarget,
  safeFileName,
  SESSION_FILTERS,
} from './file-types'
import { broadcast, type DesktopIpcHost } from './ipc'
import { buildMenu } from './menu'
import { printReportToPdf } from './report-pdf'
import { aboutText, LICENSES_PAGE, readLicenseSummary, type ShippedPaths } from './shipped-files'
import { createMainWindow } from './window'

/** How long after "Save Session…" in the close prompt the save dialog may appear and still close the window. */
const CLOSE_AFTER_SAVE_MS = 30_000

/**
 * The desktop shell around one StudioCore: the window, the menu, native dialogs (remembering their folders),
 * recent files, files opened from the OS, the About dialog and Help, and the prompt on closing with unsaved
 * results. Everything that is policy rather than Electron calls lives in the unit-tested helper files.
 */
export class DesktopApp implements DesktopIpcHost {
  private win: BrowserWindow | null = null
  private pageReady = false
  /** Files handed over by the OS before the page could show them. */
  private readonly waiting: string[] = []
  private unsaved = false
  private prompting: Promise<boolean> | null = null
  private closeAfterSave: number | null = null

  constructor(
    private readonly core: StudioCore,
    private readonly state: DesktopState,
    private readonly stateFile: DesktopStateFile,
    private readonly paths: ShippedPaths,
  ) {}

  /** Opens the main window where it was last closed, on a display that is connected now. */
  openWindow(): BrowserWindow {
    const placement = placeWindow(
      this.state.window,
      screen.getAllDisplays().map((d) => d.workArea),
      { width: 1280, height: 820, minWidth: 900, minHeight: 600 },
    )
    this.pageReady = false
    this.unsaved = false
    this.win = createMainWindow({
      placement,
      keepSession: () => this.core.sessions.keepForRecovery(),
      placed: (p) => {
        this.state.window = p
        void this.stateFile.save(this.state)
      },
      loaded: () => void this.pageLoaded(),
      confirmClose: (win) => this.confirmClose(win),
    })
    this.win.on('closed', () => {
      this.win = null
      this.pageReady = false
    })
    return this.win
  }

  /** Writes what the shell remembers (window placement, recent files, folders); awaited before quitting. */
  saveState(): Promise<void> {
    return this.stateFile.save(this.state)
  }

  get window(): BrowserWindow | null {
    return this.win
  }

  // ---- files from the OS, the recent list and the dialogs ------------------------------------------

  /** A file from the OS (double-click, Open with, a second instance): shown now, or once the page is up. */
  openFromOs(path: string): void {
    if (!this.pageReady) {
      this.waiting.push(path)
      return
    }
    void this.openAny(path)
  }

  /**
   * Opens a data file or a session (by its name); the core tells the page (`dataset-opened`), a session is
   * sent to it. Unsaved results are asked about first (`confirmReplace`); failures become an error event.
   */
  async openAny(path: string): Promise<void> {
    try {
      if (!(await this.confirmReplace(basename(path)))) return
      if (fileRole(path) === 'session') await this.openSessionPath(path)
      else await this.openDataPath(path)
    } catch (e) {
      broadcast({ kind: 'error', message: `${path} could not be opened: ${(e as Error).message}` })
    }
  }

  /** File > Open Recent: a file that is gone leaves the list, with a message saying so. */
  async openRecent(path: string): Promise<void> {
    if (existsSync(path)) return this.openAny(path)
    this.state.recentFiles = this.state.recentFiles.filter((p) => p !== path)
    void this.stateFile.save(this.state)
    this.installMenu()
    broadcast({
      kind: 'error',
      message: `${path} is no longer there (moved or deleted); it was removed from Open Recent.`,
    })
  }

  async openDataPath(path: string): Promise<DatasetInfo> {
    const dataset = await this.core.open(path)
    this.addRecent(path)
    return dataset
  }

  async openSessionPath(path: string): Promise<void> {
    const text = await readFile(path, 'utf8')
    const opened = await this.core.handlers['session:open']({ text })
    this.addRecent(path)
    broadcast({ kind: 'session-opened', opened })
  }

  async openDataWithDialog(win: BrowserWindow | null): Promise<DatasetInfo | null> {
    const path = await this.chooseFile(win, 'Open Data File', 'data', DATA_FILTERS)
    return path ? this.openDataPath(path) : null
  }

  async openSessionWithDialog(): Promise<void> {
    if (!(await this.confirmReplace('a session'))) return
    const path = await this.chooseFile(this.win, 'Open Session', 'sessions', SESSION_FILTERS)
    if (path) await this.openSessionPath(path)
  }

  private async chooseFile(
    win: BrowserWindow | null,
    title: string,
    folder: FolderKind,
    filters: { name: string; extensions: string[] }[],
  ): Promise<string | null> {
    const options = {
      title,
      defaultPath: this.state.folders[folder] ?? app.getPath('documents'),
      properties: ['openFile' as const],
      filters,
    }
    const chosen = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
    const path = chosen.canceled ? undefined : chosen.filePaths[0]
    if (!path) return null
    this.remember(folder, dirname(path))
    return path
  }

  /** Asks where to save (in the folder last used for this kind), then writes atomically, never over the data. */
  async saveExport(win: BrowserWindow | null, suggestedName: string, bytes: Buffer): Promise<string | null> {
    const type = exportType(suggestedName)
    const options = {
      title: `Save ${type.label}`,
      defaultPath: join(
        this.state.folders[type.folder] ?? app.getPath('documents'),
        safeFileName(suggestedName),
      ),
      filters: [{ name: type.label, extensions: type.extensions }],
    }
    // The save the close prompt asked for: once written, the window closes as the user wanted.
    const forClose =
      type.folder === 'sessions' &&
      this.closeAfterSave !== null &&
      Date.now() - this.closeAfterSave < CLOSE_AFTER_SAVE_MS
    this.closeAfterSave = null
    const chosen = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
    const path = chosen.canceled ? undefined : chosen.filePath
    if (!path) return null
    await assertNotProtected(path, this.core.protectedPaths())
    await writeFileAtomic(path, bytes)
    this.remember(type.folder, dirname(path))
    if (type.folder === 'sessions') {
      this.addRecent(path)
      this.core.sessionWritten(bytes)
    }
    if (forClose) {
      this.unsaved = false
      const target = this.win
      setImmediate(() => target && !target.isDestroyed() && target.close())
    }
    return path
  }

  /**
   * Save report…: one dialog offering PDF (the default; printed from the report's HTML in a hidden window)
   * and HTML. The extension chosen decides the format; the file is written atomically, never over the data.
   */
  async saveReport(win: BrowserWindow | null, report: ReportExport): Promise<string | null> {
    const options = {
      title: 'Save Report',
      defaultPath: join(
        this.state.folders.results ?? app.getPath('documents'),
        reportDefaultName(report.suggestedName),
      ),
      filters: REPORT_FILTERS,
    }
    const chosen = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
    if (chosen.canceled || !chosen.filePath) return null
    const target = reportTarget(chosen.filePath)
    await assertNotProtected(target.path, this.core.protectedPaths())
    const bytes =
      target.format === 'pdf' ? await printReportToPdf(report.html) : Buffer.from(report.html, 'utf8')
    await writeFileAtomic(target.path, bytes)
    this.remember('results', dirname(target.path))
    return target.path
  }

  setUnsaved(unsaved: boolean): void {
    this.unsaved = unsaved
    // macOS shows unsaved work as a dot in the window's close button.
    if (process.platform === 'darwin') this.win?.setDocumentEdited(unsaved)
  }

  /**
   * Before File > Open, Open Recent or a file from the OS replaces the page's unsaved results: the close
   * prompt's question, for an open (the page asks its own, in the page, for the opens it starts). Save
   * Session… saves and leaves the open to the user. True: go on.
   */
  private async confirmReplace(name: string): Promise<boolean> {
    if (!this.unsaved || !this.win) return true
    const { response } = await dialog.showMessageBox(this.win, {
      type: 'warning',
      buttons: ['Save Session…', 'Discard', 'Cancel'],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
      message: `Open ${name}? The results on screen are not saved.`,
      detail: 'They are in no saved session file: opening another file replaces them.',
    })
    if (response === 0) broadcast({ kind: 'menu', action: 'save-session' })
    return response === 1
  }

  // ---- closing -------------------------------------------------------------------------------------

  /** Null when the window may close; else the user's answer (true: close now). */
  private confirmClose(win: BrowserWindow): Promise<boolean> | null {
    if (!this.unsaved) return null
    this.prompting ??= this.askBeforeClose(win).finally(() => (this.prompting = null))
    return this.prompting
  }

  private async askBeforeClose(win: BrowserWindow): Promise<boolean> {
    const { response } = await dialog.showMessageBox(win, {
      type: 'warning',
      buttons: ['Save Session…', "Don't Save", 'Cancel'],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
      message: 'Save the session before closing?',
      detail:
        'The session has results that are in no saved session file. If you close without saving, they are ' +
        'lost: a clean exit removes the autosave.',
    })
    if (response === 1) return true
    if (response === 0) {
      this.closeAfterSave = Date.now()
      broadcast({ kind: 'menu', action: 'save-session' })
    }
    return false
  }

  // ---- state, menu, help -----------------------------------------------------------------------------

  private remember(kind: FolderKind, folder: string): void {
    this.state.folders[kind] = folder
    void this.stateFile.save(this.state)
  }

  /** Records a file the user opened or saved: File > Open Recent and the OS's recent documents. */
  addRecent(path: string): void {
    this.state.recentFiles = withRecent(this.state.recentFiles, path)
    app.addRecentDocument(path)
    void this.stateFile.save(this.state)
    this.installMenu()
  }

  private async pageLoaded(): Promise<void> {
    // The start-up file is imported first, so a file from the OS that came meanwhile is not overtaken by it.
    await this.core.initialDataset().catch(() => null)
    this.pageReady = true
    for (const path of this.waiting.splice(0)) await this.openAny(path)
  }

  installMenu(): void {
    const fail = (e: Error) => broadcast({ kind: 'error', message: e.message })
    const menu = buildMenu(
      {
        // The core tells the page (`dataset-opened`); unsaved results are asked about first.
        open: () =>
          void this.confirmReplace('another file')
            .then((go) => (go ? this.openDataWithDialog(this.win) : null))
            .catch(fail),
        openSession: () => void this.openSessionWithDialog().catch(fail),
        saveSession: () => broadcast({ kind: 'menu', action: 'save-session' }),
        exportPng: () => broadcast({ kind: 'menu', action: 'export' }),
        saveReport: () => broadcast({ kind: 'menu', action: 'save-report' }),
        openRecent: (path) => void this.openRecent(path),
        clearRecent: () => {
          this.state.recentFiles = []
          app.clearRecentDocuments()
          void this.stateFile.save(this.state)
          this.installMenu()
        },
        help: (page) => void this.openShipped(join(this.paths.docs, page)),
        licences: () => void this.openShipped(join(this.paths.licenses, LICENSES_PAGE)),
        about: () => void this.showAbout(),
      },
      this.state.recentFiles,
    )
    Menu.setApplicationMenu(menu)
  }

  /** Opens a shipped page with the OS (its browser); says so when the file is missing. */
  private async openShipped(path: string): Promise<void> {
    const problem = await shell.openPath(path)
    if (problem) {
      await dialog.showMessageBox({
        type: 'error',
        message: 'The help page could not be opened.',
        detail: `${path}: ${problem}`,
      })
    }
  }

  private async showAbout(): Promise<void> {
    const text = aboutText(app.getVersion(), process.versions, await readLicenseSummary(this.paths.licenses))
    const options = {
      type: 'info' as const,
      title: 'About MLE Studio',
      buttons: ['OK', 'Licences…'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
      ...text,
    }
    const { response } = this.win
      ? await dialog.showMessageBox(this.win, options)
      : await dialog.showMessageBox(options)
    if (response === 1) await this.openShipped(join(this.paths.licenses, LICENSES_PAGE))
  }
}
