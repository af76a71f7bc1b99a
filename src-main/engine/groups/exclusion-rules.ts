import type { Exclusion, ExclusionRule } from '../../../src-shared/contract'
import { RequestError } from '../errors'
import type { EngineColumn } from '../import/dataset'
import { MAX_CATEGORIES } from '../import/categories'
import { describeRows, excludeWhere } from '../stats/exclusions'
import { columnCategories } from './group-codes'

/**
 * Applies exclusion rules by rows and by a category of another column, in order, to one value per data
 * row (NaN where excluded). `column` looks up any column by name (text columns included). Each rule gets
 * the number of rows it removed that an earlier rule had not; a rule naming a row past the end or a value
 * the column does not hold is a RequestError, since it would silently exclude nothing.
 */
export function applyExclusionRules(
  rows: Float64Array,
  rules: readonly ExclusionRule[],
  column: (name: string) => EngineColumn,
): { rows: Float64Array; exclusions: Exclusion[] } {
  let current = rows
  const exclusions: Exclusion[] = []
  for (const rule of rules) {
    const excluded = rule.kind === 'rows' ? rowsRule(current.length, rule) : categoryRule(rule, column)
    const step = excludeWhere(current, excluded.test, { rule: excluded.text, exclude: rule })
    current = step.rows
    exclusions.push(...step.exclusions)
  }
  return { rows: current, exclusions }
}

interface Resolved {
  test: (row: number) => boolean
  text: string
}

function rowsRule(n: number, rule: Extract<ExclusionRule, { kind: 'rows' }>): Resolved {
  const marked = new Uint8Array(n)
  for (const [from, to] of rule.rows) {
    if (from > to) throw new RequestError(`Row span ${from}-${to} runs backwards: write it ${to}-${from}.`)
    if (to > n)
      throw new RequestError(`Cannot exclude row ${to}: the data have ${n.toLocaleString('en-US')} rows.`)
    marked.fill(1, from - 1, to)
  }
  return {
    test: (i) => marked[i] === 1,
    text: `${rule.rows.length === 1 && rule.rows[0][0] === rule.rows[0][1] ? 'row' : 'rows'} ${describeRows(rule.rows)}`,
  }
}

function categoryRule(
  rule: Extract<ExclusionRule, { kind: 'category' }>,
  column: (name: string) => EngineColumn,
): Resolved {
  const col = column(rule.column)
  const text = `rows where "${rule.column}" is "${rule.value}"`
  if (!col.categories) {
    const x = Number(rule.value.trim())
    if (rule.value.trim() === '' || !Number.isFinite(x))
      throw new RequestError(`Column "${rule.column}" is numeric: "${rule.value}" is not one of its values.`)
    if (!col.values.includes(x))
      throw new RequestError(
        `Column "${rule.column}" has no row with the value ${x}: the rule would exclude nothing.`,
      )
    return { test: (i) => col.values[i] === x, text }
  }
  const { labels, codes } = columnCategories(col, MAX_CATEGORIES, 'category rule')
  const code = labels.indexOf(rule.value.trim())
  if (code < 0) {
    const some = labels.slice(0, 10).map((l) => `"${l}"`)
    throw new RequestError(
      `Column "${rule.column}" has no value "${rule.value}" (its values: ${some.join(', ')}${labels.length > 10 ? ', ...' : ''}).`,
    )
  }
  return { test: (i) => codes[i] === code, text }
}
