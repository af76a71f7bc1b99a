import { FAMILY_CODE } from './family-code'
import type { DistributionInfo } from '../../../src-shared/contract'
import { supportText } from './support'
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
import { loglogistic } from './loglogistic'
import { gev } from './gev'
import { weibull3 } from './weibull3'
import { lognormal3 } from './lognormal3'
import { gamma3 } from './gamma3'
import { burr } from './burr'
import { gpd } from './gpd'
import { zip } from './zip'
import { zinb } from './zinb'
import { normalMixture } from './normal-mixture'

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
  loglogistic,
  gev,
  weibull3,
  lognormal3,
  gamma3,
  burr,
  gpd,
  normalMixture,
  poisson,
  bernoulli,
  binomial,
  geometric,
  negativeBinomial,
  zip,
  zinb,
]

/** The family with this id (e.g. `negative_binomial`), or undefined. */
export function findDistribution(id: string): Distribution | undefined {
  return distributions.find((d) => d.id === id)
}

/** The renderer's view of the registry: the picker, the applicability check and the Cullen-Frey chart. */
export function describeDistributions(): DistributionInfo[] {
  return distributions.map((d) => ({
    id: d.id,
    label: d.label,
    discrete: d.discrete,
    params: d.params.map((p) => ({
      name: p.name,
      symbol: p.symbol,
      domain: p.domain,
      ...(p.derived ? { derived: true as const } : {}),
    })),
    support: supportText(d.support),
    supportRange: { ...d.support },
    needsTrials: d.needsTrials ?? false,
    needsThreshold: d.needsThreshold ?? false,
    cullenFrey: d.cullenFrey ?? null,
    ...(d.components ? { components: { default: d.components.default, max: d.components.max } } : {}),
    ...(d.notInFitAll ? { notInFitAll: d.notInFitAll } : {}),
    ...(FAMILY_CODE[d.id] ? { code: FAMILY_CODE[d.id] } : {}),
  }))
}
