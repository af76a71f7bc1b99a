/**
 * One column's finite values as the families see them, with every whole-sample statistic computed once and
 * kept on the object: moments, log moments, the count table, and each family's own sufficient statistics
 * (declared with `statistic`). Families receive a Sample, never a bare array, so how the statistics are
 * summed (compensated sums, frequency weights with n = total weight) is decided here for all of them.
 */
export class Sample {
  private readonly cache = new Map<(sample: Sample) => unknown, unknown>()
  private ascending: Float64Array | null
  // Frequency weights: the weights of `sorted`, in its order (the same array as `weights` when sorted).
  private ascendingWeights: Float64Array | null
  private totalWeight = NaN

  private constructor(
    /** The values in the order given (ascending for `Sample.sorted`); never mutated. */
    readonly values: Float64Array,
    sorted: boolean,
    /**
     * Frequency weights of `values` (positive, finite; null = every value counts once): value i stands for
     * weights[i] observations, so every statistic is a weighted sum and `n` the total weight.
     */
    readonly weights: Float64Array | null = null,
  ) {
    this.ascending = sorted ? values : null
    this.ascendingWeights = sorted ? weights : null
  }

  /**
   * A sample of values already sorted ascending (a column, a bootstrap replicate after `.sort()`), with
   * their frequency weights when the column has them.
   */
  static sorted(values: Float64Array, weights?: Float64Array | null): Sample {
    return new Sample(values, true, weights ?? null)
  }

  /**
   * A sample in any order (a gradient-ascent training part): sums and moments are taken over `values` as
   * given; order statistics and the count table sort a copy the first time one is asked for.
   */
  static unsorted(values: Float64Array, weights?: Float64Array | null): Sample {
    return new Sample(values, false, weights ?? null)
  }

  /** Number of observations: the number of values, or their total frequency weight. */
  get n(): number {
    if (!this.weights) return this.values.length
    if (Number.isNaN(this.totalWeight)) {
      let total = 0
      for (let i = 0; i < this.weights.length; i++) total += this.weights[i]
      this.totalWeight = total
    }
    return this.totalWeight
  }

  /** The values sorted ascending (sorted once, on first use, for samples made with `unsorted`). */
  get sorted(): Float64Array {
    if (this.ascending) return this.ascending
    if (!this.weights) {
      this.ascending = this.values.slice().sort()
      return this.ascending
    }
    const weights = this.weights
    const order = Array.from(this.values.keys()).sort((a, b) => this.values[a] - this.values[b])
    this.ascending = Float64Array.from(order, (i) => this.values[i])
    this.ascendingWeights = Float64Array.from(order, (i) => weights[i])
    return this.ascending
  }

  /** The frequency weights of `sorted`, in its order (null when unweighted). */
  get sortedWeights(): Float64Array | null {
    if (!this.weights) return null
    void this.sorted
    return this.ascendingWeights
  }

  /** The value of `compute` for this sample, computed on the first call and cached. */
  cached<T>(compute: (sample: Sample) => T): T {
    if (this.cache.has(compute)) return this.cache.get(compute) as T
    const value = compute(this)
    this.cache.set(compute, value)
    return value
  }
}

/**
 * A statistic of a sample computed once per sample: families compute sufficient statistics in one pass the
 * first time they see a column and then answer every optimizer call in O(1).
 */
export function statistic<T>(compute: (sample: Sample) => T): (sample: Sample) => T {
  return (sample) => sample.cached(compute)
}

/**
 * The weight of point i: 1 without weights. Not for loops over every value: through tsx (the bench) each
 * call is an export getter and a call, and V8 compiles a loop reading a `Float64Array | null` per value
 * poorly (student t's derivative pass on 1M values: 33 ms against 11). There: `hotWeights`, or a loop
 * per case (weighted, unweighted) where the loop is the fit's hot path.
 */
export function weightAt(weights: Float64Array | null, i: number): number {
  return weights === null ? 1 : weights[i]
}

const byColumn = new WeakMap<Float64Array, Sample>()

/**
 * The Sample of a column's sorted finite values (and their frequency weights): the same object for the
 * same arrays, so its statistics are computed once per column however many fits, fit-alls and charts ask
 * (collected with the column). Keyed by the values and checked against the weights: one weights array can
 * pair with two value arrays (a rescaled copy of a weighted column).
 */
export function sampleOf(sorted: Float64Array, weights?: Float64Array | null): Sample {
  const known = byColumn.get(sorted)
  if (known && known.weights === (weights ?? null)) return known
  const sample = Sample.sorted(sorted, weights)
  byColumn.set(sorted, sample)
  return sample
}

const NO_WEIGHTS = new Float64Array(0)

/**
 * A sample's weights for a loop over every value: `weighted` hoisted out of the loop, and an array that
 * is never null (empty, and never read, when unweighted). The per-value weight is
 * `weighted ? weights[i] : 1`.
 */
export function hotWeights(sample: { weights: Float64Array | null }): {
  weighted: boolean
  weights: Float64Array
} {
  return { weighted: sample.weights !== null, weights: sample.weights ?? NO_WEIGHTS }
}

const ONES = new Float64Array(4096).fill(1)

/**
 * A sample's weights for a loop with one body for both cases and no choice per value: the point's weight
 * is `lanes.weights[i & lanes.mask]`, the sample's weights (mask -1 keeps i) or a block of ones (mask 4095).
 * Where the body is long (burr, gev, the location-scale families) this keeps one loop, not two copies.
 */
export function weightLanes(sample: { weights: Float64Array | null }): {
  weights: Float64Array
  mask: number
} {
  return sample.weights === null
    ? { weights: ONES, mask: ONES.length - 1 }
    : { weights: sample.weights, mask: -1 }
}
