import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type {
  EngineMessage,
  EngineRequestBody,
  EngineResults,
  FitResult,
  Progress,
} from '../../src-shared/contract'
import { checkEngineMessage } from '../../test/helpers/contract-check'
import { createRequestHandler, type HandlerOptions } from './handle-request'

const dir = mkdtempSync(join(tmpdir(), 'mle-engine-'))

function csv(name: string, header: string, values: (number | string)[]): string {
  const path = join(dir, name)
  writeFileSync(path, `${header}\n${values.join('\n')}\n`)
  return path
}

/** A handler with a helper that sends one request and collects its progress and its one answer. */
function engine(options?: HandlerOptions) {
  const handle = createRequestHandler(options)
  let id = 1
  async function ask<K extends keyof EngineResults>(
    body: EngineRequestBody & { kind: K },
    onProgress?: (p: Progress) => void,
  ) {
    let reply: EngineMessage | undefined
    const request = { ...body, id: id++ }
    await handle(request, (m) => {
      checkEngineMessage(request, m)
      if (m.kind === 'progress') onProgress?.(m.progress)
      else reply = m
    })
    if (reply?.kind === 'error')
      throw Object.assign(new Error(reply.error.message), { engineName: reply.error.name })
    if (reply?.kind !== 'result') throw new Error('no answer')
    return reply.value as EngineResults[K]
  }
  return { handle, ask, nextId: () => id++ }
}

/** Every number in a result is a number (never NaN), recursively. */
function expectNoNaN(value: unknown, path = 'result'): void {
  if (typeof value === 'number') {
    expect(Number.isNaN(value), `${path} is NaN`).toBe(false)
  } else if (Array.isArray(value)) value.forEach((v, i) => expectNoNaN(v, `${path}[${i}]`))
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) expectNoNaN(v, `${path}.${k}`)
}

/** Deterministic positive values with a long right tail (no RNG: quantiles of an exponential). */
const positives = Array.from({ length: 60 }, (_, i) => -Math.log(1 - (i + 0.5) / 60) * 10)

describe('fit-all', () => {
  it('ranks applicable families by AIC with Akaike weights and explains the others with rows', async () => {
    const values: (number | string)[] = positives.map((v) => v.toFixed(4))
    values[16] = '-1.5'
    values[30] = '0'
    values[40] = '-2'
    values[5] = 'NA'
    const e = engine()
    await e.ask({ kind: 'import', path: csv('mixed.csv', 'x', values) })
    const all = await e.ask({ kind: 'fit-all', request: { column: 'x' } })
    const gamma = all.notApplicable.find((n) => n.dist === 'gamma')!
    expect(gamma.reason).toMatch(/^gamma needs x > 0: 3 values <= 0, first at row 17 \(-1\.5\)/)
    expect(all.notApplicable.find((n) => n.dist === 'poisson')!.reason).toMatch(
      /whole numbers.*first at row 1 /,
    )
    expect(all.notApplicable.find((n) => n.dist === 'binomial')!.reason).toMatch(/trials/)
    expect(all.fits.map((f) => f.dist)).toContain('normal')
    expect(all.fits.map((f) => f.dist)).not.toContain('gamma')
    const weights = all.ranking.map((r) => r.akaikeWeight)
    expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12)
    expect(all.ranking[0].deltaAic).toBe(0)
    for (let i = 1; i < all.ranking.length; i++)
      expect(all.ranking[i].aic).toBeGreaterThanOrEqual(all.ranking[i - 1].aic)
    expect(all.fits.map((f) => f.dist)).toEqual(all.ranking.map((r) => r.dist))
    expectNoNaN(all)
  })

  it('fits discrete families on counts, binomial only with trials', async () => {
    const counts = [0, 1, 1, 2, 2, 2, 3, 3, 4, 5, 2, 1, 0, 3, 2, 6, 1, 2, 3, 2]
    const e = engine()
    await e.ask({ kind: 'import', path: csv('counts.csv', 'k', counts) })
    const without = await e.ask({ kind: 'fit-all', request: { column: 'k' } })
    expect(without.fits.map((f) => f.dist)).toEqual(
      expect.arrayContaining(['poisson', 'geometric', 'negative_binomial']),
    )
    expect(without.fits.map((f) => f.dist)).not.toContain('binomial')
    const withTrials = await e.ask({ kind: 'fit-all', request: { column: 'k', trials: 10 } })
    const binomial = withTrials.fits.find((f) => f.dist === 'binomial')!
    expect(binomial.params.p).toBeCloseTo(counts.reduce((s, v) => s + v, 0) / counts.length / 10, 12)
    expect(binomial.trials).toBe(10)
    // One bar per integer value, density = observed frequency.
    expect(binomial.histogram.map((b) => b.count)).toEqual([2, 4, 7, 4, 1, 1, 1])
    expect(binomial.density.x).toEqual([0, 1, 2, 3, 4, 5, 6])
  })

  it('fits exactly the families the user chose (`only`), opt-in ones included, and names an unknown one', async () => {
    const e = engine()
    await e.ask({ kind: 'import', path: csv('only.csv', 'x', positives) })
    const only = ['gamma', 'normal', 'poisson', 'lognormal3']
    const all = await e.ask({ kind: 'fit-all', request: { column: 'x', only } })
    expect(all.fits.map((f) => f.dist).sort()).toEqual(['gamma', 'lognormal3', 'normal'])
    expect(all.notApplicable.map((n) => n.dist)).toEqual(['poisson'])
    expect(all.ranking.map((r) => r.dist).sort()).toEqual(['gamma', 'lognormal3', 'normal'])
    await expect(
      e.ask({ kind: 'fit-all', request: { column: 'x', only: ['gamma', 'nope'] } }),
    ).rejects.toThrow(/Unknown distribution "nope"/)
  })
})

describe('fit requests', () => {
  it('streams coalesced progress with trace points, then the result', async () => {
    const e = engine()
    await e.ask({ kind: 'import', path: csv('pos.csv', 'x', positives) })
    const progress: Progress[] = []
    const fit = await e.ask(
      { kind: 'fit', request: { column: 'x', dist: 'weibull', method: 'lbfgs' } },
      (p) => progress.push(p),
    )
    expect(progress.length).toBeGreaterThan(0)
    expect(progress.every((p) => p.task === 'fit' && p.dist === 'weibull')).toBe(true)
    const streamed = progress.flatMap((p) => p.trace ?? [])
    expect(streamed[0].iteration).toBe(0)
    expect(streamed.at(-1)!.iteration).toBe(fit.trace.at(-1)!.iteration)
    expect(fit.startParams.shape).toBeGreaterThan(0)
    expect(fit.startDensity.y).toHaveLength(fit.density.x.length)
  })

  it('coalesces progress to about 20 events a second however many epochs run', async () => {
    const big = Array.from({ length: 50_000 }, (_, i) => (1 + (i % 997)) / 100)
    const e = engine()
    await e.ask({ kind: 'import', path: csv('coalesce.csv', 'x', big) })
    const progress: Progress[] = []
    const started = performance.now()
    const fit = await e.ask(
      {
        kind: 'fit',
        request: {
          column: 'x',
          dist: 'gamma',
          method: 'gradient',
          options: { maxIterations: 3000, patience: 0, tolerance: 0 },
        },
      },
      (p) => progress.push(p),
    )
    const seconds = (performance.now() - started) / 1000
    expect(fit.iterations).toBe(3000)
    // At most one event per 50 ms, plus the final flush.
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(seconds * 20) + 2)
    expect(progress.length).toBeGreaterThan(0)
    // Each event carries at most 100 points (the chart needs the shape, not every epoch).
    expect(Math.max(...progress.map((p) => p.trace?.length ?? 0))).toBeLessThanOrEqual(100)
    expect(progress.at(-1)!.trace!.at(-1)!.iteration).toBe(3000)
  })

  it('binomial without trials, unknown families and columns are plain errors', async () => {
    const e = engine()
    await e.ask({ kind: 'import', path: csv('k.csv', 'k', [1, 2, 3]) })
    await expect(e.ask({ kind: 'fit', request: { column: 'k', dist: 'binomial' } })).rejects.toThrow(
      /needs the number of trials/,
    )
    await expect(
      e.ask({ kind: 'fit', request: { column: 'k', dist: 'binomial', trials: 2 } }),
    ).rejects.toThrow(/binomial needs whole numbers 0\.\.2: 1 value outside it, first at row 3/)
    await expect(e.ask({ kind: 'fit', request: { column: 'k', dist: 'nope' } })).rejects.toThrow(
      /Unknown distribution "nope"/,
    )
    await expect(e.ask({ kind: 'fit', request: { column: 'y', dist: 'normal' } })).rejects.toThrow(
      /Column "y" is not in/,
    )
  })

  it('a cancel request stops a long fit with CancelledError', async () => {
    const big = Array.from({ length: 200_000 }, (_, i) => (1 + (i % 997)) / 100)
    const e = engine()
    await e.ask({ kind: 'import', path: csv('big.csv', 'x', big) })
    const id = e.nextId()
    let reply: EngineMessage | undefined
    const running = e.handle(
      {
        id,
        kind: 'fit',
        request: {
          column: 'x',
          dist: 'gamma',
          method: 'gradient',
          options: { maxIterations: 1_000_000, patience: 0, tolerance: 0 },
        },
      },
      (m) => {
        if (m.kind !== 'progress') reply = m
      },
    )
    await new Promise((r) => setTimeout(r, 300))
    await e.handle({ id: e.nextId(), kind: 'cancel', target: id }, () => undefined)
    await running
    expect(reply?.kind).toBe('error')
    expect(reply?.kind === 'error' && reply.error.name).toBe('CancelledError')
  })
})

describe('chart requests', () => {
  it('a histogram request bins the data the fit used, as the fit with those bins would', async () => {
    const e = engine()
    await e.ask({ kind: 'import', path: csv('pos3.csv', 'x', positives) })
    const coarse: FitResult = await e.ask({ kind: 'fit', request: { column: 'x', dist: 'gamma', bins: 5 } })
    const fine: FitResult = await e.ask({
      kind: 'fit',
      request: { column: 'x', dist: 'gamma', bins: 'scott' },
    })
    const rebinned = await e.ask({
      kind: 'histogram',
      request: { column: 'x', dist: 'gamma', params: coarse.params, bins: 'scott' },
    })
    expect(coarse.histogram).toHaveLength(5)
    expect(rebinned).toEqual(fine.histogram)
  })

  it('diagnostics, likelihood grid and evaluate agree with the fit', async () => {
    const e = engine()
    await e.ask({ kind: 'import', path: csv('pos2.csv', 'x', positives) })
    const fit: FitResult = await e.ask({ kind: 'fit', request: { column: 'x', dist: 'gamma' } })
    const d = await e.ask({
      kind: 'diagnostics',
      request: { column: 'x', dist: 'gamma', params: fit.params },
    })
    expect(d.cdf.x.length).toBe(60)
    expect(d.qq.sample.length).toBe(60)
    for (let i = 1; i < 60; i++) expect(d.pp.theoretical[i]).toBeGreaterThanOrEqual(d.pp.theoretical[i - 1])
    const ev = await e.ask({ kind: 'evaluate', request: { column: 'x', dist: 'gamma', params: fit.params } })
    expect(ev.logLikelihood).toBeCloseTo(fit.logLikelihood, 9)
    const grid = await e.ask({
      kind: 'likelihood-grid',
      request: {
        column: 'x',
        dist: 'gamma',
        params: fit.params,
        axes: [
          { name: 'shape', min: fit.params.shape * 0.5, max: fit.params.shape * 1.5, steps: 21 },
          { name: 'rate', min: fit.params.rate * 0.5, max: fit.params.rate * 1.5, steps: 11 },
        ],
      },
    })
    expect(grid.z.length).toBe(11)
    expect(grid.z[0].length).toBe(21)
    // The centre cell is the MLE: no cell is higher.
    const top = Math.max(...grid.z.flat())
    expect(grid.z[5][10]).toBe(top)
    await expect(
      e.ask({ kind: 'evaluate', request: { column: 'x', dist: 'gamma', params: { shape: 1 } } }),
    ).rejects.toThrow(/needs a finite value for parameter "rate"/)
  })
})

describe('degenerate data: a clear message or the correct degenerate answer, never NaN', () => {
  const cases: [string, number[], string, RegExp | null][] = [
    ['n = 1, normal', [4.2], 'normal', /constant \(every value is 4\.2, n = 1\)/],
    ['constant column, gamma', [3, 3, 3, 3], 'gamma', /constant \(every value is 3\)/],
    ['constant column, weibull', [3, 3, 3, 3], 'weibull', /constant/],
    ['all zeros, poisson', [0, 0, 0, 0, 0], 'poisson', null],
    ['all zeros, geometric', [0, 0, 0], 'geometric', null],
    ['values near 1e300, normal', [1e300, 2e300, 3e300, 5e300], 'normal', null],
    ['values near 1e-300, gamma', [1e-300, 2e-300, 3e-300, 7e-300], 'gamma', null],
    ['values near 1e-300, lognormal', [1e-300, 2e-300, 3e-300, 7e-300], 'lognormal', null],
    ['values near 1e300, exponential', [1e300, 2e300, 3e300], 'exponential', null],
    ['values near 1e300, weibull', [1e300, 2e300, 3e300, 5e300], 'weibull', null],
  ]
  for (const [name, values, dist, message] of cases) {
    it(name, async () => {
      const e = engine()
      await e.ask({ kind: 'import', path: csv(`${dist}-${values.length}-${values[0]}.csv`, 'x', values) })
      let result: FitResult
      try {
        result = await e.ask({ kind: 'fit', request: { column: 'x', dist } })
      } catch (err) {
        expect((err as { engineName?: string }).engineName).toBe('FitError')
        expect((err as Error).message).toMatch(message ?? /no finite maximum-likelihood fit|needs/)
        return
      }
      expect(message, `expected an error for ${name}`).toBeNull()
      expectNoNaN(result)
      expect(Number.isFinite(result.logLikelihood)).toBe(true)
      if (dist === 'poisson') expect(result.params.lambda).toBe(0)
      if (dist === 'geometric') expect(result.params.p).toBe(1)
    })
  }
})

describe('import', () => {
  it("answers with the first numeric column's summary, the same as the summary request's", async () => {
    const e = engine()
    const path = join(dir, 'first-numeric.csv')
    writeFileSync(path, 'name,x,y\na,1.5,7\nb,NA,8\nc,-2.25,9\nd,4,10\n')
    const info = await e.ask({ kind: 'import', path })
    const asked = await e.ask({ kind: 'summary', request: { column: 'x' } })
    expect(info.firstSummary).toEqual(asked)
    expect(asked).toMatchObject({ column: 'x', n: 3, min: -2.25, max: 4, integer: false })
  })

  it('answers without a summary when no column is numeric', async () => {
    const e = engine()
    const info = await e.ask({ kind: 'import', path: csv('words.csv', 'w', ['a', 'b', 'c']) })
    expect(info.firstSummary).toBeUndefined()
  })

  it('answers without it for an engine that never shows it (the CLI), the summary request unchanged', async () => {
    const e = engine({ firstSummary: false })
    const info = await e.ask({ kind: 'import', path: csv('plain.csv', 'x', [1.5, -2.25, 4]) })
    expect(info.firstSummary).toBeUndefined()
    expect(await e.ask({ kind: 'summary', request: { column: 'x' } })).toMatchObject({ n: 3, max: 4 })
  })
})
