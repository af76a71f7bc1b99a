import type { RegressionRequest } from '../../../src-shared/contract'
import { RequestError } from '../errors'
import type { Dataset, EngineColumn } from '../import/dataset'
import { factorOf, type Factor } from './factor-levels'

/** One model term ("dose", "supp", "supp:dose") and the design columns (0-based, intercept excluded) it owns. */
export interface Term {
  name: string
  /** Column names it is made of (one for a main effect, several for an interaction). */
  parts: string[]
  columns: number[]
}

/** The non-intercept design columns over every data row (NaN where a used cell is missing). */
export interface TermColumns {
  names: string[]
  values: Float64Array[]
  terms: Term[]
  /** Factors used, with their reference level. */
  factors: { column: string; reference: string; levels: string[] }[]
}

/** What one column contributes to a term: a numeric column one product factor, a factor one per level. */
interface Part {
  names: string[]
  values: Float64Array[]
}

/** Splits "a:b" into columns; a name that is itself a column is one column even with a colon in it. */
export function termParts(term: string, dataset: Dataset): string[] {
  if (dataset.columns.some((c) => c.info.name === term)) return [term]
  return term.split(':').map((s) => s.trim())
}

/**
 * The design columns of the request's terms with treatment coding: a factor adds an indicator per level
 * except its reference (the request's `reference`, else the first level in sorted order), named
 * "site = B"; an interaction multiplies its parts' columns (the first part varying fastest, as R does).
 */
export function termColumns(dataset: Dataset, request: RegressionRequest): TermColumns {
  const references = request.reference ?? {}
  const factors = new Map<string, { factor: Factor; reference: number }>()
  const partOf = (name: string, everyLevel: boolean): Part => {
    const col = findColumn(dataset, name, 'predictor')
    const factor = factorOf(col)
    if (col.info.numeric) return { names: [name], values: [col.values] }
    if (!factor) throw notFactor(col)
    const ref = referenceIndex(name, factor, references[name])
    // A factor coded by every level everywhere has no reference level to report or choose.
    if (!everyLevel) factors.set(name, { factor, reference: ref })
    return indicators(name, factor, everyLevel ? -1 : ref)
  }
  const listed = request.predictors.map((term) => termParts(term, dataset))
  const isFactor = (name: string) => !findColumn(dataset, name, 'predictor').info.numeric
  const everyLevel = indicatorCoded(listed, request.intercept !== false, isFactor)
  const terms: Term[] = []
  const names: string[] = []
  const values: Float64Array[] = []
  for (const [t, term] of request.predictors.entries()) {
    const parts = listed[t]
    const key = [...parts].sort().join(':')
    if (terms.some((t) => [...t.parts].sort().join(':') === key)) {
      throw new RequestError(`The term "${term}" is listed twice: list each term once.`)
    }
    if (parts.some((p) => p === request.response)) {
      throw new RequestError(`"${request.response}" is the response, so it cannot also be a predictor.`)
    }
    if (new Set(parts).size !== parts.length) {
      throw new RequestError(`The term "${term}" names a column twice.`)
    }
    const product = parts.map((p, k) => partOf(p, everyLevel[t][k])).reduce(multiply)
    const first = names.length
    names.push(...product.names)
    values.push(...product.values)
    terms.push({ name: parts.join(':'), parts, columns: product.names.map((_, k) => first + k) })
  }
  for (const name of Object.keys(references)) {
    if (name === request.response && request.model === 'logistic') continue
    if (!listed.some((parts) => parts.includes(name) && isFactor(name))) {
      throw new RequestError(`A reference level was given for "${name}", which is not a text predictor.`)
    }
  }
  const used = [...factors].map(([column, f]) => ({
    column,
    reference: f.factor.levels[f.reference],
    levels: f.factor.levels,
  }))
  return { names, values, terms, factors: used }
}

/**
 * Which factor of which term takes an indicator for every level instead of treatment contrasts, by R's
 * rule (model.c's TermCode, from Statistical Models in S, p. 38): a factor is coded by contrasts when the
 * rest of its term is empty or lies within an earlier term (terms ordered by degree, as R orders them),
 * else by every level: `supp:dose` without `dose` fits one slope per level of supp, as in R. Without an
 * intercept the first factor of the first term that has one also takes every level.
 */
export function indicatorCoded(
  terms: string[][],
  intercept: boolean,
  isFactor: (name: string) => boolean,
): boolean[][] {
  const order = terms.map((_, i) => i).sort((a, b) => terms[a].length - terms[b].length)
  const every = terms.map((parts) => parts.map(() => false))
  order.forEach((t, k) => {
    terms[t].forEach((part, p) => {
      const margin = terms[t].filter((q) => q !== part)
      const within = (e: number) => margin.every((m) => terms[e].includes(m))
      every[t][p] = isFactor(part) && margin.length > 0 && !order.slice(0, k).some(within)
    })
  })
  if (!intercept) {
    const first = order.find((t) => terms[t].some(isFactor))
    if (first !== undefined) every[first][terms[first].findIndex(isFactor)] = true
  }
  return every
}

function referenceIndex(name: string, factor: Factor, wanted: string | undefined): number {
  if (factor.levels.length < 2) {
    throw new RequestError(
      `The text column "${name}" has ${factor.levels.length === 0 ? 'no values' : `one value ("${factor.levels[0]}")`}: a factor needs at least two levels.`,
    )
  }
  if (wanted === undefined) return 0
  const k = factor.levels.indexOf(wanted)
  if (k < 0) {
    const shown = factor.levels.slice(0, 20).map((l) => `"${l}"`)
    throw new RequestError(
      `"${wanted}" is not a level of "${name}" (levels: ${shown.join(', ')}${factor.levels.length > 20 ? ', ...' : ''}).`,
    )
  }
  return k
}

/**
 * Treatment coding: one 0/1 column per level except the reference (every level when `reference` is -1),
 * NaN where the cell is missing.
 */
function indicators(name: string, factor: Factor, reference: number): Part {
  const { codes, levels } = factor
  const part: Part = { names: [], values: [] }
  for (let level = 0; level < levels.length; level++) {
    if (level === reference) continue
    const v = new Float64Array(codes.length)
    for (let i = 0; i < codes.length; i++) v[i] = codes[i] < 0 ? NaN : codes[i] === level ? 1 : 0
    part.names.push(`${name} = ${levels[level]}`)
    part.values.push(v)
  }
  return part
}

/** Every product of a column of `a` and a column of `b`, `a` varying fastest. */
function multiply(a: Part, b: Part): Part {
  const out: Part = { names: [], values: [] }
  for (let j = 0; j < b.names.length; j++) {
    for (let i = 0; i < a.names.length; i++) {
      const x = a.values[i]
      const y = b.values[j]
      const v = new Float64Array(x.length)
      for (let r = 0; r < x.length; r++) v[r] = x[r] * y[r]
      out.names.push(`${a.names[i]}:${b.names[j]}`)
      out.values.push(v)
    }
  }
  return out
}

export function findColumn(dataset: Dataset, name: string, role: string): EngineColumn {
  const col = dataset.columns.find((c) => c.info.name === name)
  if (!col) {
    const known = dataset.columns.map((c) => `"${c.info.name}"`).join(', ')
    throw new RequestError(
      `The ${role} column "${name}" is not in ${dataset.info.fileName} (columns: ${known}).`,
    )
  }
  if (role !== 'predictor' && !col.info.numeric) {
    throw new RequestError(
      `The ${role} column "${name}" is not numeric (${col.info.nonNumeric} text cells): pick a numeric or 0/1 column.`,
    )
  }
  return col
}

/** A logistic regression's text response: the level modelled as 1 (the event) and the reference (0). */
export interface ResponseEvent {
  column: string
  level: string
  reference: string
}

/**
 * The response's values: a numeric column as it is; for logistic regression, a text column of two levels
 * as 0 for its reference (the request's `reference`, else the first level in sorted order, as R's glm
 * takes a factor response) and 1 for the other level, the event (NaN where the cell is missing).
 */
export function responseOf(
  dataset: Dataset,
  request: RegressionRequest,
): { values: Float64Array; event: ResponseEvent | null } {
  const name = request.response
  const column = findColumn(dataset, name, 'predictor')
  const factor = request.model === 'logistic' ? factorOf(column) : null
  if (!factor || factor.levels.length !== 2) {
    if (factor) throw twoLevels(name, factor.levels)
    return { values: findColumn(dataset, name, 'response').values, event: null }
  }
  const reference = referenceIndex(name, factor, request.reference?.[name])
  const values = new Float64Array(factor.codes.length)
  factor.codes.forEach((c, i) => (values[i] = c < 0 ? NaN : c === reference ? 0 : 1))
  return {
    values,
    event: { column: name, level: factor.levels[1 - reference], reference: factor.levels[reference] },
  }
}

function twoLevels(name: string, levels: string[]): RequestError {
  const shown = levels.slice(0, 5).map((l) => `"${l}"`)
  return new RequestError(
    `Logistic regression needs a 0/1 response or a text column of two values: "${name}" has ${levels.length} (${shown.join(', ')}${levels.length > 5 ? ', ...' : ''}). Pick another column or recode it.`,
  )
}

function notFactor(col: EngineColumn): RequestError {
  return new RequestError(
    col.info.type === 'text'
      ? `The text column "${col.info.name}" has too many distinct values to be a factor (more than 1,000).`
      : `The predictor column "${col.info.name}" is ${col.info.type}, neither numbers nor text categories: pick a numeric or text column.`,
  )
}
