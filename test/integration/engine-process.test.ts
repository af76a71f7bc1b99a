import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { EngineHost, type EngineChild } from '../../src-main/core/engine-host'
import { nodeEngineFork } from '../../src-main/core/node-engine-fork'
import { referenceDataPath } from '../helpers/reference'

/** The built engine bundle: `npm test` builds before this stage. */
const ENGINE = join(__dirname, '../../out/main/engine.js')

let hosts: EngineHost[] = []
let children: EngineChild[] = []

function startHost(): EngineHost {
  const fork = nodeEngineFork(ENGINE)
  const host = new EngineHost({
    fork: () => {
      const child = fork()
      children.push(child)
      return child
    },
    timeoutMs: 20_000,
  })
  hosts.push(host)
  return host
}

beforeAll(() => {
  if (!existsSync(ENGINE)) throw new Error(`${ENGINE} is missing: run \`npm run build\` first.`)
})

afterEach(() => {
  for (const h of hosts) h.dispose()
  hosts = []
  children = []
})

describe('the built engine in a real child process, through EngineHost', () => {
  it.runIf(process.platform === 'linux')(
    "runs with glibc's malloc asked for huge pages, and imports as always",
    async () => {
      const host = startHost()
      const dataset = await host.call({ kind: 'import', path: referenceDataPath('faithful.csv') })
      expect(dataset.rows).toBe(272)
      const environ = readFileSync(`/proc/${children[0].pid}/environ`, 'utf8').split('\0')
      expect(environ.find((v) => v.startsWith('GLIBC_TUNABLES='))).toMatch(/glibc\.malloc\.hugetlb=1/)
    },
  )
  it('imports a CSV, summarizes a column and fits the normal by its closed form', async () => {
    const host = startHost()
    const dataset = await host.call({ kind: 'import', path: referenceDataPath('faithful.csv') })
    expect(dataset.rows).toBe(272)
    expect(dataset.columns.map((c) => [c.name, c.numeric])).toEqual([
      ['eruptions', true],
      ['waiting', true],
    ])
    const summary = await host.call({ kind: 'summary', request: { column: 'eruptions' } })
    expect(summary.n).toBe(272)
    expect(summary.mean).toBeCloseTo(3.4877830882352936, 13)

    const fit = await host.call({ kind: 'fit', request: { column: 'eruptions', dist: 'normal' } })
    // Closed form: sigma divides by n (independently computed in Python).
    expect(fit.params.mu).toBeCloseTo(3.4877830882352936, 13)
    expect(fit.params.sigma).toBeCloseTo(1.1392712102257678, 13)
    expect(fit.logLikelihood).toBeCloseTo(-421.41702612, 6)
    expect(fit.density.x.length).toBe(200)
    expect(fit.histogram.reduce((s, b) => s + b.count, 0)).toBe(272)
  })

  it('reports an engine error for one request and keeps answering others', async () => {
    const host = startHost()
    const dir = mkdtempSync(join(tmpdir(), 'mle-int-'))
    const empty = join(dir, 'empty.csv')
    writeFileSync(empty, '')
    await expect(host.call({ kind: 'import', path: empty })).rejects.toMatchObject({
      name: 'ImportError',
      message: expect.stringMatching(/empty/) as unknown,
    })
    await expect(host.call({ kind: 'summary', request: { column: 'x' } })).rejects.toMatchObject({
      name: 'RequestError',
    })
    const list = await host.call({ kind: 'distributions' })
    expect(list.map((d) => d.id)).toContain('normal')
  })

  it('notices a killed engine, fails its request, and starts a new one on the next request', async () => {
    const host = startHost()
    await host.call({ kind: 'distributions' })
    const pending = host.call({ kind: 'import', path: referenceDataPath('rivers.csv') })
    // SIGKILL from outside, as a crash would be: the engine gets no chance to answer.
    process.kill(children[0].pid!, 'SIGKILL')
    await expect(pending).rejects.toMatchObject({ name: 'EngineCrashed' })
    const again = await host.call({ kind: 'import', path: referenceDataPath('rivers.csv') })
    expect(again.rows).toBe(141)
    expect(host.generation).toBe(2)
    expect(children[1].pid).not.toBe(children[0].pid)
  })
})
