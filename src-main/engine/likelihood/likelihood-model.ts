import type { Distribution, FamilyContext, ParamDomain, Params } from '../distributions/types'
import { weightAt, type Sample } from '../stats/sample'
import { firstDerivative, fromUnconstrained, secondDerivative, toUnconstrained } from './reparametrize'

/** Log-likelihood with score and Hessian of the free parameters (in free order). */
export interface FreeDerivatives {
  logLikelihood: number
  score: number[]
  hessian: number[][]
}

/** Central-difference steps: eps^(1/3) for first and eps^(1/4) for second derivatives (relative). */
const STEP_FIRST = 6e-6
const STEP_SECOND = 1.2e-4

/** Sum of (frequency-weighted) log densities; -Infinity when one point is impossible under the parameters. */
export function sumLogPdf(dist: Distribution, sample: Sample, params: Params, ctx?: FamilyContext): number {
  const data = sample.values
  const w = sample.weights
  let sum = 0
  for (let i = 0; i < data.length; i++) sum += weightAt(w, i) * dist.logPdf(data[i], params, ctx)
  return sum
}

/** The parameters with the family's derived ones (a mixture's last weight) filled in from the others. */
export function withDerived(dist: Distribution, p: Params): Params {
  for (const spec of dist.params) if (spec.derived) p[spec.name] = spec.derived(p)
  return p
}

/** Whole-sample log-likelihood: the family's fast hook when it has one, else the sum of logPdf. */
export function totalLogLikelihood(
  dist: Distribution,
  sample: Sample,
  params: Params,
  ctx?: FamilyContext,
): number {
  const ll = dist.logLikelihood
    ? dist.logLikelihood(sample, params, ctx)
    : sumLogPdf(dist, sample, params, ctx)
  return Number.isNaN(ll) ? -Infinity : ll
}

/**
 * The likelihood of one family on one sample with some parameters held fixed: what every optimizer, the
 * standard errors and the profile intervals work on. theta is the free parameters on their
 * unconstrained scale (log for positive, logit for unit-interval).
 */
export class LikelihoodModel {
  readonly names: string[]
  readonly domains: ParamDomain[]
  /** Indices (into the family's params) of the parameters being estimated. */
  readonly free: number[]
  /** Spread of the data: the step scale of finite differences for real-valued parameters. */
  readonly scale: number
  evaluations = 0
  /** The last two analytic results, newest first. */
  private recent: { key: number[]; value: FreeDerivatives }[] = []

  constructor(
    readonly dist: Distribution,
    readonly sample: Sample,
    readonly ctx: FamilyContext,
    readonly fixed: Params,
  ) {
    this.names = dist.params.map((p) => p.name)
    this.domains = dist.params.map((p) => p.domain)
    this.free = this.names
      .map((_, i) => i)
      .filter((i) => !(this.names[i] in fixed) && !dist.params[i].derived)
    const data = sample.values
    const n = data.length
    const spread = n > 1 ? data[n - 1] - data[0] : 0
    this.scale = spread > 0 ? spread : Math.max(Math.abs(data[0] ?? 1), 1e-300)
  }

  /** The same likelihood with more parameters held (profile intervals' inner fits). */
  holding(values: Params): LikelihoodModel {
    return new LikelihoodModel(this.dist, this.sample, this.ctx, { ...this.fixed, ...values })
  }

  get freeNames(): string[] {
    return this.free.map((i) => this.names[i])
  }

  /** Full parameter set from free parameters on their own scale. */
  paramsFromFree(values: ArrayLike<number>): Params {
    const p: Params = { ...this.fixed }
    for (let j = 0; j < this.free.length; j++) p[this.names[this.free[j]]] = values[j]
    return withDerived(this.dist, p)
  }

  paramsFromTheta(theta: ArrayLike<number>): Params {
    const p: Params = { ...this.fixed }
    for (let j = 0; j < this.free.length; j++) {
      const i = this.free[j]
      p[this.names[i]] = fromUnconstrained(this.domains[i], theta[j])
    }
    return withDerived(this.dist, p)
  }

  thetaFromParams(p: Params): number[] {
    return this.free.map((i) => toUnconstrained(this.domains[i], p[this.names[i]]))
  }

  logLikelihood(p: Params): number {
    this.evaluations++
    return totalLogLikelihood(this.dist, this.sample, p, this.ctx)
  }

  /**
   * Log-likelihood, score and Hessian of the free parameters on their own scale. The last two analytic
   * results are kept: the standard errors ask again at the optimum Newton just evaluated, which is the
   * last or, when its final trial step was refused, the one before (one pass saved).
   */
  derivatives(p: Params): FreeDerivatives {
    if (this.dist.derivatives) {
      const key = this.free.map((i) => p[this.names[i]])
      const hit = this.recent.find((r) => key.every((v, j) => Object.is(v, r.key[j])))
      if (hit) return hit.value
      this.evaluations++
      const d = this.dist.derivatives(this.sample, p, this.ctx)
      const value = {
        logLikelihood: Number.isNaN(d.logLikelihood) ? -Infinity : d.logLikelihood,
        score: this.free.map((i) => d.score[i]),
        hessian: this.free.map((i) => this.free.map((j) => d.hessian[i][j])),
      }
      this.recent = [{ key, value }, ...this.recent.slice(0, 1)]
      return value
    }
    return this.toOwnScale(p, this.numericThetaDerivatives(p))
  }

  /** Log-likelihood, gradient and Hessian in theta (chain rule from the own-scale derivatives). */
  thetaDerivatives(p: Params): FreeDerivatives {
    if (!this.dist.derivatives) return this.numericThetaDerivatives(p)
    const d = this.derivatives(p)
    const k = this.free.length
    const dp = this.free.map((i) => firstDerivative(this.domains[i], p[this.names[i]]))
    const d2p = this.free.map((i) => secondDerivative(this.domains[i], p[this.names[i]]))
    const score = d.score.map((g, j) => g * dp[j])
    const hessian = d.hessian.map((row, a) => row.map((h, b) => h * dp[a] * dp[b]))
    for (let j = 0; j < k; j++) hessian[j][j] += d.score[j] * d2p[j]
    return { logLikelihood: d.logLikelihood, score, hessian }
  }

  /** Log-likelihood and theta-scale score only (L-BFGS, gradient ascent): cheaper without analytic hooks. */
  thetaScore(p: Params): { logLikelihood: number; score: number[] } {
    if (this.dist.derivatives) return this.thetaDerivatives(p)
    const theta = this.thetaFromParams(p)
    const f0 = this.logLikelihood(p)
    const score = theta.map((_, j) => {
      const h = this.thetaStep(j, theta, STEP_FIRST)
      const up = theta.slice()
      const down = theta.slice()
      up[j] += h
      down[j] -= h
      return (
        (this.logLikelihood(this.paramsFromTheta(up)) - this.logLikelihood(this.paramsFromTheta(down))) /
        (2 * h)
      )
    })
    return { logLikelihood: f0, score }
  }

  /**
   * Hessian in theta by central differences of the theta-scale score. The fallback when the analytic
   * own-scale Hessian under- or overflows (data near 1e-300 or 1e300 give rates near 1e300, whose
   * own-scale curvature n k / rate² is 0 in floating point while the theta-scale curvature is O(n)).
   */
  thetaHessianFromScores(p: Params): number[][] | null {
    const theta = this.thetaFromParams(p)
    const k = theta.length
    const columns: number[][] = []
    for (let j = 0; j < k; j++) {
      const h = this.thetaStep(j, theta, STEP_FIRST)
      const up = theta.slice()
      const down = theta.slice()
      up[j] += h
      down[j] -= h
      const gUp = this.thetaScore(this.paramsFromTheta(up)).score
      const gDown = this.thetaScore(this.paramsFromTheta(down)).score
      columns.push(gUp.map((g, i) => (g - gDown[i]) / (2 * h)))
    }
    const hessian = columns.map((_, a) => columns.map((__, b) => 0.5 * (columns[a][b] + columns[b][a])))
    return hessian.every((row) => row.every(Number.isFinite)) ? hessian : null
  }

  /** Converts theta-scale derivatives back to the parameters' own scale (inverse chain rule). */
  private toOwnScale(p: Params, t: FreeDerivatives): FreeDerivatives {
    const k = this.free.length
    const dp = this.free.map((i) => firstDerivative(this.domains[i], p[this.names[i]]))
    const d2p = this.free.map((i) => secondDerivative(this.domains[i], p[this.names[i]]))
    const score = t.score.map((g, j) => g / dp[j])
    const hessian = t.hessian.map((row) => row.slice())
    for (let j = 0; j < k; j++) hessian[j][j] -= score[j] * d2p[j]
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) hessian[a][b] /= dp[a] * dp[b]
    return { logLikelihood: t.logLikelihood, score, hessian }
  }

  /** Step in theta for parameter j: relative for log/logit scales, data-scaled for real ones. */
  private thetaStep(j: number, theta: number[], relative: number): number {
    const i = this.free[j]
    if (this.domains[i] !== 'real') return relative
    return relative * Math.max(Math.abs(theta[j]), this.dist.params[i].unitless ? 1 : this.scale)
  }

  /** Central finite differences in theta (families without analytic derivatives). */
  numericThetaDerivatives(p: Params): FreeDerivatives {
    const theta = this.thetaFromParams(p)
    const k = theta.length
    const f = (t: number[]) => this.logLikelihood(this.paramsFromTheta(t))
    const f0 = f(theta)
    const score = new Array<number>(k)
    const hessian: number[][] = theta.map(() => new Array<number>(k).fill(0))
    const shifted = (moves: [number, number][]) => {
      const t = theta.slice()
      for (const [j, h] of moves) t[j] += h
      return f(t)
    }
    for (let j = 0; j < k; j++) {
      const h1 = this.thetaStep(j, theta, STEP_FIRST)
      score[j] = (shifted([[j, h1]]) - shifted([[j, -h1]])) / (2 * h1)
      const h2 = this.thetaStep(j, theta, STEP_SECOND)
      hessian[j][j] = (shifted([[j, h2]]) - 2 * f0 + shifted([[j, -h2]])) / (h2 * h2)
    }
    for (let a = 0; a < k; a++)
      for (let b = a + 1; b < k; b++) {
        const ha = this.thetaStep(a, theta, STEP_SECOND)
        const hb = this.thetaStep(b, theta, STEP_SECOND)
        const v =
          (shifted([
            [a, ha],
            [b, hb],
          ]) -
            shifted([
              [a, ha],
              [b, -hb],
            ]) -
            shifted([
              [a, -ha],
              [b, hb],
            ]) +
            shifted([
              [a, -ha],
              [b, -hb],
            ])) /
          (4 * ha * hb)
        hessian[a][b] = v
        hessian[b][a] = v
      }
    return { logLikelihood: f0, score, hessian }
  }
}
