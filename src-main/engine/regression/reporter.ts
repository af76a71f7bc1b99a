import type { TracePoint } from '../../../src-shared/contract'
import type { TraceSource, WorkControl } from '../control/work-control'

/** A regression's view of its WorkControl: every point and message under one source (`linear regression`). */
export interface RegressionReporter {
  /** Yields now and then; throws CancelledError once the request was cancelled. */
  checkpoint(): Promise<void>
  /** Queues a trace point; progress events say `fraction` and `message`. */
  trace(point: TracePoint, fraction: number | null, message: string): void
  /** The final event: queued points with the closing message. */
  flush(fraction: number | null, message: string): void
}

export function regressionReporter(control: WorkControl, label: string): RegressionReporter {
  const source: TraceSource = { id: label, label }
  return {
    checkpoint: () => control.checkpoint(),
    trace: (point, fraction, message) => control.trace(source, point, { fraction, message }),
    flush: (fraction, message) => control.flush({ source, fraction, message }),
  }
}
