/**
 * The categories of a text (or date) column: a dictionary of its distinct cell texts and one code per data
 * row, so a By column or an exclusion by category can use a column that numeric work cannot. Only the
 * first MAX_CATEGORIES distinct texts are kept: a column of IDs (a distinct text in every row) is useless
 * as a grouping and must not cost a string per row; it is marked `overflow` instead.
 */
export const MAX_CATEGORIES = 1000

export interface Categories {
  /** Distinct cell texts (trimmed), in order of first appearance. */
  labels: string[]
  /** Per data row: the index of its label, or -1 where the cell is missing. Empty when `overflow`. */
  codes: Int32Array
  /** The column has more than MAX_CATEGORIES distinct texts: no codes were kept. */
  overflow: boolean
}

/** Records the text cells of one column while rows stream in (only cells that are not plain numbers). */
export class CategoryRecorder {
  private readonly index = new Map<string, number>()
  private readonly labels: string[] = []
  // Code + 1 per data row (0: not a recorded text cell), grown on demand.
  private codes = new Int32Array(64)
  private overflow = false

  /** Row `at` (0-based) holds the trimmed text `text`. */
  record(at: number, text: string): void {
    if (this.overflow) return
    const code = this.intern(text)
    if (code < 0) return
    if (at >= this.codes.length) {
      const grown = new Int32Array(Math.max(at + 1, this.codes.length * 2))
      grown.set(this.codes)
      this.codes = grown
    }
    this.codes[at] = code + 1
  }

  /**
   * The column's categories for `n` rows: recorded texts, and the cells `numberAt` reads as numbers (a
   * text column may hold some) by their shortest decimal form; -1 elsewhere (missing).
   */
  finish(n: number, numberAt: (row: number) => number | null): Categories {
    const codes = new Int32Array(this.overflow ? 0 : n).fill(-1)
    for (let i = 0; i < n && !this.overflow; i++) {
      const recorded = i < this.codes.length ? this.codes[i] : 0
      if (recorded > 0) codes[i] = recorded - 1
      else {
        const x = numberAt(i)
        if (x !== null) codes[i] = this.intern(String(x))
      }
    }
    return this.overflow
      ? { labels: [], codes: new Int32Array(0), overflow: true }
      : { labels: this.labels, codes, overflow: false }
  }

  private intern(text: string): number {
    let code = this.index.get(text)
    if (code === undefined) {
      if (this.labels.length === MAX_CATEGORIES) {
        this.overflow = true
        this.codes = new Int32Array(0)
        return -1
      }
      code = this.labels.length
      this.labels.push(text)
      this.index.set(text, code)
    }
    return code
  }
}
