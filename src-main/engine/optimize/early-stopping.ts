/**
 * Early stopping on a validation log-likelihood, as both gradient ascents (distributions and regressions)
 * use it: remember the best validation value and its iteration; stop once `patience` iterations (> 0) pass
 * without a better one.
 */
export class EarlyStopping {
  best = -Infinity
  bestIteration = 0

  constructor(private readonly patience: number) {}

  /** Records the validation value of an iteration; true when it is the best so far. */
  improved(iteration: number, value: number): boolean {
    if (!(value > this.best)) return false
    this.best = value
    this.bestIteration = iteration
    return true
  }

  /** Marks an iteration as the one to keep without a validation value (no validation part). */
  keep(iteration: number): void {
    this.bestIteration = iteration
  }

  /** True when `patience` iterations passed since the best one. */
  exhausted(iteration: number): boolean {
    return this.patience > 0 && iteration - this.bestIteration >= this.patience
  }
}
