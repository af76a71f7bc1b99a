import { MAX_LEVELS } from '../../../src-shared/shapes/primitives'

/** A text column's categories: sorted distinct values and one code per data row (-1 missing). */
export interface Categories {
  /** Distinct cell texts in sorted order (numbers compare by value: "2" before "10"). */
  levels: string[]
  /** Index into `levels` per data row, -1 where the cell is missing. */
  codes: Int32Array
}

const collator = new Intl.Collator('en', { numeric: true })

/** Sort order of category levels, shared by import and everything that lists levels. */
export function compareLevels(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)
}

/**
 * Collects the text of non-number cells while a column streams in, so a column that turns out to be
 * text keeps its values as categories. Numbers are not noted (the fast path makes no text for them);
 * `finish` names them by their value. Stops collecting (no categories) past MAX_LEVELS distinct texts.
 */
export class CategoryCollector {
  private readonly index = new Map<string, number>()
  private codes: Int32Array | null = null
  private overflow = false

  /** Cell `at` (0-based) holds the non-number text `text`. */
  note(at: number, text: string, capacity: number): void {
    if (this.overflow) return
    let code = this.index.get(text)
    if (code === undefined) {
      if (this.index.size >= MAX_LEVELS) {
        this.overflow = true
        this.codes = null
        return
      }
      code = this.index.size
      this.index.set(text, code)
    }
    if (this.codes === null) this.codes = new Int32Array(capacity).fill(-1)
    else if (at >= this.codes.length) {
      const grown = new Int32Array(Math.max(capacity, at + 1)).fill(-1)
      grown.set(this.codes)
      this.codes = grown
    }
    this.codes[at] = code
  }

  /**
   * The categories of an n-row text column whose number cells are `isNumber(i)` with value `values[i]`,
   * or null when there are too many distinct values.
   */
  finish(n: number, values: Float64Array, isNumber: (i: number) => boolean): Categories | null {
    if (this.overflow) return null
    const texts = [...this.index.keys()]
    const raw = new Int32Array(n).fill(-1)
    const numberCode = new Map<number, number>()
    for (let i = 0; i < n; i++) {
      if (isNumber(i)) {
        let code = numberCode.get(values[i])
        if (code === undefined) {
          const text = String(values[i])
          code = this.index.get(text) ?? texts.push(text) - 1
          if (!this.index.has(text)) this.index.set(text, code)
          numberCode.set(values[i], code)
        }
        raw[i] = code
      } else if (this.codes !== null && i < this.codes.length) raw[i] = this.codes[i]
    }
    if (texts.length > MAX_LEVELS) return null
    const order = texts.map((_, k) => k).sort((a, b) => compareLevels(texts[a], texts[b]))
    const rank = new Int32Array(texts.length)
    order.forEach((k, r) => (rank[k] = r))
    for (let i = 0; i < n; i++) if (raw[i] >= 0) raw[i] = rank[raw[i]]
    return { levels: order.map((k) => texts[k]), codes: raw }
  }
}
