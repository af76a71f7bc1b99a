import type { RegressionRequest } from '../../../src-shared/contract'
import { RequestError } from '../errors'
import type { Dataset, EngineColumn } from '../import/dataset'

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
  /** 1-based data row number of each used row (for messages that point at a row). */
  rowNumbers: Int32Array
}

function findColumn(dataset: Dataset, name: string, role: string): EngineColumn {
  const col = dataset.columns.find((c) => c.info.name === name)
  if (!col) {
    const known = dataset.columns.map((c) => `"${c.info.name}"`).join(', ')
    throw new RequestError(
      `The ${role} column "${name}" is not in ${dataset.info.fileName} (columns: ${known}).`,
    )
  }
  if (!col.info.numeric) {
    throw new RequestError(
      `The ${role} column "${name}" is not numeric (${col.info.nonNumeric} text cells): pick a numeric or 0/1 column.`,
    )
  }
  return col
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
  const seen = new Set<string>()
  for (const name of request.predictors) {
    if (seen.has(name)) throw new RequestError(`Predictor "${name}" is listed twice: list each column once.`)
    if (name === request.response) {
      throw new RequestError(`"${name}" is the response, so it cannot also be a predictor.`)
    }
    seen.add(name)
  }
  const response = findColumn(dataset, request.response, 'response')
  const predictors = request.predictors.map((name) => findColumn(dataset, name, 'predictor'))
  const exposureName = request.exposure ?? null
  if (exposureName !== null && request.model !== 'poisson') {
    throw new RequestError('An exposure column only applies to Poisson regression.')
  }
  const exposure = exposureName === null ? null : findColumn(dataset, exposureName, 'exposure')

  const rows = response.values.length
  const used = [response, ...predictors, ...(exposure ? [exposure] : [])].map((c) => c.values)
  let n = 0
  for (let i = 0; i < rows; i++) if (complete(used, i)) n++
  const p = predictors.length + (intercept ? 1 : 0)
  const x = new Float64Array(n * p)
  const y = new Float64Array(n)
  const offset = exposure ? new Float64Array(n) : null
  const rowNumbers = new Int32Array(n)
  const first = intercept ? 1 : 0
  let k = 0
  for (let i = 0; i < rows; i++) {
    if (!complete(used, i)) continue
    const yi = response.values[i]
    checkResponse(request.model, request.response, yi, i + 1)
    y[k] = yi
    const base = k * p
    if (intercept) x[base] = 1
    for (let j = 0; j < predictors.length; j++) x[base + first + j] = predictors[j].values[i]
    if (exposure && offset) {
      const e = exposure.values[i]
      if (!(e > 0)) {
        throw new RequestError(
          `Exposure must be positive: column "${exposureName}" has ${e} at row ${i + 1}. Remove or fix that row.`,
        )
      }
      offset[k] = Math.log(e)
    }
    rowNumbers[k] = i + 1
    k++
  }
  return {
    x,
    y,
    offset,
    n,
    p,
    names: [...(intercept ? [INTERCEPT_NAME] : []), ...request.predictors],
    intercept,
    rows,
    missing: rows - n,
    rowNumbers,
  }
}

function complete(columns: Float64Array[], i: number): boolean {
  for (const c of columns) if (!Number.isFinite(c[i])) return false
  return true
}

function checkResponse(model: RegressionRequest['model'], name: string, y: number, row: number): void {
  if (model === 'logistic' && y !== 0 && y !== 1) {
    throw new RequestError(
      `Logistic regression needs a 0/1 response: column "${name}" has ${y} at row ${row}. Recode it to 0/1 or pick another column.`,
    )
  }
  if (model === 'poisson' && !(y >= 0 && Number.isInteger(y))) {
    throw new RequestError(
      `Poisson regression needs counts (whole numbers >= 0): column "${name}" has ${y} at row ${row}.`,
    )
  }
}
