import type { ColumnSummary } from '../../../src-shared/contract'
import { STATUS_CODES } from '../../../src-shared/shapes/dataset'
import { meanAndVariance } from './moments'

/** Descriptive statistics of finite values; skewness and excess kurtosis are moment estimators (divide by n). */
export function summarize(column: string, data: Float64Array): ColumnSummary {
  const n = data.length
  if (n === 0) {
    return { column, n, mean: NaN, sd: NaN, min: NaN, max: NaN, skewness: NaN, kurtosis: NaN, integer: false }
  }
  const { mean, m2 } = meanAndVariance(data)
  let min = Infinity
  let max = -Infinity
  let m3 = 0
  let m4 = 0
  let integer = true
  for (let i = 0; i < n; i++) {
    const x = data[i]
    if (x < min) min = x
    if (x > max) max = x
    if (integer && !Number.isInteger(x)) integer = false
    const d = x - mean
    const d2 = d * d
    m3 += d2 * d
    m4 += d2 * d2
  }
  const variance = m2 / n
  const spread = n > 1 && variance > 0
  return {
    column,
    n,
    mean,
    sd: n > 1 ? Math.sqrt(m2 / (n - 1)) : NaN,
    min,
    max,
    skewness: spread ? m3 / n / Math.pow(variance, 1.5) : NaN,
    kurtosis: spread ? m4 / n / (variance * variance) - 3 : NaN,
    integer,
    ...fewValues(data),
  }
}

/** `{ values }`: the distinct values, ascending, when there are at most STATUS_CODES; else nothing. */
function fewValues(data: Float64Array): { values?: number[] } {
  const seen: number[] = []
  for (let i = 0; i < data.length; i++) {
    if (seen.includes(data[i])) continue
    if (seen.length === STATUS_CODES) return {}
    seen.push(data[i])
  }
  return { values: seen.sort((a, b) => a - b) }
}
