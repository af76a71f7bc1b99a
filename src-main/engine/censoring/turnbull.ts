/** An observation as an interval with each end open or closed: exact x is [x, x], right-censored (l, ∞). */
interface Bound {
  value: number
  /** An open left end sits just above its value: (l, ...] excludes l itself. */
  open: boolean
}

/** One distinct observed interval and how many observations share it. */
interface Observation {
  left: Bound
  right: number
  count: number
}

/** Turnbull's NPMLE: the probability mass on each innermost interval (left end, right end]. */
export interface Turnbull {
  left: number[]
  right: number[]
  mass: number[]
  iterations: number
  converged: boolean
}

const before = (a: Bound, b: Bound) => a.value < b.value || (a.value === b.value && !a.open && b.open)
/** Whether left end a is at or below b. */
const atOrBelow = (a: Bound, b: Bound) => !before(b, a)

/**
 * Turnbull's nonparametric maximum-likelihood estimate for arbitrarily censored data. The innermost
 * intervals are where a left end is followed by a right end in the ordering of all ends (closed before
 * open at a tie, left ends before right ends); the estimate puts all its mass on them, found by the
 * self-consistency (EM) iteration p_j <- (1/n) sum_i count_i a_ij p_j / sum_k a_ik p_k until the largest
 * change is below 1e-12.
 */
export function turnbull(
  exact: Float64Array,
  right: Float64Array,
  left: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
): Turnbull {
  const obs = distinct(exact, right, left, lower, upper)
  const inner = innermost(obs)
  const n = obs.reduce((s, o) => s + o.count, 0)
  // Which innermost intervals each observation contains (a contiguous run, by the ordering).
  const spans = obs.map((o) => {
    let first = -1
    let last = -1
    inner.forEach((iv, j) => {
      if (atOrBelow(o.left, iv.left) && iv.right <= o.right) {
        if (first < 0) first = j
        last = j
      }
    })
    return [first, last] as const
  })
  let mass = inner.map(() => 1 / inner.length)
  let iterations = 0
  let converged = false
  while (iterations < 100_000 && !converged) {
    iterations++
    const next = new Array<number>(inner.length).fill(0)
    obs.forEach((o, i) => {
      const [a, b] = spans[i]
      let total = 0
      for (let j = a; j <= b; j++) total += mass[j]
      if (total > 0) for (let j = a; j <= b; j++) next[j] += (o.count * mass[j]) / total / n
    })
    converged = next.every((p, j) => Math.abs(p - mass[j]) < 1e-12)
    mass = next
  }
  return {
    left: inner.map((iv) => iv.left.value),
    right: inner.map((iv) => iv.right),
    mass,
    iterations,
    converged,
  }
}

function distinct(
  exact: Float64Array,
  right: Float64Array,
  left: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
): Observation[] {
  const all: Observation[] = []
  for (const x of exact) all.push({ left: { value: x, open: false }, right: x, count: 1 })
  for (const l of right) all.push({ left: { value: l, open: true }, right: Infinity, count: 1 })
  for (const u of left) all.push({ left: { value: -Infinity, open: false }, right: u, count: 1 })
  for (let i = 0; i < lower.length; i++)
    all.push({ left: { value: lower[i], open: true }, right: upper[i], count: 1 })
  const byKey = new Map<string, Observation>()
  for (const o of all) {
    const key = `${o.left.value}|${o.left.open}|${o.right}`
    const seen = byKey.get(key)
    if (seen) seen.count++
    else byKey.set(key, o)
  }
  return [...byKey.values()]
}

/** Innermost intervals: a left end directly followed by a right end in the ordering of every end. */
function innermost(obs: Observation[]): { left: Bound; right: number }[] {
  type End = { bound: Bound; isLeft: boolean }
  const ends: End[] = []
  for (const o of obs) {
    ends.push({ bound: o.left, isLeft: true })
    ends.push({ bound: { value: o.right, open: false }, isLeft: false })
  }
  // At one value: closed left ends, then right ends (closed), then open left ends (just above the value).
  const rank = (e: End) => (e.isLeft ? (e.bound.open ? 2 : 0) : 1)
  ends.sort((a, b) => a.bound.value - b.bound.value || rank(a) - rank(b))
  const out: { left: Bound; right: number }[] = []
  for (let k = 0; k + 1 < ends.length; k++) {
    if (ends[k].isLeft && !ends[k + 1].isLeft)
      out.push({ left: ends[k].bound, right: ends[k + 1].bound.value })
  }
  return out
}
