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
 * out[i] = logRatio(values[i], b) for i in [from, to), logRatio's body on locals (logB = log b): a call
 * per value was half of Weibull's pass.
 */
export function logRatiosInto(
  values: Float64Array,
  from: number,
  to: number,
  b: number,
  logB: number,
  out: Float64Array,
): void {
  for (let i = from; i < to; i++) {
    const a = values[i]
    const d = (a - b) / b
    out[i] = d > -0.5 && d < 1 ? Math.log1p(d) : Math.log(a) - logB
  }
}

/**
 * Adds w log-ratios logs[from, to) to a Neumaier-compensated sum (as CompensatedSum adds), value i's weight
 * `lanes.weights[i & lanes.mask]`; `acc` holds [sum, compensation] between calls. Not in the loop that
 * takes the logs: fused, V8 compiled it 4x slower (51 against 10 ms on 1M values).
 */
export function addCompensated(
  logs: Float64Array,
  from: number,
  to: number,
  lanes: { weights: Float64Array; mask: number },
  acc: Float64Array,
): void {
  const { weights: w, mask } = lanes
  let sum = acc[0]
  let compensation = acc[1]
  for (let i = from; i < to; i++) {
    const v = w[i & mask] * logs[i]
    const t = sum + v
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum
    sum = t
  }
  acc[0] = sum
  acc[1] = compensation
}
