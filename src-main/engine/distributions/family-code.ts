import type { FamilyCode } from '../../../src-shared/contract'

/** R: `fitdist(x, distr)` from fitdistrplus; `e` is `fit$estimate`. */
const r = (call: string, estimate: Record<string, string>) => ({ call, estimate })
/** Python: a SciPy (or closed-form NumPy, or statsmodels) call; `est` is what it returns. */
const py = (call: string, estimate: Record<string, string>) => ({ call, estimate })
const same = (...names: string[]) => Object.fromEntries(names.map((n) => [n, `e[["${n}"]]`]))

/**
 * "Reproduce this fit": how R's fitdistrplus and SciPy fit each family and how their parameters map to
 * ours. One table next to the registry: the family ids are the registry's, and `family-code.test.ts`
 * checks that every entry names exactly the family's parameters. Families missing here have no snippet.
 */
export const FAMILY_CODE: Readonly<Record<string, FamilyCode>> = {
  normal: {
    r: r('fitdist(x, "norm")', { mu: 'e[["mean"]]', sigma: 'e[["sd"]]' }),
    python: py('stats.norm.fit(x)', { mu: 'est[0]', sigma: 'est[1]' }),
  },
  lognormal: {
    r: r('fitdist(x, "lnorm")', { mu: 'e[["meanlog"]]', sigma: 'e[["sdlog"]]' }),
    python: py('stats.lognorm.fit(x, floc=0)', { mu: 'np.log(est[2])', sigma: 'est[0]' }),
    note: "SciPy's lognorm has s = sigma and scale = exp(mu).",
  },
  exponential: {
    r: r('fitdist(x, "exp")', same('rate')),
    python: py('stats.expon.fit(x, floc=0)', { rate: '1 / est[1]' }),
    note: "SciPy's expon has scale = 1 / rate.",
  },
  gamma: {
    r: r('fitdist(x, "gamma")', same('shape', 'rate')),
    python: py('stats.gamma.fit(x, floc=0)', { shape: 'est[0]', rate: '1 / est[2]' }),
    note: "SciPy's gamma has a = shape and scale = 1 / rate.",
  },
  weibull: {
    r: r('fitdist(x, "weibull")', same('shape', 'scale')),
    python: py('stats.weibull_min.fit(x, floc=0)', { shape: 'est[0]', scale: 'est[2]' }),
  },
  beta: {
    r: r('fitdist(x, "beta")', { alpha: 'e[["shape1"]]', beta: 'e[["shape2"]]' }),
    python: py('stats.beta.fit(x, floc=0, fscale=1)', { alpha: 'est[0]', beta: 'est[1]' }),
  },
  logistic: {
    r: r('fitdist(x, "logis")', { mu: 'e[["location"]]', s: 'e[["scale"]]' }),
    python: py('stats.logistic.fit(x)', { mu: 'est[0]', s: 'est[1]' }),
  },
  cauchy: {
    r: r('fitdist(x, "cauchy")', { x0: 'e[["location"]]', gamma: 'e[["scale"]]' }),
    python: py('stats.cauchy.fit(x)', { x0: 'est[0]', gamma: 'est[1]' }),
  },
  laplace: {
    r: null,
    python: py('stats.laplace.fit(x)', { mu: 'est[0]', b: 'est[1]' }),
  },
  gumbel: {
    r: null,
    python: py('stats.gumbel_r.fit(x)', { mu: 'est[0]', beta: 'est[1]' }),
  },
  student_t: {
    r: null,
    python: py('stats.t.fit(x)', { nu: 'est[0]', mu: 'est[1]', sigma: 'est[2]' }),
  },
  pareto: {
    r: null,
    python: py('stats.pareto.fit(x, floc=0)', { xm: 'est[2]', alpha: 'est[0]' }),
    note: "SciPy's pareto has b = alpha and scale = xm.",
  },
  inverse_gaussian: {
    r: null,
    python: py('stats.invgauss.fit(x, floc=0)', { mu: 'est[0] * est[2]', lambda: 'est[2]' }),
    note: "SciPy's invgauss has mu = mean / lambda and scale = lambda.",
  },
  rayleigh: {
    r: null,
    python: py('stats.rayleigh.fit(x, floc=0)', { sigma: 'est[1]' }),
  },
  uniform: {
    r: r('fitdist(x, "unif")', { a: 'e[["min"]]', b: 'e[["max"]]' }),
    python: py('stats.uniform.fit(x)', { a: 'est[0]', b: 'est[0] + est[1]' }),
  },
  loglogistic: {
    r: null,
    python: py('stats.fisk.fit(x, floc=0)', { shape: 'est[0]', scale: 'est[2]' }),
  },
  gev: {
    r: null,
    python: py('stats.genextreme.fit(x, 0, loc=stats.gumbel_r.fit(x)[0], scale=stats.gumbel_r.fit(x)[1])', {
      mu: 'est[1]',
      sigma: 'est[2]',
      xi: '-est[0]',
    }),
    note: "SciPy's genextreme has c = -xi; its default start often fails, so the snippet starts from the Gumbel fit (c = 0).",
  },
  burr: {
    r: null,
    python: py('stats.burr12.fit(x, floc=0)', { c: 'est[0]', k: 'est[1]', scale: 'est[3]' }),
  },
  gpd: {
    r: null,
    python: py('stats.genpareto.fit(x[x > {threshold}], floc={threshold})', {
      sigma: 'est[2]',
      xi: 'est[0]',
    }),
    note: 'Only the values above the threshold are fitted.',
  },
  weibull3: {
    r: null,
    python: py('stats.weibull_min.fit(x)', { shape: 'est[0]', scale: 'est[2]', threshold: 'est[1]' }),
  },
  lognormal3: {
    r: null,
    python: py('stats.lognorm.fit(x)', { mu: 'np.log(est[2])', sigma: 'est[0]', threshold: 'est[1]' }),
  },
  gamma3: {
    r: null,
    python: py('stats.gamma.fit(x)', { shape: 'est[0]', rate: '1 / est[2]', threshold: 'est[1]' }),
  },
  poisson: {
    r: r('fitdist(x, "pois")', same('lambda')),
    python: py('(np.mean(x),)', { lambda: 'est[0]' }),
    note: 'The Poisson MLE is the mean.',
  },
  bernoulli: {
    r: r('fitdist(x, "binom", fix.arg = list(size = 1), start = list(prob = 0.5))', { p: 'e[["prob"]]' }),
    python: py('(np.mean(x),)', { p: 'est[0]' }),
  },
  binomial: {
    r: r('fitdist(x, "binom", fix.arg = list(size = {trials}), start = list(prob = 0.5))', {
      p: 'e[["prob"]]',
    }),
    python: py('(np.mean(x) / {trials},)', { p: 'est[0]' }),
  },
  geometric: {
    r: r('fitdist(x, "geom")', { p: 'e[["prob"]]' }),
    python: py('(1 / (1 + np.mean(x)),)', { p: 'est[0]' }),
    note: 'Counts failures before the first success (R geom; SciPy geom counts trials).',
  },
  negative_binomial: {
    r: r('fitdist(x, "nbinom")', same('size', 'mu')),
    python: py('sm.NegativeBinomial(x, np.ones(len(x))).fit(disp=0).params', {
      size: '1 / est[1]',
      mu: 'np.exp(est[0])',
    }),
    note: 'statsmodels: log mu is the constant and alpha = 1 / size.',
  },
}
