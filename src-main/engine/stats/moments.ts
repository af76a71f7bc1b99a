/**
 * Mean and centred sum of squares m2 = sum (x - mean)^2 in two passes: the second pass over centred
 * values keeps m2 accurate when the mean is large relative to the spread (e.g. values near 1e9).
 */
export function meanAndVariance(data: Float64Array): { mean: number; m2: number } {
  const n = data.length
  let sum = 0
  for (let i = 0; i < n; i++) sum += data[i]
  const mean = sum / n
  let m2 = 0
  let c = 0
  for (let i = 0; i < n; i++) {
    const d = data[i] - mean
    m2 += d * d
    c += d
  }
  // Compensation term (corrected two-pass algorithm): c is ~0 up to rounding in the mean.
  m2 -= (c * c) / n
  return { mean, m2: Math.max(m2, 0) }
}
