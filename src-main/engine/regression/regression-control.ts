import type { Progress, TracePoint } from '../../../src-shared/contract'
import { CancelledError } from '../errors'

/** How a caller follows and stops a regression fit: progress events and a cancellation flag. */
export interface RegressionControl {
  /** Receives `task: 'regress'` progress, trace points coalesced to about 20 events a second. */
  onProgress?: (progress: Progress) => void
  /** Polled at each checkpoint (at most every ~50 ms of work); true aborts with a CancelledError. */
  isCancelled?: () => boolean
}

/** Milliseconds between progress events (about 20 a second) and between cancellation checkpoints. */
const INTERVAL_MS = 50

/**
 * Coalesces trace points into progress events and yields to the event loop at most every 50 ms, so a
 * cancel message can arrive while a long fit runs.
 */
export class FitReporter {
  private pending: TracePoint[] = []
  private lastEmit = performance.now()
  private lastYield = performance.now()

  constructor(
    private readonly control: RegressionControl,
    private readonly label: string,
  ) {}

  /** Queues a trace point; emits when 50 ms have passed since the previous event. */
  trace(point: TracePoint, fraction: number | null, message: string): void {
    this.pending.push(point)
    if (performance.now() - this.lastEmit >= INTERVAL_MS) this.flush(fraction, message)
  }

  /** Emits the queued trace points now (also used at the end of a fit). */
  flush(fraction: number | null, message: string): void {
    const onProgress = this.control.onProgress
    this.lastEmit = performance.now()
    if (!onProgress) {
      this.pending = []
      return
    }
    const trace = this.pending
    this.pending = []
    onProgress({ task: 'regress', fraction, message: `${this.label}: ${message}`, trace, dist: this.label })
  }

  /** Yields to the event loop when 50 ms of work have passed, then throws if the fit was cancelled. */
  async checkpoint(): Promise<void> {
    if (performance.now() - this.lastYield < INTERVAL_MS) return
    await new Promise(setImmediate)
    this.lastYield = performance.now()
    if (this.control.isCancelled?.()) throw new CancelledError('The regression fit was cancelled.')
  }
}
