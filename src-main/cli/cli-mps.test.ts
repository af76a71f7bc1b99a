import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mleFit, PATIENCE } from '../../test/helpers/mle-fit'
import type { CliDocument } from './cli-output'

/** SciPy's maximum-spacing fit of a weibull3 sample whose likelihood is unbounded (shape < 1). */
const fixture = JSON.parse(
  readFileSync(new URL('../../test/fixtures/spacings/mps-threshold.json', import.meta.url), 'utf8'),
) as { cases: { family: string; data: number[]; params: Record<string, number>; objective: number }[] }

describe('mle-fit --method mps (separate process)', { timeout: PATIENCE }, () => {
  it('reports the spacings objective apart from the true log-likelihood, in JSON and in the table', () => {
    const c = fixture.cases.find((k) => k.family === 'weibull3' && k.params.shape < 1)
    if (!c) throw new Error('fixture lacks a weibull3 case with shape < 1')
    const file = join(mkdtempSync(join(tmpdir(), 'mle-cli-mps-')), 'x.csv')
    writeFileSync(file, `x\n${c.data.map(String).join('\n')}\n`)
    const json = mleFit(file, '--column', 'x', '--dist', 'weibull3', '--method', 'mps', '--json')
    expect(json.code).toBe(0)
    const fit = (JSON.parse(json.stdout) as CliDocument).fits[0]
    expect(fit.method).toBe('mps')
    expect(Math.abs((fit.spacingsObjective ?? NaN) - c.objective)).toBeLessThan(1e-6 * Math.abs(c.objective))
    expect(fit.logLikelihood).not.toBeCloseTo(fit.spacingsObjective ?? NaN, 0)
    expect(fit.health.map((h) => h.code)).toEqual(expect.arrayContaining(['mps-method', 'non-regular']))
    expect(Object.values(fit.standardErrors).every((se) => se === null)).toBe(true)
    const table = mleFit(file, '--column', 'x', '--dist', 'weibull3', '--method', 'mps')
    expect(table.stdout).toMatch(/maximum product of spacings, not maximum likelihood: spacings objective/)
  })
})
