import type { Newline } from './papa-parser'
import { POW10 } from './number-parse'
import type { ScanTarget } from './scan-quote-free'

const LF = 10
const CR = 13

/**
 * The end of the row starting at `from` in `bytes[from, to)` (the index of its line break), or -1 when
 * no line break follows: the same rows as splitting the decoded text at `newline` (a lone LF in a CRLF
 * file, or a lone CR in an LF file, stays inside its cell as in the text).
 */
export function rowEndIn(bytes: Uint8Array, from: number, to: number, newline: Newline): number {
  if (newline === '\n' || newline === '\r') {
    const end = bytes.indexOf(newline === '\n' ? LF : CR, from)
    return end < to ? end : -1
  }
  for (let p = from; ;) {
    const lf = bytes.indexOf(LF, p)
    if (lf < 0 || lf >= to) return -1
    if (lf > from && bytes[lf - 1] === CR) return lf - 1
    p = lf + 1
  }
}

/**
 * Whether a cell whose common form (sign, digits, point) stopped at `stop` before its end `end` is still a
 * number JavaScript reads as the import does: when it stopped at the end (more than 15 digits, the
 * shortest round trip of most doubles, as pandas and R at full precision write them) or at an exponent
 * (`1.5e-07`). `Number` of such text is correctly rounded, like the builder's parse, at a fraction of
 * the cost of decoding the cell and reading it in full.
 */
function isJsNumber(bytes: Buffer, stop: number, end: number): boolean {
  if (stop === end) return true
  const e = bytes[stop]
  if (e !== 101 && e !== 69) return false
  let i = stop + 1
  if (i < end && (bytes[i] === 45 || bytes[i] === 43)) i++
  if (i === end) return false
  for (; i < end; i++) if (bytes[i] < 48 || bytes[i] > 57) return false
  return true
}

/**
 * `scanQuoteFree` on UTF-8 bytes instead of decoded text: reads the complete rows of `bytes[from, to)`,
 * which hold no quote character, straight into the column builders without decoding the chunk or making a
 * string per cell (the same rows, fields and values: every byte that ends a cell, a delimiter or a line
 * break, is ASCII, so a cell's bytes are whole characters). Cells that are not the common number form are
 * decoded one by one and read in full by the builder. When `more` is true the bytes after the last line
 * break are left for the next chunk. Returns the index after the last row consumed.
 */
export function scanQuoteFreeBytes(
  bytes: Buffer,
  from: number,
  to: number,
  delimiter: number,
  newline: Newline,
  more: boolean,
  target: ScanTarget,
): number {
  const { builders, rules, ragged, preview } = target
  const decimal = rules.decimal
  const pow10 = POW10
  const ncols = builders.length
  // A missing token that reads as a number (-999) must be looked up first: every cell takes the builder.
  const fast = !rules.missingFirst
  const step = newline.length
  const delimiterText = String.fromCharCode(delimiter)
  let pos = from
  let rows = target.rows
  while (pos < to) {
    let rowEnd = rowEndIn(bytes, pos, to, newline)
    if (rowEnd < 0) {
      if (more) break
      rowEnd = to
    }
    if (rowEnd === pos) {
      pos = rowEnd + step
      continue
    }
    rows++
    if (preview.length < target.previewRows) {
      preview.push(bytes.toString('utf8', pos, rowEnd).split(delimiterText))
    }
    let field = 0
    let start = pos
    // One pass per cell, as in scanQuoteFree: the common number form while looking for the cell's end.
    while (start <= rowEnd) {
      let i = start
      let negative = false
      if (i < rowEnd && bytes[i] === 45) {
        negative = true
        i++
      }
      let mantissa = 0
      let digits = 0
      let scale = 0
      let c = 0
      for (; i < rowEnd; i++) {
        c = bytes[i]
        if (c < 48 || c > 57) break
        mantissa = mantissa * 10 + (c - 48)
        digits++
      }
      if (i < rowEnd && c === decimal) {
        for (i++; i < rowEnd; i++) {
          c = bytes[i]
          if (c < 48 || c > 57) break
          mantissa = mantissa * 10 + (c - 48)
          digits++
          scale++
        }
      }
      if ((i === rowEnd || c === delimiter) && digits > 0 && digits <= 15 && fast) {
        if (field < ncols) {
          const v = scale === 0 ? mantissa : mantissa / pow10[scale]
          const b = builders[field]
          // The cell's text is made only for the few numbers a column keeps as examples.
          b.addNumber(
            negative ? -v : v,
            rows,
            b.wantsNumberExample() ? bytes.toString('latin1', start, i) : null,
          )
        }
      } else {
        // Not the common form: find the cell's end and let the builder read its text in full, unless it is
        // a plain number in JavaScript's own syntax.
        const stop = i
        if (i < rowEnd && c !== delimiter) {
          i = bytes.indexOf(delimiter, i)
          if (i < 0 || i > rowEnd) i = rowEnd
        }
        if (field >= ncols) {
          // A ragged row's extra cell: counted below, not read.
        } else if (fast && decimal === 46 && digits > 0 && isJsNumber(bytes, stop, i)) {
          const text = bytes.toString('latin1', start, i)
          const v = Number(text)
          const b = builders[field]
          if (v - v === 0) b.addNumber(v, rows, b.wantsNumberExample() ? text : null)
          else b.add(text, rows, rules)
        } else builders[field].add(bytes.toString('utf8', start, i), rows, rules)
      }
      field++
      start = i + 1
    }
    if (field !== ncols) {
      ragged.add(rows, field, ncols)
      for (let c = field; c < ncols; c++) builders[c].add('', rows, rules)
    }
    pos = rowEnd + step
  }
  target.rows = rows
  return Math.min(pos, to)
}
