import type { Random } from '../random/seeded-random'
import { seededPermutation } from '../random/seeded-random'
import { Sample } from '../stats/sample'

/**
 * The data a fit used as distinct ascending values and how many observations each stands for (ties
 * collapsed; with frequency weights, the weights). Resampling and the jackknife work on it, so a count
 * column with 90% zeros re-fits once per distinct value, not once per row.
 */
export interface DataPool {
  values: Float64Array
  counts: Float64Array
  /** The fit had frequency weights: replicates are weighted samples too (else plain values). */
  weighted: boolean
}

/** The pool of a fit's sample (sorted values and their frequency weights, if any). */
export function dataPool(sorted: Float64Array, weights: Float64Array | null): DataPool {
  const values: number[] = []
  const counts: number[] = []
  for (let i = 0; i < sorted.length; i++) {
    const w = weights ? weights[i] : 1
    if (values.length > 0 && values[values.length - 1] === sorted[i]) counts[counts.length - 1] += w
    else {
      values.push(sorted[i])
      counts.push(w)
    }
  }
  return { values: Float64Array.from(values), counts: Float64Array.from(counts), weighted: weights !== null }
}

/** The observations of the pool: its total count (the fit's n), rounded for resampling. */
export function poolSize(pool: DataPool): number {
  let n = 0
  for (const c of pool.counts) n += c
  return Math.round(n)
}

/** A Sample holding `counts[j]` copies of each pool value (weighted or expanded, as the fit was). */
export function sampleOfCounts(pool: DataPool, counts: Float64Array): Sample {
  const keep: number[] = []
  for (let j = 0; j < counts.length; j++) if (counts[j] > 0) keep.push(j)
  if (pool.weighted) {
    return Sample.sorted(
      Float64Array.from(keep, (j) => pool.values[j]),
      Float64Array.from(keep, (j) => counts[j]),
    )
  }
  let total = 0
  for (const j of keep) total += counts[j]
  const out = new Float64Array(total)
  let k = 0
  for (const j of keep) out.fill(pool.values[j], k, (k += counts[j]))
  return Sample.sorted(out)
}

/**
 * One nonparametric replicate: n draws with replacement, each observation equally likely (R's
 * `sample(data, replace = TRUE)`), as multinomial counts over the pool by conditional binomials, so a
 * weighted column of a billion observations costs one draw per distinct value.
 */
export function resampleCounts(pool: DataPool, random: Random): Float64Array {
  const n = poolSize(pool)
  let weightLeft = 0
  for (const c of pool.counts) weightLeft += c
  const out = new Float64Array(pool.counts.length)
  let left = n
  for (let j = 0; j < out.length && left > 0; j++) {
    const p = j === out.length - 1 ? 1 : Math.min(1, pool.counts[j] / weightLeft)
    const k = random.binomial(left, p)
    out[j] = k
    left -= k
    weightLeft -= pool.counts[j]
  }
  return out
}

/** Pools with at most this many distinct values get the exact leave-one-out jackknife (one re-fit each). */
export const FULL_JACKKNIFE_MAX = 400
/** Groups of the grouped jackknife on larger pools. */
export const JACKKNIFE_GROUPS = 200
/** Above this many observations the grouped jackknife's unit list would be too large: no BCa. */
export const GROUPED_JACKKNIFE_MAX_N = 5_000_000

/** One jackknife deletion: the pool's counts without it, and how many units it stands for. */
export interface Deletion {
  counts: Float64Array
  weight: number
}

/**
 * The jackknife's deletions: with few distinct values, leave one observation of each out (standing for its
 * count of identical deletions; a weight below 1 deletes its whole row); otherwise delete each of 200
 * groups of observations assigned by a seeded shuffle (Efron and Tibshirani's grouped jackknife: the
 * acceleration, a ratio of the influence values' third and second moments, keeps its expectation). Null
 * when the pool is too large for the unit list.
 */
export function jackknifeDeletions(pool: DataPool, seed: number): Deletion[] | null {
  const m = pool.counts.length
  if (m <= FULL_JACKKNIFE_MAX) {
    return Array.from({ length: m }, (_, j) => {
      const counts = pool.counts.slice()
      counts[j] -= Math.min(1, counts[j])
      return { counts, weight: pool.counts[j] }
    })
  }
  if (poolSize(pool) > GROUPED_JACKKNIFE_MAX_N) return null
  // Unit u is one whole observation (rounded weights) of pool value owner[u].
  const owner: number[] = []
  for (let j = 0; j < m; j++) for (let c = Math.round(pool.counts[j]); c > 0; c--) owner.push(j)
  const u = owner.length
  const order = seededPermutation(u, seed)
  const groups = Array.from({ length: JACKKNIFE_GROUPS }, () => ({ counts: pool.counts.slice(), weight: 0 }))
  for (let k = 0; k < u; k++) {
    const g = groups[k % JACKKNIFE_GROUPS]
    g.counts[owner[order[k]]] = Math.max(0, g.counts[owner[order[k]]] - 1)
    g.weight++
  }
  return groups.filter((g) => g.weight > 0).map((g) => ({ counts: g.counts, weight: 1 }))
}
