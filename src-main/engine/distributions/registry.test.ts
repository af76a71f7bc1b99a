import { describe, expect, it } from 'vitest'
import { FAMILY_CODE } from './family-code'
import { describeDistributions, distributions, findDistribution } from './registry'

// The contract: ids and parameter names exactly as issue 3 and the reference README write them.
const CONTRACT: [string, string[], boolean][] = [
  ['normal', ['mu', 'sigma'], false],
  ['lognormal', ['mu', 'sigma'], false],
  ['exponential', ['rate'], false],
  ['gamma', ['shape', 'rate'], false],
  ['weibull', ['shape', 'scale'], false],
  ['beta', ['alpha', 'beta'], false],
  ['logistic', ['mu', 's'], false],
  ['laplace', ['mu', 'b'], false],
  ['cauchy', ['x0', 'gamma'], false],
  ['gumbel', ['mu', 'beta'], false],
  ['student_t', ['mu', 'sigma', 'nu'], false],
  ['pareto', ['xm', 'alpha'], false],
  ['inverse_gaussian', ['mu', 'lambda'], false],
  ['rayleigh', ['sigma'], false],
  ['uniform', ['a', 'b'], false],
  ['loglogistic', ['shape', 'scale'], false],
  ['gev', ['mu', 'sigma', 'xi'], false],
  ['weibull3', ['shape', 'scale', 'threshold'], false],
  ['lognormal3', ['mu', 'sigma', 'threshold'], false],
  ['gamma3', ['shape', 'rate', 'threshold'], false],
  ['burr', ['c', 'k', 'scale'], false],
  ['gpd', ['sigma', 'xi'], false],
  ['normal_mixture', ['w1', 'w2', 'mu1', 'mu2', 'sigma1', 'sigma2'], false],
  ['poisson', ['lambda'], true],
  ['bernoulli', ['p'], true],
  ['binomial', ['p'], true],
  ['geometric', ['p'], true],
  ['negative_binomial', ['size', 'mu'], true],
  ['zip', ['lambda', 'pi'], true],
  ['zinb', ['size', 'mu', 'pi'], true],
]

describe('registry', () => {
  it('lists every family in contract order, continuous then discrete, with contract parameter names', () => {
    expect(distributions.map((d) => [d.id, d.params.map((p) => p.name), d.discrete])).toEqual(CONTRACT)
  })

  it('finds families by id and describes them for the picker', () => {
    expect(findDistribution('negative_binomial')?.label).toBe('Negative binomial')
    expect(findDistribution('nope')).toBeUndefined()
    const info = describeDistributions()
    expect(info).toHaveLength(CONTRACT.length)
    expect(info[3]).toEqual({
      id: 'gamma',
      label: 'Gamma',
      discrete: false,
      support: 'x > 0',
      supportRange: {
        lower: 0,
        upper: Infinity,
        lowerClosed: false,
        upperClosed: false,
        integer: false,
        upperIsTrials: false,
        estimatedEnds: false,
      },
      needsTrials: false,
      needsThreshold: false,
      params: [
        { name: 'shape', symbol: 'k', domain: 'positive' },
        { name: 'rate', symbol: 'β', domain: 'positive' },
      ],
      cullenFrey: {
        kind: 'curve',
        points: [
          [0, 3],
          [100, 153],
        ],
      },
      // How R and SciPy fit it ("Reproduce this fit"): family-code.ts.
      code: FAMILY_CODE.gamma,
    })
    // A parameter the others determine (the mixture's last weight) says so: it is never optimised.
    const mixture = info.find((d) => d.id === 'normal_mixture')!
    expect(mixture.params.filter((p) => p.derived).map((p) => p.name)).toEqual(['w2'])
    // The plain-words support of every family, derived from its range, as messages and the picker show it.
    expect(Object.fromEntries(info.map((d) => [d.id, d.support]))).toEqual({
      normal: 'any real x',
      lognormal: 'x > 0',
      exponential: 'x ≥ 0',
      gamma: 'x > 0',
      weibull: 'x > 0',
      beta: '0 < x < 1',
      logistic: 'any real x',
      laplace: 'any real x',
      cauchy: 'any real x',
      gumbel: 'any real x',
      student_t: 'any real x',
      pareto: 'x > 0',
      inverse_gaussian: 'x > 0',
      rayleigh: 'x > 0',
      uniform: 'any real x',
      loglogistic: 'x > 0',
      gev: 'any real x',
      weibull3: 'any real x',
      lognormal3: 'any real x',
      gamma3: 'any real x',
      burr: 'x > 0',
      gpd: 'any real x',
      normal_mixture: 'any real x',
      poisson: 'x = 0, 1, 2, …',
      bernoulli: 'x = 0 or 1',
      binomial: 'x = 0, 1, …, trials',
      geometric: 'x = 0, 1, 2, …',
      negative_binomial: 'x = 0, 1, 2, …',
      zip: 'x = 0, 1, 2, …',
      zinb: 'x = 0, 1, 2, …',
    })
    expect(info.filter((d) => d.needsTrials).map((d) => d.id)).toEqual(['binomial'])
    expect(info.filter((d) => d.supportRange.estimatedEnds).map((d) => d.id)).toEqual([
      'pareto',
      'uniform',
      'gev',
      'weibull3',
      'lognormal3',
      'gamma3',
      'gpd',
    ])
    // The Cullen-Frey chart's families, as fitdistrplus::descdist draws them.
    expect(info.filter((d) => d.cullenFrey).map((d) => [d.id, d.cullenFrey!.kind])).toEqual([
      ['normal', 'point'],
      ['lognormal', 'curve'],
      ['exponential', 'point'],
      ['gamma', 'curve'],
      ['weibull', 'curve'],
      ['beta', 'region'],
      ['logistic', 'point'],
      ['uniform', 'point'],
    ])
  })

  it('gives each family the hooks the fitting layer relies on', () => {
    const closedForm = distributions.filter((d) => d.closedFormMle).map((d) => d.id)
    expect(closedForm).toEqual([
      'normal',
      'lognormal',
      'exponential',
      'gamma',
      'laplace',
      'pareto',
      'inverse_gaussian',
      'rayleigh',
      'uniform',
      'poisson',
      'bernoulli',
      'binomial',
      'geometric',
    ])
    const analytic = distributions.filter((d) => d.derivatives && d.logLikelihood).map((d) => d.id)
    for (const id of [
      'gamma',
      'weibull',
      'negative_binomial',
      'student_t',
      'lognormal',
      'normal',
      'exponential',
    ]) {
      expect(analytic).toContain(id)
    }
    for (const id of ['poisson', 'geometric', 'inverse_gaussian', 'rayleigh', 'logistic'])
      expect(analytic).toContain(id)
  })
})
