import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { EngineMessage, EngineRequestBody, EngineResults, FitResult } from '../../../src-shared/contract'
import { checkEngineMessage } from '../../../test/helpers/contract-check'
import { createRequestHandler } from '../handle-request'
import reference from './fixtures/group-reference.json'

const fixtures = join(__dirname, 'fixtures')
const dir = mkdtempSync(join(tmpdir(), 'mle-groups-'))

function csvFile(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

/** A real request handler and a helper that sends one request and returns its answer (checked against the contract). */
function engine() {
  const handle = createRequestHandler()
  let id = 1
  return async function ask<K extends keyof EngineResults>(body: EngineRequestBody & { kind: K }) {
    let reply: EngineMessage | undefined
    const request = { ...body, id: id++ }
    await handle(request, (m) => {
      checkEngineMessage(request, m)
      if (m.kind !== 'progress') reply = m
    })
    if (reply?.kind === 'error') throw new Error(reply.error.message)
    if (reply?.kind !== 'result') throw new Error('no answer')
    return reply.value as EngineResults[K]
  }
}

/** The numbers of a fit, without its timing (identical fits differ only in `seconds`). */
function numbers(f: FitResult) {
  const { seconds: _s, column: _c, trace: _t, ...rest } = f
  return rest
}

describe('fit-groups against fitdistrplus (R)', () => {
  for (const ref of reference) {
    it(`${ref.dist} on ${ref.dataset}: group and pooled log-likelihoods and the LR test`, async () => {
      const ask = engine()
      await ask({ kind: 'import', path: join(fixtures, ref.dataset) })
      const [column, by] = ref.dataset === 'iris.csv' ? ['Sepal.Length', 'Species'] : ['breaks', 'tension']
      const result = await ask({ kind: 'fit-groups', request: { column, by, dists: [ref.dist] } })
      const groups = Object.entries(ref.groups as unknown as Record<string, { loglik: number }>)
      expect(result.groups.map((g) => g.group)).toEqual(groups.map(([name]) => name))
      for (const [name, g] of groups) {
        const fit = result.groups.find((r) => r.group === name)!.fits[0]
        expect(fit.converged).toBe(true)
        // Ours is the exact maximum; R's Nelder-Mead stops a little below it.
        expect(fit.logLikelihood).toBeGreaterThanOrEqual(g.loglik - 1e-7)
        expect(fit.logLikelihood).toBeCloseTo(g.loglik, 5)
      }
      expect(result.pooled.fits[0].logLikelihood).toBeCloseTo(ref.pooled.loglik, 5)
      const test = result.tests[0]
      expect(test.df).toBe(ref.df)
      expect(test.statistic).toBeCloseTo(ref.statistic, 4)
      expect(test.pValue! / ref.pValue).toBeCloseTo(1, 3)
      expect(test.note).toMatch(ref.pValue < 0.05 ? /groups differ/ : /No evidence/)
    })
  }
})

describe('each group fit is the fit of its rows alone', () => {
  const rows = [
    'x,site,w',
    '2.1,b2,1',
    '3.4,b10,2',
    '1.7,b2,3',
    '5.2,b10,1',
    '2.9,b2,1',
    '4.4,b10,4',
    '3.3,b2,2',
    '6.1,b10,1',
    '0.4,b2,1',
    '3.8,b10,2',
    '9.9,b2,1',
  ]
  const subset = (site: string) =>
    [
      'x,w',
      ...rows
        .slice(1)
        .filter((r) => r.split(',')[1] === site)
        .map((r) =>
          r
            .split(',')
            .filter((_, i) => i !== 1)
            .join(','),
        ),
    ].join('\n')

  it('exactly, with weights and a value range, groups in natural order', async () => {
    const ask = engine()
    await ask({ kind: 'import', path: csvFile('groups.csv', rows.join('\n')) })
    const request = { column: 'x', by: 'site', dists: ['gamma', 'normal'], weights: 'w', range: { max: 9 } }
    const result = await ask({ kind: 'fit-groups', request })
    expect(result.groups.map((g) => g.group)).toEqual(['b2', 'b10'])
    expect(result.exclusions).toEqual([{ rule: 'values of "x" above 9', rows: 1, range: { max: 9 } }])
    for (const g of result.groups) {
      const alone = engine()
      await alone({ kind: 'import', path: csvFile(`${g.group}.csv`, subset(g.group)) })
      for (const fit of g.fits) {
        const own = await alone({
          kind: 'fit',
          request: { column: 'x', dist: fit.dist, weights: 'w', range: { max: 9 } },
        })
        const { exclusions: _e, ...ownNumbers } = numbers(own)
        const { exclusions: _g, ...groupNumbers } = numbers(fit)
        expect(groupNumbers).toEqual(ownNumbers)
      }
    }
    expect(result.groups[0].data).toEqual({ rows: 6, used: 5, total: 8 })
  })
})

describe('bad input is a clear message or a note', () => {
  it('refuses a By column with 10,000 distinct values, and the fitted column itself', async () => {
    const ask = engine()
    const lines = ['x,id,n']
    for (let i = 0; i < 10_000; i++) lines.push(`${(i % 97) / 10},id${i},${i}`)
    await ask({ kind: 'import', path: csvFile('ids.csv', lines.join('\n')) })
    await expect(
      ask({ kind: 'fit-groups', request: { column: 'x', by: 'id', dists: ['normal'] } }),
    ).rejects.toThrow(/"id" has more than 1,000 distinct values: a By column may have at most 50/)
    await expect(
      ask({ kind: 'fit-groups', request: { column: 'x', by: 'n', dists: ['normal'] } }),
    ).rejects.toThrow(/"n" has more than 50 distinct values/)
    await expect(
      ask({ kind: 'fit-groups', request: { column: 'x', by: 'x', dists: ['normal'] } }),
    ).rejects.toThrow(/is the column being fitted/)
    // The dataset stays usable.
    expect((await ask({ kind: 'fit', request: { column: 'x', dist: 'normal' } })).converged).toBe(true)
  })

  it('skips an empty or one-value group with a note and tests the others', async () => {
    const ask = engine()
    const text = 'x,g\n1,a\n2,a\n3,a\n4,b\n6,b\n5,b\n,c\n,c\n7,d\n8,'
    await ask({ kind: 'import', path: csvFile('small.csv', text) })
    const r = await ask({ kind: 'fit-groups', request: { column: 'x', by: 'g', dists: ['normal'] } })
    expect(r.groups.map((g) => g.group)).toEqual(['a', 'b'])
    expect(r.skipped.map((s) => s.group)).toEqual(['c', 'd'])
    expect(r.skipped[0].reason).toMatch(/no values to fit/)
    expect(r.skipped[1].reason).toMatch(/only 1 value/)
    expect(r.exclusions).toEqual([{ rule: 'rows with no value in "g"', rows: 1 }])
    expect(r.pooled.data.used).toBe(6)
    expect(r.tests[0]).toMatchObject({ df: 2, groups: ['a', 'b'] })
  })

  it('leaves a group out of the test when its family cannot be fitted there, refitting the pool', async () => {
    const ask = engine()
    await ask({
      kind: 'import',
      path: csvFile('support.csv', 'x,g\n1,a\n2,a\n3,a\n2,b\n4,b\n5,b\n3,c\n3,c\n3,c'),
    })
    const r = await ask({ kind: 'fit-groups', request: { column: 'x', by: 'g', dists: ['normal'] } })
    expect(r.groups.find((g) => g.group === 'c')!.notApplicable).toHaveLength(1)
    const test = r.tests[0]
    expect(test).toMatchObject({ groups: ['a', 'b'], df: 2 })
    expect(test.note).toMatch(/Left out .*"c"/)
    // The pool of a and b alone: mean 17/6, and its log-likelihood is what the statistic compares with.
    const ab = r.groups.filter((g) => g.group !== 'c').reduce((s, g) => s + g.fits[0].logLikelihood, 0)
    expect(test.separateLogLikelihood).toBeCloseTo(ab, 12)
    expect(test.pooledLogLikelihood).not.toBeCloseTo(r.pooled.fits[0].logLikelihood, 3)
    const s2 = [1, 2, 3, 2, 4, 5].reduce((s, x) => s + (x - 17 / 6) ** 2, 0) / 6
    expect(test.pooledLogLikelihood).toBeCloseTo(-3 * Math.log(2 * Math.PI * s2) - 3, 10)
  })
})

describe('exclusion rules by rows and by category', () => {
  it('count what each removed, in order, and refuse rules that exclude nothing', async () => {
    const ask = engine()
    await ask({ kind: 'import', path: csvFile('ex.csv', 'x,g\n1,a\n2,b\n3,a\n4,b\n5,a\n,b\n7,a\n8,b') })
    const fit = await ask({
      kind: 'fit',
      request: {
        column: 'x',
        dist: 'normal',
        exclude: [
          { kind: 'rows', rows: [[2, 3]] },
          { kind: 'category', column: 'g', value: 'b' },
        ],
      },
    })
    expect(fit.n).toBe(3)
    expect(fit.exclusions!.map(({ rule, rows }) => ({ rule, rows }))).toEqual([
      { rule: 'rows 2-3', rows: 2 },
      { rule: 'rows where "g" is "b"', rows: 2 },
    ])
    const bad = (exclude: NonNullable<EngineResults['fit']['exclusions']>[number]['exclude'][]) =>
      ask({ kind: 'fit', request: { column: 'x', dist: 'normal', exclude: exclude as never } })
    await expect(bad([{ kind: 'rows', rows: [[9, 9]] }])).rejects.toThrow(/data have 8 rows/)
    await expect(bad([{ kind: 'category', column: 'g', value: 'z' }])).rejects.toThrow(
      /no value "z".*"a", "b"/,
    )
    await expect(bad([{ kind: 'category', column: 'x', value: '6' }])).rejects.toThrow(
      /no row with the value 6/,
    )
  })
})
