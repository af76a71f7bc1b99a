import type { Progress, TracePoint } from '../../../src-shared/contract'
import { CancelledError } from '../errors'

/** Work time between yields to the event loop, so a cancel request can arrive (milliseconds). */
const YIELD_EVERY_MS = 50
/** Progress events at most this often (about 20 a second). */
const PROGRESS_EVERY_MS = 50
/** Trace points per progress event at most (the chart needs the shape, not every epoch). */
const MAX_POINTS_PER_EVENT = 100

/**
 * How a long computation talks to the outside: `checkpoint()` is awaited often by loops (cheap unless
 * >= 50 ms passed since the last yield; then it yields with setImmediate and throws CancelledError if the
 * request was cancelled meanwhile), and `trace()` streams optimizer points as coalesced progress events.
 */
export interface FitControl {
  /** True when someone listens to trace points (otherwise recorders skip building them). */
  readonly live: boolean
  checkpoint(): Promise<void>
  /** A new optimizer point for family `dist` (buffered; sent with the next progress event). */
  trace(dist: string, point: TracePoint): void
  /** A progress message without trace points (bootstrap, fit-all). */
  report(progress: Progress): void
  /** Sends buffered trace points now (end of an optimizer run). */
  flush(): void
}

/** Where a control looks for cancellation and sends progress (both optional). */
export interface FitControlOptions {
  isCancelled?: () => boolean
  onProgress?: (progress: Progress) => void
}

/** A control that never yields, never cancels and drops progress: tests and inner re-fits. */
export const SILENT_CONTROL: FitControl = {
  live: false,
  checkpoint: () => Promise.resolve(),
  trace: () => undefined,
  report: () => undefined,
  flush: () => undefined,
}

/** A FitControl for one request: yields every >= 50 ms, throws CancelledError, coalesces trace points. */
export function createFitControl(options: FitControlOptions): FitControl {
  let lastYield = performance.now()
  let lastEmit = 0
  let pending: TracePoint[] = []
  let pendingDist = ''
  const send = () => {
    if (pending.length === 0 || !options.onProgress) {
      pending = []
      return
    }
    const last = pending[pending.length - 1]
    options.onProgress({
      task: 'fit',
      fraction: null,
      message: `${pendingDist}: iteration ${last.iteration}`,
      trace: thinPoints(pending, MAX_POINTS_PER_EVENT),
      dist: pendingDist,
    })
    pending = []
    lastEmit = performance.now()
  }
  return {
    live: options.onProgress !== undefined,
    async checkpoint() {
      const now = performance.now()
      if (now - lastYield < YIELD_EVERY_MS) return
      await new Promise<void>((resolve) => setImmediate(resolve))
      lastYield = performance.now()
      if (options.isCancelled?.()) throw new CancelledError('The fit was cancelled.')
    },
    trace(dist, point) {
      if (!options.onProgress) return
      if (dist !== pendingDist) send()
      pendingDist = dist
      pending.push(point)
      if (performance.now() - lastEmit >= PROGRESS_EVERY_MS) send()
    },
    report(progress) {
      options.onProgress?.(progress)
    },
    flush: send,
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
