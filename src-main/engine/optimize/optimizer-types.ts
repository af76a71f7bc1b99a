import type { Params } from '../distributions/types'
import type { WorkControl } from '../control/work-control'
import type { TraceRecorder } from '../control/trace-recorder'
import type { LikelihoodModel } from '../likelihood/likelihood-model'

/** Where an optimizer ended. */
export interface OptimizeResult {
  params: Params
  logLikelihood: number
  iterations: number
  converged: boolean
  message: string
  /** Set when the final check withdrew "converged" with its reason: `explainUnconverged` keeps those words. */
  explained?: true
  /** Stopped because the family's `runaway` hook held (runaway-watch.ts): other starts climb the same way. */
  ranAway?: true
}

/** A parameter's value as the user sees it: on a rescaled copy, times the copy's factor to its unit power. */
export type ShownValue = (name: string, value: number) => number

/** Settings shared by Newton and L-BFGS. */
export interface OptimizeSettings {
  /** Iterations at most (default 500). */
  maxIterations: number
  /** Relative log-likelihood tolerance (default 1e-10). */
  tolerance: number
  control: WorkControl
  /** Records each iterate (free parameters on their own scale); null for inner fits (profiles, bootstrap). */
  recorder: TraceRecorder | null
  /** Iteration number of the first recorded point (so a polish continues its predecessor's trace). */
  firstIteration?: number
  /** Values quoted in messages in the data's units (set when the model is a rescaled copy of the data). */
  shown?: ShownValue
  /**
   * The start holds values the user gave: `auto` starts there (the trace the user watches begins at their
   * values), the family's `nearStart` becomes its second start.
   */
  userStart?: boolean
}

/** Default iteration limit of Newton and L-BFGS, and their relative tolerance. */
export const MAX_ITERATIONS = 500
export const TOLERANCE = 1e-10

/** Settings of an inner fit (a bootstrap replicate, the gradient report's exact optimum): defaults, no trace. */
export function innerSettings(control: WorkControl): OptimizeSettings {
  return { maxIterations: MAX_ITERATIONS, tolerance: TOLERANCE, control, recorder: null }
}

/** Largest move of one unconstrained coordinate per step (e^10 on log scales): keeps overflow away. */
export const MAX_THETA_STEP = 10

/**
 * The longest fraction (at most 1) of `step` a line search may try: each log or logit coordinate moves at
 * most MAX_THETA_STEP, a parameter in the data's units at most MAX_THETA_STEP data spreads (a fixed 10
 * would crawl where the spread is 1e12: 999 ties and one outlier put the Gumbel's optimum 1e6 away).
 */
export function longestStep(model: LikelihoodModel, step: readonly number[]): number {
  let alpha = 1
  model.free.forEach((i, j) => {
    const inDataUnits = model.domains[i] === 'real' && !model.dist.params[i].unitless
    const limit = MAX_THETA_STEP * (inDataUnits ? Math.max(1, model.scale) : 1)
    if (Math.abs(step[j]) > limit) alpha = Math.min(alpha, limit / Math.abs(step[j]))
  })
  return alpha
}

/** Free parameters on their own scale, for the trace. */
export function freeValues(params: Params, freeNames: string[]): number[] {
  return freeNames.map((name) => params[name])
}
