import type { DistributionInfo, SupportRange } from '../../../src-shared/contract'
import { needsTrials } from '../fit/support-check'
import type { Distribution } from './types'
import { normal } from './normal'
import { lognormal } from './lognormal'
import { exponential } from './exponential'
import { gamma } from './gamma'
import { weibull } from './weibull'
import { beta } from './beta'
import { logistic } from './logistic'
import { laplace } from './laplace'
import { cauchy } from './cauchy'
import { gumbel } from './gumbel'
import { studentT } from './student-t'
import { pareto } from './pareto'
import { inverseGaussian } from './inverse-gaussian'
import { rayleigh } from './rayleigh'
import { uniform } from './uniform'
import { poisson } from './poisson'
import { bernoulli } from './bernoulli'
import { binomial } from './binomial'
import { geometric } from './geometric'
import { negativeBinomial } from './negative-binomial'

/** Every family the engine offers, in the order the model picker lists them: continuous, then discrete. */
export const distributions: readonly Distribution[] = [
  normal,
  lognormal,
  exponential,
  gamma,
  weibull,
  beta,
  logistic,
  laplace,
  cauchy,
  gumbel,
  studentT,
  pareto,
  inverseGaussian,
  rayleigh,
  uniform,
  poisson,
  bernoulli,
  binomial,
  geometric,
  negativeBinomial,
]

/** The family with this id (e.g. `negative_binomial`), or undefined. */
export function findDistribution(id: string): Distribution | undefined {
  return distributions.find((d) => d.id === id)
}

/** The picker's view of the registry. */
export function describeDistributions(): DistributionInfo[] {
  return distributions.map((d) => ({
    id: d.id,
    label: d.label,
    discrete: d.discrete,
    support: d.supportText,
    params: d.params.map((p) => ({ name: p.name, symbol: p.symbol, domain: p.domain })),
    supportRange: probedSupport(d),
    needsTrials: needsTrials(d),
    cullenFrey: null,
  }))
}

/**
 * Interim, until families declare their support as data (the family-hooks redesign): the range read from
 * `inSupport` at a few probe points, which tells the supports in use apart (the real line, x > 0, x ≥ 0,
 * 0 < x < 1, {0, 1}, the counts, 0..trials). Ends that move with an estimated parameter are not known here.
 */
function probedSupport(d: Distribution): SupportRange {
  const at = (x: number) => d.inSupport(x, { trials: 2 })
  const lower = at(-1) ? -Infinity : 0
  const upper = at(2) ? Infinity : 1
  const trials = needsTrials(d)
  return {
    lower,
    upper: trials ? Infinity : upper,
    lowerClosed: lower === 0 && at(0),
    upperClosed: upper === 1 && at(1),
    integer: d.discrete,
    upperIsTrials: trials,
    estimatedEnds: false,
  }
}
