import { onScopeDispose, ref, shallowRef, watch } from 'vue'
import type { Progress } from '../../../src-shared/contract'
import { describeError, hasErrorName, isCancelled } from '../errors'

/** Frame scheduling, injectable for tests (default requestAnimationFrame). */
export interface FrameScheduler {
  schedule?: (callback: () => void) => number
  cancelSchedule?: (handle: number) => void
}

/**
 * What the status line says: the running task (one at a time, with its progress) and the last error or
 * notice. `run` is how every action reaches the engine: failures become the error line, never exceptions.
 */
export function useStatus(options: FrameScheduler = {}) {
  const messages = useMessages()
  const { busy, progress, begin, showProgress } = useBusyLine(options)

  /**
   * Runs one action with a busy label; a failure becomes the error line, a cancel a notice (`onCancel` may
   * say more, e.g. what a cancelled fit had reached).
   */
  async function run<T>(
    label: string,
    action: () => Promise<T>,
    onCancel?: () => string | null,
  ): Promise<T | undefined> {
    const end = begin(label)
    messages.dismiss()
    try {
      return await action()
    } catch (e) {
      // A cancel is not a success: the notice reads as a warning (nothing new was made).
      if (isCancelled(e)) messages.warn(onCancel?.() ?? `${label} was cancelled.`)
      else if (hasErrorName(e, 'DataReplaced')) messages.warn(dataStoppedNotice(label))
      else messages.error.value = describeError(e)
      return undefined
    } finally {
      end()
    }
  }

  /**
   * Runs follow-on work under the busy line (its progress and Cancel) without clearing the notice the
   * action before it left; waits for a running task to end first (one at a time). Failures are the caller's.
   */
  async function follow<T>(label: string, action: () => Promise<T>): Promise<T> {
    while (busy.value !== null) await new Promise((resolve) => watch(busy, resolve, { once: true }))
    const end = begin(label)
    try {
      return await action()
    } finally {
      end()
    }
  }

  return { busy, progress, ...messages, run, follow, showProgress }
}

/** The error line and the notice (done, or done but look), each until dismissed or replaced. */
function useMessages() {
  const error = ref<string | null>(null)
  const notice = ref<string | null>(null)
  /** How the notice reads: `ok` (done, green) or `warn` (done, but look: e.g. a fit that did not converge). */
  const noticeTone = ref<'ok' | 'warn'>('ok')

  function fail(message: string): void {
    error.value = message
  }
  function inform(message: string): void {
    notice.value = message
    noticeTone.value = 'ok'
  }
  function warn(message: string): void {
    notice.value = message
    noticeTone.value = 'warn'
  }
  function dismiss(): void {
    error.value = null
    notice.value = null
  }
  return { error, notice, noticeTone, fail, inform, warn, dismiss }
}

/** The busy line: the label of the newest running task and its progress, shown at most once a frame. */
function useBusyLine(options: FrameScheduler) {
  const schedule = options.schedule ?? ((cb: () => void) => requestAnimationFrame(cb))
  const cancelSchedule = options.cancelSchedule ?? ((h: number) => cancelAnimationFrame(h))
  /** Label of the running task, e.g. `Fitting Gamma`; null when idle. */
  const busy = ref<string | null>(null)
  const progress = shallowRef<Progress | null>(null)

  // Progress can arrive faster than frames: the banner takes the latest once per animation frame, so a
  // burst of events re-renders the workspace once, not once per event.
  let latest: Progress | null = null
  let frame: number | null = null
  function showProgress(next: Progress): void {
    latest = next
    if (frame === null) frame = schedule(flushProgress)
  }
  function flushProgress(): void {
    frame = null
    if (busy.value !== null) progress.value = latest
  }
  onScopeDispose(() => {
    if (frame !== null) cancelSchedule(frame)
  })

  const tasks = taskStack()
  /** Starts a task under `label`; the function it returns ends it. */
  function begin(label: string): () => void {
    const end = tasks.begin(label)
    busy.value = label
    return () => {
      busy.value = end()
      if (busy.value === null) progress.value = null
    }
  }
  return { busy, progress, begin, showProgress }
}

/**
 * The tasks running now, oldest first. Work can overlap (a file opened, or a column summarized, while a
 * fit runs): the busy line says the newest, and when it ends the one still running again, never idle
 * while something runs.
 */
export function taskStack() {
  const tasks: { label: string }[] = []
  return {
    /** Starts a task; the function it returns ends that task and says the newest label still running. */
    begin(label: string): () => string | null {
      const task = { label }
      tasks.push(task)
      return () => {
        tasks.splice(tasks.indexOf(task), 1)
        return tasks.at(-1)?.label ?? null
      }
    },
  }
}

export type Status = ReturnType<typeof useStatus>

/**
 * Why work stopped: opening a file (in this page or another) stops the work running on the data it
 * replaces (`DataReplaced`), whose result could never be shown.
 */
export function dataStoppedNotice(label: string): string {
  return `${label} was stopped because another file was opened: its result would be of the earlier data.`
}
