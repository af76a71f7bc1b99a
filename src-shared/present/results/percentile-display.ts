import type { PercentileTable } from '../../../src-shared/contract'
import { percentileLabel } from '../../../src-shared/format'

type Row = PercentileTable['percentiles'][number] | PercentileTable['exceedances'][number]

/** A level as a column's name: 0.95 → "95%", 0.9 → "90%". */
const percent = (level: number) => `${+(level * 100).toFixed(2)}%`

/**
 * The percentile table as every view shows it (the results panel, the Markdown export, the HTML report):
 * its interval columns, the delta-method 95% one, the profile-likelihood one when the engine computed it
 * and, when the fit has bootstrap replicates, the bootstrap percentile interval and BCa (only when the
 * bootstrap kept its jackknife: otherwise the heading says "percentile only"), with a stable id per column,
 * and per row the quantity's name and those intervals as text.
 */
export function percentileDisplay(
  table: PercentileTable,
  format: (v: number) => string,
  formatX: (x: number) => string = format,
) {
  const b = table.bootstrap
  const profile = [...table.percentiles, ...table.exceedances].some((r) => r.profile95 !== undefined)
  const columns = ['95% interval']
  const ids = ['percentile-ci']
  if (profile) columns.push('95% profile')
  if (profile) ids.push('percentile-profile')
  if (b) columns.push(`${percent(b.level)} bootstrap (${b.bca ? 'percentile' : 'percentile only'})`)
  if (b) ids.push('percentile-bootstrap')
  if (b?.bca) columns.push(`${percent(b.level)} BCa`)
  if (b?.bca) ids.push('percentile-bca')
  const range = (i: [number, number] | null | undefined) => (i ? `${format(i[0])} – ${format(i[1])}` : '—')
  const intervals = (r: Row) => [
    range(r.ci95),
    ...(profile ? [range(r.profile95)] : []),
    ...(b ? [range(r.bootstrap?.percentile)] : []),
    ...(b?.bca ? [range(r.bootstrap?.bca)] : []),
  ]
  const rows = [
    ...table.percentiles.map((r) => ({ key: `p${r.p}`, name: percentileLabel(r.p), row: r as Row })),
    ...table.exceedances.map((r) => ({ key: `x${r.x}`, name: `P(X > ${formatX(r.x)})`, row: r as Row })),
  ].map((r) => ({ ...r, intervals: intervals(r.row) }))
  const source = b && `${b.replicates.toLocaleString('en-US')} ${b.method} bootstrap replicates`
  return { columns, ids, rows, source }
}
