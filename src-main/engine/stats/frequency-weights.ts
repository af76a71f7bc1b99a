import type { WeightsInfo } from '../../../src-shared/contract'
import { RequestError } from '../errors'

/** A column paired with its frequency-weights column, as fits and charts use it. */
export interface WeightedColumn {
  /** The values that count (a number and a positive weight), ascending. */
  sorted: Float64Array
  /** Their weights, in the order of `sorted`. */
  weights: Float64Array
  /** One value per data row, NaN where missing or weighted 0 (row numbers in support messages). */
  rows: Float64Array
  /** Total weight: the sample size n of every count, criterion and test. */
  total: number
  /** Data rows with a value and a positive weight. */
  used: number
  /** Data rows with a value whose weight is 0 (left out). */
  zero: number
  /** Every weight is a whole number (a frequency table). */
  integer: boolean
}

function show(x: number): string {
  return Number.isNaN(x) ? 'no number' : String(x)
}

/**
 * Pairs a column's values with a weights column (both one entry per data row, NaN where missing): the
 * weight of a row with a value must be a finite number >= 0; otherwise a RequestError names the first such
 * data row (1-based), what it holds and why. Rows without a value are skipped whatever their weight; rows
 * weighted 0 are left out (and counted).
 */
export function weightedColumn(
  values: Float64Array,
  weights: Float64Array,
  names: { column: string; weights: string },
): WeightedColumn {
  const order: number[] = []
  const rows = new Float64Array(values.length).fill(NaN)
  let zero = 0
  let integer = true
  for (let i = 0; i < values.length; i++) {
    const x = values[i]
    if (!Number.isFinite(x)) continue
    const w = weights[i]
    if (!(w >= 0 && w < Infinity)) {
      throw new RequestError(
        `Weights column "${names.weights}" has ${show(w)} in data row ${i + 1}, where "${names.column}" is ${x}: frequency weights must be numbers >= 0 (give 0 to leave a row out).`,
      )
    }
    if (w === 0) {
      zero++
      continue
    }
    if (!Number.isInteger(w)) integer = false
    rows[i] = x
    order.push(i)
  }
  if (order.length === 0) {
    throw new RequestError(
      `Column "${names.column}" has no value with a positive weight in "${names.weights}": nothing to fit.`,
    )
  }
  order.sort((a, b) => values[a] - values[b] || a - b)
  const sorted = Float64Array.from(order, (i) => values[i])
  const sortedWeights = Float64Array.from(order, (i) => weights[i])
  let total = 0
  for (let i = 0; i < sortedWeights.length; i++) total += sortedWeights[i]
  return { sorted, weights: sortedWeights, rows, total, used: order.length, zero, integer }
}

/** What a fit says about its weights (the result's `weights`), in plain words. */
export function weightsInfo(w: WeightedColumn, column: string): WeightsInfo {
  const n = w.total.toLocaleString('en-US', { maximumFractionDigits: 6 })
  const left = w.zero > 0 ? ` ${w.zero} rows weighted 0 were left out.` : ''
  const note = w.integer
    ? `Frequency weights from "${column}": ${w.used} rows stand for n = ${n} observations. The log-likelihood, AIC/BIC, standard errors and goodness of fit count every observation, exactly as the expanded data would.${left}`
    : `Frequency weights from "${column}" are not all whole numbers: they are treated as frequencies with n = ${n} (their total), so standard errors, BIC and p-values assume ${n} independent observations. That is right for counts scaled by a constant, not for survey or precision weights; bootstrap replicates draw round(n) values.${left}`
  return { column, total: w.total, rows: w.used, zero: w.zero, integer: w.integer, note }
}
