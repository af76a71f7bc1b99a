import type { FitResult } from '../../../src-shared/contract'

/** One row of the fit-all comparison table. */
export interface ComparisonRow {
  dist: string
  label: string
  k: number
  logLikelihood: number
  aic: number
  /** AIC minus the smallest AIC among the rows (0 for the best). */
  deltaAic: number
  /** Akaike weight exp(-Δ/2) / Σ exp(-Δ/2): the relative support among these candidates. */
  akaikeWeight: number
  bic: number
  ks: number | null
  ad: number | null
  converged: boolean
}

export type ComparisonKey =
  'label' | 'aic' | 'deltaAic' | 'akaikeWeight' | 'bic' | 'ks' | 'ad' | 'logLikelihood'

/** Number of free (estimated) parameters of a fit. */
export function freeParameters(fit: FitResult): number {
  return fit.estimates.filter((e) => !e.fixed).length
}

/**
 * Comparison rows for fits to the same column: ΔAIC and Akaike weights computed over exactly these fits
 * (non-finite AICs get weight 0), rows ranked by AIC.
 */
export function compareFits(fits: readonly FitResult[]): ComparisonRow[] {
  const finite = fits.filter((f) => Number.isFinite(f.aic))
  const best = finite.length ? Math.min(...finite.map((f) => f.aic)) : NaN
  const total = finite.reduce((s, f) => s + Math.exp(-(f.aic - best) / 2), 0)
  return fits
    .map((f) => {
      const delta = f.aic - best
      return {
        dist: f.dist,
        label: f.distLabel,
        k: freeParameters(f),
        logLikelihood: f.logLikelihood,
        aic: f.aic,
        deltaAic: delta,
        akaikeWeight: Number.isFinite(delta) && total > 0 ? Math.exp(-delta / 2) / total : 0,
        bic: f.bic,
        ks: f.goodnessOfFit?.ks ?? null,
        ad: f.goodnessOfFit?.ad ?? null,
        converged: f.converged,
      }
    })
    .sort(byKey('aic', 'asc'))
}

/** Comparator for `key`; missing or non-finite values sort last in either direction. */
export function byKey(key: ComparisonKey, direction: 'asc' | 'desc') {
  const sign = direction === 'asc' ? 1 : -1
  return (a: ComparisonRow, b: ComparisonRow): number => {
    const x = a[key]
    const y = b[key]
    if (typeof x === 'string' || typeof y === 'string') return sign * String(x).localeCompare(String(y))
    const xOk = x !== null && Number.isFinite(x)
    const yOk = y !== null && Number.isFinite(y)
    if (!xOk || !yOk) return xOk === yOk ? 0 : xOk ? -1 : 1
    return sign * (x - y)
  }
}

/** Rows sorted by `key` (stable; a new array). */
export function sortRows(
  rows: readonly ComparisonRow[],
  key: ComparisonKey,
  direction: 'asc' | 'desc',
): ComparisonRow[] {
  return [...rows].sort(byKey(key, direction))
}
