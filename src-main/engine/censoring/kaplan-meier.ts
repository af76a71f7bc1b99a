/** The Kaplan-Meier survival estimate at its event times, with Greenwood's pointwise 95% log-log band. */
export interface KaplanMeier {
  /** Distinct exact (event) times, ascending. */
  times: number[]
  /** S(t) just after each time. */
  survival: number[]
  /** Pointwise 95% band of S (survival's `conf.type = "log-log"`); equal to S where it is 0 or 1. */
  lower: number[]
  upper: number[]
}

const Z95 = 1.959963984540054

/**
 * Kaplan-Meier from exact values (events) and right-censored values, both sorted ascending: at each event
 * time t, S falls by the factor 1 - d/r (d events at t, r values >= t at risk: a value censored at t is
 * still at risk at t, as in survival::survfit). Greenwood's variance sum d / (r (r - d)) gives the band on
 * the log(-log S) scale, which stays inside (0, 1).
 */
export function kaplanMeier(exact: Float64Array, right: Float64Array): KaplanMeier {
  const out: KaplanMeier = { times: [], survival: [], lower: [], upper: [] }
  let atRisk = exact.length + right.length
  let s = 1
  let greenwood = 0
  let j = 0 // next right-censored value
  for (let i = 0; i < exact.length;) {
    const t = exact[i]
    // Values censored before t have left the risk set.
    while (j < right.length && right[j] < t) {
      atRisk--
      j++
    }
    let d = 0
    while (i < exact.length && exact[i] === t) {
      d++
      i++
    }
    s *= 1 - d / atRisk
    greenwood += d < atRisk ? d / (atRisk * (atRisk - d)) : 0
    atRisk -= d
    out.times.push(t)
    out.survival.push(s)
    const [lo, hi] = logLogBand(s, greenwood)
    out.lower.push(lo)
    out.upper.push(hi)
  }
  return out
}

function logLogBand(s: number, greenwood: number): [number, number] {
  if (!(s > 0 && s < 1)) return [s, s]
  const se = Math.sqrt(greenwood) / Math.abs(Math.log(s))
  return [Math.pow(s, Math.exp(Z95 * se)), Math.pow(s, Math.exp(-Z95 * se))]
}
