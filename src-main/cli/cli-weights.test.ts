import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCliArgs } from './cli-args'
import type { CliDocument } from './cli-output'

const ROOT = resolve(__dirname, '../..')

/** `mle-fit ARGS` in its own process (tsx on the TypeScript entry), as a user runs it. */
function mleFit(...args: string[]) {
  const r = spawnSync(
    join(ROOT, 'node_modules/.bin/tsx'),
    [join(ROOT, 'src-main/cli/cli-main.ts'), ...args],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  )
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

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
