import { computed, onScopeDispose, shallowRef, watch, type WatchSource } from 'vue'
import type {
  RecoveryOffer,
  RendererApi,
  SessionOpened,
  SessionSnapshot,
  WorkspaceState,
} from '../../../src-shared/contract'
import { writeOneResult } from '../api/json-body'
import { describeError } from '../errors'
import type { ReplaceGuard } from './use-dataset'
import { useEarlierResults } from './use-earlier-results'
import { useOpenQuestion } from './use-open-question'
import type { Status } from './use-status'
import { applySnapshot, finishedResults, takeSnapshot, type SnapshotParts } from './workspace-snapshot'

export interface UseSessionOptions extends SnapshotParts {
  api: RendererApi
  status: Status
  /** Least time between two autosave pushes, ms (main debounces again by 1 s). */
  throttleMs?: number
}

/** Readable local time of an ISO 8601 stamp, e.g. `22 Nov 2026, 16:40`; the stamp itself when unreadable. */
export function formatSavedAt(iso: string): string {
  const t = new Date(iso)
  if (Number.isNaN(t.getTime())) return iso
  return t.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

/** Items a recovery question lists at most; the rest are counted. */
const LISTED_ITEMS = 4

/** The start-up question for a session a crashed run left behind, with what a restore brings back. */
export function recoveryQuestion(offer: RecoveryOffer): string {
  const what = [
    offer.fileName ?? 'no data file',
    ...(offer.column ? [offer.column] : []),
    ...(offer.family ? [offer.family] : []),
    `${offer.results} result${offer.results === 1 ? '' : 's'}`,
  ].join(', ')
  const question = `MLE Studio did not close cleanly. Restore the session from ${formatSavedAt(offer.savedAt)} (${what})?`
  const items = offer.items ?? []
  if (items.length === 0) return question
  const more = items.length - LISTED_ITEMS
  const listed = items.slice(0, LISTED_ITEMS).join('; ') + (more > 0 ? `; and ${more} more` : '')
  return `${question} It holds: ${listed}.`
}

/**
 * Sessions: the snapshot of what the user would lose (selections, settings, finished results), autosaved
 * on every change; the session a crashed run left behind, offered at start-up; and `.mlestudio.json` files
 * saved and opened.
 */
export function useSession(options: UseSessionOptions) {
  const { dataset, fits, regression } = options
  const snapshot = () => takeSnapshot(options)

  const autosave = useAutosave(options, snapshot, [
    dataset.dataset,
    dataset.column,
    () => JSON.stringify(options.settings.snapshot()),
    fits.fits,
    fits.active,
    fits.inputs,
    () => regression?.result.value,
    () => options.groups?.result.value,
    () => JSON.stringify(regression?.controls()),
    () => options.mode?.value,
    () => JSON.stringify([options.percentiles?.added.value, options.percentiles?.exceed.value]),
    () => [fits.bootstrapReplicates.value, fits.bootstrapMethod.value],
  ])
  const saved = useUnsaved(options)
  const { save, saveSnapshot } = useSave(options, saved.markSaved)
  const question = useOpenQuestion({
    ...options,
    unsaved: saved.unsaved,
    save,
    savedElsewhere: () => saved.savedInCore(snapshot),
  })
  const files = useSessionFiles(options, saved.markSaved, question.askBeforeOpen)
  const earlier = useEarlierResults({ ...options, unsaved: saved.unsaved, snapshot, saveSnapshot })
  // Main is told on every change, so the desktop app asks before closing (the browser asks before leaving).
  watch(
    () => saved.unsaved.value || earlier.earlier.value.length > 0,
    (value) => void options.api.setUnsaved(value).catch(() => undefined),
  )
  followSavesElsewhere(options.api, saved, earlier, snapshot)

  /**
   * Takes over what the core holds (a reload, a second tab): its open dataset and the last autosaved
   * snapshot, exactly as they were (results the core knows are saved as a session, `saved`, are not this
   * page's unsaved results); then autosave starts, so a page that is still loading never replaces the
   * autosave with an emptier state.
   */
  async function rehydrate(state: WorkspaceState | undefined): Promise<void> {
    if (state?.session) {
      const applied = applySnapshot(options, state.session, state.dataset)
      // Its results are in place before it awaits the summary: marked before anyone reads them as unsaved.
      if (state.saved) saved.markSaved()
      await applied
    } else if (state?.dataset) dataset.adopt(state.dataset)
    autosave.arm()
  }

  /**
   * Before another page's open is shown here: this page's unsaved results are kept (a banner of their
   * own), and a question about them still waiting is withdrawn (Cancel): this page's open can no longer
   * lose them, and its "Save session…" would save the new file instead.
   */
  function keepEarlier(): void {
    earlier.keepEarlier()
    question.openQuestion.value?.answer('cancel')
  }

  return {
    snapshot,
    rehydrate,
    unsaved: saved.unsaved,
    save,
    ...files,
    ...question,
    ...earlier,
    keepEarlier,
    ...useRecovery(options, files.show),
  }
}

export type Session = ReturnType<typeof useSession>

/**
 * Pushes the snapshot for autosave whenever a source changes. Throttled: the first change starts a timer,
 * later ones ride on it; while a task runs (live trace, progress) the push waits, so autosave never
 * competes with a fit for the main process. A change not yet pushed when a task starts (its timer, or its
 * idle callback, still waiting) is pushed at once: the core then knows the selection being fitted, and
 * lands the fit's result in the workspace even if this page is reloaded before it answers.
 */
function useAutosave(
  { api, status, throttleMs = 500 }: UseSessionOptions,
  snapshot: () => SessionSnapshot | null,
  sources: WatchSource[],
) {
  let timer: ReturnType<typeof setTimeout> | null = null
  let stopped = false
  /** Off until the page has taken over the core's workspace (`rehydrate`). */
  let armed = false
  /** A change the core has not been sent yet. */
  let dirty = false
  function schedule(): void {
    if (stopped || !armed) return
    dirty = true
    if (timer === null) timer = setTimeout(flush, throttleMs)
  }
  function flush(): void {
    timer = null
    if (status.busy.value !== null) return schedule()
    // Serialising the snapshot (MBs with a long trace) waits for an idle moment: right after a fit the
    // page is still drawing its result. In browser mode a new result's JSON is written first, one per
    // idle task, then the body around them (`jsonBody`).
    const step = () => {
      if (stopped || !dirty) return
      const now = snapshot()
      if (api.mode === 'browser' && now && writeOneResult(finishedResults(now))) whenIdle(step)
      else push(now)
    }
    whenIdle(step)
  }
  function push(now = snapshot()): void {
    dirty = false
    api.call('session:autosave', now).catch((e: unknown) => {
      status.fail(`The session could not be autosaved: ${describeError(e)}`)
    })
  }
  watch(sources, schedule)
  watch(
    () => status.busy.value !== null,
    (busy) => {
      if (!busy || !dirty) return
      if (timer !== null) clearTimeout(timer)
      timer = null
      push()
    },
  )
  onScopeDispose(() => {
    stopped = true
    if (timer !== null) clearTimeout(timer)
  })
  return { arm: () => void (armed = true) }
}

/** Runs `work` when the page is idle (within 2 s); at once where there is no idle callback (Node tests). */
function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 2000 })
  else work()
}

/**
 * Another page saved a session (or opened one, `session-saved`): the results shown here, or kept from an
 * earlier file, may be the ones it holds; the core says, and then they are not unsaved here either (the
 * browser's leave-site question and the open question follow).
 */
function followSavesElsewhere(
  api: RendererApi,
  saved: ReturnType<typeof useUnsaved>,
  earlier: ReturnType<typeof useEarlierResults>,
  snapshot: () => SessionSnapshot | null,
): void {
  onScopeDispose(
    api.onEvent((event) => {
      if (event.kind !== 'session-saved') return
      if (saved.unsaved.value) void saved.savedInCore(snapshot)
      earlier.recheckEarlier()
    }),
  )
}

/** Unsaved: results that the last saved or opened session file does not hold. */
function useUnsaved({ api, fits, regression }: UseSessionOptions) {
  const savedFits = shallowRef(fits.fits.value)
  const savedRegression = shallowRef(regression?.result.value ?? null)
  const unsaved = computed(
    () =>
      (fits.fits.value !== savedFits.value && fits.fits.value.length > 0) ||
      (regression !== undefined &&
        regression.result.value !== savedRegression.value &&
        regression.result.value !== null),
  )
  function markSaved(): void {
    savedFits.value = fits.fits.value
    savedRegression.value = regression?.result.value ?? null
  }
  /**
   * Asks the core whether the results shown are the ones last saved as a session (by any page); marks
   * them saved when they are and still shown. A failed call is an answer of no: the user is asked.
   */
  async function savedInCore(snapshot: () => SessionSnapshot | null): Promise<boolean> {
    const snap = snapshot()
    const shown = [fits.fits.value, regression?.result.value]
    const known = snap ? await api.call('session:is-saved', snap).catch(() => false) : false
    if (!known || shown[0] !== fits.fits.value || shown[1] !== regression?.result.value) return false
    markSaved()
    return true
  }
  return { unsaved, markSaved, savedInCore }
}

/**
 * Saves the session as a `.mlestudio.json` file (a download in the browser, a dialog in Electron): `save`
 * what the page shows, `saveSnapshot` one taken before (results of a file replaced since); true when it
 * was saved.
 */
function useSave(options: UseSessionOptions, markSaved: () => void) {
  const { api, status } = options
  async function saveSnapshot(snap: SessionSnapshot): Promise<boolean> {
    try {
      const saved = await api.saveText(await api.call('session:export', snap))
      if (saved) status.inform(`Session saved: ${saved}`)
      return Boolean(saved)
    } catch (e) {
      status.fail(describeError(e))
      return false
    }
  }
  async function save(): Promise<boolean> {
    const snap = takeSnapshot(options)
    if (!snap) {
      status.fail('There is no session to save yet: open a CSV file first.')
      return false
    }
    const saved = await saveSnapshot(snap)
    if (saved) markSaved()
    return saved
  }
  return { save, saveSnapshot }
}

/**
 * Opening `.mlestudio.json` files (asked about first, `ask`, when they would replace unsaved results), and
 * showing what an opened (or restored) session holds.
 */
function useSessionFiles(options: UseSessionOptions, markSaved: () => void, ask: ReplaceGuard) {
  const { api, status } = options
  /** A session's data file that main will not read before the user agrees (`unconfirmed`): its real path. */
  const sourceQuestion = shallowRef<{ path: string; message: string } | null>(null)

  /**
   * Runs an open or restore call and shows what it found (main's source message, else a summary). The
   * data file it imports is this page's own open (`ownOpens`): its announcement does not reset the session.
   */
  async function show(label: string, verb: 'opened' | 'restored', open: () => Promise<SessionOpened>) {
    const opened = await options.dataset.ownOpens.run(
      () => status.run(label, open),
      // The saved results are shown even when the data file is missing.
      (o) => applySnapshot(options, o.session, o.dataset),
      (o) => o.dataset?.id,
    )
    if (!opened) return false
    const s = opened.session
    // A session file holds these results; a restored autosave does not.
    if (verb === 'opened') markSaved()
    const n = s.results.length + s.regressionResults.length
    const summary = `Session from ${formatSavedAt(s.savedAt)} ${verb}: ${n} result${n === 1 ? '' : 's'}.`
    const ask = opened.sourceStatus === 'unconfirmed' ? opened.confirmPath : null
    sourceQuestion.value = ask ? { path: ask, message: opened.sourceMessage ?? ask } : null
    status.inform(ask ? summary : (opened.sourceMessage ?? summary))
    return true
  }

  /** The user agreed to import the data file the session names. */
  async function importSource(): Promise<void> {
    const asked = sourceQuestion.value
    sourceQuestion.value = null
    if (asked) {
      await show('Importing the data file', 'opened', () =>
        api.call('session:confirm-source', { path: asked.path }),
      )
    }
  }

  /** Shows a session main opened itself (from the OS, its Open Session dialog or the recent list). */
  function showOpened(opened: SessionOpened): Promise<boolean> {
    return show('Opening the session', 'opened', () => Promise.resolve(opened))
  }
  onScopeDispose(
    api.onEvent((event) => {
      if (event.kind === 'session-opened') void showOpened(event.opened)
    }),
  )

  /** Opens a session file's text; an invalid file leaves the workspace as it was, with main's message. */
  function openText(text: string): Promise<boolean> {
    return show('Opening the session', 'opened', () => api.call('session:open', { text }))
  }

  /** Reads a chosen `.mlestudio.json` file and opens it. */
  async function openFile(file: File): Promise<boolean> {
    if (!(await ask(`Open ${file.name}`))) return false
    let text: string
    try {
      text = await file.text()
    } catch (e) {
      status.fail(`${file.name} could not be read: ${describeError(e)}`)
      return false
    }
    return openText(text)
  }

  return {
    show,
    openText,
    openFile,
    sourceQuestion,
    importSource,
    /** Keeps the session's results without its data file. */
    declineSource: () => void (sourceQuestion.value = null),
    showOpened,
  }
}

/** The session a crashed run left behind: asked about at start-up, restored or discarded. */
function useRecovery({ api, status }: UseSessionOptions, show: ReturnType<typeof useSessionFiles>['show']) {
  const recovery = shallowRef<RecoveryOffer | null>(null)
  const question = computed(() => (recovery.value ? recoveryQuestion(recovery.value) : null))

  // Another page of this app answered the question (restored or discarded): it is no longer on offer.
  onScopeDispose(
    api.onEvent((event) => {
      if (event.kind === 'recovery-answered') recovery.value = null
    }),
  )

  /** Asks main for a session left behind by a crash; the prompt shows while `recovery` is set. */
  async function checkRecovery(): Promise<void> {
    try {
      recovery.value = await api.call('session:get-recovery', null)
    } catch (e) {
      status.fail(describeError(e))
    }
  }

  async function restoreRecovery(): Promise<void> {
    recovery.value = null
    await show('Restoring the session', 'restored', () => api.call('session:restore-recovery', null))
  }

  async function discardRecovery(): Promise<void> {
    recovery.value = null
    try {
      await api.call('session:discard-recovery', null)
    } catch (e) {
      status.fail(describeError(e))
    }
  }

  return { recovery, question, checkRecovery, restoreRecovery, discardRecovery }
}
