import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { EngineMessage, EngineRequest, FitResult, PercentileTable } from '../../src-shared/contract'
import { percentilesRequest } from '../../src-shared/fit-requests'
import { checkEngineMessage } from '../../test/helpers/contract-check'
import { createRequestHandler } from './handle-request'
import moreFixture from './inference/fixtures/percentile-profiles-more.json'

/** R's right-censored Weibull case: exact and right-censored times, and its profile intervals. */
const more = moreFixture as unknown as {
  cases: {
    right?: number[]
    exact?: number[]
    logLik: number
    percentiles: { p: number; profile95: [number, number] }[]
    exceedances: { x: number; profile95: [number, number] }[]
  }[]
}

/** One request through the handler; its answer checked against the contract's result schema. */
async function ask(
  handle: ReturnType<typeof createRequestHandler>,
  request: EngineRequest,
): Promise<unknown> {
  let reply: EngineMessage | undefined
  await handle(request, (m) => {
    checkEngineMessage(request, m)
    if (m.kind !== 'progress') reply = m
  })
  if (reply?.kind === 'error') throw new Error(reply.error.message)
  if (reply?.kind !== 'result') throw new Error('no answer')
  return reply.value
}

/** A handler that imported `values` as column x and fitted `dist` to them (request ids 1 and 2). */
async function fitted(values: string[], dist: string) {
  const path = join(mkdtempSync(join(tmpdir(), 'mle-pct-')), 'x.csv')
  writeFileSync(path, `x\n${values.join('\n')}\n`)
  const handle = createRequestHandler()
  await ask(handle, { id: 1, kind: 'import', path })
  const fit = (await ask(handle, { id: 2, kind: 'fit', request: { column: 'x', dist } })) as FitResult
  return { handle, fit }
}

/** n exponential(10) quantiles, as text. */
const exponential = (n: number) =>
  Array.from({ length: n }, (_, i) => (-Math.log(1 - (i + 0.5) / n) * 10).toFixed(4))

describe('percentiles request (model:get-percentiles)', () => {
  it("answers the fit's percentile table within the contract, from the fit's covariance", async () => {
    const { handle, fit } = await fitted(exponential(80), 'gamma')
    const table = (await ask(handle, {
      id: 3,
      kind: 'percentiles',
      request: percentilesRequest(fit, [0.5, 0.99], [20]),
    })) as PercentileTable
    expect(table.percentiles.map((r) => r.method)).toEqual(['delta', 'delta'])
    expect(table.percentiles[1].ci95![0]).toBeLessThan(table.percentiles[1].estimate)
    expect(table.exceedances[0].estimate).toBeGreaterThan(0)
    // A fit that is not at a confirmed maximum gets no intervals.
    const doubtful = percentilesRequest({ ...fit, converged: false }, [0.5], [])
    expect(doubtful.covariance).toBeNull()
    const bare = (await ask(handle, { id: 4, kind: 'percentiles', request: doubtful })) as PercentileTable
    expect(bare.percentiles[0]).toMatchObject({ ci95: null, method: 'none' })
  })

  it('gives the delta-method table at once with profiles: false, and profile intervals with progress otherwise', async () => {
    const { handle, fit } = await fitted(exponential(80), 'weibull')
    const request = percentilesRequest(fit, [0.1, 0.9], [5])
    const quick = (await ask(handle, {
      id: 3,
      kind: 'percentiles',
      request: { ...request, profiles: false },
    })) as PercentileTable
    expect([...quick.percentiles, ...quick.exceedances].map((r) => r.profile95)).toEqual([
      undefined,
      undefined,
      undefined,
    ])
    expect(quick.note).not.toMatch(/[Pp]rofile/)
    // What the profile column would cost (80 values × 3 rows); the answer with it no longer says so.
    expect(quick.profileWork).toBe(240)
    const messages: string[] = []
    let full: PercentileTable | undefined
    await handle({ id: 4, kind: 'percentiles', request }, (m) => {
      checkEngineMessage({ id: 4, kind: 'percentiles', request }, m)
      if (m.kind === 'progress') messages.push(m.progress.message)
      if (m.kind === 'result') full = m.value as PercentileTable
    })
    expect(messages).toEqual([1, 2, 3].map((k) => `Profile intervals of percentiles: ${k} of 3`))
    expect(full!.percentiles.map((r) => r.estimate)).toEqual(quick.percentiles.map((r) => r.estimate))
    for (const r of [...full!.percentiles, ...full!.exceedances]) {
      expect(r.profile95![0]).toBeLessThan(r.estimate)
      expect(r.profile95![1]).toBeGreaterThan(r.estimate)
    }
    expect(full!.note).toMatch(/Profile-likelihood 95% intervals/)
    expect(full!.profileWork).toBeUndefined()
  })

  it('yields while a large profile table computes (another request is answered) and stops on cancel', async () => {
    // 20,000 Weibull(k = 1.5, scale 10) quantiles: the profile table takes seconds without a cancel.
    const n = 20_000
    const values = Array.from({ length: n }, (_, i) =>
      (10 * (-Math.log(1 - (i + 0.5) / n)) ** (1 / 1.5)).toFixed(6),
    )
    const { handle, fit } = await fitted(values, 'weibull')
    const request = percentilesRequest(fit, [0.01, 0.05, 0.1, 0.5, 0.9, 0.95, 0.99], [])
    const order: string[] = []
    let asked = false
    const other = (m: EngineMessage) => {
      order.push(`summary ${m.kind}`)
      // Answered in the middle of the table: now cancel it.
      void handle({ id: 6, kind: 'cancel', target: 3 }, () => undefined)
    }
    let reply: EngineMessage | undefined
    await handle({ id: 3, kind: 'percentiles', request }, (m) => {
      if (m.kind !== 'progress') {
        order.push(`percentiles ${m.kind}`)
        reply = m
      } else if (!asked) {
        asked = true
        // Runs only when the engine yields to the event loop, as a message from the transport would.
        setImmediate(() => void handle({ id: 5, kind: 'summary', request: { column: 'x' } }, other))
      }
    })
    expect(order).toEqual(['summary result', 'percentiles error'])
    expect(reply?.kind === 'error' && reply.error.name).toBe('CancelledError')
  })

  it("profiles a right-censored fit's percentiles on the censored likelihood (as R's, fixtures/make-percentile-profiles-more.R)", async () => {
    const weibull = more.cases.find((c) => c.right)!
    const rows = [...weibull.exact!.map((t) => `${t},1`), ...weibull.right!.map((t) => `${t},0`)]
    const path = join(mkdtempSync(join(tmpdir(), 'mle-pct-')), 'cens.csv')
    writeFileSync(path, `t,s\n${rows.join('\n')}\n`)
    const handle = createRequestHandler()
    await ask(handle, { id: 1, kind: 'import', path })
    const fitRequest = { column: 't', dist: 'weibull', censoring: { status: 's' } }
    const fit = (await ask(handle, { id: 2, kind: 'fit', request: fitRequest })) as FitResult
    expect(fit.logLikelihood).toBeCloseTo(weibull.logLik, 6)
    const probabilities = weibull.percentiles.map((r) => r.p)
    const exceed = weibull.exceedances.map((r) => r.x)
    const request = percentilesRequest(fit, probabilities, exceed)
    const table = (await ask(handle, { id: 3, kind: 'percentiles', request })) as PercentileTable
    const expected = [...weibull.percentiles, ...weibull.exceedances]
    // The engine's own maximum, not R's (they agree to ~1e-6): the ends agree to a few 1e-6 relative.
    ;[...table.percentiles, ...table.exceedances].forEach((row, i) => {
      const [lo, hi] = row.profile95!
      expect(Math.abs(lo / expected[i].profile95[0] - 1)).toBeLessThan(1e-4)
      expect(Math.abs(hi / expected[i].profile95[1] - 1)).toBeLessThan(1e-4)
    })
  })
})
