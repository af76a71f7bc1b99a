import { Sample, statistic } from './sample'
import { runEnd } from './sorted-runs'

/**
 * How a fit treats tied values: `auto` fits on the distinct values with their counts as frequency weights
 * when ties are many (`TIED_FRACTION`), `distinct` always does, `rows` never does (one term per row).
 */
export type TiesMode = 'auto' | 'distinct' | 'rows'

/**
 * `auto` compresses when the distinct values are at most this fraction of the rows. A weighted pass costs
 * about 1.1-1.6x an unweighted one per value (the weight read and multiply; bench/ties measurements in
 * docs/architecture.md), so at a quarter every likelihood pass is at least 2.5x cheaper; above it the gain
 * is too small to be worth a second copy of the column and a weighted loop's different rounding.
 */
export const TIED_FRACTION = 1 / 4

/** Rows below which `auto` never compresses: a pass over a few hundred values costs nothing. */
export const TIED_MIN_ROWS = 256

/**
 * The sample's distinct values, ascending, with their counts (the sum of their frequency weights) as
 * weights, or null when there are more than `limit` of them (the scan stops there: runs are found by
 * galloping, so a column of a million values with a hundred distinct ones costs a few thousand reads).
 */
function distinctRuns(sample: Sample, limit: number): Sample | null {
  const sorted = sample.sorted
  const w = sample.sortedWeights
  const values: number[] = []
  const counts: number[] = []
  for (let i = 0; i < sorted.length;) {
    if (values.length >= limit) return null
    const j = runEnd(sorted, i)
    let count = j - i
    if (w) {
      count = 0
      for (let k = i; k < j; k++) count += w[k]
    }
    values.push(sorted[i])
    counts.push(count)
    i = j
  }
  return Sample.sorted(Float64Array.from(values), Float64Array.from(counts))
}

/** The distinct-values form of a sample, whatever its ties (weights of 1 when no value repeats). */
const distinctSample = statistic((sample: Sample): Sample => distinctRuns(sample, Infinity)!)

/** The distinct-values form when `auto` takes it (many ties), else null; cached on the sample. */
const tiedForm = statistic((sample: Sample): Sample | null => {
  const rows = sample.values.length
  if (rows < TIED_MIN_ROWS) return null
  return distinctRuns(sample, Math.floor(rows * TIED_FRACTION))
})

/**
 * The Sample a likelihood is summed over: for `auto` with many ties (or `distinct`), the equivalent
 * weighted sample of distinct values, whose n, log-likelihood, score, information and every statistic of
 * the expanded data are the same up to rounding; else the sample itself. Cached on the sample, so a
 * column is compressed once however many fits ask.
 */
export function likelihoodSample(sample: Sample, mode: TiesMode = 'auto'): Sample {
  if (mode === 'rows') return sample
  if (mode === 'distinct') return distinctSample(sample)
  return tiedForm(sample) ?? sample
}
