/**
 * Counts crashes in a sliding time window: automatic restarts are allowed while fewer than `limit` crashes
 * happened within the last `windowMs` milliseconds (3 in 5 minutes by default in EngineHost).
 */
export class CrashBudget {
  private times: number[] = []

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Records a crash now; returns the crashes inside the window, this one included. */
  record(): number {
    const t = this.now()
    this.times = this.times.filter((s) => t - s < this.windowMs)
    this.times.push(t)
    return this.times.length
  }

  /** True when the last `record()` reached the limit. */
  exhausted(): boolean {
    return this.times.length >= this.limit
  }

  clear(): void {
    this.times = []
  }
}
