import type { TracePoint } from '../../../src-shared/contract'
import type { TraceSource, WorkControl } from './work-control'

/** Points kept in a result's trace at most. */
export const MAX_TRACE_POINTS = 2000

/**
 * Collects optimizer iterates into typed arrays (no objects per iteration, so 10,000 epochs cost nothing)
 * and down-samples to at most 2,000 points, keeping the first and last. Streams to the control when live.
 */
export class TraceRecorder {
  private iterations: Float64Array
  private train: Float64Array
  private validation: Float64Array
  private values: Float64Array
  length = 0

  constructor(
    private readonly source: TraceSource,
    private readonly names: string[],
    private readonly control: WorkControl,
    capacity = 64,
  ) {
    this.iterations = new Float64Array(capacity)
    this.train = new Float64Array(capacity)
    this.validation = new Float64Array(capacity)
    this.values = new Float64Array(capacity * names.length)
  }

  /** iteration, mean training log-likelihood, mean validation log-likelihood (NaN: none), parameters. */
  add(iteration: number, meanLogLik: number, validationMeanLogLik: number, params: ArrayLike<number>): void {
    if (this.length === this.iterations.length) this.grow()
    const k = this.names.length
    const at = this.length++
    this.iterations[at] = iteration
    this.train[at] = meanLogLik
    this.validation[at] = validationMeanLogLik
    for (let j = 0; j < k; j++) this.values[at * k + j] = params[j]
    if (this.control.live) this.control.trace(this.source, this.point(at))
  }

  /** Stored point `at` as a contract TracePoint. */
  point(at: number): TracePoint {
    const k = this.names.length
    const params: Record<string, number> = {}
    for (let j = 0; j < k; j++) params[this.names[j]] = this.values[at * k + j]
    const v = this.validation[at]
    return {
      iteration: this.iterations[at],
      logLikelihood: this.train[at],
      validationLogLikelihood: Number.isNaN(v) ? null : v,
      params,
    }
  }

  /** At most MAX_TRACE_POINTS points, evenly spaced, first and last kept. */
  toTrace(): TracePoint[] {
    this.control.flush()
    const n = this.length
    if (n <= MAX_TRACE_POINTS) return Array.from({ length: n }, (_, i) => this.point(i))
    const out: TracePoint[] = []
    for (let k = 0; k < MAX_TRACE_POINTS; k++)
      out.push(this.point(Math.round((k * (n - 1)) / (MAX_TRACE_POINTS - 1))))
    return out
  }

  private grow(): void {
    const cap = this.iterations.length * 2
    const copy = (a: Float64Array, size: number) => {
      const b = new Float64Array(size)
      b.set(a)
      return b
    }
    this.iterations = copy(this.iterations, cap)
    this.train = copy(this.train, cap)
    this.validation = copy(this.validation, cap)
    this.values = copy(this.values, cap * this.names.length)
  }
}
