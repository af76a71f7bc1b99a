/**
 * Smallest integer k in [0, max] with cdf(k) >= q, for 0 < q < 1: exponential search from a guess (e.g. a
 * library quantile or a normal approximation), then bisection. Keeps the quantile consistent with the
 * family's own CDF whatever the guess's accuracy; beyond 2^53 the answer is the nearest double above.
 */
export function searchDiscreteQuantile(
  cdf: (k: number) => number,
  q: number,
  guess: number,
  max: number,
): number {
  const k = Number.isFinite(guess) ? Math.min(Math.max(Math.floor(guess), 0), max) : 0
  let lo: number
  let hi: number
  if (cdf(k) >= q) {
    hi = k
    let step = 1
    lo = k - step
    while (lo >= 0 && cdf(lo) >= q) {
      hi = lo
      step *= 2
      lo = hi - step
    }
    lo = Math.max(lo, -1)
  } else {
    lo = k
    let step = 1
    hi = Math.min(k + step, max)
    while (hi < max && cdf(hi) < q) {
      lo = hi
      step *= 2
      hi = Math.min(lo + step, max)
    }
  }
  // Invariant: cdf(lo) < q (or lo = -1) and cdf(hi) >= q (or hi = max).
  while (hi - lo > 1) {
    const mid = Math.floor(lo + (hi - lo) / 2)
    // Beyond 2^53 neighbouring doubles are more than 1 apart: stop when no double lies strictly between.
    if (mid <= lo || mid >= hi) break
    if (cdf(mid) >= q) hi = mid
    else lo = mid
  }
  return hi
}
