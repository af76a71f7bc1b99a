import { computed, nextTick, onScopeDispose, shallowRef, watch } from 'vue'
import type { RecoveryOffer, RendererApi, SessionOpened, SessionSnapshot } from '../../../src-shared/contract'
import type { Regression } from './use-regression'
import { describeError, type Studio } from './use-studio'

export interface UseSessionOptions {
  api: RendererApi
  studio: Studio
  regression?: Regression
  /** Least time between two autosave pushes, ms (main debounces again by 1 s). */
  throttleMs?: number
}

/** Readable local time of an ISO 8601 stamp, e.g. `22 Nov 2026, 16:40`; the stamp itself when unreadable. */
export function formatSavedAt(iso: string): string {
  const t = new Date(iso)
  if (Number.isNaN(t.getTime())) return iso
  return t.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

/** The start-up question for a session a crashed run left behind. */
export function recoveryQuestion(offer: RecoveryOffer): string {
  const what = [
    offer.fileName ?? 'no data file',
    ...(offer.column ? [offer.column] : []),
    ...(offer.family ? [offer.family] : []),
    `${offer.results} result${offer.results === 1 ? '' : 's'}`,
  ].join(', ')
  return `MLE Studio did not close cleanly. Restore the session from ${formatSavedAt(offer.savedAt)} (${what})?`
}

/**
 * Sessions: builds the snapshot of what the user would lose (selections, settings, finished results),
 * autosaves it on every change (throttled, and never while a task streams progress), offers the session a
 * crashed run left behind at start-up, and saves and opens `.mlestudio.json` files.
 */
export function useSession({ api, studio, regression, throttleMs = 500 }: UseSessionOptions) {
  const recovery = shallowRef<RecoveryOffer | null>(null)
  const question = computed(() => (recovery.value ? recoveryQuestion(recovery.value) : null))
  /** A session's data file that main will not read before the user agrees (`unconfirmed`): its real path. */
  const sourceQuestion = shallowRef<{ path: string; message: string } | null>(null)

  /** What a session keeps right now, or null when nothing is open. */
  function snapshot(): SessionSnapshot | null {
    const results = studio.fits.value
    const regressionResult = regression?.result.value ?? null
    if (!studio.dataset.value && results.length === 0 && !regressionResult) return null
    const fixed: Record<string, number> = {}
    for (const [name, f] of Object.entries(studio.fixed)) {
      if (f.on && Number.isFinite(f.value)) fixed[name] = f.value
    }
    const options = Object.fromEntries(Object.entries(studio.options).filter(([, v]) => v !== undefined))
    return {
      column: studio.column.value,
      family: studio.dist.value,
      method: studio.method.value,
      options,
      fixed,
      trials: studio.trials.value,
      weights: studio.weights.value,
      range: studio.range.value,
      results,
      regressionResults: regressionResult ? [regressionResult] : [],
      ui: { active: studio.active.value, bins: studio.bins.value, bootstrap: studio.bootstrap.value },
    }
  }

  // Throttle: the first change starts a timer, later ones ride on it; while a task runs (live trace,
  // progress) the push waits, so autosave never competes with a fit for the main process.
  let timer: ReturnType<typeof setTimeout> | null = null
  let stopped = false
  function schedule(): void {
    if (timer !== null || stopped) return
    timer = setTimeout(flush, throttleMs)
  }
  function flush(): void {
    timer = null
    if (studio.busy.value !== null) {
      schedule()
      return
    }
    api.call('session:autosave', snapshot()).catch((e: unknown) => {
      studio.error.value = `The session could not be autosaved: ${describeError(e)}`
    })
  }
  watch(
    () => [
      studio.dataset.value,
      studio.column.value,
      studio.dist.value,
      studio.method.value,
      JSON.stringify(studio.options),
      JSON.stringify(studio.fixed),
      studio.trials.value,
      studio.weights.value,
      studio.range.value,
      studio.fits.value,
      studio.active.value,
      studio.bins.value,
      studio.bootstrap.value,
      regression?.result.value,
    ],
    schedule,
  )
  // Unsaved: results that the last saved or opened session file does not hold. Main asks before closing.
  const savedFits = shallowRef(studio.fits.value)
  const savedRegression = shallowRef(regression?.result.value ?? null)
  const unsaved = computed(
    () =>
      (studio.fits.value !== savedFits.value && studio.fits.value.length > 0) ||
      (regression !== undefined &&
        regression.result.value !== savedRegression.value &&
        regression.result.value !== null),
  )
  function markSaved(): void {
    savedFits.value = studio.fits.value
    savedRegression.value = regression?.result.value ?? null
  }
  watch(unsaved, (value) => void api.setUnsaved(value).catch(() => undefined))

  onScopeDispose(() => {
    stopped = true
    if (timer !== null) clearTimeout(timer)
  })

  /** Asks main for a session left behind by a crash; the prompt shows while `recovery` is set. */
  async function checkRecovery(): Promise<void> {
    try {
      recovery.value = await api.call('session:get-recovery', null)
    } catch (e) {
      studio.error.value = describeError(e)
    }
  }

  /** Runs an open or restore call and shows what it found (main's source message, else a summary). */
  async function show(
    label: string,
    verb: 'opened' | 'restored',
    open: () => Promise<SessionOpened>,
  ): Promise<boolean> {
    const opened = await studio.run(label, open)
    if (!opened) return false
    await studio.applySession(opened)
    // A new dataset resets the regression view (a watcher in the page): let that run before filling it.
    await nextTick()
    const rs = opened.session.regressionResults[0]
    if (regression) {
      regression.result.value = rs ?? null
      if (rs) {
        regression.model.value = rs.model
        regression.response.value = rs.response
        regression.predictors.value = [...rs.predictors]
        regression.intercept.value = rs.intercept
      }
    }
    // A session file holds these results; a restored autosave does not.
    if (verb === 'opened') markSaved()
    const n = opened.session.results.length + opened.session.regressionResults.length
    const summary = `Session from ${formatSavedAt(opened.session.savedAt)} ${verb}: ${n} result${n === 1 ? '' : 's'}.`
    const ask = opened.sourceStatus === 'unconfirmed' ? opened.confirmPath : null
    sourceQuestion.value = ask ? { path: ask, message: opened.sourceMessage ?? ask } : null
    studio.notice.value = ask ? summary : (opened.sourceMessage ?? summary)
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

  async function restoreRecovery(): Promise<void> {
    recovery.value = null
    await show('Restoring the session', 'restored', () => api.call('session:restore-recovery', null))
  }

  async function discardRecovery(): Promise<void> {
    recovery.value = null
    try {
      await api.call('session:discard-recovery', null)
    } catch (e) {
      studio.error.value = describeError(e)
    }
  }

  /** Saves the session as a `.mlestudio.json` file (a download in the browser, a dialog in Electron). */
  async function save(): Promise<void> {
    const snap = snapshot()
    if (!snap) {
      studio.error.value = 'There is no session to save yet: open a CSV file first.'
      return
    }
    try {
      const out = await api.call('session:export', snap)
      const saved = await api.saveText(out)
      if (saved) {
        markSaved()
        studio.notice.value = `Session saved: ${saved}`
      }
    } catch (e) {
      studio.error.value = describeError(e)
    }
  }

  /** Opens a session file's text; an invalid file leaves the workspace as it was, with main's message. */
  function openText(text: string): Promise<boolean> {
    return show('Opening the session', 'opened', () => api.call('session:open', { text }))
  }

  /** Reads a chosen `.mlestudio.json` file and opens it. */
  async function openFile(file: File): Promise<boolean> {
    let text: string
    try {
      text = await file.text()
    } catch (e) {
      studio.error.value = `${file.name} could not be read: ${describeError(e)}`
      return false
    }
    return openText(text)
  }

  return {
    recovery,
    question,
    sourceQuestion,
    importSource,
    /** Keeps the session's results without its data file. */
    declineSource: () => void (sourceQuestion.value = null),
    unsaved,
    showOpened,
    snapshot,
    checkRecovery,
    restoreRecovery,
    discardRecovery,
    save,
    openText,
    openFile,
  }
}

export type Session = ReturnType<typeof useSession>
