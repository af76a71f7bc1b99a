/** Whether x is a count: a non-negative integer below 2^53. */
export function isCount(x: number): boolean {
  return x >= 0 && x <= Number.MAX_SAFE_INTEGER && Math.floor(x) === x
}

/** Whether a binomial trials count is usable: a positive integer below 2^53. */
export function isTrials(n: number | undefined): n is number {
  return n !== undefined && n >= 1 && n <= Number.MAX_SAFE_INTEGER && Math.floor(n) === n
}
