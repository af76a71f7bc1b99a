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

const SPLITTER = 134217729 // 2^27 + 1 (Veltkamp)

/**
 * a * b - c with a * b taken exactly (Dekker's two-product): where a * b is within a factor 2 of c the
 * difference keeps digits a rounded product would lose (a gamma with shape 1e31 needs rate * x - shape to
 * the last bit). Assumes |a|, |b| < 1e150 or so (the splitting overflows beyond).
 */
export function productMinus(a: number, b: number, c: number): number {
  const p = a * b
  if (!Number.isFinite(p) || Math.abs(a) > 1e150 || Math.abs(b) > 1e150) return p - c
  const as = SPLITTER * a
  const ah = as - (as - a)
  const al = a - ah
  const bs = SPLITTER * b
  const bh = bs - (bs - b)
  const bl = b - bh
  const err = al * bl - (p - ah * bh - al * bh - ah * bl)
  return p - c + err
}
