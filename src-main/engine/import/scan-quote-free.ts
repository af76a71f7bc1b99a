import type { CellRules, ColumnBuilder } from './column-builder'
import { POW10 } from './number-parse'
import type { RaggedRows } from './ragged-rows'

/** Where the quote-free scan puts rows, and how many it has read. */
export interface ScanTarget {
  builders: ColumnBuilder[]
  rules: CellRules
  ragged: RaggedRows
  /** Raw cells of the first rows, for the preview table (filled up to `previewRows`). */
  preview: string[][]
  previewRows: number
  /** Data rows read so far (1-based number of the last one). */
  rows: number
}

/**
 * Reads the complete rows of a chunk that has no quote character straight into the column builders,
 * without splitting it into strings: the same rows and fields papaparse's own fast mode gives
 * (`text.split(newline)`, then `row.split(delimiter)`; blank lines skipped). When `more` is true the
 * text after the last line break is left for the next chunk. Returns the characters consumed.
 */
export function scanQuoteFree(
  text: string,
  delimiter: string,
  newline: string,
  more: boolean,
  target: ScanTarget,
): number {
  // Character codes minus '0', to compare with the digit the number loop stopped at.
  const delimDigit = delimiter.charCodeAt(0) - 48
  const { builders, rules, ragged, preview } = target
  const decimal = rules.decimal - 48
  // A local reference: module bindings can cost a property lookup per use in transpiled builds.
  const pow10 = POW10
  const ncols = builders.length
  // A missing token that reads as a number (-999) must be looked up first: every cell takes the builder.
  const fast = !rules.missingFirst
  const step = newline.length
  const length = text.length
  let pos = 0
  let rows = target.rows
  while (pos < length) {
    let rowEnd = text.indexOf(newline, pos)
    if (rowEnd < 0) {
      if (more) break
      rowEnd = length
    }
    if (rowEnd === pos) {
      pos = rowEnd + step
      continue
    }
    rows++
    if (preview.length < target.previewRows) preview.push(text.slice(pos, rowEnd).split(delimiter))
    let field = 0
    let start = pos
    // One pass per cell: read the common number form (optional minus, up to 15 digits, one decimal
    // separator) while looking for the cell's end; anything else goes to the builder's full parser.
    while (start <= rowEnd) {
      let i = start
      let negative = false
      if (i < rowEnd && text.charCodeAt(i) === 45) {
        negative = true
        i++
      }
      let mantissa = 0
      let digits = 0
      let scale = 0
      let d = 0
      for (; i < rowEnd; i++) {
        d = text.charCodeAt(i) - 48
        if (d < 0 || d > 9) break
        mantissa = mantissa * 10 + d
        digits++
      }
      if (i < rowEnd && d === decimal) {
        for (i++; i < rowEnd; i++) {
          d = text.charCodeAt(i) - 48
          if (d < 0 || d > 9) break
          mantissa = mantissa * 10 + d
          digits++
          scale++
        }
      }
      if ((i === rowEnd || d === delimDigit) && digits > 0 && digits <= 15 && fast) {
        if (field < ncols) {
          const v = scale === 0 ? mantissa : mantissa / pow10[scale]
          const b = builders[field]
          // The cell's text is made only for the few numbers a column keeps as examples.
          b.addNumber(negative ? -v : v, rows, b.wantsNumberExample() ? text.slice(start, i) : null)
        }
      } else {
        // Not the common form: find the cell's end and let the builder read it in full.
        if (i < rowEnd && d !== delimDigit) {
          i = text.indexOf(delimiter, i)
          if (i < 0 || i > rowEnd) i = rowEnd
        }
        if (field < ncols) builders[field].addRange(text, start, i, rows, rules)
      }
      field++
      start = i + 1
    }
    if (field !== ncols) {
      ragged.add(rows, field, ncols)
      for (let c = field; c < ncols; c++) builders[c].addRange(text, 0, 0, rows, rules)
    }
    pos = rowEnd + step
  }
  target.rows = rows
  return Math.min(pos, length)
}
