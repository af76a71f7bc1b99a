import type { RegressionRequest } from '../../../src-shared/contract'
import { RequestError } from '../errors'
import type { Dataset } from '../import/dataset'
import { findColumn, termColumns, type TermColumns } from './terms'

/** Name of the intercept column in coefficient tables and the CLI JSON. */
export const INTERCEPT_NAME = '(Intercept)'

/**
 * A regression's data after exclusion of incomplete rows: the design X (n x p, row-major, one row per
 * used data row), the response y and the offset (log exposure, Poisson only).
 */
export interface Design {
  /** Row-major n x p: x[i * p + j]. The intercept, when present, is column 0 (all ones). */
  x: Float64Array
  y: Float64Array
  /** log(exposure) per row, or null when there is no exposure column. */
  offset: Float64Array | null
  n: number
  p: number
  /** Coefficient names in column order, the intercept first as `(Intercept)`. */
  names: string[]
  intercept: boolean
  /** Data rows in the file, rows used, and rows dropped for a missing value in any column used. */
  rows: number
  missing: number
  /** 1-based data row number of each used row (for messages that point at a row); null when every data row is used (row i + 1). */
  rowNumbers: Int32Array | null
  /** The model's terms, each with its design columns (indices into `names`, intercept counted). */
  terms: TermColumns['terms']
  /** The text predictors and their reference levels. */
  factors: TermColumns['factors']
}

/**
 * Builds the design from the request: checks the columns exist and are numeric, drops rows where any of
 * them is missing, and checks the response suits the model (0/1 for logistic, counts for Poisson,
 * exposure > 0). Throws RequestError with the row and value of the first offending cell.
 */
export function buildDesign(dataset: Dataset, request: RegressionRequest): Design {
  const intercept = request.intercept ?? true
  if (request.predictors.length === 0 && !intercept) {
    throw new RequestError('A regression needs at least one predictor or the intercept.')
  }
  const response = findColumn(dataset, request.response, 'response')
  const columns = termColumns(dataset, request)
  const exposureName = request.exposure ?? null
  if (exposureName !== null && request.model !== 'poisson') {
    throw new RequestError('An exposure column only applies to Poisson regression.')
  }
  const exposure = exposureName === null ? null : findColumn(dataset, exposureName, 'exposure')

  const rows = response.values.length
  const p = columns.names.length + (intercept ? 1 : 0)
  const first = intercept ? 1 : 0
  const cols = columns.values
  const q = cols.length
  const yv = response.values
  // Usually nothing is missing: one pass copies and checks together; otherwise the two-pass path below.
  const complete = exposure && !allFinite(exposure.values) ? null : copyComplete(yv, cols, intercept, p)
  let x: Float64Array
  let y: Float64Array
  let rowNumbers: Int32Array | null
  let n: number
  if (complete) {
    ;({ x, y } = complete)
    n = rows
    rowNumbers = null
  } else {
    const used = [response.values, ...cols, ...(exposure ? [exposure.values] : [])]
    // Column by column (sequential reads): which rows have every used value.
    const ok = new Uint8Array(rows).fill(1)
    for (const values of used) for (let i = 0; i < rows; i++) if (!Number.isFinite(values[i])) ok[i] = 0
    n = 0
    for (let i = 0; i < rows; i++) n += ok[i]
    x = new Float64Array(n * p)
    y = new Float64Array(n)
    rowNumbers = new Int32Array(n)
    let k = 0
    for (let i = 0; i < rows; i++) {
      if (ok[i] === 0) continue
      y[k] = yv[i]
      const base = k * p
      if (intercept) x[base] = 1
      for (let j = 0; j < q; j++) x[base + first + j] = cols[j][i]
      rowNumbers[k] = i + 1
      k++
    }
  }
  const offset = exposure ? new Float64Array(n) : null
  const rowOf = (m: number) => (rowNumbers ? rowNumbers[m] : m + 1)
  checkResponse(request.model, request.response, y, rowOf)
  if (exposure && offset) {
    const ev = exposure.values
    for (let m = 0; m < n; m++) {
      const e = ev[rowOf(m) - 1]
      if (!(e > 0)) {
        throw new RequestError(
          `Exposure must be positive: column "${exposureName}" has ${e} at row ${rowOf(m)}. Remove or fix that row.`,
        )
      }
      offset[m] = Math.log(e)
    }
  }
  return {
    x,
    y,
    offset,
    n,
    p,
    names: [...(intercept ? [INTERCEPT_NAME] : []), ...columns.names],
    intercept,
    rows,
    missing: rows - n,
    rowNumbers,
    terms: columns.terms.map((t) => ({ ...t, columns: t.columns.map((c) => c + first) })),
    factors: columns.factors,
  }
}

function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false
  return true
}

/**
 * Row-major design of every row, or null at the first missing value (then nothing is dropped here). The
 * response is the column itself, not a copy (the design is only read; a fresh 8 MB array costs more in
 * first-touch page faults than a pass over it).
 */
function copyComplete(
  yv: Float64Array,
  cols: Float64Array[],
  intercept: boolean,
  p: number,
): { x: Float64Array; y: Float64Array } | null {
  const rows = yv.length
  const q = cols.length
  const first = intercept ? 1 : 0
  const x = new Float64Array(rows * p)
  for (let i = 0; i < rows; i++) {
    if (!Number.isFinite(yv[i])) return null
    const base = i * p
    if (intercept) x[base] = 1
    for (let j = 0; j < q; j++) {
      const v = cols[j][i]
      if (!Number.isFinite(v)) return null
      x[base + first + j] = v
    }
  }
  return { x, y: yv }
}

function checkResponse(
  model: RegressionRequest['model'],
  name: string,
  y: Float64Array,
  rowOf: (m: number) => number,
): void {
  if (model === 'linear') return
  for (let i = 0; i < y.length; i++) {
    const v = y[i]
    if (model === 'logistic' && v !== 0 && v !== 1) {
      throw new RequestError(
        `Logistic regression needs a 0/1 response: column "${name}" has ${v} at row ${rowOf(i)}. Recode it to 0/1 or pick another column.`,
      )
    }
    if ((model === 'poisson' || model === 'negbin') && !(v >= 0 && Number.isInteger(v))) {
      throw new RequestError(
        `${model === 'poisson' ? 'Poisson' : 'Negative binomial'} regression needs counts (whole numbers >= 0): column "${name}" has ${v} at row ${rowOf(i)}.`,
      )
    }
  }
}
