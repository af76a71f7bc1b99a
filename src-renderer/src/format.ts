/** Numbers for tables: 6 significant digits, plain notation in the usual range, `—` for NaN. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return '—'
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞'
  if (value === 0) return '0'
  const abs = Math.abs(value)
  if (abs >= 1e-4 && abs < 1e9) return Number(value.toPrecision(6)).toString()
  return value.toExponential(5)
}
