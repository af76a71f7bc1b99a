import type { DatasetInfo, DistributionInfo, FitResult } from '../../../src-shared/contract'
import { lit, pyCensored, pyKeep, rCensored, rKeep } from './reproduce-rows'

/** Where the fitted column came from, as the snippets read it. */
export type SnippetSource = Pick<DatasetInfo, 'fileName' | 'format' | 'sheet'> & {
  settings: Partial<Pick<DatasetInfo['settings'], 'delimiter' | 'decimal'>>
}

export interface ReproduceSnippets {
  r: string | null
  python: string | null
  /** Why a language has no snippet, or what differs between the tools and the app. */
  notes: string[]
}

const fill = (template: string, f: FitResult) =>
  template.replace(/\{trials\}/g, String(f.trials ?? '')).replace(/\{threshold\}/g, String(f.threshold ?? ''))
const ours = (f: FitResult) =>
  f.estimates.map((e) => `${e.name} = ${e.estimate}`).join(', ') + `; log-likelihood ${f.logLikelihood}`
const isSheet = (s: SnippetSource) => s.format !== undefined && s.format !== 'csv'

function rRead(f: FitResult, s: SnippetSource): string[] {
  const read = isSheet(s)
    ? `readxl::read_excel(${lit(s.fileName)}${s.sheet ? `, sheet = ${lit(s.sheet)}` : ''})`
    : `read.csv(${lit(s.fileName)}, check.names = FALSE${s.settings.delimiter && s.settings.delimiter !== ',' ? `, sep = ${lit(s.settings.delimiter)}` : ''}${s.settings.decimal === 'comma' ? ', dec = ","' : ''})`
  return [`data <- ${read}`, ...(f.censoring ? rCensored(f.censoring) : rKeep(f))]
}

/** The fitting call on censored data (fitdistcens, SciPy's CensoredData), or null when the tool has none. */
const censoredCall = {
  r: (call: string) => (/^fitdist\(x,/.test(call) ? call.replace(/^fitdist\(x,/, 'fitdistcens(d,') : null),
  python: (call: string) => {
    const c = call.replace(/\.fit\(x\b/g, '.fit(cx')
    return c !== call && !/\bx\b/.test(c) ? c : null
  },
}

function rSnippet(
  f: FitResult,
  code: NonNullable<NonNullable<DistributionInfo['code']>['r']>,
  s: SnippetSource,
): string | null {
  const extra: string[] = []
  if (f.weights) extra.push('weights = w')
  const held = f.estimates.filter((e) => e.fixed)
  if (held.length > 0) {
    const names = held.map(
      (e) => [/^e\[\["(.+)"\]\]$/.exec(code.estimate[e.name] ?? '')?.[1], e.estimate] as const,
    )
    extra.push(`fix.arg = list(${names.map(([n, v]) => `${n} = ${v}`).join(', ')})`)
  }
  const call = fill(code.call, f).replace(/\)$/, extra.length ? `, ${extra.join(', ')})` : ')')
  const fitted = f.censoring ? censoredCall.r(call) : call
  if (fitted === null) return null
  const mapped = f.estimates
    .filter((e) => !e.fixed)
    .map((e) => `${e.name} = ${code.estimate[e.name]}`)
    .join(', ')
  return [
    `# ${f.distLabel} fit to ${lit(f.column)} of ${s.fileName}, as MLE Studio made it`,
    'library(fitdistrplus)',
    ...rRead(f, s),
    `fit <- ${fitted}`,
    'e <- fit$estimate',
    `print(c(${mapped}))`,
    'print(fit$loglik)',
    `# MLE Studio: ${ours(f)}`,
  ].join('\n')
}

function pyRead(f: FitResult, s: SnippetSource): string[] {
  const read = isSheet(s)
    ? `pd.read_excel(${lit(s.fileName)}${s.sheet ? `, sheet_name=${lit(s.sheet)}` : ''})`
    : `pd.read_csv(${lit(s.fileName)}${s.settings.delimiter && s.settings.delimiter !== ',' ? `, sep=${lit(s.settings.delimiter)}` : ''}${s.settings.decimal === 'comma' ? ', decimal=","' : ''})`
  const num = (column: string) => `pd.to_numeric(data[${lit(column)}], errors="coerce").to_numpy(dtype=float)`
  return [`data = ${read}`, ...(f.censoring ? pyCensored(f.censoring, num) : pyKeep(f, num))]
}

function pySnippet(
  f: FitResult,
  code: NonNullable<NonNullable<DistributionInfo['code']>['python']>,
  s: SnippetSource,
): string | null {
  const call = f.censoring ? censoredCall.python(fill(code.call, f)) : fill(code.call, f)
  if (call === null) return null
  const mapped = f.estimates.map((e) => `${lit(e.name)}: float(${code.estimate[e.name]})`).join(', ')
  return [
    `# ${f.distLabel} fit to ${lit(f.column)} of ${s.fileName}, as MLE Studio made it`,
    'import numpy as np',
    'import pandas as pd',
    call.includes('stats.') ? 'from scipy import stats' : '',
    call.includes('sm.') ? 'import statsmodels.api as sm' : '',
    ...pyRead(f, s),
    `est = ${call}`,
    `print({${mapped}})`,
    `# MLE Studio: ${ours(f)}`,
  ]
    .filter((line) => line !== '')
    .join('\n')
}

/** What the snippets cannot do, or do differently from the app, in plain words. */
function notesOf(f: FitResult, code: DistributionInfo['code'], snippets: Omit<ReproduceSnippets, 'notes'>) {
  const notes: string[] = []
  if (code?.note) notes.push(code.note)
  if (!code?.r) notes.push(`R: fitdistrplus has no built-in ${f.distLabel}.`)
  else if (!snippets.r) notes.push(`R: fitdistrplus' fitdistcens has no censored ${f.distLabel} fit.`)
  if (!code?.python) notes.push(`Python: no SciPy fit for ${f.distLabel}.`)
  else if (!snippets.python) notes.push(`Python: SciPy has no censored ${f.distLabel} fit.`)
  if (f.censoring && snippets.python)
    notes.push(
      "Python: SciPy (1.11 or later) fits censored data with CensoredData, by a general-purpose optimizer from its own start; check that its estimates are at a maximum (R's fitdistcens prints the log-likelihood).",
    )
  if (f.estimates.some((e) => e.fixed) && snippets.python)
    notes.push(
      'Python: the snippet fits every parameter; SciPy holds one with f-arguments (fa=, floc=, fscale=).',
    )
  if (f.weights && !f.weights.integer)
    notes.push(
      'Weights that are not whole numbers: R fitdist and the repeated values of the Python snippet need whole numbers.',
    )
  return notes
}

/**
 * "Reproduce this fit": R (fitdistrplus) and Python (SciPy, statsmodels) code that reads the same column
 * of the same file, keeps the same rows (missing values, the value range, weights, exclusions by rows and
 * by category) or builds the same censored observations (fitdistcens, SciPy's CensoredData), and fits the
 * same family, printing its estimates in this app's parametrization (the family's `code` maps them), with
 * the app's numbers as a comment to compare.
 */
export function reproduceSnippets(
  f: FitResult,
  info: Pick<DistributionInfo, 'code'> | undefined,
  source: SnippetSource,
): ReproduceSnippets {
  const code = info?.code
  const snippets = {
    r: code?.r ? rSnippet(f, code.r, source) : null,
    python: code?.python ? pySnippet(f, code.python, source) : null,
  }
  return { ...snippets, notes: notesOf(f, code, snippets) }
}
