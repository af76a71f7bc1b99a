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
  const partOf = (name: string): Part => {
    const col = findColumn(dataset, name, 'predictor')
    const factor = factorOf(col)
    if (col.info.numeric) return { names: [name], values: [col.values] }
    if (!factor) throw notFactor(col)
    const ref = referenceIndex(name, factor, references[name])
    factors.set(name, { factor, reference: ref })
    return indicators(name, factor, ref)
  }
  const terms: Term[] = []
  const names: string[] = []
  const values: Float64Array[] = []
  for (const term of request.predictors) {
    const parts = termParts(term, dataset)
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
    const product = parts.map(partOf).reduce(multiply)
    const first = names.length
    names.push(...product.names)
    values.push(...product.values)
    terms.push({ name: parts.join(':'), parts, columns: product.names.map((_, k) => first + k) })
  }
  for (const name of Object.keys(references)) {
    if (!factors.has(name)) {
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

/** Treatment coding: one 0/1 column per level except the reference, NaN where the cell is missing. */
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

function notFactor(col: EngineColumn): RequestError {
  return new RequestError(
    col.info.type === 'text'
      ? `The text column "${col.info.name}" has too many distinct values to be a factor (more than 1,000).`
      : `The predictor column "${col.info.name}" is ${col.info.type}, neither numbers nor text categories: pick a numeric or text column.`,
  )
}
