import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { EngineMessage, EngineRequest, FitResult, PercentileTable } from '../../src-shared/contract'
import { percentilesRequest } from '../../src-shared/fit-requests'
import { checkEngineMessage } from '../../test/helpers/contract-check'
import { createRequestHandler } from './handle-request'

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

describe('percentiles request (model:get-percentiles)', () => {
  it("answers the fit's percentile table within the contract, from the fit's covariance", async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'mle-pct-')), 'x.csv')
    const values = Array.from({ length: 80 }, (_, i) => (-Math.log(1 - (i + 0.5) / 80) * 10).toFixed(4))
    writeFileSync(path, `x\n${values.join('\n')}\n`)
    const handle = createRequestHandler()
    await ask(handle, { id: 1, kind: 'import', path })
    const fit = (await ask(handle, {
      id: 2,
      kind: 'fit',
      request: { column: 'x', dist: 'gamma' },
    })) as FitResult
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
})
