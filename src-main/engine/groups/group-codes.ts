import { MAX_GROUPS } from '../../../src-shared/shapes/groups'
import { RequestError } from '../errors'
import type { EngineColumn } from '../import/dataset'

/** A column read as categories: the distinct values' labels and each row's index into them (-1: none). */
export interface GroupCodes {
  labels: string[]
  codes: Int32Array
}

/** Numbers as labels: their shortest decimal form ("2", "0.5"), as the file most likely wrote them. */
const numberLabel = (x: number) => String(x)

/**
 * The categories of any column: a text or date column's dictionary (from the import), or a numeric
 * column's distinct values (ascending). A column with more than `cap` distinct values is a RequestError
 * that says how many it has, so a mistaken choice (an id column, a measurement) is a message, not a hang.
 */
export function columnCategories(col: EngineColumn, cap: number, role: string): GroupCodes {
  const name = col.info.name
  const tooMany = (count: string) =>
    new RequestError(
      `Column "${name}" has ${count} distinct values: a ${role} may have at most ${cap}. Choose a column of categories (batch, site, machine).`,
    )
  if (col.categories) {
    if (col.categories.overflow) throw tooMany('more than 1,000')
    const { labels, codes } = col.categories
    if (labels.length > cap) throw tooMany(labels.length.toLocaleString('en-US'))
    return { labels, codes }
  }
  const values = col.values
  const index = new Map<number, number>()
  for (let i = 0; i < values.length; i++) {
    const x = values[i]
    if (x === x && !index.has(x)) {
      if (index.size === cap) throw tooMany(`more than ${cap}`)
      index.set(x, index.size)
    }
  }
  const distinct = [...index.keys()].sort((a, b) => a - b)
  const order = new Map(distinct.map((x, k) => [x, k]))
  const codes = new Int32Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const x = values[i]
    codes[i] = x === x ? order.get(x)! : -1
  }
  return { labels: distinct.map(numberLabel), codes }
}

/** The groups of a By column (at most MAX_GROUPS), text groups in natural order ("b2" before "b10"). */
export function groupCodes(col: EngineColumn): GroupCodes {
  const { labels, codes } = columnCategories(col, MAX_GROUPS, 'By column')
  if (!col.categories) return { labels, codes }
  const order = labels
    .map((label, k) => ({ label, k }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }))
  const rank = new Int32Array(labels.length)
  order.forEach((o, r) => (rank[o.k] = r))
  return { labels: order.map((o) => o.label), codes: codes.map((c) => (c < 0 ? -1 : rank[c])) }
}
