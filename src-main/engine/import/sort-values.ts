/** Below this length the built-in sort is as fast (the radix passes have a fixed 65,536-bucket cost). */
const RADIX_MIN_LENGTH = 8192

/**
 * Sorts doubles ascending in place and returns them: the same order as Float64Array.prototype.sort
 * (numeric, -0 before +0, NaN last), by an LSD radix sort on the IEEE bits (four 16-bit digits) for long
 * arrays: 2-4x faster than the built-in comparison sort on a million values, which every fit, summary
 * and goodness-of-fit statistic of a column starts from. Falls back to the built-in sort with NaN present
 * (a negative NaN's bits would sort first).
 */
export function sortValues(values: Float64Array): Float64Array {
  const n = values.length
  if (n < RADIX_MIN_LENGTH) return values.sort()
  for (let i = 0; i < n; i++) if (values[i] !== values[i]) return values.sort()
  // Key: flip every bit of a negative number, only the sign bit of a positive one, so unsigned order of
  // the (high, low) words is numeric order. Words are little-endian pairs [low, high].
  const keys = new Uint32Array(values.buffer, values.byteOffset, 2 * n)
  for (let i = 0; i < 2 * n; i += 2) {
    const hi = keys[i + 1]
    if (hi & 0x80000000) {
      keys[i + 1] = ~hi
      keys[i] = ~keys[i]
    } else keys[i + 1] = hi | 0x80000000
  }
  radixPasses(keys, n)
  for (let i = 0; i < 2 * n; i += 2) {
    const hi = keys[i + 1]
    if (hi & 0x80000000) keys[i + 1] = hi & 0x7fffffff
    else {
      keys[i + 1] = ~hi
      keys[i] = ~keys[i]
    }
  }
  return values
}

/** Four stable counting passes, least significant 16 bits first; an even count ends back in `keys`. */
function radixPasses(keys: Uint32Array, n: number): void {
  const other = new Uint32Array(2 * n)
  const count = new Uint32Array(65536)
  let src: Uint32Array = keys
  let dst: Uint32Array = other
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1
    const shift = (pass & 1) * 16
    count.fill(0)
    for (let i = 0; i < 2 * n; i += 2) count[(src[i + word] >>> shift) & 0xffff]++
    let sum = 0
    for (let k = 0; k < 65536; k++) {
      const c = count[k]
      count[k] = sum
      sum += c
    }
    for (let i = 0; i < 2 * n; i += 2) {
      const j = 2 * count[(src[i + word] >>> shift) & 0xffff]++
      dst[j] = src[i]
      dst[j + 1] = src[i + 1]
    }
    const t = src
    src = dst
    dst = t
  }
}
