import type { ColumnSummary, FitResult } from '../../contract'

/** How a value axis is scaled. `auto` resolves to one of the other two by {@link autoLogX}. */
export type AxisScale = 'auto' | 'log' | 'linear'

/** What the automatic choice looks at: the data's range and shape. */
export interface SpreadFacts {
  min: number
  max: number
  /** Sample skewness; NaN when undefined (constant column). */
  skewness: number
}

/** More than this many decades between the smallest and largest value reads better on a log axis. */
export const LOG_DECADES = 2
/** A skewness above this puts most data in the left few percent of a linear axis. */
export const LOG_SKEWNESS = 3

/**
 * The automatic x scale: log when the data are all positive and either span more than ~2 decades or
 * have skewness above 3 (heavy right tail: on a linear axis the bulk of the data sits in a sliver at the
 * left), linear otherwise. A log axis cannot show zero or negative values, so those always get linear.
 */
export function autoLogX(f: SpreadFacts): boolean {
  if (!(f.min > 0) || !Number.isFinite(f.max)) return false
  const decades = Math.log10(f.max / f.min)
  return decades > LOG_DECADES || (Number.isFinite(f.skewness) && f.skewness > LOG_SKEWNESS)
}

/** Whether a log axis is possible at all: every value shown is positive. */
export function logPossible(f: SpreadFacts): boolean {
  return f.min > 0 && Number.isFinite(f.max)
}

/** The scale to draw: the user's choice, `auto` resolved, log refused when some value is not positive. */
export function resolveScale(choice: AxisScale, f: SpreadFacts): 'log' | 'linear' {
  if (!logPossible(f)) return 'linear'
  if (choice === 'auto') return autoLogX(f) ? 'log' : 'linear'
  return choice
}

/** Sample skewness (moment estimator g1) of bin midpoints weighted by count, for when no summary is at hand. */
export function histogramSkewness(bins: readonly { x0: number; x1: number; count: number }[]): number {
  let n = 0
  let s1 = 0
  for (const b of bins) {
    n += b.count
    s1 += b.count * ((b.x0 + b.x1) / 2)
  }
  if (n < 2) return NaN
  const mean = s1 / n
  let m2 = 0
  let m3 = 0
  for (const b of bins) {
    const d = (b.x0 + b.x1) / 2 - mean
    m2 += (b.count * d * d) / n
    m3 += (b.count * d * d * d) / n
  }
  return m2 > 0 ? m3 / Math.pow(m2, 1.5) : NaN
}

/**
 * What auto looks at for a fit's charts: the column's summary when it is the fit's column, else the fit's
 * histogram (its range and binned skewness); null when there is neither.
 */
export function fitSpread(
  f: Pick<FitResult, 'column' | 'histogram'>,
  summary: Pick<ColumnSummary, 'column' | 'min' | 'max' | 'skewness'> | null,
): SpreadFacts | null {
  if (summary && summary.column === f.column)
    return { min: summary.min, max: summary.max, skewness: summary.skewness }
  const bins = f.histogram
  if (!bins.length) return null
  return { min: bins[0].x0, max: bins[bins.length - 1].x1, skewness: histogramSkewness(bins) }
}

/** The x scale of a fit's charts for a choice, as the app draws it: discrete families stay linear on auto. */
export function fitXScale(
  choice: AxisScale,
  f: Pick<FitResult, 'column' | 'histogram' | 'discrete'>,
  summary: Pick<ColumnSummary, 'column' | 'min' | 'max' | 'skewness'> | null,
): 'log' | 'linear' {
  const facts = fitSpread(f, summary)
  if (!facts || (choice === 'auto' && f.discrete)) return 'linear'
  return resolveScale(choice, facts)
}
