import type { ThresholdChoice } from '../../../src-shared/contract'
import type { WorkControl } from '../control/work-control'
import type { Distribution } from '../distributions/types'
import { FitError, RequestError } from '../errors'
import { weightAt } from '../stats/sample'
import { fitDistribution } from './fit-distribution'

/** Default number of candidate thresholds, and the fewest exceedances the highest one leaves. */
const CANDIDATES = 30
const MIN_EXCEEDANCES = 10
const Z95 = 1.959963984540054

/** The data a threshold choice is made on: the column's sorted values (and weights). */
export interface ThresholdChoiceInput {
  column: string
  /** A peaks-over-threshold family with parameters sigma and xi (gpd). */
  dist: Distribution
  sorted: Float64Array
  sortedWeights?: Float64Array
  candidates?: number
}

/** Candidate thresholds: distinct order statistics from the smallest to the one leaving 10 above it. */
function candidateThresholds(sorted: Float64Array, count: number): number[] {
  const n = sorted.length
  const top = n - 1 - MIN_EXCEEDANCES
  if (top < 1) return []
  const out = new Set<number>()
  for (let j = 0; j < count; j++) out.add(sorted[Math.round((j * top) / (count - 1))])
  return [...out].filter((u) => u < sorted[n - 1])
}

/** Mean excess over u with its 95% interval (mean ± 1.96 sd / sqrt(n)), weights counted. */
function meanExcess(sorted: Float64Array, weights: Float64Array | undefined, u: number) {
  let n = 0
  let sum = 0
  for (let i = 0; i < sorted.length; i++)
    if (sorted[i] > u) {
      const w = weightAt(weights ?? null, i)
      n += w
      sum += w * (sorted[i] - u)
    }
  const mean = sum / n
  let ss = 0
  for (let i = 0; i < sorted.length; i++)
    if (sorted[i] > u) ss += weightAt(weights ?? null, i) * (sorted[i] - u - mean) ** 2
  const half = n > 1 ? (Z95 * Math.sqrt(ss / (n - 1))) / Math.sqrt(n) : NaN
  return { u, n, mean, lower: mean - half, upper: mean + half }
}

/**
 * The peaks-over-threshold threshold choice (Coles 2001, 4.3.1): the mean-excess plot (linear in u above
 * a threshold where the GPD holds) and the parameter-stability plot (a gpd fit above each candidate:
 * sigma* = sigma - xi u and xi constant there), with 95% intervals. Fits that fail are left out and counted.
 */
export async function thresholdChoice(
  input: ThresholdChoiceInput,
  control: WorkControl,
): Promise<ThresholdChoice> {
  const { sorted, sortedWeights, column, dist } = input
  if (!dist.needsThreshold || !['sigma', 'xi'].every((p) => dist.params.some((s) => s.name === p))) {
    throw new RequestError(`${dist.label} is not a peaks-over-threshold family with sigma and xi.`)
  }
  const thresholds = candidateThresholds(sorted, input.candidates ?? CANDIDATES)
  if (thresholds.length < 2) {
    throw new FitError(
      `Column "${column}" has too few values for a threshold choice: at least ${MIN_EXCEEDANCES + 2} are needed.`,
    )
  }
  const stability: ThresholdChoice['stability'] = []
  let failed = 0
  for (const [j, u] of thresholds.entries()) {
    control.report({ task: 'fit', fraction: j / thresholds.length, message: `Fitting gpd above ${u}` })
    await control.checkpoint()
    try {
      const f = await fitDistribution(
        { column, dist, sorted, sortedWeights, threshold: u, lean: true },
        control,
      )
      const { sigma, xi } = f.params
      // The covariance is in the family's parameter order: sigma, then xi.
      const cov = f.covariance
      const vStar = cov ? cov[0][0] - 2 * u * cov[0][1] + u * u * cov[1][1] : NaN
      const hStar = Z95 * Math.sqrt(vStar)
      const hXi = Z95 * Math.sqrt(cov ? cov[1][1] : NaN)
      const star = sigma - xi * u
      stability.push({
        u,
        n: f.n,
        sigmaStar: star,
        sigmaStarLower: star - hStar,
        sigmaStarUpper: star + hStar,
        xi,
        xiLower: xi - hXi,
        xiUpper: xi + hXi,
        converged: f.converged,
      })
    } catch (e) {
      if (!(e instanceof FitError)) throw e
      failed++
    }
  }
  const unconfirmed = stability.filter((p) => !p.converged).length
  const notDrawn =
    unconfirmed > 0
      ? ` ${unconfirmed} fit${unconfirmed === 1 ? '' : 's'} did not reach a confirmed maximum and ${unconfirmed === 1 ? 'is' : 'are'} not drawn in the stability panels.`
      : ''
  const left =
    failed > 0
      ? ` The gpd fit failed above ${failed} of the ${thresholds.length} thresholds; they are left out.`
      : ''
  return {
    column,
    meanExcess: thresholds.map((u) => meanExcess(sorted, sortedWeights, u)),
    stability,
    note: `Choose the lowest threshold above which the mean excess is roughly linear in u and σ* = σ − ξu and ξ stay constant within their 95% intervals.${left}${notDrawn}`,
  }
}
