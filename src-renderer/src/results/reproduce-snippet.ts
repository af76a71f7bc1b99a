import type { DatasetInfo, DistributionInfo, FitResult } from '../../../src-shared/contract'

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

/** A string literal both R and Python read (JSON's escapes are a subset of both). */
const lit = (s: string) => JSON.stringify(s)
const fill = (template: string, f: FitResult) =>
  template.replace(/\{trials\}/g, String(f.trials ?? '')).replace(/\{threshold\}/g, String(f.threshold ?? ''))
const rangeOf = (f: FitResult) => f.exclusions?.find((e) => e.range)?.range ?? null
const ours = (f: FitResult) =>
  f.estimates.map((e) => `${e.name} = ${e.estimate}`).join(', ') + `; log-likelihood ${f.logLikelihood}`
const isSheet = (s: SnippetSource) => s.format !== undefined && s.format !== 'csv'

function rRead(f: FitResult, s: SnippetSource): string[] {
  const read = isSheet(s)
    ? `readxl::read_excel(${lit(s.fileName)}${s.sheet ? `, sheet = ${lit(s.sheet)}` : ''})`
    : `read.csv(${lit(s.fileName)}, check.names = FALSE${s.settings.delimiter && s.settings.delimiter !== ',' ? `, sep = ${lit(s.settings.delimiter)}` : ''}${s.settings.decimal === 'comma' ? ', dec = ","' : ''})`
  const range = rangeOf(f)
  const keep = ['!is.na(x)']
  if (f.weights) keep.push('!is.na(w)', 'w > 0')
  if (range?.min !== undefined) keep.push(`x >= ${range.min}`)
  if (range?.max !== undefined) keep.push(`x <= ${range.max}`)
  return [
    `data <- ${read}`,
    `x <- suppressWarnings(as.numeric(data[[${lit(f.column)}]]))`,
    ...(f.weights ? [`w <- suppressWarnings(as.numeric(data[[${lit(f.weights.column)}]]))`] : []),
    `keep <- ${keep.join(' & ')}`,
    f.weights ? 'x <- x[keep]; w <- w[keep]' : 'x <- x[keep]',
  ]
}

function rSnippet(
  f: FitResult,
  code: NonNullable<NonNullable<DistributionInfo['code']>['r']>,
  s: SnippetSource,
): string {
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
  const mapped = f.estimates
    .filter((e) => !e.fixed)
    .map((e) => `${e.name} = ${code.estimate[e.name]}`)
    .join(', ')
  return [
    `# ${f.distLabel} fit to ${lit(f.column)} of ${s.fileName}, as MLE Studio made it`,
    'library(fitdistrplus)',
    ...rRead(f, s),
    `fit <- ${call}`,
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
  const range = rangeOf(f)
  const keep = ['~np.isnan(x)']
  if (f.weights) keep.push('~np.isnan(w)', '(w > 0)')
  if (range?.min !== undefined) keep.push(`(x >= ${range.min})`)
  if (range?.max !== undefined) keep.push(`(x <= ${range.max})`)
  return [
    `data = ${read}`,
    `x = ${num(f.column)}`,
    ...(f.weights ? [`w = ${num(f.weights.column)}`] : []),
    `keep = ${keep.join(' & ')}`,
    // SciPy's fit takes no weights: whole-number frequency weights become repeated values.
    f.weights ? 'x = np.repeat(x[keep], np.round(w[keep]).astype(int))' : 'x = x[keep]',
  ]
}

function pySnippet(
  f: FitResult,
  code: NonNullable<NonNullable<DistributionInfo['code']>['python']>,
  s: SnippetSource,
): string {
  const call = fill(code.call, f)
  const mapped = f.estimates.map((e) => `${lit(e.name)}: ${code.estimate[e.name]}`).join(', ')
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

/**
 * "Reproduce this fit": R (fitdistrplus) and Python (SciPy, statsmodels) code that reads the same column
 * of the same file, keeps the same rows (missing values, the value range, weights) and fits the same
 * family, printing its estimates in this app's parametrization (the family's `code` maps them), with the
 * app's numbers as a comment to compare.
 */
export function reproduceSnippets(
  f: FitResult,
  info: Pick<DistributionInfo, 'code'> | undefined,
  source: SnippetSource,
): ReproduceSnippets {
  const code = info?.code
  const notes: string[] = []
  if (code?.note) notes.push(code.note)
  if (!code?.r) notes.push(`R: fitdistrplus has no built-in ${f.distLabel}.`)
  if (!code?.python) notes.push(`Python: no SciPy fit for ${f.distLabel}.`)
  const held = f.estimates.some((e) => e.fixed)
  if (held && code?.python)
    notes.push(
      'Python: the snippet fits every parameter; SciPy holds one with f-arguments (fa=, floc=, fscale=).',
    )
  if (f.weights && !f.weights.integer)
    notes.push(
      'Weights that are not whole numbers: R fitdist and the repeated values of the Python snippet need whole numbers.',
    )
  return {
    r: code?.r ? rSnippet(f, code.r, source) : null,
    python: code?.python ? pySnippet(f, code.python, source) : null,
    notes,
  }
}
