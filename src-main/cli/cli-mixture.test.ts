import { describe, expect, it } from 'vitest'
import { mleFit, PATIENCE } from '../../test/helpers/mle-fit'
import { referenceDataPath } from '../../test/helpers/reference'
import type { CliDocument } from './cli-output'

describe('mle-fit on a normal mixture (separate process)', { timeout: PATIENCE }, () => {
  it('names what ran, EM from its starts and the polish, in JSON and in the table', () => {
    const args = ['--column', 'eruptions', '--dist', 'normal_mixture', '--components', '2']
    const file = referenceDataPath('faithful.csv')
    const json = mleFit(file, ...args, '--json')
    expect(json.code, json.stderr).toBe(0)
    const fit = (JSON.parse(json.stdout) as CliDocument).fits[0]
    expect(fit.converged).toBe(true)
    const polish = fit.method === 'lbfgs' ? 'L-BFGS' : 'Newton'
    expect(fit.methodDetail).toBe(`EM (20 starts) + ${polish} polish`)
    const table = mleFit(file, ...args)
    expect(table.stdout).toContain(`EM (20 starts) + ${polish} polish (${fit.iterations})`)
  })
})
