import type { Progress, TracePoint } from '../../../src-shared/contract'
import { CancelledError } from '../errors'

/** Work time between yields to the event loop, so a cancel request can arrive (milliseconds). */
const YIELD_EVERY_MS = 50
/** Progress events at most this often (about 20 a second). */
const PROGRESS_EVERY_MS = 50
/** Trace points per progress event at most (the chart needs the shape, not every epoch). */
const MAX_POINTS_PER_EVENT = 100

/** Who an optimizer point belongs to: a family (`gamma`, Gamma) or a regression (`linear regression`). */
export interface TraceSource {
  id: string
  label: string
}

/** Where a long computation is, for a progress event: share done (null when unknown) and what it does. */
export interface Step {
  fraction: number | null
  message: string
}

/**
 * How a long computation (a fit, a fit-all, a bootstrap, a regression) talks to the outside:
 * `checkpoint()` is awaited often by loops (cheap unless >= 50 ms passed since the last yield; then it
 * yields with setImmediate, waits while an import runs (`held`), and throws CancelledError if the request
 * was cancelled meanwhile), and `trace()`
 * streams optimizer points as coalesced progress events (about 20 a second, at most 100 points each).
 */
export interface WorkControl {
  /** True when someone listens to trace points (otherwise recorders skip building them). */
  readonly live: boolean
  checkpoint(): Promise<void>
  /**
   * Null while the work may go on; a promise while it must wait (an import runs), resolving when it may
   * or when it was cancelled. For work that also runs elsewhere (worker threads) and pauses it meanwhile;
   * `checkpoint()` waits on it by itself. Absent: never held.
   */
  held?(): Promise<void> | null
  /** A new optimizer point (buffered; sent with the next progress event, described by `step` if given). */
  trace(source: TraceSource, point: TracePoint, step?: Step): void
  /** A progress message without trace points (bootstrap, fit-all). */
  report(progress: Progress): void
  /**
   * Sends buffered trace points now (end of an optimizer run). With `last`, sends an event even without
   * points: the final word of a computation (a regression's message at fraction 1).
   */
  flush(last?: Step & { source: TraceSource }): void
}

/** Where a control looks for cancellation and sends progress (both optional). */
export interface ControlOptions {
  isCancelled?: () => boolean
  onProgress?: (progress: Progress) => void
  /** Null, or a promise to await before going on (an import runs: `ImportHold.wait`). */
  held?: () => Promise<void> | null
}

/** A control that never yields, never cancels and drops progress: tests and inner re-fits. */
export const SILENT_CONTROL: WorkControl = {
  live: false,
  checkpoint: () => Promise.resolve(),
  trace: () => undefined,
  report: () => undefined,
  flush: () => undefined,
}

/** What the progress events of a control are about: distribution fits or regressions. */
export type WorkKind = 'fit' | 'regress'

const CANCELLED: Record<WorkKind, string> = {
  fit: 'The fit was cancelled.',
  regress: 'The regression fit was cancelled.',
}

/** A WorkControl for one request: yields every >= 50 ms, throws CancelledError, coalesces trace points. */
export function createWorkControl(options: ControlOptions, kind: WorkKind = 'fit'): WorkControl {
  let lastYield = performance.now()
  let lastEmit = 0
  let pending: TracePoint[] = []
  let source: TraceSource | null = null
  let step: Step | undefined
  const send = (force: boolean) => {
    if ((pending.length === 0 && !force) || !options.onProgress || !source) {
      pending = []
      return
    }
    const last = pending.at(-1)
    const message = step?.message ?? `iteration ${last?.iteration.toLocaleString('en-US')}`
    options.onProgress({
      task: kind,
      fraction: step?.fraction ?? null,
      message: `${source.label}: ${message}`,
      trace: thinPoints(pending, MAX_POINTS_PER_EVENT),
      dist: source.id,
    })
    pending = []
    lastEmit = performance.now()
  }
  return {
    live: options.onProgress !== undefined,
    held: () => options.held?.() ?? null,
    async checkpoint() {
      const now = performance.now()
      if (now - lastYield < YIELD_EVERY_MS) return
      await new Promise<void>((resolve) => setImmediate(resolve))
      const held = options.held?.()
      if (held) await held
      lastYield = performance.now()
      if (options.isCancelled?.()) throw new CancelledError(CANCELLED[kind])
    },
    trace(from, point, at) {
      if (!options.onProgress) return
      if (source && from.id !== source.id) send(false)
      source = from
      step = at
      pending.push(point)
      if (performance.now() - lastEmit >= PROGRESS_EVERY_MS) send(false)
    },
    report(progress) {
      options.onProgress?.(progress)
    },
    flush(last) {
      if (last) {
        source = last.source
        step = last
      }
      send(last !== undefined)
    },
  }
}

/** At most `max` points, evenly spaced, always keeping the first and the last. */
export function thinPoints<T>(points: T[], max: number): T[] {
  if (points.length <= max) return points
  const out: T[] = []
  const last = points.length - 1
  for (let k = 0; k < max; k++) out.push(points[Math.round((k * last) / (max - 1))])
  return out
}
