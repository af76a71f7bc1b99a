import { randomUUID } from 'node:crypto'
import { realpath } from 'node:fs/promises'
import { basename } from 'node:path'
import { callSpec, STUDIO_CALL_NAMES, type RoutedCallName } from '../../src-shared/calls'
import type {
  ArrivingUpload,
  BootstrapCi,
  BootstrapCiRequest,
  DatasetInfo,
  EngineRequestBody,
  EngineRequestKind,
  FitAllRequest,
  FitAllResult,
  FitRequest,
  ErrorInfo,
  FitResult,
  GroupFitRequest,
  GroupFitResult,
  ImportRequest,
  ImportSettings,
  RegressionRequest,
  RegressionResult,
  RunningWork,
  SessionFile,
  SessionOpened,
  SessionSnapshot,
  StudioCallName,
  StudioCalls,
  StudioEvent,
} from '../../src-shared/contract'
import { hasErrorName, StudioError, toErrorInfo } from '../../src-shared/errors'
import type { AtomicWriteFs } from './atomic-write'
import { EngineHost, type EngineStopInfo, type ForkEngine } from './engine-host'
import { inspectDataPath } from './file-policy'
import { parseCallPayload, parsePageId } from './payload-schemas'
import { sameData, withBootstrapCi, withFit, withFitAll, withGroupFit, withRegression } from './landing-rules'
import { SavedMark } from './saved-mark'
import { parseSessionText, SessionError } from './session-schema'
import { SessionStore, type OpenSource } from './session-store'

export interface StudioCoreOptions {
  fork: ForkEngine
  /** Pushes events (progress, engine stopped, dataset restored...) to the renderer. */
  emit: (event: StudioEvent) => void
  /** File to open at start-up: a command-line argument or the bundled sample. */
  initialPath?: string | null
  /** Per-request timeout in ms (default 10 minutes: long fits stream progress meanwhile). */
  timeoutMs?: number
  /** Ms a cancelled request may run on before the engine is replaced (EngineHost's default otherwise). */
  cancelGraceMs?: number
  /**
   * Engine liveness (EngineHost `heartbeat`); default a ping each second of quiet and 30 s of total
   * silence while work is outstanding. Null turns it off.
   */
  heartbeat?: { intervalMs: number; silenceMs: number } | null
  /** Keep a spare engine process ready (EngineHost `warmSpare`); on in the app, off in most tests. */
  warmSpare?: boolean
  /** Automatic engine restarts allowed (default 3 crashes in 5 minutes). */
  restartBudget?: { crashes: number; windowMs: number }
  /** Folder for autosave and recovery (Electron: userData; browser mode: XDG config); null = none. */
  dataDir?: string | null
  /** Autosave debounce in ms (default 1000). */
  autosaveDelayMs?: number
  /**
   * Exporting a session is saving it (default: browser mode's download); false where the shell saves it
   * with a dialog that may be cancelled (Electron), and says when it wrote one (`sessionWritten`).
   */
  exportSaves?: boolean
  /** File-system calls of autosave writes (tests inject failures). */
  sessionFs?: AtomicWriteFs
}

/**
 * Default engine heartbeat. The silence allowed must exceed the longest stretch the engine computes
 * without yielding: a likelihood grid of a family without a closed-form log-likelihood is one loop
 * (weibull, 61 x 61 at 200,000 rows: 11 s on a loaded 2-core machine). Cancel needs no heartbeat.
 */
export const DEFAULT_HEARTBEAT = { intervalMs: 1000, silenceMs: 30_000 }

/**
 * The handler of each call: its payload, and the page that asks (browser mode's `PAGE_HEADER`; none for the
 * Electron window and the shell). The work a request starts is its page's: only that page's `task:cancel`
 * stops it.
 */
export type CallHandlers = {
  [K in StudioCallName]: (
    payload: StudioCalls[K]['payload'],
    page?: string,
  ) => Promise<StudioCalls[K]['result']>
}

/** A call's handler as generic code (routing, validation) sees it. */
type AnyHandler = (payload: unknown, page?: string) => Promise<unknown>

/** Whose work an engine request or a read is: the page that started it, and the tag it was sent with. */
interface Owner {
  page?: string
  task?: string
}

interface OpenDataset {
  info: DatasetInfo
  settings: ImportSettings
  generation: number
}

/**
 * What the app can do, independent of Electron: open a CSV, summarize a column, fit models, keep sessions.
 * The Electron IPC handlers and the browser-mode HTTP server are both thin front doors onto one StudioCore.
 * It keeps the open dataset across engine crashes: when a fresh engine starts, the file is imported again
 * at once and the renderer told (its selections and results live in the renderer and are untouched).
 */
export class StudioCore {
  readonly engine: EngineHost
  readonly sessions: SessionStore
  private dataset: OpenDataset | null = null
  private initial: Promise<DatasetInfo | null> | null = null
  /** The re-import after an engine restart, awaited by requests that need the data. */
  private restoring: Promise<void> | null = null
  /**
   * Every engine request running, by id, with its kind and owner: `task:cancel` stops the asking page's
   * (all, or those with its tag), never another page's.
   */
  private readonly running = new Map<number, Owner & { kind: EngineRequestKind }>()
  /** Requests stopped because another file is being opened: they fail as `DataReplaced`, not as a cancel. */
  private readonly replaced = new Set<number>()
  /** Opens underway (`open`). */
  private opening = 0
  /** Waiting for every open underway to end (`openingEnded`). */
  private openingWaiters: (() => void)[] = []
  /** Reads of files in main (hashing a session's source), by the page that asked: its Cancel stops them. */
  private readonly reads = new Map<AbortController, string | undefined>()
  /** Real paths of the data files the user opened in this run (dialog, drop, upload, start-up argument). */
  private readonly picked = new Set<string>()
  /** The last snapshot a page pushed (`session:autosave`): what a reloaded page or a new tab takes over. */
  private workspace: SessionSnapshot | null = null
  /**
   * Running work that lands (fits, Fit alls, regressions, bootstraps, group fits), by id: `workspace:get` lists them (a page loading meanwhile shows them as
   * running) and each ends with a `work-ended` event; those of the workspace's selection land in it.
   */
  private readonly landing = new Map<number, { work: RunningWork; page: string | undefined }>()
  private nextLanding = 1
  /**
   * The data files of the last imports, by import id: a page still showing results of a file another page
   * replaced saves them as a session of that file (`session:export`, `sourceOf`).
   */
  private readonly imported = new Map<string, OpenSource>()
  /** A session whose data file waits for the user's confirmation (`session:confirm-source`). */
  private unconfirmed: { path: string; file: SessionFile } | null = null
  /** Whether the workspace's results are the ones last saved as a session file. */
  private readonly saved: SavedMark

  constructor(private readonly options: StudioCoreOptions) {
    this.engine = new EngineHost({
      fork: options.fork,
      timeoutMs: options.timeoutMs ?? 10 * 60_000,
      cancelGraceMs: options.cancelGraceMs,
      heartbeat: options.heartbeat === undefined ? DEFAULT_HEARTBEAT : (options.heartbeat ?? undefined),
      restartBudget: options.restartBudget,
      warmSpare: options.warmSpare,
      onStopped: (info) => this.onEngineStopped(info),
      onReplaced: (_, enforced) => {
        // Replaced during an open (a cancel not heeded in time): the open's import is sent again to the fresh
        // engine (`open`), and the file it replaces would only be held for a moment again.
        if (enforced && this.opening > 0) return
        void this.restoreDataset()
      },
    })
    this.saved = new SavedMark(options.exportSaves ?? true, () => options.emit({ kind: 'session-saved' }))
    this.sessions = new SessionStore({
      dataDir: options.dataDir ?? null,
      delayMs: options.autosaveDelayMs,
      fs: options.sessionFs,
      onAutosaveError: (message) => options.emit({ kind: 'autosave-failed', message }),
    })
  }

  /**
   * The handler of every StudioCall, by name. Each validates its payload with the call's schema first
   * (`validated`), so whichever door a request came in by (IPC, HTTP, the shell's own calls), a bad one is a
   * ValidationError naming the field and nothing behind it ever sees an unchecked payload.
   */
  readonly handlers: CallHandlers = validated({
    // The calls STUDIO_CALLS routes to the engine are passed through as they are; the rest are the core's own.
    ...this.routedHandlers(),
    'model:fit': (request, page) => this.landFit(request, page),
    'model:fit-all': (request, page) => this.landFitAll(request, page),
    'regression:fit': (request, page) => this.landRegression(request, page),
    'model:bootstrap-ci': (request, page) => this.landBootstrapCi(request, page),
    'model:fit-groups': (request, page) => this.landGroupFit(request, page),
    'workspace:get': async (_, page) => {
      // Nothing open yet: an open underway is newer than the start-up file, so it is waited for; if it
      // fails the page gets the start-up file after all, not an empty workspace.
      while (!this.dataset && this.opening > 0) await this.openingEnded()
      if (!this.dataset) await this.initialDataset()
      // Answered at once, even while a fit runs: a page reloaded (or a second tab opened) meanwhile shows
      // the workspace with the fit as running, and takes its result from the `work-ended` event.
      const running = [...this.landing.values()].map(({ work, page: owner }) =>
        owner === page ? work : { ...work, elsewhere: true as const },
      )
      const session = this.ofOpenData(this.workspace)
      // Results already saved as a session are nothing a page taking them over could lose.
      const saved = this.saved.holds(session)
      return { dataset: this.dataset?.info ?? null, session, running, ...(saved ? { saved } : {}) }
    },
    'dataset:reimport': (settings, page) => {
      if (!this.dataset)
        return Promise.reject(new StudioError('RequestError', 'No file is open to re-import.'))
      return this.open(this.dataset.info.path, this.dataset.info.fileName, settings, undefined, page)
    },
    'task:cancel': (only, page) => Promise.resolve(this.cancel(only, page)),
    'engine:restart': async () => {
      this.engine.restart()
      await this.restoreDataset()
      return this.dataset?.info ?? null
    },
    'session:export': async (snapshot, page) => {
      const file = await this.cancellable(page, (signal) =>
        this.sessions.build(snapshot, this.sourceOf(snapshot), signal),
      )
      const stem = (file.source?.fileName ?? 'session').replace(/\.[^.]*$/, '') || 'session'
      const text = `${JSON.stringify(file, null, 2)}\n`
      this.saved.exportedAs(snapshot, text)
      return {
        text,
        suggestedName: `${stem}.mlestudio.json`,
        mimeType: 'application/json' as const,
      }
    },
    'session:open': async ({ text }, page) => this.openSession(parseSessionText(text), false, page),
    'session:confirm-source': async ({ path }, page) => {
      const waiting = this.unconfirmed
      if (!waiting || waiting.path !== path) {
        throw new SessionError(`No session is waiting to import ${path}: open the session file again.`)
      }
      this.unconfirmed = null
      this.picked.add(path)
      return this.openSession(waiting.file, false, page)
    },
    'session:is-saved': (snapshot) => Promise.resolve(this.saved.holds(snapshot)),
    'session:autosave': (snapshot) => {
      // A page still showing a file replaced since (another tab opened one): not the workspace, and not
      // the autosave of the file open now.
      if (!this.ofOpenData(snapshot)) return Promise.resolve(null)
      this.workspace = snapshot
      this.sessions.autosave(snapshot, this.openSource())
      return Promise.resolve(null)
    },
    'session:get-recovery': () => this.sessions.recoveryOffer(),
    'session:restore-recovery': async (_, page) => {
      const file = await this.sessions.recovery()
      if (!file) {
        throw new SessionError('There is no autosaved session to restore (it may have been discarded).')
      }
      // The autosave is this app's own file (mode 0600 in the user's data folder): its source was picked.
      const opened = await this.openSession(file, true, page)
      await this.sessions.discardRecovery()
      this.options.emit({ kind: 'recovery-answered' })
      return opened
    },
    'session:discard-recovery': async () => {
      await this.sessions.discardRecovery()
      this.options.emit({ kind: 'recovery-answered' })
      return null
    },
  })

  /**
   * A fit of the workspace's selection lands as its page's main fit (`withFit`), so a page reloaded while
   * it ran (its answer went to the old page) shows it; a method comparison (`purpose: 'compare'`, never
   * sent to the engine) is listed as such and never lands.
   */
  private landFit(request: FitRequest, page?: string): Promise<FitResult> {
    const { purpose, ...fit } = request
    const { column, dist, method = 'auto' } = fit
    const running = { kind: 'fit', column, dist, method, ...(purpose ? { purpose } : {}) } as const
    return this.land(this.withData({ kind: 'fit', request: fit }, { page }), running, request, LAND.fit, page)
  }

  /** Fit all of the workspace's column lands as the page keeps it (`withFitAll`). */
  private landFitAll(request: FitAllRequest, page?: string): Promise<FitAllResult> {
    const running = { kind: 'fit-all', column: request.column, dist: null, method: null } as const
    const work = this.withData({ kind: 'fit-all', request }, { page })
    return this.land(work, running, request, LAND.fitAll, page)
  }

  /** Bootstrap intervals land on the workspace's fit they were made for (`withBootstrapCi`). */
  private landBootstrapCi(request: BootstrapCiRequest, page?: string): Promise<BootstrapCi> {
    const { column, dist } = request.fit
    const { replicates } = request
    const running = { kind: 'bootstrap', column, dist, method: null, replicates } as const
    const work = this.withData({ kind: 'bootstrap-ci', request }, { page })
    return this.land(work, running, request, LAND.bootstrap, page)
  }

  /** A group fit lands when the workspace still shows its column by its By column (`withGroupFit`). */
  private landGroupFit(request: GroupFitRequest, page?: string): Promise<GroupFitResult> {
    const { column, by } = request
    const running = { kind: 'groups', column, dist: null, method: null, by } as const
    const work = this.withData({ kind: 'fit-groups', request }, { page })
    return this.land(work, running, request, LAND.groups, page)
  }

  /** A regression lands when the page's regression panel still describes it (`withRegression`). */
  private landRegression(request: RegressionRequest, page?: string): Promise<RegressionResult> {
    const { response: column, model } = request
    const running = { kind: 'regression', column, dist: null, method: null, model } as const
    const work = this.withData({ kind: 'regress', request }, { page })
    return this.land(work, running, request, LAND.regression, page)
  }

  /**
   * Puts a finished result into the workspace (`into` gives the new one, or null to leave it) and
   * autosaves it; while it runs `workspace:get` lists it, and its end is told to every page
   * (`work-ended`: whether it landed, or why it failed), so a page loaded meanwhile shows the outcome. Whether
   * it lands is decided when it ends (`landing-rules.ts`): only on the import it ran on (`sameData`), and
   * the page's push of a new selection (an autosave) may arrive just after the request. `page` started it:
   * other pages see it listed as `elsewhere` (their Cancel cannot stop it).
   *
   * What lands is what the user waited for and a session keeps: fits, Fit all, regressions, bootstrap
   * intervals, group fits. The other engine calls are views derived from what a session keeps, which the
   * reloaded page asks for again when it shows them: summary, histogram, diagnostics, likelihood grids,
   * explorer evaluations, percentile tables (their profile run), the threshold choice and a method
   * comparison's fit (a `model:fit` of another method: listed, never landed). Exports and reports are
   * files the page saves, made again in a moment.
   */
  private land<Q, T>(
    work: Promise<T>,
    running: Omit<RunningWork, 'id'>,
    request: Q,
    rule: (now: SessionSnapshot, request: Q, result: T) => SessionSnapshot | null,
    page: string | undefined,
  ): Promise<T> {
    const id = this.nextLanding++
    // The import it runs on: its result lands only in a workspace of that import, while it is open.
    const started = this.dataset?.info.id ?? null
    this.landing.set(id, { work: { id, ...running }, page })
    const ended = (landed: boolean, error: ErrorInfo | null, dataReplaced = false) => {
      this.landing.delete(id)
      this.options.emit({ kind: 'work-ended', id, landed, error, ...(dataReplaced ? { dataReplaced } : {}) })
    }
    return work.then(
      (result) => {
        const data = { started, now: this.dataset?.info.id ?? null }
        const ws = this.workspace
        const next = ws && sameData(ws, data) ? rule(ws, request, result) : null
        if (next) {
          this.workspace = next
          this.sessions.autosave(next, this.openSource())
        }
        ended(next !== null, null, data.now !== data.started)
        return result
      },
      (e: unknown) => {
        ended(false, toErrorInfo(e), hasErrorName(e, 'DataReplaced'))
        throw e
      },
    )
  }

  /**
   * `snapshot` when it is of the open import, or names none (nothing was open when it was taken); null
   * when it names an import replaced since: its selections and results are of other data.
   */
  private ofOpenData(snapshot: SessionSnapshot | null): SessionSnapshot | null {
    const named = snapshot?.datasetId
    return named === undefined || named === this.dataset?.info.id ? snapshot : null
  }

  /** Imports the start-up file once (no page shows one yet: not announced); later calls return it. */
  initialDataset(): Promise<DatasetInfo | null> {
    const path = this.options.initialPath
    if (!path) return Promise.resolve(null)
    this.initial ??= this.importFile(path, undefined, {}, randomUUID())
    return this.initial
  }

  /**
   * Imports a data file the user chose (dialog, drop, upload, a re-import with other settings or another
   * sheet, a confirmed session source) into the engine; it becomes the open dataset, and a session naming it
   * later needs no question. `arriving`: the file is still being written (an upload) and the engine reads
   * it as it arrives.
   *
   * The long work running on the data it replaces waits in the engine while it imports, and is stopped once
   * the import has succeeded (`stopWorkOnOpenData`): its result could never land. A file that cannot be
   * opened leaves that work running. Every page is told (`dataset-opened`), so a page that did not open it
   * shows the new file instead of the old. The import is the work of `page` (the page that asked, if any).
   */
  open(
    path: string,
    displayName?: string,
    settings: ImportSettings = {},
    arriving?: ArrivingUpload,
    page?: string,
  ): Promise<DatasetInfo> {
    return this.openAnnounced(path, displayName, settings, { arriving, page })
  }

  /** `open`, announced with the session whose data file it is (`session`), if any. */
  private async openAnnounced(
    path: string,
    displayName: string | undefined,
    settings: ImportSettings,
    { arriving, session, page }: { arriving?: ArrivingUpload; session?: SessionFile; page?: string },
  ): Promise<DatasetInfo> {
    const id = randomUUID()
    this.opening++
    try {
      // Once more when the engine was replaced under it (another request's cancel enforced), after a
      // restart's re-import still running: then this file is the one the engine holds.
      const info = await this.retried(async () => {
        if (this.restoring) await this.restoring
        // The start-up file's import, if it is running, ends first: the file the user opened must be the
        // last imported, or the engine would hold the start-up file under this one's name and columns.
        if (this.initial) await this.initial.catch(() => null)
        const stops = this.workOnOpenData()
        return this.importFile(path, displayName, settings, id, { arriving, stops }, page)
      })
      this.stopWorkOnOpenData()
      // The stopped work's ends (`work-ended`, settled in this turn) reach the pages before the new file.
      await new Promise((resolve) => setImmediate(resolve))
      this.options.emit({ kind: 'dataset-opened', dataset: info, ...(session ? { session } : {}) })
      return info
    } finally {
      this.opening--
      if (this.opening === 0) this.openingWaiters.splice(0).forEach((resolve) => resolve())
    }
  }

  /** Resolves once no open is underway. */
  private openingEnded(): Promise<void> {
    if (this.opening === 0) return Promise.resolve()
    return new Promise((resolve) => this.openingWaiters.push(resolve))
  }

  /** The long work running on the open data (`STOPPED_BY_OPEN`), by engine request id. */
  private workOnOpenData(): number[] {
    return [...this.running].filter(([, { kind }]) => STOPPED_BY_OPEN.has(kind)).map(([id]) => id)
  }

  /**
   * Stops the long work running on the data an open replaced (`STOPPED_BY_OPEN`): it fails as
   * `DataReplaced` (`track`), which the pages say as such. Views (a summary, a histogram, a grid) end in
   * moments and have no checkpoint to stop at (stopping one would replace the engine); imports run on (an
   * engine restart's re-import, another page's open: the last to finish is open).
   */
  private stopWorkOnOpenData(): void {
    for (const id of this.workOnOpenData()) {
      this.replaced.add(id)
      this.engine.cancel(id)
    }
  }

  /**
   * Imports a file as the import `id` (`DatasetInfo.id`): a new one for each open or re-import (other data,
   * though the columns may be named alike), the same when an engine restart imports the open file again.
   */
  private async importFile(
    path: string,
    displayName: string | undefined,
    settings: ImportSettings,
    id: string,
    how: Pick<ImportRequest, 'arriving' | 'stops'> = {},
    page?: string,
  ): Promise<DatasetInfo> {
    const [imported] = await Promise.all([
      this.track({ kind: 'import', path, fileName: displayName, settings, ...how }, { page }),
      realpath(path).then(
        (real) => this.picked.add(real),
        () => this.picked.add(path),
      ),
    ])
    const info = { ...imported, id }
    this.dataset = { info, settings, generation: this.engine.generation }
    this.imported.delete(id)
    this.imported.set(id, { path: info.path, fileName: info.fileName, settings })
    for (const old of this.imported.keys()) if (this.imported.size > KEPT_IMPORTS) this.imported.delete(old)
    return info
  }

  /** The open file imported again into a fresh engine: the same import (its id kept), so its results stay valid. */
  private reimportOpen(d: OpenDataset): Promise<DatasetInfo> {
    return this.importFile(d.info.path, d.info.fileName, d.settings, d.info.id ?? randomUUID())
  }

  /** The shell wrote a session file with this text (Electron's Save dialog): its results are saved. */
  sessionWritten(text: string | Uint8Array): void {
    this.saved.written(text)
  }

  /** Paths the app must never write to: the open data file. */
  protectedPaths(): string[] {
    return this.dataset ? [this.dataset.info.path] : []
  }

  /** A clean exit: autosave removed (nothing to recover next time), engine stopped. */
  async shutdown(): Promise<void> {
    await this.sessions.closeCleanly().catch(() => undefined)
    this.engine.dispose()
  }

  /** Ends without a clean exit (tests of a killed app): the autosave is left for the next start. */
  dispose(): void {
    this.sessions.dispose()
    this.engine.dispose()
  }

  /**
   * The data file a snapshot is of: the import it names (the open one, or one replaced since that a page
   * still shows), the open one when it names none; null (a session without a data file) for an import
   * too old to be known.
   */
  private sourceOf(snapshot: SessionSnapshot): OpenSource | null {
    const named = snapshot.datasetId
    return named === undefined ? this.openSource() : (this.imported.get(named) ?? null)
  }

  private openSource(): OpenSource | null {
    const d = this.dataset
    return d ? { path: d.info.path, fileName: d.info.fileName, settings: d.settings } : null
  }

  /**
   * What a session's data file allows: nothing when it is missing or not a regular data file (`refused`:
   * folders, devices, pipes, system files); a question when it is a file the user has not opened in this
   * run (`unconfirmed`, nothing read); else its hash is compared (bounded, cancellable) and it is imported.
   * The saved results are returned in every case.
   */
  private async openSession(file: SessionFile, trusted: boolean, page?: string): Promise<SessionOpened> {
    const answer = (
      sourceStatus: SessionOpened['sourceStatus'],
      sourceMessage: string | null,
      dataset: DatasetInfo | null = null,
      confirmPath: string | null = null,
    ): SessionOpened => {
      // A session file holds these results (an autosave restored after a crash does not).
      if (!trusted) this.saved.mark({ ...file, datasetId: dataset?.id })
      return { session: file, sourceStatus, sourceMessage, dataset, confirmPath }
    }
    const source = file.source
    if (!source) return answer('none', null)
    const check = await inspectDataPath(source.path)
    if (!check.ok) {
      return answer(
        check.missing ? 'missing' : 'refused',
        `${check.message} The saved results are shown; open a data file to fit new models.`,
      )
    }
    if (!trusted && !this.picked.has(check.real)) {
      this.unconfirmed = { path: check.real, file }
      const named = check.real === source.path ? '' : ` (the session names it ${source.path})`
      return answer(
        'unconfirmed',
        `This session was made from ${check.real}${named}, ${check.bytes.toLocaleString('en-US')} bytes, ` +
          'a file you have not opened in this run. Import it to fit new models? The saved results are ' +
          'shown either way.',
        null,
        check.real,
      )
    }
    const found = await this.cancellable(page, (signal) =>
      this.sessions.checkSource(source, check.real, signal),
    )
    if (found.status === 'missing') return answer('missing', found.message)
    try {
      // Shown under its own name: a session cannot dress a file up as another ("innocent.csv").
      const dataset = await this.openAnnounced(check.real, basename(check.real), file.importSettings ?? {}, {
        session: file,
        page,
      })
      return answer(found.status, found.message, dataset)
    } catch (e) {
      if ((e as Error).name === 'CancelledError') throw e
      return answer(
        'missing',
        `The data file ${check.real} could not be imported again: ${(e as Error).message} ` +
          'The saved results are shown.',
      )
    }
  }

  private onEngineStopped(info: EngineStopInfo): void {
    const emit = this.options.emit
    const file = this.dataset ? ` ${this.dataset.info.fileName} is being re-imported.` : ''
    emit({
      kind: 'engine-stopped',
      restarted: info.restarted,
      message: info.restarted
        ? `The engine stopped (${info.reason}) and was restarted.${file} Your results are kept` +
          (info.failedRequests > 0 ? '; what was running failed: run it again.' : '.')
        : `The engine stopped (${info.reason}).`,
    })
    if (!info.restarted) {
      emit({
        kind: 'engine-halted',
        message:
          `The engine stopped ${info.recentCrashes} times in a few minutes, so it was not restarted ` +
          'automatically. Your results are kept. Restart the engine to go on; if it keeps stopping, ' +
          'try a smaller file or another model.',
      })
    }
  }

  /** Re-imports the open file into a fresh engine and tells the renderer how it went. */
  private restoreDataset(): Promise<void> {
    const d = this.dataset
    if (!d || d.generation === this.engine.generation) return Promise.resolve()
    const run = (async () => {
      try {
        const info = await this.reimportOpen(d)
        this.options.emit({
          kind: 'dataset-restored',
          dataset: info,
          message: `${info.fileName} was imported again after the engine restart.`,
        })
      } catch (e) {
        const err = e as Error
        // A crash during the re-import starts its own restore; only report failures of this one.
        if (err.name === 'EngineCrashed' || err.name === 'EngineHalted') return
        this.options.emit({
          kind: 'dataset-restore-failed',
          message: `${d.info.fileName} could not be imported again after the engine restart: ${err.message}`,
        })
      }
    })()
    const tracked: Promise<void> = run.finally(() => {
      if (this.restoring === tracked) this.restoring = null
    })
    this.restoring = tracked
    return tracked
  }

  /** One handler per call that STUDIO_CALLS routes to the engine: the payload travels as `request`. */
  private routedHandlers(): Pick<CallHandlers, RoutedCallName> {
    const handlers: Partial<Record<StudioCallName, AnyHandler>> = {}
    for (const name of STUDIO_CALL_NAMES) {
      const spec = callSpec(name)
      if (!spec.engine) continue
      const kind = spec.engine as EngineRequestKind
      handlers[name] = (payload, page?: string) => {
        const body = (payload === null ? { kind } : { kind, request: payload }) as EngineRequestBody
        const owner = { page, task: (payload as { task?: string } | null)?.task }
        return spec.needsData ? this.withData(body, owner) : this.retried(() => this.track(body, owner))
      }
    }
    return handlers as Pick<CallHandlers, RoutedCallName>
  }

  /**
   * Sends a request that needs the open dataset, waiting for (or starting) its re-import after a restart:
   * the app's work, not the asking page's, as every page waits for it.
   */
  private withData<B extends EngineRequestBody>(body: B, owner: Owner) {
    return this.retried(async () => {
      if (this.restoring) await this.restoring
      const d = this.dataset
      if (d && d.generation !== this.engine.generation) {
        await this.reimportOpen(d)
      }
      return this.track(body, owner)
    })
  }

  /**
   * Runs an engine call again, once, when it only failed because the engine was replaced under it to stop
   * another request (not a crash: nothing about this request was wrong).
   */
  private async retried<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (e) {
      if ((e as Error).name !== 'EngineRestarted') throw e
      return run()
    }
  }

  /**
   * Every engine request: progress goes to the renderer and its owner's `task:cancel` (all, or its `task`
   * tag) can stop it; one stopped for another file's open fails as `DataReplaced`.
   */
  private async track<B extends EngineRequestBody>(body: B, owner: Owner = {}) {
    const page = owner.page === undefined ? {} : { page: owner.page }
    const { id, result } = this.engine.request(body, {
      onProgress: (progress) => this.options.emit({ kind: 'progress', progress, ...page }),
    })
    this.running.set(id, { kind: body.kind, ...owner })
    try {
      return await result
    } catch (e) {
      if (this.replaced.has(id) && hasErrorName(e, 'CancelledError'))
        throw new StudioError('DataReplaced', 'It was stopped because another file was opened.')
      throw e
    } finally {
      this.running.delete(id)
      this.replaced.delete(id)
    }
  }

  /**
   * `task:cancel`: stops the asking page's work (all of it, or its requests tagged `only.task`), and counts
   * the work of others running on (other pages', or the app's own: a start-up or restart import).
   */
  private cancel(only: { task: string } | null, page: string | undefined) {
    let stopped = 0
    let elsewhere = 0
    for (const [id, owner] of this.running) {
      if (owner.page !== page) elsewhere++
      else if (!only || owner.task === only.task) {
        this.engine.cancel(id)
        stopped++
      }
    }
    for (const [read, owner] of this.reads) {
      if (owner !== page) elsewhere++
      else if (!only) {
        read.abort()
        stopped++
      }
    }
    return { stopped, elsewhere }
  }

  /** Work in main that its page's `task:cancel` can stop (reading and hashing files). */
  private async cancellable<T>(
    page: string | undefined,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const control = new AbortController()
    this.reads.set(control, page)
    try {
      return await work(control.signal)
    } finally {
      this.reads.delete(control)
    }
  }
}

/** Imports whose data file a session can still be saved with (`StudioCore.imported`). */
const KEPT_IMPORTS = 16

/**
 * Engine work an open stops: the long work that stops at its checkpoints (fits, comparisons, Fit all,
 * bootstraps, group fits, regressions, a threshold choice, percentiles' profile intervals).
 */
const STOPPED_BY_OPEN: ReadonlySet<EngineRequestKind> = new Set([
  'fit',
  'fit-all',
  'bootstrap-ci',
  'fit-groups',
  'regress',
  'threshold-choice',
  'percentiles',
])

/** Each kind of work's landing rule (`land` asks `sameData` first, for every kind). */
const LAND = {
  fit: withFit,
  fitAll: withFitAll,
  bootstrap: withBootstrapCi,
  groups: withGroupFit,
  regression: withRegression,
}

/**
 * Each handler behind the validation of its payload and of the page naming itself (the output of the schema
 * is what it gets).
 */
function validated(handlers: CallHandlers): CallHandlers {
  const checked: Partial<Record<StudioCallName, AnyHandler>> = {}
  for (const name of STUDIO_CALL_NAMES) {
    const run = handlers[name] as AnyHandler
    checked[name] = async (payload, page) => run(parseCallPayload(name, payload), parsePageId(page))
  }
  return checked as CallHandlers
}
