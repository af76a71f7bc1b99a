import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { referenceDataPath } from '../../test/helpers/reference'
import { parseCliArgs, UsageError } from './cli-args'
import type { CliDocument } from './cli-output'

const ROOT = resolve(__dirname, '../..')
/** Time per process: these tests check outputs, never speed (a loaded machine is slow). */
const PATIENCE = 300_000

/** Runs the CLI as a user would (a separate process, through tsx on the TypeScript entry). */
function mleFit(...args: string[]) {
  const cli = join(ROOT, 'src-main/cli/entry.ts')
  const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [cli, ...args], {
    encoding: 'utf8',
    timeout: PATIENCE,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('mle-fit --bootstrap-ci', { timeout: PATIENCE }, () => {
  it('parses B and the method, and refuses what makes no sense', () => {
    const base = ['f.csv', '--column', 'x', '--dist', 'gamma']
    expect(
      parseCliArgs([...base, '--bootstrap-ci', '499', '--bootstrap-method', 'parametric']),
    ).toMatchObject({
      bootstrapCi: 499,
      bootstrapMethod: 'parametric',
    })
    expect(() => parseCliArgs([...base, '--bootstrap-ci', '5'])).toThrow(/>= 10/)
    expect(() => parseCliArgs([...base, '--bootstrap-ci', '20000'])).toThrow(/at most 10000/)
    expect(() => parseCliArgs([...base, '--bootstrap-method', 'parametric'])).toThrow(UsageError)
    expect(() => parseCliArgs([...base, '--bootstrap-ci', '99', '--bootstrap-method', 'bayes'])).toThrow(
      /nonparametric or parametric/,
    )
  })

  it('adds bootstrap intervals next to Wald and profile ones, and the replicates, to the JSON', () => {
    const file = referenceDataPath('groundbeef.csv')
    const args = [file, '--column', 'serving', '--dist', 'gamma', '--bootstrap-ci', '99', '--json']
    const r = mleFit(...args)
    expect(r.code).toBe(0)
    const fit = (JSON.parse(r.stdout) as CliDocument).fits[0]
    expect(fit.bootstrapCi).toMatchObject({ method: 'nonparametric', replicates: 99, seed: 42, level: 0.95 })
    expect(fit.bootstrapCi!.estimates).toHaveLength(fit.bootstrapCi!.converged)
    for (const name of ['shape', 'rate']) {
      const [lo, hi] = fit.intervals[name].bootstrapPercentile!
      expect(lo).toBeLessThan(fit.params[name])
      expect(hi).toBeGreaterThan(fit.params[name])
      expect(fit.intervals[name].bootstrapBca).not.toBeNull()
    }
    // The same seed gives the same intervals.
    expect((JSON.parse(mleFit(...args).stdout) as CliDocument).fits[0].bootstrapCi).toEqual(fit.bootstrapCi)
    const table = mleFit(file, '--column', 'serving', '--dist', 'gamma', '--bootstrap-ci', '20')
    expect(table.stdout).toMatch(/95% bootstrap \(nonparametric, 20 replicates\): shape percentile \[/)
  })
})
