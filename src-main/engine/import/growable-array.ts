/** A Float64Array that doubles its capacity as values are appended. */
export class GrowableFloat64 {
  private data: Float64Array
  length = 0

  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity)
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2)
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = v
  }

  /** The filled part, trimmed to its length (copies once, so the spare capacity is freed). */
  toArray(): Float64Array {
    return this.data.slice(0, this.length)
  }
}
