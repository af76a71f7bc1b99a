import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { EngineHost } from '../../src-main/core/engine-host'
import { nodeEngineFork } from '../../src-main/core/node-engine-fork'
import { referenceDataPath } from '../helpers/reference'

/** The built engine bundle: `npm test` builds before this stage. */
const ENGINE = join(__dirname, '../../out/main/engine.js')
const reference = JSON.parse(
  readFileSync(join(__dirname, '../../src-main/engine/distributions/fixtures/normal-mixture.json'), 'utf8'),
) as { cases: { fit: { components: number; logLikelihood: number; params: Record<string, number> } }[] }

let hosts: EngineHost[] = []
afterEach(() => {
  for (const h of hosts) h.dispose()
  hosts = []
})
function startHost(): EngineHost {
  const host = new EngineHost({ fork: nodeEngineFork(ENGINE), timeoutMs: 120_000 })
  hosts.push(host)
  return host
}

describe('normal_mixture and the threshold choice in the built engine process', () => {
  it('fits K = 3 to R’s optimum, draws each component, and charts ask with the fit’s components', async () => {
    const host = startHost()
    await host.call({ kind: 'import', path: referenceDataPath('faithful.csv') })
    const three = reference.cases.find((c) => c.fit.components === 3)!.fit
    const fit = await host.call({
      kind: 'fit',
      request: { column: 'eruptions', dist: 'normal_mixture', components: 3 },
    })
    expect(fit.converged).toBe(true)
    expect(fit.components).toBe(3)
    expect(Math.abs(fit.logLikelihood / three.logLikelihood - 1)).toBeLessThan(1e-9)
    expect(fit.densityParts).toHaveLength(3)
    // A chart request for the fit's parameters evaluates the same likelihood (w3 filled in from the others).
    const { w3: _w3, ...params } = fit.params
    const ev = await host.call({
      kind: 'evaluate',
      request: { column: 'eruptions', dist: 'normal_mixture', components: 3, params },
    })
    expect(ev.logLikelihood).toBeCloseTo(fit.logLikelihood, 9)
  })

  it('answers the threshold choice with one stability point per candidate', async () => {
    const host = startHost()
    await host.call({ kind: 'import', path: referenceDataPath('faithful.csv') })
    const choice = await host.call({
      kind: 'threshold-choice',
      request: { column: 'waiting', dist: 'gpd', candidates: 8 },
    })
    expect(choice.meanExcess).toHaveLength(8)
    expect(choice.meanExcess[0].n).toBe(271)
    expect(choice.stability.length).toBeGreaterThan(0)
  })
})
