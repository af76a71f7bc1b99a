import { describe, expect, it } from 'vitest'
import { findDistribution } from '../distributions/registry'
import { LikelihoodModel } from '../likelihood/likelihood-model'
import { seededRandom } from '../random/seeded-random'
import { Sample } from '../stats/sample'
import { infer } from './infer'

function modelOf(id: string, values: Float64Array, fixed = {}) {
  const dist = findDistribution(id)!
  const sample = Sample.sorted(values.sort())
  const model = new LikelihoodModel(dist, sample, {}, fixed)
  return { dist, sample, model }
}

describe('infer stage', () => {
  it('normal at its MLE: SEs sigma / sqrt(n) and sigma / sqrt(2n), AIC/BIC, profile intervals, healthy', async () => {
    const { dist, sample, model } = modelOf(
      'normal',
      dist0().sample(500, { mu: 1, sigma: 2 }, seededRandom(4)),
    )
    const params = dist.closedFormMle!(sample)
    const logLikelihood = model.logLikelihood(params)
    const r = await infer(
      model,
      { params, logLikelihood, converged: true },
      { profiles: true, gradient: false },
    )
    const n = sample.n
    expect(r.info.standardErrors[0]).toBeCloseTo(params.sigma / Math.sqrt(n), 10)
    expect(r.info.standardErrors[1]).toBeCloseTo(params.sigma / Math.sqrt(2 * n), 10)
    expect(r.aic).toBeCloseTo(4 - 2 * logLikelihood, 10)
    expect(r.bic).toBeCloseTo(2 * Math.log(n) - 2 * logLikelihood, 10)
    expect(r.aicc).toBeCloseTo(r.aic + 12 / (n - 3), 10)
    expect(r.profiles).toHaveLength(2)
    expect(r.profiles[0]![0]).toBeLessThan(params.mu)
    expect(r.health.notes).toEqual([])
    // No profiles when not asked, nor for a gradient end point (which health explains).
    const lean = await infer(
      model,
      { params, logLikelihood, converged: true },
      { profiles: false, gradient: false },
    )
    expect(lean.profiles).toEqual([])
    const gradient = await infer(
      model,
      { params, logLikelihood, converged: true },
      { profiles: true, gradient: true },
    )
    expect(gradient.profiles).toEqual([])
    expect(gradient.health.notes.join(' ')).toMatch(/Gradient ascent estimates from the training part/)
  })

  it('an estimate on the edge of its domain is exact: no SE, no interval, said in words', async () => {
    const { model } = modelOf('poisson', new Float64Array(6))
    const r = await infer(
      model,
      { params: { lambda: 0 }, logLikelihood: 0, converged: true },
      { profiles: true, gradient: false },
    )
    expect(r.info.standardErrors).toEqual([null])
    expect(r.profiles).toEqual([])
    expect(r.health.atBound).toEqual(['lambda'])
    expect(r.health.notes).toEqual([expect.stringMatching(/lambda = 0 lies on the edge of its domain/)])
  })

  it('the family says where the information does not apply: boundary estimates and the laplace median', async () => {
    const values = Float64Array.from({ length: 40 }, (_, i) => 1 + i * 0.37 + (i % 3) * 0.05)
    const uniform = modelOf('uniform', values.slice())
    const u = uniform.dist.closedFormMle!(uniform.sample)
    const ru = await infer(
      uniform.model,
      { params: u, logLikelihood: uniform.model.logLikelihood(u), converged: true },
      { profiles: false, gradient: false },
    )
    expect(ru.info.standardErrors).toEqual([null, null])
    expect(ru.info.covariance).toBeNull()
    expect(ru.health.notes.join(' ')).toMatch(/a and b are estimated by the sample extremes/)
    const laplace = modelOf('laplace', values.slice())
    const l = laplace.dist.closedFormMle!(laplace.sample)
    const rl = await infer(
      laplace.model,
      { params: l, logLikelihood: laplace.model.logLikelihood(l), converged: true },
      { profiles: false, gradient: false },
    )
    expect(rl.info.standardErrors[0]).toBeCloseTo(l.b / Math.sqrt(40), 12)
    expect(rl.health.notes.join(' ')).toMatch(/mu is the sample median/)
  })

  it('a limit the family knows about is reported as a bound with its advice', async () => {
    const { model } = modelOf('student_t', dist0().sample(300, { mu: 0, sigma: 1 }, seededRandom(2)))
    const params = { mu: 0, sigma: 1, nu: 5000 }
    const r = await infer(
      model,
      { params, logLikelihood: model.logLikelihood(params), converged: true },
      { profiles: false, gradient: false },
    )
    expect(r.health.atBound).toContain('nu')
    expect(r.health.notes).toContain('nu is very large: the data look normal; fit normal instead.')
  })
})

function dist0() {
  return findDistribution('normal')!
}
