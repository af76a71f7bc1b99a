import type { FitResult, PercentileTable, TextExport } from '../../../src-shared/contract'
import { percentileLabel } from '../../../src-shared/format'
import { compareFits, type ComparisonRow } from './comparison'
import { profileText } from '../../../src-shared/present/format'
import { percentileDisplay } from '../../../src-shared/present/results/percentile-display'

/** Where the results came from, for headers and file names, and the shown fit's percentile table. */
export interface ExportContext {
  fileName: string
  percentiles?: { dist: string; table: PercentileTable }
}

/** The percentile table of this fit, if the context holds it. */
function tableOf(f: FitResult, ctx: ExportContext): PercentileTable | null {
  return ctx.percentiles?.dist === f.dist ? ctx.percentiles.table : null
}

/** Each row of a percentile table as (quantity, estimate, SE, interval): "P99" or "P(X > 100)". */
function quantities(table: PercentileTable) {
  return [
    ...table.percentiles.map((r) => ({ ...r, name: percentileLabel(r.p) })),
    ...table.exceedances.map((r) => ({ ...r, name: `P(X > ${r.x})` })),
  ]
}

/** Full precision for machine-readable output; empty for missing values. */
function num(v: number | null | undefined): string {
  return v === null || v === undefined || Number.isNaN(v) ? '' : String(v)
}

/** 6 significant digits for Markdown tables (people read them); `—` for missing. */
function short(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—'
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞'
  return Number(v.toPrecision(6)).toString()
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

function stem(name: string): string {
  return name.replace(/\.[^.]+$/, '') || 'data'
}

const CSV_HEADER = [
  'file',
  'column',
  'dist',
  'parameter',
  'estimate',
  'standard_error',
  'wald95_low',
  'wald95_high',
  'profile95_low',
  'profile95_high',
  'moments',
  'fixed',
  'loglik',
  'aic',
  'aicc',
  'bic',
  'n',
  'method',
  'iterations',
  'converged',
  'delta_aic',
  'akaike_weight',
  'ks',
  'ad',
  'p_ks',
  'p_ad',
  'p_chisq',
  'p_method',
  'bootstrap_level',
  'bootstrap_low',
  'bootstrap_high',
  'bca_low',
  'bca_high',
]

/** The bootstrap columns: level, percentile interval, BCa interval (empty without a bootstrap). */
function bootstrapCells(
  level: number | undefined,
  b: { percentile: [number, number] | null; bca: [number, number] | null } | undefined,
): string[] {
  if (level === undefined || !b) return ['', '', '', '', '']
  return [num(level), num(b.percentile?.[0]), num(b.percentile?.[1]), num(b.bca?.[0]), num(b.bca?.[1])]
}

/** The comparison columns of a fit (ΔAIC and weight among the exported fits, GoF and its p-values). */
function comparisonCells(row: ComparisonRow | undefined): string[] {
  if (!row) return ['', '', '', '', '', '', '', '']
  return [
    num(row.deltaAic),
    num(row.akaikeWeight),
    num(row.ks),
    num(row.ad),
    num(row.ksP),
    num(row.adP),
    num(row.chiP),
    row.pValueMethod,
  ]
}

/** The fit's criteria, repeated on each of its CSV rows (tidy form). */
function fitCells(f: FitResult): string[] {
  return [
    num(f.logLikelihood),
    num(f.aic),
    num(f.aicc),
    num(f.bic),
    String(f.n),
    f.method,
    String(f.iterations),
    String(f.converged),
  ]
}

/**
 * The percentile table of the shown fit as CSV rows in the parameter columns: `parameter` names the
 * quantity (P99, P(X > 100)), the delta-method interval fills the wald95 columns and the profile-likelihood
 * one, where computed, the profile95 columns.
 */
function quantityRows(f: FitResult, ctx: ExportContext): string[] {
  const table = tableOf(f, ctx)
  if (!table) return []
  return quantities(table).map((q) =>
    [
      ctx.fileName,
      f.column,
      f.dist,
      q.name,
      num(q.estimate),
      num(q.standardError),
      num(q.ci95?.[0]),
      num(q.ci95?.[1]),
      num(q.profile95?.[0]),
      num(q.profile95?.[1]),
      '',
      '',
      ...fitCells(f),
      ...comparisonCells(compareFits([f])[0]).map((c, i) => (i < 2 ? '' : c)),
      ...bootstrapCells(table.bootstrap?.level, q.bootstrap),
    ]
      .map(csvField)
      .join(','),
  )
}

/** One CSV row per parameter of each fit, the fit's criteria repeated on each row (tidy form). */
export function resultsCsv(fits: readonly FitResult[], ctx: ExportContext): TextExport {
  const lines = [CSV_HEADER.join(',')]
  const rows = compareFits(fits)
  const ranks = new Map(fits.map((f) => [f, rows.find((r) => r.dist === f.dist)]))
  for (const f of fits) {
    for (const e of f.estimates) {
      lines.push(
        [
          ctx.fileName,
          f.column,
          f.dist,
          e.name,
          num(e.estimate),
          num(e.standardError),
          num(e.wald95?.[0]),
          num(e.wald95?.[1]),
          num(e.profile95?.[0] ?? e.profileOneSided?.[0]),
          num(e.profile95?.[1] ?? e.profileOneSided?.[1]),
          num(e.moments),
          String(e.fixed),
          ...fitCells(f),
          ...comparisonCells(ranks.get(f)),
          ...bootstrapCells(
            f.bootstrapCi?.level,
            f.bootstrapCi?.intervals.find((i) => i.name === e.name),
          ),
        ]
          .map(csvField)
          .join(','),
      )
    }
    lines.push(...quantityRows(f, ctx))
  }
  return {
    text: lines.join('\n') + '\n',
    suggestedName: `${stem(ctx.fileName)}-${fits[0]?.column ?? 'fit'}-results.csv`,
    mimeType: 'text/csv',
  }
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|')
}

function percentileMarkdown(table: PercentileTable): string[] {
  const { columns, rows } = percentileDisplay(table, short, String)
  const out = [
    `| Quantity | Estimate | SE | ${columns.join(' | ')} |`,
    `|---|---:|---:|${columns.map(() => '---|').join('')}`,
  ]
  for (const q of rows) {
    out.push(
      `| ${mdCell(q.name)} | ${short(q.row.estimate)} | ${short(q.row.standardError)} | ${q.intervals.join(' | ')} |`,
    )
  }
  return [...out, '', mdCell(table.note), '']
}

/** A Markdown report: per fit a parameter table and criteria; with several fits, a comparison first. */
export function resultsMarkdown(fits: readonly FitResult[], ctx: ExportContext): TextExport {
  const out: string[] = []
  const column = fits[0]?.column ?? ''
  out.push(`## ${mdCell(ctx.fileName)} · ${mdCell(column)}`, '')
  if (fits.length > 1) {
    out.push(
      '| Family | k | Log-lik | AIC | ΔAIC | Akaike weight | BIC | KS | AD | p (KS) | p (AD) | p (χ²) | p-values |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    )
    for (const r of compareFits(fits)) {
      out.push(
        `| ${mdCell(r.label)}${r.converged ? '' : ' (NOT converged)'} | ${r.k} | ${short(r.logLikelihood)} | ${short(r.aic)} | ${short(r.deltaAic)} | ${short(r.akaikeWeight)} | ${short(r.bic)} | ${short(r.ks)} | ${short(r.ad)} | ${short(r.ksP)} | ${short(r.adP)} | ${short(r.chiP)} | ${r.pValueMethod} |`,
      )
    }
    out.push('')
  }
  for (const f of fits) {
    out.push(
      `### ${mdCell(f.distLabel)} (${f.methodDetail ?? f.method}, ${f.converged ? 'converged' : 'NOT converged'})`,
      '',
    )
    out.push(
      '| Parameter | Estimate | SE | 95% Wald | 95% profile | Moments |',
      '|---|---:|---:|---|---|---:|',
    )
    for (const e of f.estimates) {
      const range = (r: [number, number] | null) => (r ? `${short(r[0])} – ${short(r[1])}` : '—')
      out.push(
        `| ${mdCell(e.symbol)} (${mdCell(e.name)})${e.fixed ? ' fixed' : ''} | ${short(e.estimate)} | ${short(e.standardError)} | ${range(e.wald95)} | ${profileText(e, short)} | ${short(e.moments)} |`,
      )
    }
    out.push('')
    // The table's ≥ / ≤ needs its meaning beside it: this copy carries no health notes.
    if (f.estimates.some((e) => e.profileOneSided))
      out.push(
        '≥ a / ≤ b: a one-sided 95% profile interval: the log-likelihood stays within 1.92 of its maximum ' +
          "up to the parameter's domain edge, so the data set no bound on that side.",
        '',
      )
    out.push(
      `Log-likelihood ${short(f.logLikelihood)} · AIC ${short(f.aic)} · AICc ${short(f.aicc)} · BIC ${short(f.bic)} · n ${f.n} · ${f.iterations} iterations`,
      '',
    )
    const table = tableOf(f, ctx)
    if (table) out.push(...percentileMarkdown(table))
  }
  return {
    text: out.join('\n'),
    suggestedName: `${stem(ctx.fileName)}-${column || 'fit'}-results.md`,
    mimeType: 'text/markdown',
  }
}

/** JSON of the fits without their plot series (histogram, densities, trace): the numbers a report needs. */
export function resultsJson(fits: readonly FitResult[], ctx: ExportContext): TextExport {
  const body = {
    file: ctx.fileName,
    column: fits[0]?.column ?? null,
    fits: fits.map((f) => ({
      dist: f.dist,
      distLabel: f.distLabel,
      params: f.params,
      estimates: f.estimates,
      covariance: f.covariance,
      n: f.n,
      logLikelihood: f.logLikelihood,
      aic: f.aic,
      aicc: f.aicc,
      bic: f.bic,
      method: f.method,
      ...(f.methodDetail ? { methodDetail: f.methodDetail } : {}),
      iterations: f.iterations,
      converged: f.converged,
      message: f.message,
      seconds: f.seconds,
      goodnessOfFit: f.goodnessOfFit,
      health: f.health,
      gradient: f.gradient,
      trials: f.trials,
      ...(tableOf(f, ctx) ? { percentiles: tableOf(f, ctx) } : {}),
    })),
    comparison: fits.length > 1 ? compareFits(fits) : null,
  }
  return {
    text: JSON.stringify(
      body,
      (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v),
      2,
    ),
    suggestedName: `${stem(ctx.fileName)}-${fits[0]?.column ?? 'fit'}-results.json`,
    mimeType: 'application/json',
  }
}
