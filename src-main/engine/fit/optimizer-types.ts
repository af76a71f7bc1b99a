import type { Params } from '../distributions/types'
import type { FitControl } from './fit-control'
import type { TraceRecorder } from './trace-recorder'

/** Where an optimizer ended. */
export interface OptimizeResult {
  params: Params
  logLikelihood: number
  iterations: number
  converged: boolean
  message: string
}

/** Settings shared by Newton and L-BFGS. */
export interface OptimizeSettings {
  /** Iterations at most (default 500). */
  maxIterations: number
  /** Relative log-likelihood tolerance (default 1e-10). */
  tolerance: number
  control: FitControl
  /** Records each iterate (free parameters on their own scale); null for inner fits (profiles, bootstrap). */
  recorder: TraceRecorder | null
  /** Iteration number of the first recorded point (so a polish continues its predecessor's trace). */
  firstIteration?: number
}

/** Largest move of one unconstrained coordinate per step (e^10 on log scales): keeps overflow away. */
export const MAX_THETA_STEP = 10

/** Free parameters on their own scale, for the trace. */
export function freeValues(params: Params, freeNames: string[]): number[] {
  return freeNames.map((name) => params[name])
}
