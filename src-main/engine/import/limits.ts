import { totalmem } from 'node:os'

/** Share of the machine's memory the imported columns may take by default. */
const MEMORY_SHARE = 0.5

/** Default memory limit for imported columns, bytes: half of this computer's memory. */
export function memoryLimit(): number {
  return Math.floor(totalmem() * MEMORY_SHARE)
}

/** The limit in words, saying where it comes from. */
export function describeLimit(limit: number, fromOption: boolean): string {
  if (fromOption) return formatBytes(limit)
  return `${formatBytes(limit)} (half of this computer's ${formatBytes(totalmem())} of memory)`
}

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
