import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page, Route } from '@playwright/test'
import type {
  DistributionInfo,
  EvaluateRequest,
  FitAllResult,
  FitRequest,
  FitResult,
  LikelihoodGridRequest,
  RegressionGridRequest,
  RegressionRequest,
  RegressionResult,
  StudioEvent,
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
  syntheticLinearRegression,
  syntheticRegressionGrid,
  syntheticTrace,
} from '../src-renderer/src/testing/synthetic-fits'

/**
 * Stand-in answers for engine calls that have not landed on this branch yet (gradient fits with traces,
 * diagnostics, likelihood grids, evaluate, fit-all), computed from exact formulas in synthetic-fits.ts.
 * Routed in the page only: import, summaries and closed-form fits still go to the real engine unless
 * `fits: true`. Each answer is what the contract promises, so the views are tested as they will be used.
 */
export async function installStandIns(
  page: Page,
  options: {
    fits?: boolean
    registry?: boolean
    regression?: boolean
    column?: string
    fitDelayMs?: number
  } = {},
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

  if (options.regression) {
    const regressionFor = (req: RegressionRequest): RegressionResult => {
      const base = syntheticLinearRegression()
      const x = req.predictors[0] ?? 'x'
      return {
        ...base,
        response: req.response,
        predictors: [x],
        coefficients: [base.coefficients[0], { ...base.coefficients[1], name: x }],
      }
    }
    await page.route('**/api/regression%3Afit', (route) =>
      ok(route, regressionFor(body<RegressionRequest>(route))),
    )
    await page.route('**/api/regression%3Aget-grid', (route) => {
      const req = body<RegressionGridRequest>(route)
      return ok(route, syntheticRegressionGrid(regressionFor(req.request), req.intercept, req.slope))
    })
  }
  if (options.registry) {
    await page.route('**/api/engine%3Alist-distributions', (route) => ok(route, REGISTRY))
  }
  if (options.fits) {
    await page.route('**/api/model%3Afit', async (route) => {
      if (options.fitDelayMs) await new Promise((r) => setTimeout(r, options.fitDelayMs))
      return ok(route, fitFor(body<FitRequest>(route)))
    })
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

/**
 * A stand-in event stream paced like the engine's: once released, `iterations` trace points of a gradient
 * fit arrive as progress events of `perEvent` points every `intervalMs` (the engine coalesces to ~20 a
 * second). Served by a small loopback server that the page's Server-Sent Events request is routed to.
 */
export async function installLiveStream(
  page: Page,
  { iterations = 10_000, perEvent = 100, intervalMs = 50 } = {},
): Promise<{ release: () => void; done: Promise<void>; close: () => void }> {
  let release: () => void = () => undefined
  const gate = new Promise<void>((r) => (release = r))
  let finished: () => void = () => undefined
  const done = new Promise<void>((r) => (finished = r))
  const trace = syntheticTrace(iterations, { shape: 3, rate: 0.5 }, { shape: 1.2, rate: 0.25 })
  const server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' })
    // An hour's retry: when the stream ends the browser must not reconnect and replay it.
    res.write('retry: 3600000\n\n')
    void gate.then(async () => {
      for (let i = 0; i < trace.length; i += perEvent) {
        const event: StudioEvent = {
          kind: 'progress',
          progress: {
            task: 'fit',
            fraction: (i + perEvent) / iterations,
            message: `Epoch ${i + perEvent} of ${iterations}`,
            trace: trace.slice(i, i + perEvent),
            dist: 'gamma',
          },
        }
        res.write(`data: ${JSON.stringify(event)}\n\n`)
        await new Promise((r) => setTimeout(r, intervalMs))
      }
      finished()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  await page.route('**/api/events**', (route) => route.continue({ url: `http://127.0.0.1:${port}/events` }))
  return { release: () => release(), done, close: () => server.close() }
}
