import type { Page, Route } from '@playwright/test'
import type {
  DistributionInfo,
  EvaluateRequest,
  FitAllResult,
  FitRequest,
  FitResult,
  LikelihoodGridRequest,
} from '../src-shared/contract'
import {
  gammaDensity,
  gammaLogLikelihood,
  GAMMA_STATS,
  normalSample,
  syntheticDiagnostics,
  syntheticGammaGrid,
  syntheticGradientFit,
  syntheticNewtonFit,
  syntheticNormalFit,
  syntheticNormalGrid,
  syntheticPoissonFit,
} from '../src-renderer/src/testing/synthetic-fits'

/**
 * Stand-in answers for engine calls that have not landed on this branch yet (gradient fits with traces,
 * diagnostics, likelihood grids, evaluate, fit-all), computed from exact formulas in synthetic-fits.ts.
 * Routed in the page only: import, summaries and closed-form fits still go to the real engine unless
 * `fits: true`. Each answer is what the contract promises, so the views are tested as they will be used.
 */
export async function installStandIns(
  page: Page,
  options: { fits?: boolean; registry?: boolean; column?: string } = {},
): Promise<void> {
  const column = options.column ?? 'fill_weight_g'
  const sample = normalSample(500, 10, 2)
  const ok = (route: Route, value: unknown) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value }) })
  const body = <T>(route: Route) => JSON.parse(route.request().postData() ?? 'null') as T
  const fitFor = (req: FitRequest): FitResult => {
    if (req.dist === 'poisson') return syntheticPoissonFit(req.column)
    if (req.method === 'gradient') return syntheticGradientFit(2000, req.column)
    if (req.dist === 'gamma') return syntheticNewtonFit(req.column)
    return syntheticNormalFit(req.column)
  }

  if (options.registry) {
    await page.route('**/api/engine%3Alist-distributions', (route) => ok(route, REGISTRY))
  }
  if (options.fits) {
    await page.route('**/api/model%3Afit', (route) => ok(route, fitFor(body<FitRequest>(route))))
  }
  await page.route('**/api/model%3Afit-all', (route) => {
    const normal = syntheticNormalFit(column)
    const gamma = syntheticNewtonFit(column)
    const logistic: FitResult = {
      ...normal,
      dist: 'logistic',
      distLabel: 'Logistic',
      aic: normal.aic + 2.4,
      bic: normal.bic + 2.4,
      logLikelihood: normal.logLikelihood - 1.2,
      density: { x: normal.density.x, y: normal.density.y.map((y) => y * 0.93) },
    }
    const fits = [normal, logistic, { ...gamma, aic: normal.aic + 9, bic: normal.bic + 9 }]
    const result: FitAllResult = {
      column,
      fits,
      ranking: [],
      notApplicable: [
        { dist: 'poisson', reason: `Poisson needs whole numbers (counts); ${column} has fractions.` },
      ],
    }
    return ok(route, result)
  })
  await page.route('**/api/model%3Aget-diagnostics', (route) =>
    ok(route, syntheticDiagnostics(syntheticNormalFit(column), sample)),
  )
  await page.route('**/api/model%3Aget-likelihood-grid', (route) => {
    const req = body<LikelihoodGridRequest>(route)
    if (req.dist === 'gamma') return ok(route, syntheticGammaGrid(req.axes))
    const [a, b] = req.axes
    const sigma = b ?? { name: 'sigma', min: 2, max: 2, steps: 1 }
    const grid = syntheticNormalGrid(sample, a, sigma)
    return ok(route, b ? grid : { axes: [grid.axes[0]], z: [grid.z[0]] })
  })
  await page.route('**/api/model%3Aevaluate', (route) => {
    const req = body<EvaluateRequest>(route)
    if (req.dist === 'gamma') {
      const { shape, rate } = req.params
      return ok(route, {
        logLikelihood: gammaLogLikelihood(GAMMA_STATS, shape, rate),
        density: gammaDensity(shape, rate),
      })
    }
    const { mu, sigma } = req.params
    const grid = syntheticNormalGrid(
      sample,
      { min: mu, max: mu, steps: 1 },
      { min: sigma, max: sigma, steps: 1 },
    )
    const base = syntheticNormalFit(column)
    const y = base.density.x.map(
      (x) => Math.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * Math.sqrt(2 * Math.PI)),
    )
    return ok(route, { logLikelihood: grid.z[0][0], density: { x: base.density.x, y } })
  })
}

const p = (name: string, symbol: string) => ({ name, symbol })
/** The families the full engine will list (reference README parametrizations), with support texts. */
export const REGISTRY: DistributionInfo[] = [
  {
    id: 'normal',
    label: 'Normal',
    params: [p('mu', 'μ'), p('sigma', 'σ')],
    discrete: false,
    support: 'any real x',
  },
  {
    id: 'lognormal',
    label: 'Lognormal',
    params: [p('mu', 'μ'), p('sigma', 'σ')],
    discrete: false,
    support: 'x > 0',
  },
  { id: 'exponential', label: 'Exponential', params: [p('rate', 'λ')], discrete: false, support: 'x ≥ 0' },
  {
    id: 'gamma',
    label: 'Gamma',
    params: [p('shape', 'k'), p('rate', 'λ')],
    discrete: false,
    support: 'x > 0',
  },
  {
    id: 'weibull',
    label: 'Weibull',
    params: [p('shape', 'k'), p('scale', 'λ')],
    discrete: false,
    support: 'x ≥ 0',
  },
  {
    id: 'beta',
    label: 'Beta',
    params: [p('alpha', 'α'), p('beta', 'β')],
    discrete: false,
    support: '0 < x < 1',
  },
  {
    id: 'logistic',
    label: 'Logistic',
    params: [p('mu', 'μ'), p('s', 's')],
    discrete: false,
    support: 'any real x',
  },
  {
    id: 'student_t',
    label: 'Student t',
    params: [p('mu', 'μ'), p('sigma', 'σ'), p('nu', 'ν')],
    discrete: false,
    support: 'any real x',
  },
  {
    id: 'pareto',
    label: 'Pareto',
    params: [p('xm', 'xₘ'), p('alpha', 'α')],
    discrete: false,
    support: 'x ≥ xm',
  },
  { id: 'poisson', label: 'Poisson', params: [p('lambda', 'λ')], discrete: true, support: 'x = 0, 1, 2, …' },
  { id: 'bernoulli', label: 'Bernoulli', params: [p('p', 'p')], discrete: true, support: 'x in {0, 1}' },
  { id: 'binomial', label: 'Binomial', params: [p('p', 'p')], discrete: true, support: 'x = 0, 1, …, n' },
  {
    id: 'negative_binomial',
    label: 'Negative binomial',
    params: [p('size', 'r'), p('mu', 'μ')],
    discrete: true,
    support: 'x = 0, 1, 2, …',
  },
]
