/** Below this many values the built-in sort is as fast and needs no buffers. */
const RADIX_FROM = 4096
/** Six passes: 11, 11 and 10 bits of the low 32-bit half of each double, then of the high half. */
const SHIFTS = [0, 11, 22, 0, 11, 22]
const WIDTHS = [11, 11, 10, 11, 11, 10]

/**
 * Sorts `values` (finite, no NaN) ascending in place, in exactly the order `Float64Array.prototype.sort`
 * gives (-0 before +0), by a least-significant-digit radix sort on the bits: a double with its sign bit
 * flipped (all bits when negative) orders as an unsigned integer like the number, so six counting passes
 * of 11 bits replace ~20 comparisons per value. Passes where every value has the same digit are skipped.
 * Returns `values`.
 */
export function sortFinite(values: Float64Array): Float64Array {
  const n = values.length
  if (n < RADIX_FROM) return values.sort()
  const counts = histograms(new Uint32Array(values.buffer, values.byteOffset, 2 * n))
  let from: Float64Array = values
  let to: Float64Array = new Float64Array(n)
  for (let pass = 0; pass < 6; pass++) {
    const count = counts[pass]
    if (count.includes(n)) continue // one digit for all: the order stands
    let at = 0
    for (let d = 0; d < count.length; d++) {
      const c = count[d]
      count[d] = at
      at += c
    }
    scatter(from, to, count, pass >= 3 ? 1 : 0, SHIFTS[pass], (1 << WIDTHS[pass]) - 1)
    ;[from, to] = [to, from]
  }
  if (from !== values) values.set(from)
  return values
}

/**
 * One counting pass: moves each value of `from` to its digit's next place in `to`. The digit is of word
 * `half` (0 low, 1 high) of the double's bits, flipped as the order needs (all bits of a negative number,
 * the sign bit of a positive one).
 */
function scatter(
  from: Float64Array,
  to: Float64Array,
  next: Uint32Array,
  half: number,
  shift: number,
  mask: number,
) {
  const words = new Uint32Array(from.buffer, from.byteOffset, 2 * from.length)
  const signFlip = half === 1 ? 0x80000000 : 0
  for (let i = 0; i < from.length; i++) {
    const high = words[2 * i + 1]
    const key = high >>> 31 ? ~words[2 * i + half] : words[2 * i + half] ^ signFlip
    to[next[(key >>> shift) & mask]++] = from[i]
  }
}

/** The digit counts of every pass, in one pass over the bits (`words`: low, high per double). */
function histograms(words: Uint32Array): Uint32Array[] {
  const counts = WIDTHS.map((w) => new Uint32Array(1 << w))
  const [c0, c1, c2, c3, c4, c5] = counts
  for (let i = 0; i < words.length; i += 2) {
    const h = words[i + 1]
    const negative = h >>> 31
    const l = negative ? ~words[i] : words[i]
    const k = negative ? ~h : h ^ 0x80000000
    c0[l & 0x7ff]++
    c1[(l >>> 11) & 0x7ff]++
    c2[l >>> 22]++
    c3[k & 0x7ff]++
    c4[(k >>> 11) & 0x7ff]++
    c5[k >>> 22]++
  }
  return counts
}
