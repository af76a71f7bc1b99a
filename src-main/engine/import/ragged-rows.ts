/** Rows listed by number in the ragged-rows warning. */
const LISTED = 5

/**
 * Rows whose field count differs from the column count. Decision: short rows are padded with missing
 * values and extra fields are ignored; the warning says which rows and how many fields they had.
 */
export class RaggedRows {
  short = 0
  long = 0
  readonly first: { row: number; fields: number }[] = []

  /** Records 1-based data row `row` with `fields` fields where `columns` were expected. */
  add(row: number, fields: number, columns: number): void {
    if (this.first.length < LISTED) this.first.push({ row, fields })
    if (fields < columns) this.short++
    else this.long++
  }

  /** The warning for `columns` columns, or null when every row had that many fields. */
  warning(columns: number): string | null {
    const total = this.short + this.long
    if (total === 0) return null
    const listed = this.first.map((r) => `row ${r.row} has ${r.fields}`).join(', ')
    const what: string[] = []
    if (this.short > 0)
      what.push(`${this.short.toLocaleString('en-US')} short row(s) were padded with missing values`)
    if (this.long > 0)
      what.push(`the extra fields of ${this.long.toLocaleString('en-US')} long row(s) were ignored`)
    return `${total.toLocaleString('en-US')} row(s) do not have ${columns} fields like the header (${listed}${total > this.first.length ? ', ...' : ''}); ${what.join(' and ')}. If the delimiter is wrong, choose another one.`
  }
}
