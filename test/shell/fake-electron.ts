/**
 * A faithful fake of the Electron main-process API surface MLE Studio's shell uses, loaded in place of the
 * `electron` module (see register-fake-electron.cjs) in a plain Node process running the BUILT main
 * bundle. It follows Electron's documented semantics (ready after the main script ran, quit closing
 * windows before will-quit, preventable events, utility processes that report child-process-gone) and
 * records what the real code asked of it; a test drives it over the process's IPC channel (see
 * driver.ts). It decides nothing: every choice is the real main code's.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import type { Rect } from '../../src-main/electron/desktop-state'

/** An Electron Event: preventable, with the sender for IPC. */
class FakeEvent {
  defaultPrevented = false
  preventDefault(): void {
    this.defaultPrevented = true
  }
}

/** What one printToPDF call saw. */
export interface PdfPrint {
  windowOptions: Record<string, unknown> & { webPreferences?: Record<string, unknown> }
  visible: boolean
  url: string
  html: string
  options: Record<string, unknown>
  /** The session's verdict on a request for the page itself and for an image on the network. */
  pageAllowed: boolean
  networkAllowed: boolean
}

export const recorded = {
  sandboxEnabled: false,
  singleInstanceData: undefined as unknown,
  recentDocuments: [] as string[],
  dialogs: [] as { kind: string; options: Record<string, unknown> }[],
  openedPaths: [] as string[],
  externalUrls: [] as string[],
  prevented: [] as { target: string; event: string }[],
  /** Each printToPDF: the window's options and visibility, the page it printed, what its session let load. */
  pdfPrints: [] as PdfPrint[],
}

/** The next printToPDF calls fail with these messages (a test's stand-in for a renderer that crashed). */
export const failingPrints: string[] = []

const answers: Record<'open' | 'save' | 'messageBox', unknown[]> = { open: [], save: [], messageBox: [] }

/** Queues the user's answer to the next dialog of a kind (a test's stand-in for clicking). */
export function answerNext(kind: keyof typeof answers, answer: unknown): void {
  answers[kind].push(answer)
}

function emitPreventable(target: EventEmitter, name: string, label: string, ...args: unknown[]): boolean {
  const event = new FakeEvent()
  target.emit(name, event, ...args)
  if (event.defaultPrevented) recorded.prevented.push({ target: label, event: name })
  return event.defaultPrevented
}

// ---- app ------------------------------------------------------------------------------------------

function projectRoot(): string {
  let dir = dirname(process.argv[1] ?? process.cwd())
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir)
  return dir
}

class FakeApp extends EventEmitter {
  readonly isPackaged = false
  private ready = false
  private readyPromise: Promise<void>
  private markReady!: () => void
  private quitting = false
  readonly commandLine = { appendSwitch: () => undefined, hasSwitch: () => false }

  constructor() {
    super()
    this.readyPromise = new Promise((resolve) => (this.markReady = resolve))
  }

  /** Electron emits ready after the main script's synchronous part has run. */
  boot(): void {
    setImmediate(() => {
      this.emit('will-finish-launching')
      this.ready = true
      this.markReady()
      this.emit('ready', new FakeEvent(), {})
    })
  }

  whenReady = () => this.readyPromise
  isReady = () => this.ready
  getName = () => 'MLE Studio'
  getVersion = () =>
    (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version
  getAppPath = () => projectRoot()
  getPath(name: string): string {
    const base = process.env['FAKE_ELECTRON_HOME'] ?? '/nonexistent'
    const paths: Record<string, string> = {
      userData: join(base, 'userData'),
      documents: join(base, 'Documents'),
      home: base,
      temp: join(base, 'tmp'),
      downloads: join(base, 'Downloads'),
    }
    if (!paths[name]) throw new Error(`Failed to get '${name}' path`)
    return paths[name]
  }
  requestSingleInstanceLock(data?: unknown): boolean {
    recorded.singleInstanceData = data
    return process.env['FAKE_ELECTRON_LOCK'] !== 'taken'
  }
  enableSandbox(): void {
    if (this.ready) throw new Error('app.enableSandbox() must be called before the app is ready')
    recorded.sandboxEnabled = true
  }
  addRecentDocument(path: string): void {
    recorded.recentDocuments.push(path)
  }
  clearRecentDocuments(): void {
    recorded.recentDocuments.length = 0
  }
  focus(): void {}
  setAboutPanelOptions(): void {}

  /** Electron's order: before-quit, then each window's close (any may cancel), then will-quit, quit, exit. */
  quit(): void {
    if (this.quitting) return
    this.quitting = true
    try {
      if (emitPreventable(this, 'before-quit', 'app')) return
      for (const win of FakeBrowserWindow.getAllWindows()) {
        if (!win.tryClose({ quitting: true })) return
      }
      if (emitPreventable(this, 'will-quit', 'app')) return
      this.emit('quit', new FakeEvent(), 0)
      setImmediate(() => process.exit(0))
    } finally {
      this.quitting = false
    }
  }
  exit(code = 0): void {
    process.exit(code)
  }
}

export const app = new FakeApp()

// ---- windows ----------------------------------------------------------------------------------------

let nextContentsId = 1

class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++
  readonly sent: { channel: string; args: unknown[] }[] = []
  url = ''
  destroyed = false
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed')
    // Messages are structured-cloned across processes.
    this.sent.push({ channel, args: structuredClone(args) })
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
  isDestroyed = () => this.destroyed
  getURL = () => this.url

  /** Chromium's PDF of the loaded page: here a PDF header followed by the page's HTML, so tests can see it. */
  printToPDF(options: Record<string, unknown>): Promise<Buffer> {
    if (this.destroyed) return Promise.reject(new Error('Object has been destroyed'))
    const win = FakeBrowserWindow.fromWebContents(this)
    const html = this.url.startsWith('file:') ? readFileSync(fileURLToPath(this.url), 'utf8') : ''
    const ses = sessionOf(win?.options)
    recorded.pdfPrints.push({
      windowOptions: win?.options ?? {},
      visible: win?.visible ?? false,
      url: this.url,
      html,
      options,
      pageAllowed: ses.allows(this.url),
      networkAllowed: ses.allows('https://example.com/logo.png'),
    })
    const failure = failingPrints.shift()
    if (failure) return Promise.reject(new Error(failure))
    return Promise.resolve(Buffer.concat([Buffer.from('%PDF-1.7\n% fake\n'), Buffer.from(html)]))
  }
}

export class FakeBrowserWindow extends EventEmitter {
  private static all: FakeBrowserWindow[] = []
  readonly webContents = new FakeWebContents()
  readonly options: Record<string, unknown>
  bounds: Rect
  visible = false
  maximized = false
  destroyed = false
  documentEdited = false
  focused = false

  constructor(options: Record<string, unknown> = {}) {
    super()
    this.options = options
    const n = (k: string, d: number) => (typeof options[k] === 'number' ? (options[k] as number) : d)
    this.bounds = { x: n('x', 100), y: n('y', 100), width: n('width', 800), height: n('height', 600) }
    this.visible = options['show'] !== false
    FakeBrowserWindow.all.push(this)
    app.emit('browser-window-created', new FakeEvent(), this)
    app.emit('web-contents-created', new FakeEvent(), this.webContents)
  }

  static getAllWindows = () => FakeBrowserWindow.all.filter((w) => !w.destroyed)
  static fromWebContents = (wc: unknown) => FakeBrowserWindow.all.find((w) => w.webContents === wc) ?? null
  static getFocusedWindow = () => FakeBrowserWindow.getAllWindows().find((w) => w.focused) ?? null

  /** Loads the page: Electron reports did-finish-load, then ready-to-show. */
  loadURL(url: string): Promise<void> {
    this.webContents.url = url
    // A request the window's session cancels fails the load, as Chromium's ERR_BLOCKED_BY_CLIENT does.
    if (!sessionOf(this.options).allows(url))
      return Promise.reject(new Error(`ERR_BLOCKED_BY_CLIENT (-20) loading '${url}'`))
    return new Promise((resolve) =>
      setTimeout(() => {
        if (this.destroyed) return resolve()
        this.webContents.emit('did-finish-load', new FakeEvent())
        this.emit('ready-to-show', new FakeEvent())
        resolve()
      }, 10),
    )
  }
  reload(): void {
    void this.loadURL(this.webContents.url)
  }
  show(): void {
    this.visible = true
    this.focused = true
  }
  focus(): void {
    this.focused = true
  }
  isVisible = () => this.visible
  isMinimized = () => false
  restore(): void {}
  isMaximized = () => this.maximized
  maximize(): void {
    this.maximized = true
    this.emit('maximize', new FakeEvent())
  }
  getBounds = () => ({ ...this.bounds })
  getNormalBounds = () => ({ ...this.bounds })
  setBounds(b: Partial<Rect>): void {
    this.bounds = { ...this.bounds, ...b }
    this.emit('move', new FakeEvent())
    this.emit('resize', new FakeEvent())
  }
  setDocumentEdited(edited: boolean): void {
    this.documentEdited = edited
  }
  isDestroyed = () => this.destroyed

  /** The user or the code closes the window: close (preventable), then closed. Returns whether it closed. */
  tryClose({ quitting }: { quitting: boolean }): boolean {
    if (this.destroyed) return true
    if (emitPreventable(this, 'close', 'window')) return false
    this.destroy()
    if (!quitting && FakeBrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed')
    return true
  }
  close(): void {
    setImmediate(() => this.tryClose({ quitting: false }))
  }
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.webContents.destroyed = true
    this.emit('closed')
  }
}

export const BrowserWindow = FakeBrowserWindow

type BeforeRequest = (details: { url: string }, callback: (r: { cancel?: boolean }) => void) => void

/** A session other than the default one (`session.fromPartition`), with the request filter it was given. */
class FakeSession {
  permissionRequestHandler: unknown = null
  permissionCheckHandler: unknown = null
  beforeRequest: BeforeRequest | null = null
  readonly webRequest = {
    onBeforeRequest: (listener: BeforeRequest | null) => {
      this.beforeRequest = listener
    },
    onHeadersReceived: () => undefined,
  }
  setPermissionRequestHandler(h: unknown): void {
    this.permissionRequestHandler = h
  }
  setPermissionCheckHandler(h: unknown): void {
    this.permissionCheckHandler = h
  }
  /** Whether a request for `url` goes through (the filter answers synchronously here). */
  allows(url: string): boolean {
    let cancel = false
    this.beforeRequest?.({ url }, (r) => (cancel = r.cancel === true))
    return !cancel
  }
  /** Whether every permission is refused. */
  deniesPermissions(): boolean {
    let granted: boolean | undefined
    ;(this.permissionRequestHandler as BeforeRequestPermission | null)?.(null, 'media', (g) => (granted = g))
    const check = (this.permissionCheckHandler as ((c: unknown, p: string) => boolean) | null)?.(
      null,
      'media',
    )
    return granted === false && check === false
  }
}
type BeforeRequestPermission = (c: unknown, p: string, cb: (granted: boolean) => void) => void

const partitions = new Map<string, FakeSession>()
const defaultFakeSession = new FakeSession()
/** The session a window's options name (its partition), the default one otherwise. */
function sessionOf(options: Record<string, unknown> | undefined): FakeSession {
  const prefs = options?.['webPreferences'] as { partition?: string } | undefined
  return prefs?.partition ? session.fromPartition(prefs.partition) : defaultFakeSession
}

export const session = {
  fromPartition(name: string): FakeSession {
    const found = partitions.get(name) ?? new FakeSession()
    partitions.set(name, found)
    return found
  },
  partitions,
  defaultSession: {
    permissionRequestHandler: null as unknown,
    permissionCheckHandler: null as unknown,
    headersListener: null as unknown,
    setPermissionRequestHandler(h: unknown) {
      this.permissionRequestHandler = h
    },
    setPermissionCheckHandler(h: unknown) {
      this.permissionCheckHandler = h
    },
    webRequest: {
      onHeadersReceived(listener: unknown) {
        session.defaultSession.headersListener = listener
      },
    },
  },
}

// ---- menu, dialogs, shell, screen -----------------------------------------------------------------------

export interface FakeMenuItem {
  label?: string
  role?: string
  type?: string
  accelerator?: string
  enabled?: boolean
  toolTip?: string
  click?: (item: unknown, win: unknown, event: unknown) => void
  submenu?: FakeMenuItem[] | FakeMenu
}

export class FakeMenu {
  constructor(readonly items: FakeMenuItem[]) {}
  static buildFromTemplate(template: FakeMenuItem[]): FakeMenu {
    return new FakeMenu(template)
  }
  static applicationMenu: FakeMenu | null = null
  static setApplicationMenu(menu: FakeMenu | null): void {
    FakeMenu.applicationMenu = menu
  }
  static getApplicationMenu = () => FakeMenu.applicationMenu
}

export const Menu = FakeMenu

function answered<T>(kind: keyof typeof answers, options: unknown, fallback: T): Promise<T> {
  recorded.dialogs.push({ kind, options: options as Record<string, unknown> })
  return Promise.resolve((answers[kind].shift() as T | undefined) ?? fallback)
}

/** Dialogs take an optional parent window first, as Electron's do. */
const withoutWindow = (args: unknown[]) => (args[0] instanceof FakeBrowserWindow ? args[1] : args[0])

export const dialog = {
  showOpenDialog: (...args: unknown[]) =>
    answered('open', withoutWindow(args), { canceled: true, filePaths: [] as string[] }),
  showSaveDialog: (...args: unknown[]) =>
    answered('save', withoutWindow(args), { canceled: true, filePath: '' }),
  showMessageBox: (...args: unknown[]) => {
    const options = withoutWindow(args) as { cancelId?: number }
    return answered('messageBox', options, { response: options.cancelId ?? 0, checkboxChecked: false })
  },
  showErrorBox: (title: string, content: string) => {
    recorded.dialogs.push({ kind: 'errorBox', options: { title, content } })
  },
}

export const shell = {
  openExternal(url: string): Promise<void> {
    recorded.externalUrls.push(url)
    return Promise.resolve()
  },
  /** Electron resolves to an error message, or '' when the OS opened the file. */
  openPath(path: string): Promise<string> {
    recorded.openedPaths.push(path)
    return Promise.resolve(existsSync(path) ? '' : 'Failed to open path')
  },
}

export const screen = {
  getAllDisplays(): { id: number; bounds: Rect; workArea: Rect }[] {
    const areas = JSON.parse(
      process.env['FAKE_ELECTRON_DISPLAYS'] ?? '[{"x":0,"y":0,"width":1920,"height":1040}]',
    ) as Rect[]
    return areas.map((workArea, i) => ({ id: i + 1, bounds: workArea, workArea }))
  },
  getPrimaryDisplay: () => screen.getAllDisplays()[0],
}

// ---- IPC ----------------------------------------------------------------------------------------------

export const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>()

export const ipcMain = {
  handle(channel: string, fn: (event: unknown, ...args: unknown[]) => unknown): void {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    handlers.set(channel, fn)
  },
  removeHandler: (channel: string) => handlers.delete(channel),
  on: () => ipcMain,
}

// ---- utility processes --------------------------------------------------------------------------------

export const utilityChildren: FakeUtilityProcess[] = []

/** A utility process, backed by a Node child process running the same script (the real engine bundle). */
class FakeUtilityProcess extends EventEmitter {
  private readonly child: ChildProcess
  exitCode: number | null = null
  constructor(
    readonly modulePath: string,
    args: string[],
    readonly serviceName: string,
  ) {
    super()
    // Like a utility process, the child gets none of this process's Node flags (the fake's loader).
    this.child = fork(modulePath, args, {
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.child.on('spawn', () => this.emit('spawn'))
    this.child.on('message', (m) => this.emit('message', m))
    this.child.on('exit', (code, signal) => {
      this.exitCode = code ?? 1
      // Electron reports abnormal exits of utility processes to the app as well.
      if (signal || code !== 0) {
        app.emit('child-process-gone', new FakeEvent(), {
          type: 'Utility',
          reason: signal ? 'killed' : 'crashed',
          exitCode: code ?? -1,
          serviceName: this.serviceName,
          name: this.serviceName,
        })
      }
      this.emit('exit', code ?? 1)
    })
  }
  get pid(): number | undefined {
    return this.exitCode === null ? this.child.pid : undefined
  }
  postMessage(message: unknown): void {
    if (this.exitCode !== null) throw new Error('The utility process has exited')
    this.child.send(message as object)
  }
  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    return this.exitCode === null && this.child.kill(signal)
  }
}

export const utilityProcess = {
  fork(modulePath: string, args: string[] = [], options: { serviceName?: string } = {}): FakeUtilityProcess {
    const child = new FakeUtilityProcess(modulePath, args, options.serviceName ?? 'Node Utility Process')
    utilityChildren.push(child)
    return child
  },
}

export { emitPreventable, FakeEvent }
