import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { RegressionRequest } from '../../../src-shared/contract'
import { RequestError } from '../errors'
import { importFile } from '../import/import-file'
import { buildDesign } from './design'
import { fitRegression } from './fit-regression'
import { indicatorCoded } from './terms'

const dir = mkdtempSync(join(tmpdir(), 'terms-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const CSV = 'y,site,x,n\n1,B,2,3\n2,A,3,4\n3,,4,5\n4,C,5,6\n5,A,6,2\n6,B,7,9\n7,C,1,1\n8,A,2,0\n9,B,5,4\n'

async function dataset() {
  const path = join(dir, 'd.csv')
  writeFileSync(path, CSV)
  return importFile(path, { settings: {} })
}

const request = (over: Partial<RegressionRequest>): RegressionRequest => ({
  model: 'linear',
  response: 'y',
  predictors: ['site', 'x'],
  ...over,
})

describe('text predictors and interactions', () => {
  it('codes a text column by treatment against its first level and drops rows with a missing level', async () => {
    const d = buildDesign(await dataset(), request({}))
    expect(d.names).toEqual(['(Intercept)', 'site = B', 'site = C', 'x'])
    expect(d.n).toBe(8)
    expect(d.missing).toBe(1)
    // Row 1 (site B, x 2): the intercept's 1 is implicit.
    expect(d.intercept).toBe(true)
    expect(d.columns.map((c) => c[0])).toEqual([1, 0, 2])
    expect(d.terms.map((t) => [t.name, t.columns])).toEqual([
      ['site', [1, 2]],
      ['x', [3]],
    ])
  })

  it('takes the chosen reference level and names interaction columns by their parts', async () => {
    const d = buildDesign(
      await dataset(),
      request({ predictors: ['site', 'x', 'site:x'], reference: { site: 'B' } }),
    )
    expect(d.names).toEqual(['(Intercept)', 'site = A', 'site = C', 'x', 'site = A:x', 'site = C:x'])
    expect(d.factors).toEqual([{ column: 'site', reference: 'B', levels: ['A', 'B', 'C'] }])
  })

  it('says what is wrong with a reference level, a repeated term or a reference for a numeric column', async () => {
    const ds = await dataset()
    expect(() => buildDesign(ds, request({ reference: { site: 'Z' } }))).toThrow(
      /"Z" is not a level of "site" \(levels: "A", "B", "C"\)/,
    )
    expect(() => buildDesign(ds, request({ predictors: ['x', 'site:x', 'x:site'] }))).toThrow(/listed twice/)
    expect(() => buildDesign(ds, request({ reference: { x: '2' } }))).toThrow(RequestError)
    expect(() => buildDesign(ds, request({ predictors: ['y:x'] }))).toThrow(/is the response/)
  })

  it('reports terms inside an interaction as not tested and tests the interaction', async () => {
    const r = await fitRegression(await dataset(), request({ predictors: ['x', 'n', 'x:n'] }))
    expect(r.termTests!.map((t) => [t.term, t.containedIn])).toEqual([
      ['x', 'x:n'],
      ['n', 'x:n'],
      ['x:n', null],
    ])
    expect(Number.isNaN(r.termTests![0].pValue)).toBe(true)
    expect(r.termTests![2].pValue).toBeGreaterThan(0)
  })
})

describe('indicatorCoded (R coding rule)', () => {
  const factors = new Set(['g', 'h'])
  const isFactor = (name: string) => factors.has(name)
  it.each([
    // [terms, intercept, every level per term and part]
    [[['g'], ['x']], true, [[false], [false]]],
    [[['g', 'x']], true, [[true, false]]],
    [[['x'], ['g', 'x']], true, [[false], [false, false]]],
    [[['g', 'x'], ['x']], true, [[false, false], [false]]],
    [[['g'], ['g', 'h']], true, [[false], [true, false]]],
    [[['g', 'h']], true, [[true, true]]],
    [[['h'], ['g']], false, [[true], [false]]],
    [[['x'], ['g', 'x'], ['h']], false, [[false], [false, false], [true]]],
  ])('%j with intercept %s', (terms, intercept, expected) => {
    expect(indicatorCoded(terms, intercept, isFactor)).toEqual(expected)
  })
})
