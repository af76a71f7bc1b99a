import type {
  ColumnSummary,
  DatasetInfo,
  FitAllResult,
  FitResult,
  GroupFitResult,
  PercentileTable,
} from '../../../src-shared/contract'
import { percentileDisplay } from '../results/percentile-display'
import { groupRows } from '../results/group-rows'
import type { ReproduceSnippets } from '../results/reproduce-snippet'
import {
  criterionDecimals,
  fitLabel,
  formatCriterion,
  formatNumber,
  formatPValue,
  formatStatistic,
  pClause,
  profileText,
} from '../format'

/** Everything one report shows; charts arrive as SVG documents (rendered by the caller). */
export interface FitReportInput {
  dataset: Pick<DatasetInfo, 'fileName' | 'rows' | 'bytes' | 'settings' | 'format'>
  summary: ColumnSummary | null
  /** The fit the report is about (shown first, with its charts). */
  fit: FitResult
  /** Fit all's result when it ran on this column: the comparison table. */
  fitAll: FitAllResult | null
  charts: { caption: string; svg: string }[]
  /** The fit's percentile and exceedance table, when it was computed. */
  percentiles?: PercentileTable | null
  /** The fit by group of this column, when one was made: the report shows the fit's family by group. */
  groups?: GroupFitResult | null
  /** "Reproduce this fit": R and Python code fitting the same model to the same column. */
  reproduce?: ReproduceSnippets | null
  appVersion: string
  /** When the report was made (ISO 8601). */
  created: string
}

export const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

const METHOD_NAMES: Record<FitResult['method'], string> = {
  auto: 'automatic choice',
  'closed-form': 'closed-form maximum-likelihood estimates',
  newton: 'Newton-Raphson',
  lbfgs: 'L-BFGS',
  gradient: 'gradient ascent',
  mps: 'the optimizer on the spacings objective',
}

/**
 * One self-contained HTML report of a fit (and of fit all, when it ran): inline CSS and SVG charts, no
 * script and no network, laid out to print on a few A4/Letter pages. Every number is formatted by the
 * one policy in format.ts; every piece of text from the data is escaped.
 */
export function buildFitReport(r: FitReportInput): string {
  const f = r.fit
  const title = `${f.distLabel} fit to ${f.column} — ${r.dataset.fileName}`
  const sections = [
    `<h1>${esc(title)}</h1>`,
    `<p class="meta">MLE Studio ${esc(r.appVersion)} · ${esc(r.created)}</p>`,
    provenance(r),
    summaryTable(r.summary),
    ...r.charts.map(figure),
    parameterTable(f),
    criteriaTable(f),
    r.percentiles ? percentileSection(r.percentiles) : '',
    gofSection(f),
    r.fitAll && r.fitAll.fits.length > 1 ? comparisonTable(r.fitAll) : '',
    r.groups ? groupSection(r.groups, f) : '',
    healthSection(f),
    `<h2>Methods</h2><p>${esc(methods(f))}</p>`,
    r.reproduce ? reproduceSection(r.reproduce) : '',
  ]
  return reportPage(title, sections)
}

/** A report's HTML document: the sections (empty ones left out) with the report CSS, no script, no network. */
export function reportPage(title: string, sections: string[]): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title><style>${CSS}</style></head>
<body>${sections.filter(Boolean).join('\n')}</body></html>
`
}

/** A report figure: the chart's SVG inline, with its caption. */
export function figure(c: { caption: string; svg: string }): string {
  return `<figure>${inlineSvg(c.svg)}<figcaption>${esc(c.caption)}</figcaption></figure>`
}

/**
 * An SVG document as HTML markup: without its XML prolog and namespace declarations (HTML puts <svg> in
 * the SVG namespace itself), so the report holds no URL at all.
 */
function inlineSvg(svg: string): string {
  const body = svg.replace(/^<\?xml[^>]*>\s*/, '')
  return body.replace(/^<svg\b[^>]*>/, (tag) => tag.replace(/\s+xmlns(?::\w+)?="[^"]*"/g, ''))
}

function provenance(r: FitReportInput): string {
  const s = r.dataset.settings as Partial<Record<string, unknown>>
  const rows: [string, string][] = [
    ['File', r.dataset.fileName],
    ['Format', (r.dataset.format ?? 'csv').toUpperCase()],
    ['Size', `${r.dataset.bytes.toLocaleString('en-US')} bytes`],
    ['Rows in the file', r.dataset.rows.toLocaleString('en-US')],
    ['Column', r.fit.column],
    ['Values used (n)', r.fit.n.toLocaleString('en-US')],
  ]
  if (typeof s.delimiter === 'string') rows.push(['Delimiter', JSON.stringify(s.delimiter)])
  if (typeof s.decimal === 'string') rows.push(['Decimal mark', JSON.stringify(s.decimal)])
  if (typeof s.sheet === 'string') rows.push(['Sheet', s.sheet])
  const w = r.fit.weights
  if (w) rows.push(['Frequency weights', `column ${w.column}: ${w.note}`])
  const c = r.fit.censoring
  if (c) rows.push(['Censoring', `${c.note} ${c.goodnessOfFit}`])
  const ruled = (r.fit.exclusions ?? []).reduce((sum, e) => sum + e.rows, 0)
  for (const e of r.fit.exclusions ?? [])
    rows.push([`Excluded by ${e.rule}`, `${e.rows.toLocaleString('en-US')} rows`])
  // With weights n is the total weight, not a row count: the rows used are the weights' rows.
  const used = w ? w.rows + w.zero : r.fit.n
  const excluded = r.dataset.rows - used - ruled
  if (excluded > 0)
    rows.push([
      'Rows not used',
      `${excluded.toLocaleString('en-US')} (empty, missing or non-numeric in this column)`,
    ])
  return `<h2>Data</h2>${keyValues(rows)}`
}

function summaryTable(s: ColumnSummary | null): string {
  if (!s) return ''
  return `<h2>Summary statistics</h2>${keyValues([
    ['n', s.n.toLocaleString('en-US')],
    ['Mean', formatNumber(s.mean)],
    ['SD', formatStatistic(s.sd)],
    ['Min', formatNumber(s.min)],
    ['Max', formatNumber(s.max)],
    ['Skewness', formatStatistic(s.skewness)],
    ['Excess kurtosis', formatStatistic(s.kurtosis)],
  ])}`
}

function parameterTable(f: FitResult): string {
  const interval = (i: [number, number] | null) => (i ? `${formatNumber(i[0])} – ${formatNumber(i[1])}` : '—')
  const rows = f.estimates.map(
    (e) =>
      `<tr><th>${esc(e.symbol)} <span class="muted">${esc(e.name)}</span>${e.fixed ? ' (fixed)' : ''}</th>` +
      `<td>${formatNumber(e.estimate)}</td><td>${e.standardError === null ? '—' : formatNumber(e.standardError)}</td>` +
      `<td>${interval(e.wald95)}</td><td>${profileText(e)}</td></tr>`,
  )
  return `<h2>Parameters: ${esc(fitLabel(f))}</h2><table><thead><tr><th>Parameter</th><th>Estimate</th><th>SE</th>
<th>95% Wald</th><th>95% profile</th></tr></thead><tbody>${rows.join('')}</tbody></table>${bootstrapTable(f)}`
}

/** The bootstrap intervals beside the others, with the counts and the note (nothing without a bootstrap). */
function bootstrapTable(f: FitResult): string {
  const ci = f.bootstrapCi
  if (!ci) return ''
  const interval = (i: [number, number] | null) => (i ? `${formatNumber(i[0])} – ${formatNumber(i[1])}` : '—')
  const level = `${formatNumber(ci.level * 100)}%`
  const rows = ci.intervals.map(
    (i) =>
      `<tr><th>${esc(i.name)}</th><td>${formatNumber(i.estimate)}</td><td>${formatNumber(i.median)}</td>` +
      `<td>${formatNumber(i.standardError)}</td><td>${interval(i.percentile)}</td><td>${interval(i.bca)}</td></tr>`,
  )
  const failed =
    ci.failed > 0 ? ` ${ci.failed.toLocaleString('en-US')} did not converge and are left out.` : ''
  return `<h3>Bootstrap intervals</h3><table><thead><tr><th>Parameter</th><th>Estimate</th><th>Bootstrap median</th>
<th>Bootstrap SE</th><th>${level} percentile</th><th>${level} BCa</th></tr></thead><tbody>${rows.join('')}</tbody></table>
<p class="muted">${ci.converged.toLocaleString('en-US')} of ${ci.replicates.toLocaleString('en-US')} replicates converged.${failed} ${esc(ci.note)}</p>`
}

function percentileSection(t: PercentileTable): string {
  const { columns, rows } = percentileDisplay(t, formatNumber)
  const body = rows.map(
    (r) =>
      `<tr><th>${esc(r.name)}</th><td>${formatNumber(r.row.estimate)}</td>` +
      `<td>${r.row.standardError === null ? '—' : formatNumber(r.row.standardError)}</td>` +
      r.intervals.map((text) => `<td>${esc(text)}</td>`).join('') +
      '</tr>',
  )
  const heads = columns.map((c) => `<th>${esc(c)}</th>`).join('')
  return `<h2>Percentiles and exceedance probabilities</h2><table><thead><tr><th>Quantity</th><th>Estimate</th>
<th>SE</th>${heads}</tr></thead><tbody>${body.join('')}</tbody></table><p class="muted">${esc(t.note)}</p>`
}

/**
 * The fit's family in each group of the By column and pooled (parameters with 95% intervals), the
 * likelihood-ratio test in its own words, and the groups left out; nothing when the family was not fitted
 * by group or the group fit is of another column.
 */
function groupSection(g: GroupFitResult, f: FitResult): string {
  if (g.column !== f.column || !g.pooled.fits.some((p) => p.dist === f.dist)) return ''
  const rows = groupRows(g, f.dist).map(
    (row) =>
      `<tr${row.ok ? '' : ' class="bad"'}><th>${esc(row.group)}</th><td>${row.n === null ? '' : row.n.toLocaleString('en-US')}</td>` +
      `<td>${esc(row.param)}</td><td>${esc(row.estimate)}</td><td>${esc(row.ci)}</td><td>${esc(row.ll)}</td></tr>`,
  )
  const test = g.tests.find((t) => t.dist === f.dist)
  const left = [
    ...g.skipped.map((s) => `Group “${s.group}” not fitted: ${s.reason}`),
    ...g.exclusions.map((e) => `Excluded ${e.rule}: ${e.rows.toLocaleString('en-US')} rows`),
  ]
  return `<h2>${esc(f.distLabel)} by ${esc(g.by)}</h2>${test ? `<p>${esc(test.note)}</p>` : ''}
<table><thead><tr><th>Group</th><th>n</th><th>Parameter</th><th>Estimate</th><th>95% interval</th><th>Log-likelihood</th></tr></thead>
<tbody>${rows.join('')}</tbody></table><p class="muted">Intervals are profile-likelihood intervals where they could be computed, Wald otherwise.</p>
${left.length ? `<ul class="muted">${left.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : ''}`
}

function reproduceSection(s: ReproduceSnippets): string {
  const block = (title: string, code: string | null) =>
    code ? `<h3>${title}</h3><pre>${esc(code)}</pre>` : ''
  const notes = s.notes.map((n) => `<p class="muted">${esc(n)}</p>`).join('')
  return `<h2>Reproduce this fit</h2>${block('R (fitdistrplus)', s.r)}${block('Python (SciPy)', s.python)}${notes}`
}

function criteriaTable(f: FitResult): string {
  const d = criterionDecimals([f.logLikelihood, f.aic, f.aicc, f.bic])
  return keyValues([
    ['Log-likelihood', formatCriterion(f.logLikelihood, d)],
    ['AIC', formatCriterion(f.aic, d)],
    ['AICc', formatCriterion(f.aicc, d)],
    ['BIC', formatCriterion(f.bic, d)],
    ['Converged', f.converged ? 'yes' : `no — ${f.message}`],
  ])
}

function gofSection(f: FitResult): string {
  const g = f.goodnessOfFit
  if (!g) return '<h2>Goodness of fit</h2><p>Not computed for this fit.</p>'
  const p = (name: string) =>
    g.pValues[name] === null || g.pValues[name] === undefined ? '—' : pClause(g.pValues[name])
  const rows: [string, string, string][] = [['Kolmogorov-Smirnov D', formatNumber(g.ks), p('ks')]]
  if (g.ad !== null) rows.push(['Anderson-Darling A²', formatNumber(g.ad), p('ad')])
  if (g.cvm !== null) rows.push(['Cramér-von Mises W²', formatNumber(g.cvm), p('cvm')])
  if (g.chiSquare !== null)
    rows.push([`Chi-square (${g.chiSquareDf} df)`, formatNumber(g.chiSquare), p('chiSquare')])
  const body = rows.map(([a, b, c]) => `<tr><th>${esc(a)}</th><td>${b}</td><td>${esc(c)}</td></tr>`).join('')
  return `<h2>Goodness of fit</h2><table><thead><tr><th>Statistic</th><th>Value</th><th>p-value (${esc(g.pValueMethod)})</th></tr></thead>
<tbody>${body}</tbody></table><p class="muted">${esc(g.note)}</p>`
}

function comparisonTable(all: FitAllResult): string {
  const byDist = new Map(all.fits.map((f) => [f.dist, f]))
  // Discrete and continuous families are ranked apart: ΔAIC and weights hold within a group.
  const mixed = new Set(all.ranking.map((r) => r.group)).size > 1
  const rows = all.ranking.map((row) => {
    const f = byDist.get(row.dist)
    const ks = f?.goodnessOfFit?.ks
    const group = mixed ? `<td>${row.group}</td>` : ''
    return `<tr><th>${esc(f ? fitLabel(f) : row.dist)}</th>${group}<td>${f ? formatCriterion(f.logLikelihood) : '—'}</td>
<td>${formatCriterion(row.aic)}</td><td>${formatCriterion(row.deltaAic)}</td><td>${(row.akaikeWeight * 100).toFixed(1)}%</td>
<td>${formatCriterion(row.bic)}</td><td>${ks === undefined ? '—' : formatNumber(ks)}</td>${gofCells(f)}</tr>`
  })
  const skipped = all.notApplicable.map((n) => `<li>${esc(n.reason)}</li>`).join('')
  return `<h2>Comparison of the fitted families (ranked by AIC${mixed ? ' within each group' : ''})</h2><table><thead><tr><th>Family</th>${mixed ? '<th>Group</th>' : ''}<th>Log-likelihood</th><th>AIC</th>
<th>ΔAIC</th><th>Akaike weight</th><th>BIC</th><th>KS D</th><th>KS p</th><th>AD p</th><th>χ² p</th><th>p-values from</th></tr></thead><tbody>${rows.join('')}</tbody></table>
<p class="muted">${esc(COMPARISON_P_NOTE)}</p>
${skipped ? `<p>Not fitted:</p><ul>${skipped}</ul>` : ''}`
}

/** How the comparison's p-values were computed, said once under the table. */
const COMPARISON_P_NOTE =
  'p-values "from bootstrap" come from a parametric bootstrap that re-estimates the parameters on each replicate; ' +
  '"asymptotic" ones ignore that the parameters were estimated from the same data and are too large (conservative). ' +
  'Anderson-Darling is for continuous families, chi-square for discrete ones.'

/** A fit's GoF p-values in the comparison (KS, AD, chi-square) and where they come from. */
function gofCells(f: FitResult | undefined): string {
  const g = f?.goodnessOfFit
  if (!g || g.pValueMethod === 'none') return '<td>—</td><td>—</td><td>—</td><td>not computed</td>'
  const p = (name: string) => `<td>${esc(formatPValue(g.pValues[name]))}</td>`
  const from = g.pValueMethod === 'bootstrap' ? 'bootstrap' : 'asymptotic'
  return `${p('ks')}${p('ad')}${p('chiSquare')}<td>${from}</td>`
}

function healthSection(f: FitResult): string {
  const notes = [...f.health.notes]
  if (!f.health.informationPositiveDefinite)
    notes.push(
      'The information matrix is not positive definite at the estimate: standard errors are unreliable.',
    )
  if (f.health.atBound.length)
    notes.push(`At a bound of the parameter space: ${f.health.atBound.join(', ')}.`)
  const body = notes.length
    ? `<ul>${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`
    : '<p>No problems found.</p>'
  return `<h2>Fit health</h2>${body}`
}

/** The methods paragraph, written from the fit's actual settings. */
export function methods(f: FitResult): string {
  const how =
    f.method === 'closed-form'
      ? 'in closed form'
      : `by ${f.methodDetail ?? METHOD_NAMES[f.method]} (${f.iterations.toLocaleString('en-US')} iteration${f.iterations === 1 ? '' : 's'}${f.converged ? ', converged' : ', not converged'})`
  const profile = f.estimates.some((e) => e.profile95 !== null || e.profileOneSided)
  const g = f.goodnessOfFit
  const pv =
    g?.pValueMethod === 'bootstrap'
      ? 'p-values are from a parametric bootstrap that re-estimates the parameters on each replicate'
      : g?.pValueMethod === 'asymptotic'
        ? 'p-values are asymptotic and ignore that the parameters were estimated from the same data (conservative)'
        : 'no goodness-of-fit p-values were computed'
  return (
    `The ${f.distLabel} distribution was fitted to the ${f.n.toLocaleString('en-US')} values of ${f.column}; ` +
    `parameters were estimated by ${f.spacings ? 'maximum product of spacings (Cheng & Amin 1983; not maximum likelihood: the log-likelihood reported is the true one at these estimates)' : 'maximum likelihood'} ${how}. Standard errors are from the observed information ` +
    `at the estimate${f.health.codes?.includes('non-regular') ? ' except where the fit-health notes say otherwise' : ''}; 95% Wald intervals are estimate ± 1.96 SE${profile ? ', and 95% profile-likelihood intervals invert the likelihood-ratio test' : ''}. ` +
    `Goodness of fit: Kolmogorov-Smirnov${f.discrete ? ' and chi-square' : ', Anderson-Darling and Cramér-von Mises'} statistics; ${pv}. ` +
    `Q-Q and P-P bands are pointwise 95% bands from the order statistics' Beta distribution (parameters treated as known); ` +
    `the CDF band is the simultaneous 95% Kolmogorov-Smirnov band around the empirical CDF.`
  )
}

export function keyValues(rows: [string, string][]): string {
  return `<table class="kv"><tbody>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</tbody></table>`
}

const CSS = `
pre { white-space: pre-wrap; font-size: 9pt; background: #f5f7fa; padding: 6px; border: 1px solid #ddd; }
body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; color: #1f2933; max-width: 960px; margin: 24px auto; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 22px 0 8px; border-bottom: 1px solid #d9e2ec; }
.meta, .muted { color: #616e7c; } tr.bad { color: #b42318; } table { border-collapse: collapse; margin: 6px 0; }
th, td { padding: 3px 10px; text-align: right; border-bottom: 1px solid #e4e7eb; font-variant-numeric: tabular-nums; }
th:first-child { text-align: left; } thead th { border-bottom: 2px solid #9aa5b1; }
figure { margin: 12px 0; break-inside: avoid; } figure svg { max-width: 100%; height: auto; }
figcaption { color: #616e7c; font-size: 12px; }
thead { display: table-header-group; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h1, h2, h3 { break-after: avoid; } h2 + p, h3 + p { break-before: avoid; }
  figure, tr, pre, table.kv { break-inside: avoid; } figure svg { max-height: 120mm; width: auto; }
}
`
