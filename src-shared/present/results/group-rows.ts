import type { GroupFitResult } from '../../../src-shared/contract'
import { columnFormat, criterionDecimals, formatCriterion } from '../format'

/** One row of the table of a family's fits by group: a parameter of a group (or the pooled fit). */
export interface GroupRow {
  key: string
  /** The group's label on its first row, empty on the others. */
  group: string
  /** Values fitted, on the group's first row. */
  n: number | null
  param: string
  estimate: string
  /** The 95% profile interval (Wald where there is none), formatted; empty when the family was not fitted. */
  ci: string
  ll: string
  /** False when the fit did not converge or was not made (the row is marked). */
  ok: boolean
}

/**
 * The parameters of family `dist` with their 95% intervals in every group, the pooled fit last; a group
 * where the family was not fitted gets one row saying why. Shown under the group fit and in the report.
 * Each parameter has one number of decimals in every group (estimate and interval alike), and the
 * log-likelihoods one among them, so a column's digits line up (docs/formatting.md).
 */
export function groupRows(result: GroupFitResult, dist: string): GroupRow[] {
  const parts = [...result.groups.map((g) => ({ name: g.group, ...g })), { name: 'pooled', ...result.pooled }]
  const fits = parts.flatMap((p) => p.fits.filter((f) => f.dist === dist))
  const formats = new Map<string, (value: number) => string>()
  for (const name of new Set(fits.flatMap((f) => f.estimates.map((e) => e.name)))) {
    const values = fits.flatMap((f) =>
      f.estimates
        .filter((e) => e.name === name)
        .flatMap((e) => [e.estimate, ...(e.profile95 ?? e.wald95 ?? [])]),
    )
    formats.set(name, columnFormat(values))
  }
  const llDecimals = criterionDecimals(fits.map((f) => f.logLikelihood))
  return parts.flatMap((p) => {
    const fit = p.fits.find((f) => f.dist === dist)
    if (!fit) {
      const why = p.notApplicable.find((n) => n.dist === dist)?.reason
      const base = { key: p.name, group: p.name, n: p.data.used, param: '—', ci: '', ll: '', ok: false }
      return [{ ...base, estimate: why ?? 'not fitted' }]
    }
    return fit.estimates.map((e, i) => {
      const format = formats.get(e.name)!
      const r = e.profile95 ?? e.wald95
      return {
        key: `${p.name}-${e.name}`,
        group: i === 0 ? p.name : '',
        n: i === 0 ? fit.n : null,
        param: e.symbol,
        estimate: format(e.estimate),
        ci: r ? `${format(r[0])} – ${format(r[1])}` : '—',
        ll: i === 0 ? formatCriterion(fit.logLikelihood, llDecimals) : '',
        ok: fit.converged,
      }
    })
  })
}
