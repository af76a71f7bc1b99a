/** A start value clamped inside (0, 1) so a logit map stays finite; eps shrinks with the sample size. */
export function clampUnit(p: number, n: number): number {
  const eps = Math.min(1e-3, 0.5 / Math.max(n, 1))
  if (!(p > eps)) return eps
  if (!(p < 1 - eps)) return 1 - eps
  return p
}

/** A finite positive value, or the fallback when v is 0, negative, NaN or infinite. */
export function positiveOr(v: number, fallback: number): number {
  return v > 0 && v < Infinity ? v : fallback
}
