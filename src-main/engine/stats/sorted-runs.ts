/**
 * The index after the run of sorted[i]'s value: galloping then bisection, so a column of a million counts
 * with a few dozen distinct values costs O(distinct log n) comparisons, not a pass (and a run of one value,
 * as in continuous data, one comparison).
 */
export function runEnd(sorted: Float64Array, i: number): number {
  const v = sorted[i]
  let step = 1
  let lo = i
  while (lo + step < sorted.length && sorted[lo + step] === v) {
    lo += step
    step *= 2
  }
  let hi = Math.min(lo + step, sorted.length)
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid] === v) lo = mid
    else hi = mid
  }
  return hi
}
