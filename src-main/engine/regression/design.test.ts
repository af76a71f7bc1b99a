import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { importFile } from '../import/import-file'
import { buildDesign, designColumns } from './design'
import { fitDesign } from './fit-regression'
import { subsetDesign } from './split'
import { glmMeans } from './glm-pass'
import { inMemoryDataset } from '../../../test/support/in-memory-dataset'

/** Columns of `rows` rows; when `gapAt` is given, that row of x2 is missing. */
function columns(rows: number, gapAt?: number): Record<string, Float64Array> {
  const x1 = Float64Array.from({ length: rows }, (_, i) => Math.sin(i) * 3)
  const x2 = Float64Array.from({ length: rows }, (_, i) => (i % 7) - 2.5)
  const b = Float64Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? 1 : 0))
  if (gapAt !== undefined) x2[gapAt] = NaN
  return { x1, x2, b }
}

describe('design matrix: the one-pass copy (no missing values) equals the two-pass path', () => {
  for (const intercept of [true, false]) {
    it(`intercept ${intercept}`, () => {
      const request = { model: 'logistic' as const, response: 'b', predictors: ['x1', 'x2'], intercept }
      const complete = buildDesign(inMemoryDataset(columns(500)), request)
      // Same rows plus one with a missing value at the end: the two-pass path drops just that row.
      const gapped = buildDesign(inMemoryDataset(columns(501, 500)), request)
      expect(complete.n).toBe(500)
      expect(gapped.n).toBe(500)
      expect(gapped.missing).toBe(1)
      expect(complete.columns.map((c) => Array.from(c))).toEqual(gapped.columns.map((c) => Array.from(c)))
      expect(Array.from(complete.y)).toEqual(Array.from(gapped.y))
      // Every row used: no row-number array (row i + 1); the two-pass path lists the same rows.
      expect(complete.rowNumbers).toBeNull()
      expect(Array.from(gapped.rowNumbers ?? [])).toEqual(Array.from({ length: 500 }, (_, i) => i + 1))
      expect(complete.p).toBe(intercept ? 3 : 2)
    })
  }
})

describe('fitted means equal the straightforward row loop', () => {
  it('logistic and Poisson', () => {
    const d = buildDesign(inMemoryDataset(columns(300)), {
      model: 'logistic',
      response: 'b',
      predictors: ['x1', 'x2'],
    })
    const beta = Float64Array.from([0.3, -0.7, 0.2])
    for (const family of ['logistic', 'poisson'] as const) {
      const mu = glmMeans(family, d, beta)
      for (let i = 0; i < d.n; i++) {
        let eta = 0
        for (let j = 0; j < d.p; j++) eta += (j === 0 ? 1 : d.columns[j - 1][i]) * beta[j]
        expect(mu[i]).toBe(family === 'logistic' ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta))
      }
    }
  })
})

describe('column-major design', () => {
  const dir = mkdtempSync(join(tmpdir(), 'design-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  /** CSV rows of a count model with a factor, a numeric predictor and an exposure; `gaps` blanks cells. */
  function csv(rows: number, gaps: boolean): string {
    const rand = lcg(4)
    const lines = ['y,g,x,t']
    for (let i = 0; i < rows; i++) {
      const g = ['a', 'b', 'c'][i % 3]
      const x = (rand() * 2 - 1).toFixed(4)
      const t = (0.5 + rand()).toFixed(3)
      const y = Math.floor(rand() * 4 + (g === 'b' ? 2 : 0))
      const gap = gaps && i % 10 === 3 ? i % 4 : -1 // every tenth row loses one cell (y, g, x or t)
      lines.push([y, g, x, t].map((v, k) => (k === gap ? '' : String(v))).join(','))
    }
    return lines.join('\n')
  }

  async function imported(name: string, text: string) {
    const path = join(dir, name)
    writeFileSync(path, text)
    return importFile(path, { settings: {} })
  }

  it('reads numeric columns without a copy when every row is complete', () => {
    const data = columns(200)
    const dataset = inMemoryDataset(data)
    const d = buildDesign(dataset, { model: 'linear', response: 'x1', predictors: ['x2'] })
    const column = (name: string) => dataset.columns.find((c) => c.info.name === name)?.values
    expect(d.columns[0]).toBe(column('x2'))
    expect(d.y).toBe(column('x1'))
    expect(designColumns(d)).toEqual([null, d.columns[0]])
  })

  it('drops incomplete rows from every column, dummy and interaction column and the offset alike', async () => {
    const rows = 90
    const full = csv(rows, true).split('\n')
    // The same data with the incomplete rows deleted from the file instead.
    const kept = full.filter((line, i) => i === 0 || !line.split(',').some((cell) => cell === ''))
    const request = {
      model: 'poisson' as const,
      response: 'y',
      predictors: ['g', 'x', 'g:x'],
      exposure: 't',
    }
    const gapped = buildDesign(await imported('gapped.csv', full.join('\n')), request)
    const clean = buildDesign(await imported('clean.csv', kept.join('\n')), request)
    expect(gapped.missing).toBe(rows / 10)
    expect(gapped.n).toBe(clean.n)
    expect(gapped.names).toEqual(clean.names)
    expect(gapped.names).toEqual(['(Intercept)', 'g = b', 'g = c', 'x', 'g = b:x', 'g = c:x'])
    expect(gapped.columns.map((c) => Array.from(c))).toEqual(clean.columns.map((c) => Array.from(c)))
    expect(Array.from(gapped.offset ?? [])).toEqual(Array.from(clean.offset ?? []))
    expect(Array.from(gapped.y)).toEqual(Array.from(clean.y))
    // Row numbers point at the file's rows: data row 4 (index 3) is the first one dropped.
    expect(Array.from(gapped.rowNumbers ?? []).slice(0, 4)).toEqual([1, 2, 3, 5])
    // And the fits agree to the last bit: the same columns in the same order.
    const [a, b] = await Promise.all([fitDesign(gapped, request), fitDesign(clean, request)])
    expect(a.coefficients).toEqual(b.coefficients)
    expect(a.termTests).toEqual(b.termTests)
    expect(a.data).toEqual({ rows, used: clean.n, missing: rows / 10 })
  })

  it('subsets keep row numbers and compact every column', () => {
    const d = buildDesign(inMemoryDataset(columns(20, 5)), {
      model: 'logistic',
      response: 'b',
      predictors: ['x1', 'x2'],
    })
    const mark = Uint8Array.from({ length: d.n }, (_, i) => (i % 2 === 0 ? 1 : 0))
    const sub = subsetDesign(d, mark, 1)
    expect(sub.n).toBe(10)
    // Used rows are file rows 1-5 and 7-20; every other one of them.
    expect(Array.from(sub.rowNumbers ?? [])).toEqual([1, 3, 5, 8, 10, 12, 14, 16, 18, 20])
    expect(Array.from(sub.columns[1])).toEqual(
      Array.from(sub.rowNumbers ?? []).map((r) => d.columns[1][d.rowNumbers!.indexOf(r)]),
    )
    expect(sub.columns).toHaveLength(2)
  })
})

function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(1664525, s) + 1013904223) >>> 0
    return s / 4294967296
  }
}
