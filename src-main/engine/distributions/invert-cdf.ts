/**
 * Solves cdf(x) = q for an increasing cdf with density pdf: brackets by doubling away from the guess
 * (within [lower, upper]), then Newton steps safeguarded by bisection, to a relative width of 4 ulp.
 * Returns NaN when no bracket is found.
 */
export function invertIncreasing(
  cdf: (x: number) => number,
  pdf: (x: number) => number,
  q: number,
  guess: number,
  lower: number,
  upper: number,
): number {
  let x = Number.isFinite(guess) && guess > lower && guess < upper ? guess : lower > -Infinity ? lower + 1 : 0
  let lo = x
  let hi = x
  let step = Math.max(Math.abs(x) * 1e-3, 1e-300)
  for (let i = 0; i < 2100 && cdf(lo) > q; i++) {
    lo = Math.max(lo - step, lower)
    step *= 2
    if (lo === lower) break
  }
  step = Math.max(Math.abs(x) * 1e-3, 1e-300)
  for (let i = 0; i < 2100 && cdf(hi) < q; i++) {
    hi = Math.min(hi + step, upper)
    step *= 2
    if (hi === upper) break
  }
  if (!(cdf(lo) <= q && cdf(hi) >= q)) return NaN
  x = Math.min(Math.max(x, lo), hi)
  for (let i = 0; i < 300; i++) {
    const f = cdf(x) - q
    if (f === 0) return x
    if (f > 0) hi = x
    else lo = x
    let next = x - f / pdf(x)
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi)
    if (
      Math.abs(next - x) <= 4 * Number.EPSILON * Math.abs(x) ||
      hi - lo <= 4 * Number.EPSILON * Math.abs(hi)
    ) {
      return next
    }
    x = next
  }
  return x
}
