/*
 * The one number-formatting policy of tables, legends and reports (written down in docs/formatting.md):
 * - estimates, SEs and intervals: 6 significant digits (formatNumber), plain notation in 1e-4 .. 1e9;
 *   one quantity down a column of rows (a parameter by group): one number of decimals (columnFormat);
 * - log-likelihood, AIC, AICc, BIC: fixed 2 decimals (formatCriterion), more where two values of one
 *   table would print alike (criterionDecimals: AIC vs AICc at large n), so differences always show;
 * - p-values: 3 significant digits, "< 0.001" below 0.001 and "< 1e-16" at the floor of double precision
 *   (formatPValue); a bootstrap p-value's floor 1/(B + 1) reads as "< 0.001" rather than 0.000999001;
 * - undefined statistics: "—" (never "NaN", "∞" or "−∞" standing in for undefined), with the reason in a
 *   tooltip where the caller knows it (formatStatistic).
 */

/** Numbers for tables: 6 significant digits, plain notation in the usual range, `—` for NaN. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return '—'
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞'
  if (value === 0) return '0'
  const abs = Math.abs(value)
  if (abs >= 1e-4 && abs < 1e9) return Number(value.toPrecision(6)).toString()
  return value.toExponential(5)
}

/**
 * A column of one quantity down several rows (a parameter across groups): the same decimals on every row,
 * enough for 6 significant digits on the largest, so the digits line up; formatNumber when that one is
 * outside 1e-4 .. 1e9 (scientific) or nothing is finite.
 */
export function columnFormat(values: readonly number[]): (value: number) => string {
  const sizes = values.filter((v) => Number.isFinite(v) && v !== 0).map(Math.abs)
  const largest = sizes.length > 0 ? Math.max(...sizes) : NaN
  if (!(largest >= 1e-4 && largest < 1e9)) return formatNumber
  const decimals = Math.min(12, Math.max(0, 5 - Math.floor(Math.log10(largest))))
  return (value) => {
    if (!Number.isFinite(value)) return formatNumber(value)
    const s = value.toFixed(decimals)
    return /^-0\.?0*$/.test(s) ? s.slice(1) : s
  }
}

/** Log-likelihood and information criteria: fixed decimals (2 unless told); `—` when not finite. */
export function formatCriterion(value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  if (Math.abs(value) >= 1e15) return value.toExponential(8)
  const s = value.toFixed(decimals)
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s
}

/**
 * Decimals that make the differences within a group of criteria show (AIC against AICc, which differ by
 * 2k(k + 1)/(n - k - 1), 6e-5 at n = 200,000): 2, or more when two values would otherwise print alike.
 */
export function criterionDecimals(values: readonly number[]): number {
  const finite = [...values].filter(Number.isFinite).sort((a, b) => a - b)
  let decimals = 2
  for (let i = 1; i < finite.length; i++) {
    const gap = finite[i] - finite[i - 1]
    if (gap <= 0) continue
    while (decimals < 8 && finite[i].toFixed(decimals) === finite[i - 1].toFixed(decimals)) decimals++
  }
  return decimals
}

/** p-values: "< 1e-16", "< 0.001", else 3 significant digits ("0.0123", "0.452", "1"). */
export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return '—'
  if (p < 1e-16) return '< 1e-16'
  if (p < 0.001) return '< 0.001'
  if (p >= 1) return '1'
  return Number(p.toPrecision(3)).toString()
}

/** "p = 0.0123" or "p < 0.001": a p-value in running text. */
export function pClause(p: number | null | undefined): string {
  const s = formatPValue(p)
  return s.startsWith('<') ? `p ${s}` : `p = ${s}`
}

/**
 * A statistic that may be undefined (skewness of a constant column, kurtosis of n < 2): `—` when not a
 * finite number, whatever the arithmetic produced (NaN, ±∞ from 0/0 rounding), so "−∞" never reads as a value.
 */
export function formatStatistic(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return formatNumber(value)
}

/**
 * A parameter's 95% profile interval as a table shows it: "a – b", or one-sided "≥ a" / "≤ b" where the
 * profile stays flat towards the domain's edge, or "—" where none was computed.
 */
export function profileText(
  e: { profile95: [number, number] | null; profileOneSided?: [number | null, number | null] },
  format: (value: number) => string = formatNumber,
): string {
  if (e.profile95) return `${format(e.profile95[0])} – ${format(e.profile95[1])}`
  const [lower, upper] = e.profileOneSided ?? [null, null]
  if (lower !== null) return `≥ ${format(lower)}`
  return upper !== null ? `≤ ${format(upper)}` : '—'
}

/** Short parameter value for legends and titles: 3 significant digits ("7.97", "2.28", "0.0123", "1.2e+6"). */
export function formatShort(value: number): string {
  if (!Number.isFinite(value)) return formatNumber(value)
  if (value === 0) return '0'
  const abs = Math.abs(value)
  if (abs >= 1e-3 && abs < 1e6) return Number(value.toPrecision(3)).toString()
  return value.toExponential(2)
}

/** What a legend calls a fit: "Gamma (k = 7.97, β = 2.28)". */
export function fitLabel(fit: {
  distLabel: string
  estimates: readonly { symbol: string; estimate: number }[]
}): string {
  const params = fit.estimates.map((e) => `${e.symbol} = ${formatShort(e.estimate)}`).join(', ')
  return params ? `${fit.distLabel} (${params})` : fit.distLabel
}
