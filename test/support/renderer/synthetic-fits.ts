import digamma from '@stdlib/math-base-special-digamma'
import gammaln from '@stdlib/math-base-special-gammaln'
import mt19937 from '@stdlib/random-base-mt19937'
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile'
import type {
  BootstrapCi,
  Diagnostics,
  FitHealth,
  FitResult,
  GroupFitResult,
  HistogramBin,
  LikelihoodGrid,
  ParameterEstimate,
  RegressionResult,
  TracePoint,
} from '../../../src-shared/contract'

/**
 * Realistic engine results built from exact formulas, for unit tests of the option builders (the
 * end-to-end tests use the real engine). Deterministic (seeded Mersenne Twister).
 */

/**
 * Uniform (0, 1) draws from a seeded Mersenne Twister (stdlib), reproducible across machines. (A plain
 * Lehmer generator was tried first: its consecutive pairs make Box-Muller samples visibly non-normal.)
 */
function uniforms(seed: number): () => number {
  const rand = mt19937.factory({ seed })
  return () => (rand() + 0.5) / 4294967296
}

/** Standard normal draws by Box-Muller. */
export function normalSample(n: number, mu: number, sigma: number, seed = 7): number[] {
  const u = uniforms(seed)
  const out: number[] = []
  while (out.length < n) {
    const r = Math.sqrt(-2 * Math.log(u()))
    const t = 2 * Math.PI * u()
    out.push(mu + sigma * r * Math.cos(t))
    if (out.length < n) out.push(mu + sigma * r * Math.sin(t))
  }
  return out
}

/** Poisson draws by inversion (small lambda). */
export function poissonSample(n: number, lambda: number, seed = 11): number[] {
  const u = uniforms(seed)
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    let k = 0
    let p = Math.exp(-lambda)
    let cdf = p
    const v = u()
    while (v > cdf && k < 1000) {
      k++
      p *= lambda / k
      cdf += p
    }
    out.push(k)
  }
  return out
}

function histogram(values: number[], bins: number): HistogramBin[] {
  const min = Math.min(...values)
  const max = Math.max(...values)
  const width = (max - min) / bins
  const counts = new Array<number>(bins).fill(0)
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v - min) / width))]++
  return counts.map((count, i) => ({
    x0: min + i * width,
    x1: min + (i + 1) * width,
    count,
    density: count / (values.length * width),
  }))
}

function normalPdf(x: number, mu: number, sigma: number): number {
  const z = (x - mu) / sigma
  return Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI))
}

const HEALTHY: FitHealth = {
  gradientMaxAbs: 1e-12,
  informationPositiveDefinite: true,
  atBound: [],
  notes: [],
}

/** A free parameter's estimate with its 95% Wald interval (estimate ± 1.96 SE). */
function estimate(
  name: string,
  symbol: string,
  value: number,
  se: number,
  profile95: [number, number] | null,
  moments: number,
): ParameterEstimate {
  const wald95: [number, number] = [value - 1.96 * se, value + 1.96 * se]
  return { name, symbol, estimate: value, standardError: se, wald95, profile95, moments, fixed: false }
}

/** Log-likelihood with AIC, AICc (2k(k + 1) / (n - k - 1) added) and BIC for k free parameters. */
function criteria(logLikelihood: number, k: number, n: number) {
  const aic = -2 * logLikelihood + 2 * k
  return {
    n,
    logLikelihood,
    aic,
    aicc: aic + (2 * k * (k + 1)) / (n - k - 1),
    bic: aic - 2 * k + k * Math.log(n),
  }
}

/** What every closed-form fit says besides its numbers. */
const CLOSED_FORM = {
  method: 'closed-form',
  iterations: 0,
  converged: true,
  message: 'Closed-form maximum-likelihood estimate.',
  seconds: 0.001,
  trace: [],
  gradient: null,
  health: HEALTHY,
  trials: null,
} as const satisfies Partial<FitResult>

/** Closed-form normal fit to 500 seeded N(10, 2) draws: exact MLE, SEs sigma/sqrt(n), sigma/sqrt(2n). */
export function syntheticNormalFit(column = 'weight'): FitResult {
  const x = normalSample(500, 10, 2)
  const n = x.length
  const mu = x.reduce((a, b) => a + b, 0) / n
  const sigma = Math.sqrt(x.reduce((a, b) => a + (b - mu) ** 2, 0) / n)
  const logLikelihood = -0.5 * n * (Math.log(2 * Math.PI * sigma * sigma) + 1)
  const seMu = sigma / Math.sqrt(n)
  const seSigma = sigma / Math.sqrt(2 * n)
  const lo = Math.min(...x)
  const hi = Math.max(...x)
  const grid = Array.from({ length: 200 }, (_, i) => lo + ((hi - lo) * i) / 199)
  return {
    dist: 'normal',
    distLabel: 'Normal',
    discrete: false,
    column,
    params: { mu, sigma },
    estimates: [
      estimate('mu', 'μ', mu, seMu, [mu - 1.97 * seMu, mu + 1.97 * seMu], mu),
      estimate('sigma', 'σ', sigma, seSigma, null, sigma * Math.sqrt(n / (n - 1))),
    ],
    covariance: [
      [seMu ** 2, 0],
      [0, seSigma ** 2],
    ],
    ...criteria(logLikelihood, 2, n),
    ...CLOSED_FORM,
    startParams: { mu, sigma },
    goodnessOfFit: {
      ks: 0.021,
      ad: 0.31,
      cvm: 0.04,
      chiSquare: null,
      chiSquareDf: null,
      pValues: { ks: 0.97, ad: 0.55, cvm: 0.62, chiSquare: null },
      pValueMethod: 'asymptotic',
      note: 'Asymptotic p-values ignore that the parameters were estimated from the same data.',
    },
    histogram: histogram(x, 20),
    density: { x: grid, y: grid.map((g) => normalPdf(g, mu, sigma)) },
    startDensity: { x: grid, y: grid.map((g) => normalPdf(g, mu, sigma)) },
  }
}

/** A group fit of `column` by `by`: the normal fit in each of `groups` and pooled (the numbers are not the point). */
export function syntheticGroupFit(column = 'weight', by = 'name', groups = ['ann', 'bob']): GroupFitResult {
  const fit = syntheticNormalFit(column)
  const data = { rows: 3, used: 3 }
  return {
    column,
    by,
    groups: groups.map((group) => ({ group, data, fits: [fit], notApplicable: [] })),
    pooled: { data: { rows: 3 * groups.length, used: 3 * groups.length }, fits: [fit], notApplicable: [] },
    tests: [],
    skipped: [],
    exclusions: [],
  }
}

/**
 * A gamma fit by gradient ascent with `iterations` trace points: parameters approach (shape 3, rate 0.5)
 * geometrically, training and validation mean log-likelihoods rise towards their optimum.
 */
export function syntheticGradientFit(iterations = 10_000, column = 'hours'): FitResult {
  const shape = 3
  const rate = 0.5
  const trace = syntheticTrace(iterations, { shape, rate }, { shape: 1.2, rate: 0.25 })
  const last = trace[trace.length - 1]
  const n = 800
  const base = gammaBaseFit(column, shape, rate, n)
  return {
    ...base,
    method: 'gradient',
    iterations,
    converged: true,
    message: `Stopped after ${iterations} epochs.`,
    seconds: 4.2,
    trace,
    params: { ...last.params },
    startParams: { shape: 1.2, rate: 0.25 },
    gradient: {
      trainSize: 640,
      validationSize: 160,
      bestIteration: iterations - 3,
      stoppedEarly: false,
      gapLogLikelihood: 1e-7,
      gapParams: { shape: shape - last.params.shape, rate: rate - last.params.rate },
    },
  }
}

/** Trace that moves from `start` to `end` with error decaying like exp(-6 t), t in [0, 1]. */
export function syntheticTrace(
  iterations: number,
  end: Record<string, number>,
  start: Record<string, number>,
  firstIteration = 1,
): TracePoint[] {
  const trace: TracePoint[] = []
  for (let i = 0; i < iterations; i++) {
    const decay = Math.exp((-12 * (i + 1)) / iterations)
    const params: Record<string, number> = {}
    for (const k of Object.keys(end)) params[k] = end[k] + (start[k] - end[k]) * decay
    trace.push({
      iteration: firstIteration + i,
      logLikelihood: -2.9 - 1.5 * decay,
      validationLogLikelihood: -2.95 - 1.4 * decay,
      params,
    })
  }
  return trace
}

function gammaLogPdfShapeRate(x: number, shape: number, rate: number, lgammaShape: number): number {
  return shape * Math.log(rate) + (shape - 1) * Math.log(x) - rate * x - lgammaShape
}

/** ln Γ(3) = ln 2: the synthetic gamma fits draw their densities at shape 3. */
const LN_GAMMA_3 = Math.log(2)

function gammaBaseFit(column: string, shape: number, rate: number, n: number): FitResult {
  const grid = Array.from({ length: 200 }, (_, i) => 0.05 + (20 * i) / 199)
  const bins: HistogramBin[] = []
  for (let i = 0; i < 20; i++) {
    const x0 = i
    const x1 = i + 1
    const density = Math.exp(gammaLogPdfShapeRate(i + 0.5, shape, rate, LN_GAMMA_3))
    bins.push({ x0, x1, count: Math.round(density * n), density })
  }
  const logLikelihood = gammaLogLikelihood(GAMMA_STATS, shape, rate)
  return {
    dist: 'gamma',
    distLabel: 'Gamma',
    discrete: false,
    column,
    params: { shape, rate },
    estimates: [
      estimate('shape', 'k', shape, 0.14, [2.74, 3.29], 2.9),
      estimate('rate', 'λ', rate, 0.025, [0.454, 0.55], 0.48),
    ],
    covariance: [
      [0.0196, 0.0031],
      [0.0031, 0.000625],
    ],
    ...criteria(logLikelihood, 2, n),
    method: 'newton',
    iterations: 6,
    converged: true,
    message: 'Converged: relative change below 1e-10.',
    seconds: 0.01,
    trace: [],
    gradient: null,
    startParams: { shape: 2.9, rate: 0.48 },
    goodnessOfFit: null,
    health: HEALTHY,
    trials: null,
    histogram: bins,
    density: { x: grid, y: grid.map((g) => Math.exp(gammaLogPdfShapeRate(g, shape, rate, LN_GAMMA_3))) },
    startDensity: {
      x: grid,
      y: grid.map((g) => Math.exp(gammaLogPdfShapeRate(g, shape, 0.45, LN_GAMMA_3))),
    },
  }
}

/** A Newton gamma fit (few iterations) for comparing paths with the gradient one. */
export function syntheticNewtonFit(column = 'hours'): FitResult {
  const fit = gammaBaseFit(column, 3, 0.5, 800)
  const trace = syntheticTrace(6, { shape: 3, rate: 0.5 }, { shape: 2.9, rate: 0.48 })
  return { ...fit, trace: trace.map((p) => ({ ...p, validationLogLikelihood: null })) }
}

/** Poisson fit to 300 seeded Poisson(3.2) counts: one bin per integer, pmf at each integer. */
export function syntheticPoissonFit(column = 'defects'): FitResult {
  const x = poissonSample(300, 3.2)
  const n = x.length
  const lambda = x.reduce((a, b) => a + b, 0) / n
  const max = Math.max(...x)
  const ks = Array.from({ length: max + 1 }, (_, k) => k)
  let logFactorial = 0
  const logFact = ks.map((k) => (k === 0 ? 0 : (logFactorial += Math.log(k))))
  const pmf = ks.map((k) => Math.exp(k * Math.log(lambda) - lambda - logFact[k]))
  const counts = ks.map((k) => x.filter((v) => v === k).length)
  const logLikelihood = x.reduce((a, k) => a + k * Math.log(lambda) - lambda - logFact[k], 0)
  const se = Math.sqrt(lambda / n)
  return {
    dist: 'poisson',
    distLabel: 'Poisson',
    discrete: true,
    column,
    params: { lambda },
    estimates: [estimate('lambda', 'λ', lambda, se, [lambda - 1.95 * se, lambda + 1.98 * se], lambda)],
    covariance: [[se * se]],
    ...criteria(logLikelihood, 1, n),
    ...CLOSED_FORM,
    startParams: { lambda },
    goodnessOfFit: {
      ks: 0.03,
      ad: null,
      cvm: null,
      chiSquare: 4.1,
      chiSquareDf: 6,
      pValues: { ks: null, ad: null, cvm: null, chiSquare: 0.66 },
      pValueMethod: 'asymptotic',
      note: 'Chi-square over grouped counts with expected counts of at least 5.',
    },
    histogram: ks.map((k) => ({ x0: k - 0.5, x1: k + 0.5, count: counts[k], density: counts[k] / n })),
    density: { x: ks, y: pmf },
    startDensity: { x: ks, y: pmf },
  }
}

/** Diagnostics of the synthetic normal fit: empirical CDF steps, Q-Q and P-P at (i - 0.5) / n. */
export function syntheticDiagnostics(fit: FitResult, sample: number[]): Diagnostics {
  const sorted = [...sample].sort((a, b) => a - b)
  const n = sorted.length
  const { mu, sigma } = fit.params
  const cdf = (v: number) => 0.5 * erfcApprox(-(v - mu) / (sigma * Math.SQRT2))
  const positions = sorted.map((_, i) => (i + 0.5) / n)
  const pdf = (v: number) => Math.exp(-(((v - mu) / sigma) ** 2) / 2) / (sigma * Math.sqrt(2 * Math.PI))
  const quantile = (p: number) => mu + sigma * probit(p)
  // The engine's order-statistic band: Beta(i, n - i + 1) 2.5% and 97.5% points.
  const lower = sorted.map((_, i) => betaQuantile(0.025, i + 1, n - i))
  const upper = sorted.map((_, i) => betaQuantile(0.975, i + 1, n - i))
  const ticks = [0.01, 0.1, 0.5, 0.9, 0.99]
  return {
    cdf: {
      x: sorted,
      empirical: sorted.map((_, i) => (i + 1) / n),
      fitted: sorted.map(cdf),
      density: sorted.map(pdf),
    },
    qq: {
      theoretical: positions.map(quantile),
      sample: sorted,
      lower: lower.map(quantile),
      upper: upper.map(quantile),
    },
    pp: { theoretical: sorted.map(cdf), empirical: positions, lower, upper },
    n,
    ticks: { p: ticks, q: ticks.map(quantile) },
  }
}

// Numerical Recipes' erfc (relative error < 1.2e-7): good enough for synthetic plots, never for the engine.
function erfcApprox(x: number): number {
  const z = Math.abs(x)
  const t = 1 / (1 + 0.5 * z)
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    )
  return x >= 0 ? r : 2 - r
}

// Acklam's rational approximation of the normal quantile (relative error < 1.2e-9), for synthetic Q-Q only.
function probit(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.928510446969, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ]
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572]
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ]
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]
  const q = Math.min(p, 1 - p)
  let x: number
  if (q < 0.02425) {
    const r = Math.sqrt(-2 * Math.log(q))
    x =
      (((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) /
      ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1)
    return p < 0.5 ? x : -x
  }
  const r = (p - 0.5) ** 2
  const s = p - 0.5
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * s) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  )
}

/** Evenly spaced values from min to max; one step is the single value `min` (a point evaluation). */
function axisValues(a: { min: number; max: number; steps: number }): number[] {
  return Array.from({ length: a.steps }, (_, i) =>
    a.steps === 1 ? a.min : a.min + ((a.max - a.min) * i) / (a.steps - 1),
  )
}

/**
 * Exact normal log-likelihood over a (mu, sigma) grid for a sample: sum of log N(x | mu, sigma), computed
 * from the sufficient statistics n, sum x, sum x^2.
 */
export function syntheticNormalGrid(
  sample: number[],
  mu: { min: number; max: number; steps: number },
  sigma: { min: number; max: number; steps: number },
): LikelihoodGrid {
  const n = sample.length
  const s1 = sample.reduce((a, b) => a + b, 0)
  const s2 = sample.reduce((a, b) => a + b * b, 0)
  const mus = axisValues(mu)
  const sigmas = axisValues(sigma)
  const z = sigmas.map((s) =>
    mus.map((m) => -0.5 * n * Math.log(2 * Math.PI * s * s) - (s2 - 2 * m * s1 + n * m * m) / (2 * s * s)),
  )
  return {
    axes: [
      { name: 'mu', values: mus },
      { name: 'sigma', values: sigmas },
    ],
    z,
  }
}

/**
 * Sufficient statistics (n, sum x, sum log x) of a gamma sample whose MLE is exactly (shape 3, rate 0.5):
 * the score equations give mean = shape / rate = 6 and mean log x = log 6 + digamma(3) - log 3.
 */
export const GAMMA_STATS = {
  n: 800,
  sum: 800 * 6,
  sumLog: 800 * (Math.log(6) + digamma(3) - Math.log(3)),
}

/** Gamma(shape, rate) log-likelihood from sufficient statistics: n(k ln λ - ln Γ(k)) + (k-1) Σ ln x - λ Σ x. */
export function gammaLogLikelihood(stats: typeof GAMMA_STATS, shape: number, rate: number): number {
  if (!(shape > 0 && rate > 0)) return NaN
  return stats.n * (shape * Math.log(rate) - gammaln(shape)) + (shape - 1) * stats.sumLog - rate * stats.sum
}

/** Gamma log-likelihood over a (shape, rate) grid, in the engine's LikelihoodGrid layout. */
export function syntheticGammaGrid(
  axes: { name: string; min: number; max: number; steps: number }[],
): LikelihoodGrid {
  const values = axes.map(axisValues)
  const at = (p: Record<string, number>) => gammaLogLikelihood(GAMMA_STATS, p.shape ?? 3, p.rate ?? 0.5)
  const z =
    axes.length === 1
      ? [values[0].map((v) => at({ [axes[0].name]: v }))]
      : values[1].map((y) => values[0].map((x) => at({ [axes[0].name]: x, [axes[1].name]: y })))
  return { axes: axes.map((a, i) => ({ name: a.name, values: values[i] })), z }
}

/**
 * Simple linear regression of y = 2 + 0.5 x + N(0, 1) noise on 120 seeded points, solved exactly by the
 * normal equations (one predictor), with the 95% mean band from the t quantile ≈ 1.98 (118 df).
 */
export function syntheticLinearRegression(): RegressionResult {
  const n = 120
  const noise = normalSample(n, 0, 1, 5)
  const x = Array.from({ length: n }, (_, i) => (i * 10) / (n - 1))
  const y = x.map((v, i) => 2 + 0.5 * v + noise[i])
  const mx = x.reduce((a, b) => a + b, 0) / n
  const my = y.reduce((a, b) => a + b, 0) / n
  const sxx = x.reduce((a, v) => a + (v - mx) ** 2, 0)
  const slope = x.reduce((a, v, i) => a + (v - mx) * (y[i] - my), 0) / sxx
  const intercept = my - slope * mx
  const fitted = x.map((v) => intercept + slope * v)
  const residual = y.map((v, i) => v - fitted[i])
  const rss = residual.reduce((a, r) => a + r * r, 0)
  const tss = y.reduce((a, v) => a + (v - my) ** 2, 0)
  const sigmaMle = Math.sqrt(rss / n)
  const rse = Math.sqrt(rss / (n - 2))
  const t = 1.980272249
  const seSlope = rse / Math.sqrt(sxx)
  const seIntercept = rse * Math.sqrt(1 / n + (mx * mx) / sxx)
  const logLikelihood = -0.5 * n * (Math.log(2 * Math.PI * sigmaMle * sigmaMle) + 1)
  const grid = Array.from({ length: 50 }, (_, i) => (i * 10) / 49)
  const half = grid.map((g) => t * rse * Math.sqrt(1 / n + (g - mx) ** 2 / sxx))
  const coef = (name: string, estimate: number, se: number) => ({
    name,
    estimate,
    standardError: se,
    statistic: estimate / se,
    pValue: 0.001,
    ci95: [estimate - t * se, estimate + t * se] as [number, number],
  })
  return {
    model: 'linear',
    response: 'y',
    predictors: ['x'],
    intercept: true,
    data: { rows: n, used: n, missing: 0 },
    coefficients: [coef('(Intercept)', intercept, seIntercept), coef('x', slope, seSlope)],
    logLikelihood,
    aic: -2 * logLikelihood + 6,
    bic: -2 * logLikelihood + 3 * Math.log(n),
    deviance: rss,
    n,
    method: 'qr',
    iterations: 0,
    converged: true,
    message: 'Least squares by QR.',
    seconds: 0.002,
    trace: [],
    linear: {
      sigmaMle,
      residualStandardError: rse,
      meanSquaredError: rss / n,
      rSquared: 1 - rss / tss,
      adjustedRSquared: 1 - ((rss / tss) * (n - 1)) / (n - 2),
      // The F test's p-value is the engine's (stdlib's F distribution); the synthetic fit leaves it open.
      fTest: { statistic: (tss - rss) / (rss / (n - 2)), df1: 1, df2: n - 2, pValue: NaN },
    },
    logistic: null,
    plot: {
      points: { x, y },
      curve: {
        x: grid,
        y: grid.map((g) => intercept + slope * g),
        lower: grid.map((g, i) => intercept + slope * g - half[i]),
        upper: grid.map((g, i) => intercept + slope * g + half[i]),
      },
      residuals: { fitted, residual },
    },
  }
}

/** A fit with `b` bootstrap replicates of (mu, sigma), one of them not converged. */
export function syntheticBootstrapFit(b: number): FitResult {
  const fit = syntheticNormalFit()
  const mus = normalSample(b, fit.params.mu, 0.09, 3)
  const sigmas = normalSample(b, fit.params.sigma, 0.06, 4)
  const ci: BootstrapCi = {
    method: 'nonparametric',
    replicates: b + 1,
    converged: b,
    failed: 1,
    seed: 42,
    level: 0.95,
    names: ['mu', 'sigma'],
    estimates: mus.map((m, i) => [m, sigmas[i]]),
    intervals: ['mu', 'sigma'].map((name) => ({
      name,
      estimate: fit.params[name],
      median: fit.params[name],
      standardError: 0.1,
      percentile: [fit.params[name] - 0.2, fit.params[name] + 0.2],
      bca: [fit.params[name] - 0.21, fit.params[name] + 0.19],
      z0: 0.01,
      acceleration: 0.002,
    })),
    jackknife: { kind: 'grouped', refits: 200 },
    note: 'Nonparametric bootstrap.',
  }
  return { ...fit, bootstrapCi: ci }
}
