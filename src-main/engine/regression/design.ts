import type { RegressionRequest } from '../../../src-shared/contract'
import { RequestError } from '../errors'
import type { Dataset } from '../import/dataset'
import { predictKernel } from './fused-kernels'
import { findColumn, responseOf, termColumns, type ResponseEvent, type TermColumns } from './terms'

/** Name of the intercept column in coefficient tables and the CLI JSON. */
export const INTERCEPT_NAME = '(Intercept)'

/**
 * A regression's data after exclusion of incomplete rows, column-major: the design X (n x p) as its
 * non-intercept columns (the intercept's column of ones is implicit), the response y and the offset (log
 * exposure, Poisson only). With every row complete, numeric columns and y are the dataset's own arrays (no
 * copy: an 88 MB row-major copy of 1M x 11 cost more in page faults than a fit's pass over it); with rows
 * dropped, each is a compact copy of the used rows. Nothing may write into them.
 */
export interface Design {
  /** The columns after the intercept, in coefficient order, each n long: X[i][j] = columns[j - first][i]. */
  columns: Float64Array[]
  y: Float64Array
  /** log(exposure) per row, or null when there is no exposure column. */
  offset: Float64Array | null
  n: number
  p: number
  /** Coefficient names in column order, the intercept first as `(Intercept)`. */
  names: string[]
  /** Whether coefficient 0 is the intercept (an implicit column of ones, not in `columns`). */
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
  /** A logistic regression's text response: which level is 1. */
  event: ResponseEvent | null
}

/** All p design columns, null for the intercept's ones (what QR takes). */
export function designColumns(d: Design): (Float64Array | null)[] {
  return d.intercept ? [null, ...d.columns] : d.columns
}

/**
 * The linear predictor offset_i + sum_j X[i][j] beta_j (without the offset when `withOffset` is false),
 * with the same additions in the same order as the fused kernels' per-row sums.
 */
export function linearPredictor(
  d: Design,
  beta: Float64Array,
  withOffset = true,
  out = new Float64Array(d.n),
): Float64Array {
  predictKernel(d.p, d.intercept)(d.columns, withOffset ? d.offset : null, d.n, beta, out)
  return out
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
  const response = responseOf(dataset, request)
  const columns = termColumns(dataset, request)
  const exposureName = request.exposure ?? null
  if (exposureName !== null && request.model !== 'poisson') {
    throw new RequestError('An exposure column only applies to Poisson regression.')
  }
  const exposure = exposureName === null ? null : findColumn(dataset, exposureName, 'exposure')

  const rows = response.values.length
  const used = [response.values, ...columns.values, ...(exposure ? [exposure.values] : [])]
  const ok = completeRows(used)
  const n = ok === null ? rows : count(ok)
  const y = ok === null ? response.values : compact(response.values, ok, n)
  const rowNumbers = ok === null ? null : usedRowNumbers(ok, n)
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
    columns: ok === null ? columns.values : columns.values.map((c) => compact(c, ok, n)),
    y,
    offset,
    n,
    p: columns.names.length + (intercept ? 1 : 0),
    names: [...(intercept ? [INTERCEPT_NAME] : []), ...columns.names],
    intercept,
    rows,
    missing: rows - n,
    rowNumbers,
    terms: columns.terms.map((t) => ({ ...t, columns: t.columns.map((c) => c + (intercept ? 1 : 0)) })),
    factors: columns.factors,
    event: response.event,
  }
}

/**
 * Which rows have a finite value in every used column (read column by column, sequentially), or null
 * when all do: the usual case, in which nothing is copied.
 */
function completeRows(used: Float64Array[]): Uint8Array | null {
  let ok: Uint8Array | null = null
  for (const values of used) {
    for (let i = 0; i < values.length; i++) {
      if (Number.isFinite(values[i])) continue
      ok ??= new Uint8Array(values.length).fill(1)
      ok[i] = 0
    }
  }
  return ok
}

function count(ok: Uint8Array): number {
  let n = 0
  for (let i = 0; i < ok.length; i++) n += ok[i]
  return n
}

/** The values of the rows marked 1, in order (n of them). */
export function compact(values: Float64Array, mark: Uint8Array, n: number, keep = 1): Float64Array {
  const out = new Float64Array(n)
  for (let i = 0, k = 0; i < values.length; i++) if (mark[i] === keep) out[k++] = values[i]
  return out
}

function usedRowNumbers(ok: Uint8Array, n: number): Int32Array {
  const out = new Int32Array(n)
  for (let i = 0, k = 0; i < ok.length; i++) if (ok[i] === 1) out[k++] = i + 1
  return out
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
