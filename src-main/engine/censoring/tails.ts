import type { Distribution, FamilyContext, Params } from '../distributions/types'

/*
 * The log-probabilities a censored observation contributes, accurate in the tails: a family's own logCdf /
 * logSf hooks where it has them, otherwise the log of the CDF taken on the side where it is small (log F
 * below the median, log1p(-F) above it), which keeps full relative accuracy except beyond F = 1 - 1e-16.
 */

/** log F(x): the probability of a value left-censored at x. */
export function logCdf(dist: Distribution, x: number, p: Params, ctx?: FamilyContext): number {
  if (dist.logCdf) return dist.logCdf(x, p, ctx)
  const f = dist.cdf(x, p, ctx)
  if (f > 0.5 && dist.logSf) return Math.log1p(-Math.exp(dist.logSf(x, p, ctx)))
  return f > 0.5 ? Math.log1p(-(1 - f)) : Math.log(f)
}

/** log(1 - F(x)): the probability of a value right-censored at x. */
export function logSf(dist: Distribution, x: number, p: Params, ctx?: FamilyContext): number {
  if (dist.logSf) return dist.logSf(x, p, ctx)
  const f = dist.cdf(x, p, ctx)
  if (f < 0.5) return Math.log1p(-f)
  if (dist.logCdf) return Math.log(-Math.expm1(dist.logCdf(x, p, ctx)))
  return Math.log1p(-f)
}

/** log(a - b) from log a >= log b, without forming a - b when both are tiny. */
function logDifference(logA: number, logB: number): number {
  if (logA === -Infinity) return -Infinity
  return logA + Math.log(-Math.expm1(logB - logA))
}

/**
 * log(F(u) - F(l)) for an interval-censored value: from the survival function when the interval is in the
 * upper half (S(l) - S(u)), from the CDF otherwise, so neither difference of two numbers near 1 is formed.
 */
export function logInterval(
  dist: Distribution,
  l: number,
  u: number,
  p: Params,
  ctx?: FamilyContext,
): number {
  const fl = dist.cdf(l, p, ctx)
  if (Number.isNaN(fl)) return NaN
  if (fl > 0.5) return logDifference(logSf(dist, l, p, ctx), logSf(dist, u, p, ctx))
  return logDifference(logCdf(dist, u, p, ctx), logCdf(dist, l, p, ctx))
}
