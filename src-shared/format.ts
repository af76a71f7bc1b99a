/** Bytes as "512 bytes", "12.3 KB", "86.0 MB", "1.2 GB" (powers of 1024). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  const units = ['KB', 'MB', 'GB', 'TB']
  let v = bytes / 1024
  let u = 0
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024
    u++
  }
  return `${v.toFixed(1)} ${units[u]}`
}

/** A probability as a percentile's name: 0.01 → "P1", 0.999 → "P99.9", 0.025 → "P2.5". */
export function percentileLabel(p: number): string {
  return `P${Number((p * 100).toPrecision(6))}`
}
