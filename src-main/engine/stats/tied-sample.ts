import { Sample, statistic } from './sample'
import { runEnd } from './sorted-runs'

/**
 * How a fit treats tied values: `auto` fits on the distinct values with their counts as frequency weights
 * when ties are many (`TIED_FRACTION`), `distinct` always does, `rows` never does (one term per row).
 */
export type TiesMode = 'auto' | 'distinct' | 'rows'

/**
 * `auto` compresses when the distinct values are at most this fraction of the rows. A weighted pass costs
 * 1.0-1.1x an unweighted one per value (gev, weibull, logistic, student t, burr, loglogistic, cauchy,
 * gumbel, the mixture: 200,000 values, docs/architecture.md "Ties"), so at a half every likelihood pass
 * costs at most 0.55 of the rows' pass; the one scan that decides (about 1 ns a row) is paid once per
 * column.
 */
export const TIED_FRACTION = 1 / 2

/** Rows below which `auto` never compresses: a pass over a few hundred values costs nothing. */
export const TIED_MIN_ROWS = 256

/** Whether an ascending array has at most `limit` distinct values (a plain scan, stopped past the limit). */
function fewDistinct(sorted: Float64Array, limit: number): boolean {
  let distinct = sorted.length > 0 ? 1 : 0
  for (let i = 1; i < sorted.length && distinct <= limit; i++) if (sorted[i] !== sorted[i - 1]) distinct++
  return distinct <= limit
}

/**
 * The sample's distinct values, ascending, with their counts (the sum of their frequency weights) as
 * weights. Runs are found by galloping: a million values with a few hundred distinct ones cost a few
 * thousand reads (with weights, a pass over them).
 */
function distinctRuns(sample: Sample): Sample {
  const sorted = sample.sorted
  const w = sample.sortedWeights
  const values: number[] = []
  const counts: number[] = []
  for (let i = 0; i < sorted.length;) {
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
const distinctSample = statistic(distinctRuns)

/** The distinct-values form when `auto` takes it (many ties), else null; cached on the sample. */
const tiedForm = statistic((sample: Sample): Sample | null => {
  const rows = sample.values.length
  if (rows < TIED_MIN_ROWS || !fewDistinct(sample.sorted, rows * TIED_FRACTION)) return null
  return distinctRuns(sample)
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
