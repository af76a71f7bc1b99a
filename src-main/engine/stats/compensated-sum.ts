/**
 * Neumaier's compensated summation: the running error of each addition is kept and added back at the end,
 * so a sum of n terms is accurate to about one rounding of the result instead of n roundings (a column of a
 * million values near 1e8 would otherwise lose six digits of a small centred sum).
 */
export class CompensatedSum {
  private sum = 0
  private compensation = 0

  add(v: number): void {
    const t = this.sum + v
    // The low-order digits lost by t, taken from whichever operand was smaller in magnitude.
    this.compensation += Math.abs(this.sum) >= Math.abs(v) ? this.sum - t + v : v - t + this.sum
    this.sum = t
  }

  get value(): number {
    return this.sum + this.compensation
  }
}

/** The compensated sum of f(x) over the values. */
export function compensatedSum(values: ArrayLike<number>, f: (x: number) => number = (x) => x): number {
  const acc = new CompensatedSum()
  for (let i = 0; i < values.length; i++) acc.add(f(values[i]))
  return acc.value
}
