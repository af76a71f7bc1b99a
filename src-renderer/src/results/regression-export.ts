import type { RegressionResult, TextExport } from '../../../src-shared/contract'
import {
  formatCriterion,
  formatNumber,
  formatPValue,
  formatStatistic,
} from '../../../src-shared/present/format'
import { responseEventText } from '../../../src-shared/present/results/response-event'
import type { ExportContext } from './results-export'

/** Full precision for machine-readable output; empty for a missing or undefined value. */
function num(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '' : String(v)
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|')
}

/** File name: data file stem, model and response, safe characters only (docs/formatting.md). */
function fileName(r: RegressionResult, ctx: ExportContext, ext: string): string {
  const stem = ctx.fileName.replace(/\.[^.]+$/, '') || 'data'
  return `${stem}-${r.response}-${r.model}-regression.${ext}`.replace(/[^\p{L}\p{N}._-]+/gu, '-')
}

const CSV_HEADER = [
  'file',
  'model',
  'response',
  'coefficient',
  'estimate',
  'standard_error',
  'statistic',
  'p_value',
  'ci95_low',
  'ci95_high',
  'loglik',
  'aic',
  'bic',
  'deviance',
  'n',
  'method',
  'iterations',
  'converged',
]

/** One CSV row per coefficient, the model's criteria repeated on each row (tidy form, as the fits' CSV). */
export function regressionCsv(r: RegressionResult, ctx: ExportContext): TextExport {
  const lines = [CSV_HEADER.join(',')]
  for (const c of r.coefficients) {
    const row = [ctx.fileName, r.model, r.response, c.name, num(c.estimate), num(c.standardError)]
    row.push(num(c.statistic), num(c.pValue), num(c.ci95[0]), num(c.ci95[1]))
    row.push(num(r.logLikelihood), num(r.aic), num(r.bic), num(r.deviance), String(r.n))
    row.push(r.method, String(r.iterations), String(r.converged))
    lines.push(row.map(csvField).join(','))
  }
  return { text: lines.join('\n') + '\n', suggestedName: fileName(r, ctx, 'csv'), mimeType: 'text/csv' }
}

/** The model's test lines (adjusted R², F; deviances and their tests; theta), as in the results panel. */
function modelLines(r: RegressionResult): string[] {
  const out: string[] = []
  if (r.event) out.push(mdCell(responseEventText(r.event)))
  for (const f of r.factors ?? []) out.push(`Reference level of ${mdCell(f.column)}: ${mdCell(f.reference)}.`)
  if (r.linear) {
    const f = r.linear.fTest
    out.push(
      `R² ${formatNumber(r.linear.rSquared)} · adjusted R² ${formatNumber(r.linear.adjustedRSquared)} · ` +
        `F ${formatStatistic(f.statistic)} on ${f.df1} and ${f.df2} df, p ${formatPValue(f.pValue)} · ` +
        `residual standard error ${formatNumber(r.linear.residualStandardError)}`,
    )
  }
  if (r.glm) {
    const g = r.glm
    const gof =
      g.devianceGofPValue === null ? '' : ` · deviance goodness of fit p ${formatPValue(g.devianceGofPValue)}`
    out.push(
      `Null deviance ${formatNumber(g.nullDeviance)} on ${g.dfNull} df · residual deviance ${formatNumber(r.deviance)} ` +
        `on ${g.dfResidual} df · LR test χ² ${formatStatistic(g.lrTest.statistic)} on ${g.lrTest.df} df, ` +
        `p ${formatPValue(g.lrTest.pValue)}${gof}`,
    )
  }
  if (r.negbin) {
    out.push(`θ ${formatStatistic(r.negbin.theta)} (SE ${formatStatistic(r.negbin.thetaStandardError)})`)
  }
  return out
}

/** A Markdown report: coefficient table, criteria, model tests and the drop-one LR tests. */
export function regressionMarkdown(r: RegressionResult, ctx: ExportContext): TextExport {
  const stat = r.model === 'linear' ? 't' : 'z'
  const out = [
    `## ${mdCell(ctx.fileName)} · ${r.model} regression of ${mdCell(r.response)} on ${mdCell(r.predictors.join(', '))}`,
    '',
    `${r.converged ? 'Converged' : 'NOT converged'}: ${mdCell(r.message)}`,
    '',
    `| Coefficient | Estimate | SE | ${stat} | p | 95% interval |`,
    '|---|---:|---:|---:|---:|---|',
    ...r.coefficients.map(
      (c) =>
        `| ${mdCell(c.name)} | ${formatStatistic(c.estimate)} | ${formatStatistic(c.standardError)} | ` +
        `${formatStatistic(c.statistic)} | ${formatPValue(c.pValue)} | ${formatStatistic(c.ci95[0])} – ${formatStatistic(c.ci95[1])} |`,
    ),
    '',
    `Log-likelihood ${formatCriterion(r.logLikelihood)} · AIC ${formatCriterion(r.aic)} · BIC ${formatCriterion(r.bic)} · ` +
      `n ${r.n} (${r.data.missing} rows with missing values dropped) · ${r.method}, ${r.iterations} iterations`,
    '',
    ...modelLines(r).flatMap((l) => [l, '']),
  ]
  const tests = r.termTests ?? []
  if (tests.length > 0) {
    out.push('| Term | df | LR χ² | p |', '|---|---:|---:|---:|')
    for (const t of tests) {
      out.push(
        t.containedIn === null
          ? `| ${mdCell(t.term)} | ${t.df} | ${formatStatistic(t.statistic)} | ${formatPValue(t.pValue)} |`
          : `| ${mdCell(t.term)} | ${t.df} | not tested: part of ${mdCell(t.containedIn)} | — |`,
      )
    }
    out.push('')
  }
  return { text: out.join('\n'), suggestedName: fileName(r, ctx, 'md'), mimeType: 'text/markdown' }
}

/** JSON of the result without its chart series (plot, residuals, trace): the numbers a report needs. */
export function regressionJson(r: RegressionResult, ctx: ExportContext): TextExport {
  const { plot, residuals, trace, ...numbers } = r
  void plot
  void residuals
  void trace
  return {
    text: `${JSON.stringify({ file: ctx.fileName, regression: numbers }, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`,
    suggestedName: fileName(r, ctx, 'json'),
    mimeType: 'application/json',
  }
}
