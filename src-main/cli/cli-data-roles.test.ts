import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mleFit } from '../../test/support/mle-fit-process'
import { parseCliArgs } from './cli-args'
import type { CliDocument } from './cli-output'

describe('mle-fit --weights', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mle-weights-'))
  const table = join(dir, 'table.csv')
  const expanded = join(dir, 'expanded.csv')
  // A count table (one row weighted 0) and the same data written out one observation per row.
  writeFileSync(table, 'x,n\n1.5,3\n2.5,5\n9,0\n3.5,2\n4.5,1\n')
  writeFileSync(expanded, 'x\n' + [1.5, 1.5, 1.5, 2.5, 2.5, 2.5, 2.5, 2.5, 3.5, 3.5, 4.5].join('\n') + '\n')

  it('parses --weights', () => {
    expect(parseCliArgs(['t.csv', '--column', 'x', '--dist', 'normal', '--weights', 'n']).weights).toBe('n')
  })

  it('a value/count table gives the fits of its expanded data, and the JSON says how it was weighted', () => {
    const a = mleFit(table, '--column', 'x', '--weights', 'n', '--dist', 'gamma,weibull', '--json')
    const b = mleFit(expanded, '--column', 'x', '--dist', 'gamma,weibull', '--json')
    expect(a.code).toBe(0)
    const weighted = JSON.parse(a.stdout) as CliDocument
    const plain = JSON.parse(b.stdout) as CliDocument
    expect(weighted.weights).toMatchObject({ column: 'n', total: 11, rows: 4, zero: 1, integer: true })
    expect(weighted.weights!.note).toMatch(/4 rows stand for n = 11 observations.*1 rows weighted 0/)
    weighted.fits.forEach((f, i) => {
      const g = plain.fits[i]
      expect(f.dist).toBe(g.dist)
      expect(f.logLikelihood).toBeCloseTo(g.logLikelihood, 8)
      expect(f.bic).toBeCloseTo(g.bic, 8)
      for (const k of Object.keys(g.params)) expect(f.params[k]).toBeCloseTo(g.params[k], 6)
    })
  })

  it('a negative weight: exit 2 naming the row', () => {
    const bad = join(dir, 'bad.csv')
    writeFileSync(bad, 'x,n\n1.5,3\n2.5,-1\n')
    const r = mleFit(bad, '--column', 'x', '--weights', 'n', '--dist', 'normal')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/Weights column "n" has -1 in data row 2, where "x" is 2\.5/)
  })
})

describe('mle-fit --range', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mle-range-'))
  const file = join(dir, 'r.csv')
  writeFileSync(file, 'x\n-1\n2\n3\n4\n50\n5\n')

  it('parses LO:HI with open ends; refuses LO > HI and a missing colon', () => {
    const parse = (r: string) =>
      parseCliArgs(['r.csv', '--column', 'x', '--dist', 'normal', '--range', r]).range
    expect(parse('0:10')).toEqual({ min: 0, max: 10 })
    expect(parse('0:')).toEqual({ min: 0 })
    expect(parse(':1e3')).toEqual({ max: 1000 })
    expect(() => parse('5:1')).toThrow(/LO <= HI/)
    expect(() => parse('5')).toThrow(/--range needs LO:HI/)
  })

  it('fits only the values in range, the same as the data without the excluded rows, and lists the rule', () => {
    const r = mleFit(file, '--column', 'x', '--dist', 'gamma', '--range', '0:10', '--json')
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout) as CliDocument
    expect(doc.exclusions).toEqual([
      { rule: 'values of "x" outside [0, 10]', rows: 2, range: { min: 0, max: 10 } },
    ])
    expect(doc.data.used).toBe(4)
    const kept = join(dir, 'kept.csv')
    writeFileSync(kept, 'x\n2\n3\n4\n5\n')
    const plain = JSON.parse(mleFit(kept, '--column', 'x', '--dist', 'gamma', '--json').stdout) as CliDocument
    expect(doc.fits[0].logLikelihood).toBe(plain.fits[0].logLikelihood)
    expect(doc.fits[0].params).toEqual(plain.fits[0].params)
  })
})
