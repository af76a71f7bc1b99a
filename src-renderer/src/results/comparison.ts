import type { FitResult } from '../../../src-shared/contract'
import { rankFits, type FitGroup } from '../../../src-shared/ranking'

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
  /** Goodness-of-fit p-values (KS, AD, chi-square), null where not computed. */
  ksP: number | null
  adP: number | null
  chiP: number | null
  /** How the p-values were made: a parametric bootstrap, or asymptotic tables that ignore estimation. */
  pValueMethod: 'bootstrap' | 'asymptotic' | 'none'
  converged: boolean
  /** Discrete and continuous fits are compared only within their group. */
  group: FitGroup
}

export type ComparisonKey =
  | 'label'
  | 'aic'
  | 'deltaAic'
  | 'akaikeWeight'
  | 'bic'
  | 'ks'
  | 'ad'
  | 'ksP'
  | 'adP'
  | 'chiP'
  | 'logLikelihood'

/** Number of free (estimated) parameters of a fit. */
export function freeParameters(fit: FitResult): number {
  return fit.estimates.filter((e) => !e.fixed).length
}

/**
 * Comparison rows for fits to the same column, in rank order (`rankFits`, shared with the engine and the
 * CLI): converged fits first, discrete and continuous families in separate groups with ΔAIC and Akaike
 * weights within each group (non-finite AICs and fits that did not converge get weight 0).
 */
export function compareFits(fits: readonly FitResult[]): ComparisonRow[] {
  return rankFits(fits).map(({ fit: f, group, deltaAic, akaikeWeight }) => ({
    dist: f.dist,
    label: f.distLabel,
    k: freeParameters(f),
    logLikelihood: f.logLikelihood,
    aic: f.aic,
    deltaAic,
    akaikeWeight: Number.isFinite(deltaAic) ? akaikeWeight : 0,
    bic: f.bic,
    ks: f.goodnessOfFit?.ks ?? null,
    ad: f.goodnessOfFit?.ad ?? null,
    ksP: f.goodnessOfFit?.pValues.ks ?? null,
    adP: f.goodnessOfFit?.pValues.ad ?? null,
    chiP: f.goodnessOfFit?.pValues.chiSquare ?? null,
    pValueMethod: f.goodnessOfFit?.pValueMethod ?? 'none',
    converged: f.converged,
    group,
  }))
}

/** Converged rows before the others, the discrete group before the continuous one: whatever the key. */
const block = (r: ComparisonRow) => (r.converged ? 0 : 2) + (r.group === 'discrete' ? 0 : 1)

/**
 * Comparator for `key` within blocks (a fit that did not converge never sorts above one that did, and the
 * groups stay apart); missing or non-finite values sort last in either direction.
 */
export function byKey(key: ComparisonKey, direction: 'asc' | 'desc') {
  const sign = direction === 'asc' ? 1 : -1
  return (a: ComparisonRow, b: ComparisonRow): number => {
    if (block(a) !== block(b)) return block(a) - block(b)
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
