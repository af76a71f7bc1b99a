import { fork, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Envelope, StudioEvent } from '../../src-shared/contract'
import { IpcChannel } from '../../src-shared/ipc-channels'
import type { PdfPrint } from './fake-electron'

export const ROOT = join(__dirname, '../..')
/** The built main process: `npm test` builds before this stage. */
export const MAIN = join(ROOT, 'out/main/index.js')
/** Node flags that make `require('electron')` load the fake (see register-fake-electron.cjs). */
export const FAKE_ELECTRON_FLAGS = [
  '--import',
  'tsx',
  '--require',
  join(__dirname, 'register-fake-electron.cjs'),
]

export interface ShellState {
  ready: boolean
  windows: {
    options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }
    bounds: { x: number; y: number; width: number; height: number }
    visible: boolean
    maximized: boolean
    url: string
    documentEdited: boolean
    windowOpenHandler: boolean
  }[]
  menu: MenuEntry[]
  channels: string[]
  engines: { pid: number | undefined; exitCode: number | null; serviceName: string }[]
  permissionHandlers: boolean
  partitions: Record<string, { deniesPermissions: boolean }>
  pdfPrints: PdfPrint[]
  sandboxEnabled: boolean
  singleInstanceData: unknown
  recentDocuments: string[]
  dialogs: { kind: string; options: Record<string, unknown> }[]
  openedPaths: string[]
  externalUrls: string[]
  prevented: { target: string; event: string }[]
}

export interface MenuEntry {
  label?: string
  role?: string
  accelerator?: string
  enabled?: boolean
  toolTip?: string
  submenu?: MenuEntry[]
}

export interface StartOptions {
  args?: string[]
  /** The fake's home folder (userData, Documents); a new temp folder unless given (to restart on it). */
  home?: string
  env?: Record<string, string>
}

/** The built main process running on the fake Electron, and the test's remote control of it. */
export class ShellProcess {
  readonly exited: Promise<{ code: number | null; signal: string | null }>
  readonly output: string[] = []
  private nextId = 1
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>()

  private constructor(
    readonly child: ChildProcess,
    readonly home: string,
  ) {
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
    child.on('message', (raw) => {
      const m = raw as { id: number; ok: boolean; value?: unknown; error?: string }
      const p = this.pending.get(m.id)
      this.pending.delete(m.id)
      if (m.ok) p?.resolve(m.value)
      else p?.reject(new Error(m.error))
    })
    for (const stream of [child.stdout, child.stderr])
      stream?.on('data', (d: Buffer) => this.output.push(d.toString()))
  }

  static start(options: StartOptions = {}): ShellProcess {
    const home = options.home ?? mkdtempSync(join(tmpdir(), 'mle-shell-'))
    const child = fork(MAIN, options.args ?? [], {
      cwd: ROOT,
      execArgv: FAKE_ELECTRON_FLAGS,
      env: { ...process.env, FAKE_ELECTRON_HOME: home, ...options.env },
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    })
    return new ShellProcess(child, home)
  }

  get userData(): string {
    return join(this.home, 'userData')
  }

  /** This instance's session file of a kind (`autosave-<pid>-<token>.mlestudio.json`), or null while none exists. */
  sessionFile(kind: 'autosave' | 'recovery'): string | null {
    if (!existsSync(this.userData)) return null
    const name = readdirSync(this.userData).find(
      (f) => f.startsWith(`${kind}-`) && f.endsWith('.mlestudio.json'),
    )
    return name ? join(this.userData, name) : null
  }

  call<T = unknown>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++
    if (!this.child.connected) return Promise.reject(new Error(`The app process has exited (asked: ${op}).`))
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      this.child.send({ id, op, args })
    })
  }

  state(): Promise<ShellState> {
    return this.call('state')
  }

  /** What main pushed to the page on the event channel, in order. */
  async events(): Promise<StudioEvent[]> {
    const sent = await this.call<{ channel: string; args: unknown[] }[]>('sent')
    return sent.filter((s) => s.channel === IpcChannel.event).map((s) => s.args[0] as StudioEvent)
  }

  /** Polls until `test` holds for the state (or an event arrived), failing after `timeoutMs`. */
  async waitFor<T>(
    probe: () => Promise<T>,
    test: (value: T) => boolean,
    what: string,
    timeoutMs = 20_000,
  ): Promise<T> {
    const until = Date.now() + timeoutMs
    for (;;) {
      const value = await probe()
      if (test(value)) return value
      if (Date.now() > until)
        throw new Error(`Timed out waiting for ${what}; last: ${JSON.stringify(value).slice(0, 600)}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  /** The first event pushed after `skip` earlier ones that matches. */
  async waitForEvent<K extends StudioEvent['kind']>(
    kind: K,
    match: (e: Extract<StudioEvent, { kind: K }>) => boolean = () => true,
    skip = 0,
  ): Promise<Extract<StudioEvent, { kind: K }>> {
    const isIt = (e: StudioEvent): e is Extract<StudioEvent, { kind: K }> =>
      e.kind === kind && match(e as never)
    const events = await this.waitFor(
      () => this.events(),
      (es) => es.slice(skip).some(isIt),
      `a ${kind} event`,
    )
    return events.slice(skip).find(isIt) as Extract<StudioEvent, { kind: K }>
  }

  /** The page (or, with `frame`, another page or a subframe) invokes a channel, as ipcRenderer.invoke. */
  invoke<T = unknown>(
    channel: string,
    payload: unknown = null,
    frame?: { url?: string; subframe?: boolean },
  ) {
    return this.call<Envelope<T>>('invoke', { channel, payload, frame })
  }

  /** Invokes and unwraps, failing the test with the error's name and message. */
  async value<T = unknown>(channel: string, payload: unknown = null): Promise<T> {
    const envelope = await this.invoke<T>(channel, payload)
    if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.name}: ${envelope.error.message}`)
    return envelope.value
  }

  /** Waits for the window's page to have loaded (the shell only then hands over files from the OS). */
  async started(): Promise<ShellState> {
    return this.waitFor(
      () => this.state(),
      (s) => s.windows.some((w) => w.visible),
      'the window to show',
    )
  }

  /** What the fake recorded as the process exited (it must have exited). */
  exitState(): ShellState {
    return JSON.parse(readFileSync(join(this.home, 'exit-state.json'), 'utf8')) as ShellState
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL')
    await this.exited
  }
}

/** Whether a process id is alive: it exists (signal 0 only checks) and is not a zombie awaiting its reaper. */
export function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    // Linux: the state letter follows the parenthesised command name.
    return !/\)\s+Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return true
  }
}
