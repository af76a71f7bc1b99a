/**
 * log(a / b) to full absolute precision for positive a, b: log1p((a - b) / b) where a - b is exact (a within
 * a factor 2 of b), where log a - log b keeps only 1e-16 log a. A shape of 2e9 times that rounding moved
 * the Weibull's log-likelihood by 8e-5 at 1e9 + N(0, 1), the Pareto's alpha ~ 1e9 likewise.
 */
export function logRatio(a: number, b: number): number {
  const d = (a - b) / b
  return d > -0.5 && d < 1 ? Math.log1p(d) : Math.log(a) - Math.log(b)
}

/**
 * logRatio(x, b) of every value and the Neumaier-compensated sum of w log(x / b) (as CompensatedSum adds),
 * logRatio's body and the sum's on locals: a call per value (logRatio, CompensatedSum.add) was half of
 * Weibull's cached pass. Two loops: fused into one, V8 compiled it 4x slower (51 against 10 ms on 1M values).
 */
export function logRatiosAndSum(
  values: Float64Array,
  lanes: { weights: Float64Array; mask: number },
  b: number,
): { logs: Float64Array; sum: number } {
  const out = new Float64Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const a = values[i]
    const d = (a - b) / b
    out[i] = d > -0.5 && d < 1 ? Math.log1p(d) : Math.log(a) - Math.log(b)
  }
  const { weights: w, mask } = lanes
  let sum = 0
  let compensation = 0
  for (let i = 0; i < out.length; i++) {
    const v = w[i & mask] * out[i]
    const t = sum + v
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum
    sum = t
  }
  return { logs: out, sum: sum + compensation }
}
