import type { Diagnostics, NonparametricCdf } from '../../../src-shared/contract'
import type { Distribution, FamilyContext, Params } from '../distributions/types'
import type { CensoredData } from './censored-data'
import { kaplanMeier } from './kaplan-meier'
import { turnbull } from './turnbull'

/** Steps drawn at most (a longer estimate keeps every k-th step and the last). */
const MAX_STEPS = 2000

/**
 * The nonparametric CDF estimate of censored data against the fitted CDF: Kaplan-Meier with its 95%
 * log-log band when every censored value is right-censored, else Turnbull's NPMLE (no band).
 */
export function nonparametricCdf(
  dist: Distribution,
  data: CensoredData,
  params: Params,
  ctx: FamilyContext,
): NonparametricCdf {
  const steps = data.left.length + data.lower.length === 0 ? kaplanMeierSteps(data) : turnbullSteps(data)
  const keep = thin(steps.x.length)
  const pick = (xs: number[]) => keep.map((i) => xs[i])
  const x = pick(steps.x)
  return {
    method: steps.method,
    x,
    cdf: pick(steps.cdf),
    lower: steps.lower.length > 0 ? pick(steps.lower) : [],
    upper: steps.upper.length > 0 ? pick(steps.upper) : [],
    fitted: x.map((v) => dist.cdf(v, params, ctx)),
    n: data.n,
    note: steps.note,
  }
}

interface Steps {
  method: NonparametricCdf['method']
  x: number[]
  cdf: number[]
  lower: number[]
  upper: number[]
  note: string
}

function kaplanMeierSteps(data: CensoredData): Steps {
  const km = kaplanMeier(data.exact, data.right)
  const first = Math.min(data.exact[0] ?? Infinity, data.right[0] ?? Infinity)
  const last = Math.max(
    data.exact[data.exact.length - 1] ?? -Infinity,
    data.right[data.right.length - 1] ?? -Infinity,
  )
  const end = km.survival.length > 0 ? km.survival.length - 1 : -1
  const tail = (xs: number[], start: number) => (end >= 0 ? xs[end] : start)
  return {
    method: 'kaplan-meier',
    x: [first, ...km.times, last],
    cdf: [0, ...km.survival.map((s) => 1 - s), 1 - tail(km.survival, 1)],
    // The CDF's band is the survival band flipped.
    lower: [0, ...km.upper.map((s) => 1 - s), 1 - tail(km.upper, 1)],
    upper: [0, ...km.lower.map((s) => 1 - s), 1 - tail(km.lower, 1)],
    note: 'Kaplan-Meier estimate with its pointwise 95% band (Greenwood, log-log scale).',
  }
}

function turnbullSteps(data: CensoredData): Steps {
  const t = turnbull(data.exact, data.right, data.left, data.lower, data.upper)
  const x: number[] = []
  const cdf: number[] = []
  let total = 0
  t.mass.forEach((p, j) => {
    if (x.length === 0) {
      x.push(Number.isFinite(t.left[j]) ? t.left[j] : t.right[j])
      cdf.push(0)
    }
    total += p
    if (Number.isFinite(t.right[j])) {
      x.push(t.right[j])
      cdf.push(Math.min(1, total))
    }
  })
  const unsettled = t.converged ? '' : ` It stopped after ${t.iterations} iterations before settling.`
  return {
    method: 'turnbull',
    x,
    cdf,
    lower: [],
    upper: [],
    note: `Turnbull's nonparametric maximum-likelihood estimate (drawn at the right end of each interval where it puts mass: inside them it is not unique). No confidence band is drawn for it.${unsettled}`,
  }
}

/** Indices of at most MAX_STEPS evenly spaced steps, always the first and the last. */
function thin(length: number): number[] {
  if (length <= MAX_STEPS) return Array.from({ length }, (_, i) => i)
  const stride = Math.ceil(length / MAX_STEPS)
  const out: number[] = []
  for (let i = 0; i < length - 1; i += stride) out.push(i)
  out.push(length - 1)
  return out
}

/**
 * The diagnostics of a censored fit: the CDF, survival and hazard charts get the nonparametric estimate
 * (`nonparametric`, and as `cdf.empirical`) against the fitted CDF and density; Q-Q and P-P plots need
 * exactly observed order statistics, so they are empty (the charts say why).
 */
export function censoredDiagnostics(
  dist: Distribution,
  data: CensoredData,
  params: Params,
  ctx: FamilyContext,
): Diagnostics {
  const np = nonparametricCdf(dist, data, params, ctx)
  return {
    cdf: {
      x: np.x,
      empirical: np.cdf,
      fitted: np.fitted,
      density: np.x.map((x) => Math.exp(dist.logPdf(x, params, ctx))),
    },
    qq: { theoretical: [], sample: [] },
    pp: { theoretical: [], empirical: [] },
    n: data.n,
    nonparametric: np,
  }
}
