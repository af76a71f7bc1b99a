/**
 * One column's finite values as the families see them, with every whole-sample statistic computed once and
 * kept on the object: moments, log moments, the count table, and each family's own sufficient statistics
 * (declared with `statistic`). Families receive a Sample, never a bare array, so how the statistics are
 * summed (compensated sums, frequency weights with n = total weight) is decided here for all of them.
 */
export class Sample {
  private readonly cache = new Map<(sample: Sample) => unknown, unknown>()
  private ascending: Float64Array | null

  private constructor(
    /** The values in the order given (ascending for `Sample.sorted`); never mutated. */
    readonly values: Float64Array,
    sorted: boolean,
  ) {
    this.ascending = sorted ? values : null
  }

  /** A sample of values already sorted ascending (a column, a bootstrap replicate after `.sort()`). */
  static sorted(values: Float64Array): Sample {
    return new Sample(values, true)
  }

  /**
   * A sample in any order (a gradient-ascent training part): sums and moments are taken over `values` as
   * given; order statistics and the count table sort a copy the first time one is asked for.
   */
  static unsorted(values: Float64Array): Sample {
    return new Sample(values, false)
  }

  /** Number of observations. */
  get n(): number {
    return this.values.length
  }

  /** The values sorted ascending (sorted once, on first use, for samples made with `unsorted`). */
  get sorted(): Float64Array {
    this.ascending ??= this.values.slice().sort()
    return this.ascending
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

const byColumn = new WeakMap<Float64Array, Sample>()

/**
 * The Sample of a column's sorted finite values: the same object for the same array, so its statistics
 * are computed once per column however many fits, fit-alls and charts ask (collected with the column).
 */
export function sampleOf(sorted: Float64Array): Sample {
  let sample = byColumn.get(sorted)
  if (!sample) {
    sample = Sample.sorted(sorted)
    byColumn.set(sorted, sample)
  }
  return sample
}
