import { describe, expect, it } from 'vitest'
import type { TracePoint } from '../../../src-shared/contract'
import { cancelledFitNotice } from './cancelled-fit'

const point = (iteration: number, train: number, validation: number | null): TracePoint => ({
  iteration,
  logLikelihood: train,
  validationLogLikelihood: validation,
  params: { mu: iteration / 10, sigma: 1 },
})

describe('cancelledFitNotice', () => {
  it('names the best point by validation log-likelihood, not the last one', () => {
    const trace = [point(1, -3, -3.1), point(2, -2, -2.05), point(3, -1.9, -2.2)]
    expect(cancelledFitNotice('Normal', trace)).toBe(
      'Fitting Normal was cancelled at iteration 3. Best so far (iteration 2, validation log-likelihood ' +
        'per row -2.05): mu = 0.2, sigma = 1. This is not a converged fit; its trace stays under Convergence.',
    )
  })

  it('ranks by the training log-likelihood without a validation part, and says when nothing ran', () => {
    expect(cancelledFitNotice('Gamma', [point(1, -3, null), point(2, -2.5, null)])).toMatch(
      /iteration 2, mean log-likelihood per row -2\.5\): mu = 0\.2/,
    )
    expect(cancelledFitNotice('Gamma', [])).toBe('Fitting Gamma was cancelled before its first iteration.')
  })
})
