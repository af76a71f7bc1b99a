import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mleFit } from '../../test/support/mle-fit-process'
import { parseCliArgs, UsageError } from './cli-args'
import type { CliGroupDocument } from './cli-groups'

const iris = join(__dirname, '../engine/groups/fixtures/iris.csv')

describe('mle-fit --by and exclusion rules', { timeout: 120_000 }, () => {
  it('parses --by, --exclude-rows and --exclude in order', () => {
    const args = parseCliArgs([
      'f.csv',
      '--column',
      'x',
      '--dist',
      'normal',
      '--by',
      'site',
      '--exclude-rows',
      '3,7-9',
      '--exclude',
      'site=a=b',
    ])
    expect(args.by).toBe('site')
    expect(args.exclude).toEqual([
      {
        kind: 'rows',
        rows: [
          [3, 3],
          [7, 9],
        ],
      },
      { kind: 'category', column: 'site', value: 'a=b' },
    ])
    expect(() =>
      parseCliArgs(['f.csv', '--column', 'x', '--dist', 'normal', '--exclude-rows', '9-7']),
    ).toThrow(UsageError)
    expect(() => parseCliArgs(['f.csv', '--column', 'x', '--dist', 'normal', '--exclude', 'site'])).toThrow(
      /COLUMN=VALUE/,
    )
  })

  it('prints each group, the pooled fit and the test; exit 0 when every fit converged', () => {
    const run = mleFit(
      iris,
      '--column',
      'Sepal.Length',
      '--by',
      'Species',
      '--dist',
      'normal,gamma',
      '--exclude',
      'Species=virginica',
      '--json',
    )
    expect(run.code).toBe(0)
    const doc = JSON.parse(run.stdout) as CliGroupDocument
    expect(doc.by).toBe('Species')
    expect(doc.groups.map((g) => [g.group, g.data.used, g.fits.length])).toEqual([
      ['setosa', 50, 2],
      ['versicolor', 50, 2],
    ])
    expect(doc.groups[0].fits[0]).toHaveProperty('intervals')
    expect(doc.exclusions).toMatchObject([{ rule: 'rows where "Species" is "virginica"', rows: 50 }])
    expect(doc.pooled.data.used).toBe(100)
    expect(doc.test.normal).toMatchObject({ df: 2, groups: ['setosa', 'versicolor'] })
    expect(doc.test.normal.pValue).toBeLessThan(1e-10)
  })

  it('exit 2 with one line for a By column that cannot group', () => {
    const run = mleFit(iris, '--column', 'Sepal.Length', '--by', 'Sepal.Length', '--dist', 'normal')
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/is the column being fitted/)
  })
})
