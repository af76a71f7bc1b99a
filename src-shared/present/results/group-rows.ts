import type { GroupFitResult } from '../../../src-shared/contract'
import { formatCriterion, formatNumber } from '../format'

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

const interval = (r: [number, number] | null) => (r ? `${formatNumber(r[0])} – ${formatNumber(r[1])}` : '—')

/**
 * The parameters of family `dist` with their 95% intervals in every group, the pooled fit last; a group
 * where the family was not fitted gets one row saying why. Shown under the group fit and in the report.
 */
export function groupRows(result: GroupFitResult, dist: string): GroupRow[] {
  const parts = [...result.groups.map((g) => ({ name: g.group, ...g })), { name: 'pooled', ...result.pooled }]
  return parts.flatMap((p) => {
    const fit = p.fits.find((f) => f.dist === dist)
    if (!fit) {
      const why = p.notApplicable.find((n) => n.dist === dist)?.reason
      const base = { key: p.name, group: p.name, n: p.data.used, param: '—', ci: '', ll: '', ok: false }
      return [{ ...base, estimate: why ?? 'not fitted' }]
    }
    return fit.estimates.map((e, i) => ({
      key: `${p.name}-${e.name}`,
      group: i === 0 ? p.name : '',
      n: i === 0 ? fit.n : null,
      param: e.symbol,
      estimate: formatNumber(e.estimate),
      ci: interval(e.profile95 ?? e.wald95),
      ll: i === 0 ? formatCriterion(fit.logLikelihood, 2) : '',
      ok: fit.converged,
    }))
  })
}
