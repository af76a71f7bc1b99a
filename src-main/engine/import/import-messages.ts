import type { ColumnInfo, Progress } from '../../../src-shared/contract'
import { ImportError } from '../errors'
import { formatBytes } from './limits'
import { createChunkParser, type Newline } from './papa-parser'

/** Plain words for a file-system error code (ENOENT, EACCES, ...), else the error's own message. */
export function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException
  if (err.code === 'ENOENT') return 'the file does not exist (it may have been moved or deleted)'
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied'
  if (err.code === 'EISDIR') return 'it is a folder'
  return err.message ?? String(e)
}

/** An import progress event: bytes read of the total and rows so far. */
export function progress(read: number, total: number, rows: number): Progress {
  return {
    task: 'import',
    fraction: total > 0 ? Math.min(1, read / total) : null,
    message: `${formatBytes(read)} of ${formatBytes(total)}, ${rows.toLocaleString('en-US')} rows`,
    bytesRead: read,
    bytesTotal: total,
    rows,
  }
}

/** The start of a row as the user would see it in the file (first line, at most 40 characters). */
export function describeRow(row: string[]): string {
  const joined = row.join(',').split(/\r\n|\r|\n/)[0]
  return `it begins "${joined.length > 40 ? `${joined.slice(0, 40)}...` : joined}"`
}

/** Where the first row of `text` ends (Infinity when it does not end in `text`). */
export function firstRowEnd(text: string, delimiter: string, newline: Newline): number {
  if (text.indexOf('"') < 0) {
    const end = text.indexOf(newline)
    return end < 0 ? Infinity : end
  }
  const result = createChunkParser(delimiter, newline, 1).parse(text, true)
  return result.data.length > 0 ? result.meta.cursor : Infinity
}

/** The error for a row over the limit: an unclosed quote (odd number of quotes) or a missing line break. */
export function longRowError(
  partial: string,
  fileName: string,
  inHeader: boolean,
  dataRows: number,
  maxRow: number,
): ImportError {
  const where = inHeader ? 'The first row' : `Data row ${(dataRows + 1).toLocaleString('en-US')}`
  let quotes = 0
  for (let i = partial.indexOf('"'); i >= 0; i = partial.indexOf('"', i + 1)) quotes++
  if (quotes % 2 === 1) {
    return new ImportError(
      `${fileName} has a quoted field that is not closed within ${formatBytes(maxRow)}: it starts in ${where.toLowerCase()} (${describeRow([partial.slice(0, 60)])}). Add the missing closing quote (") or remove the stray one.`,
    )
  }
  return new ImportError(
    `${where} of ${fileName} is longer than ${formatBytes(maxRow)} (the limit for one row): the file has no line break where one is expected, or is not a table. Check the file's line endings or export it again as CSV.`,
  )
}

/** Why a column cannot be fitted as numbers, from what the import typed it as (every cell missing, dates, text). */
export function notNumericMessage(info: ColumnInfo): string {
  const cells = (k: number) => `${k.toLocaleString('en-US')} ${k === 1 ? 'cell' : 'cells'}`
  if (info.type === 'empty') return `Column "${info.name}" has no values: every cell is missing.`
  if (info.type === 'date') return `Column "${info.name}" holds dates (${cells(info.count)}), not numbers.`
  return `Column "${info.name}" is not numeric: it was read as text (${cells(info.nonNumeric)}).`
}
