import type { ExclusionRule, FitResult } from '../../../src-shared/contract'

/**
 * The rows a fit kept and its censored observations, as R and Python code: the lines that turn `data` (the
 * file as read) into `x` (the values fitted) or, for a censored fit, into R's `d` (fitdistcens' left/right
 * data frame) and Python's `cx` (SciPy's CensoredData), reading the columns exactly as the app does.
 */

/** A string literal both R and Python read (JSON's escapes are a subset of both). */
export const lit = (s: string) => JSON.stringify(s)

const rangeOf = (f: FitResult) => f.exclusions?.find((e) => e.range)?.range ?? null
const rulesOf = (f: FitResult): ExclusionRule[] =>
  (f.exclusions ?? []).flatMap((e) => (e.exclude ? [e.exclude] : []))
/** A category value the app would compare as a number in a numeric column. */
const asNumber = (value: string) =>
  value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : null

/** R: one `keep` condition per exclusion rule by rows (1-based data rows) or by a category of a column. */
function rRule(rule: ExclusionRule): string {
  if (rule.kind === 'rows') {
    const spans = rule.rows.map(([a, b]) => (a === b ? String(a) : `${a}:${b}`)).join(', ')
    return `keep <- keep & !(seq_along(x) %in% c(${spans}))`
  }
  const col = `data[[${lit(rule.column)}]]`
  const text = `trimws(as.character(${col})) %in% ${lit(rule.value.trim())}`
  const n = asNumber(rule.value)
  return `keep <- keep & !(${n === null ? text : `if (is.numeric(${col})) ${col} %in% ${n} else ${text}`})`
}

function pyRule(rule: ExclusionRule): string {
  if (rule.kind === 'rows') {
    const spans = rule.rows.map(([a, b]) => `${a}:${b + 1}`).join(', ')
    return `keep &= ~np.isin(np.arange(1, len(x) + 1), np.r_[${spans}])`
  }
  const col = `data[${lit(rule.column)}]`
  const text = `(${col}.astype(str).str.strip() == ${lit(rule.value.trim())})`
  const n = asNumber(rule.value)
  const test = n === null ? text : `((${col} == ${n}) if pd.api.types.is_numeric_dtype(${col}) else ${text})`
  return `keep &= ~${test}.to_numpy()`
}

/** R lines from `data` to `x` (and `w`): missing values, weights, the value range and the exclusion rules. */
export function rKeep(f: FitResult): string[] {
  const range = rangeOf(f)
  const keep = ['!is.na(x)']
  if (f.weights) keep.push('!is.na(w)', 'w > 0')
  if (range?.min !== undefined) keep.push(`x >= ${range.min}`)
  if (range?.max !== undefined) keep.push(`x <= ${range.max}`)
  return [
    `x <- suppressWarnings(as.numeric(data[[${lit(f.column)}]]))`,
    ...(f.weights ? [`w <- suppressWarnings(as.numeric(data[[${lit(f.weights.column)}]]))`] : []),
    `keep <- ${keep.join(' & ')}`,
    ...rulesOf(f).map(rRule),
    f.weights ? 'x <- x[keep]; w <- w[keep]' : 'x <- x[keep]',
  ]
}

export function pyKeep(f: FitResult, num: (column: string) => string): string[] {
  const range = rangeOf(f)
  const keep = ['~np.isnan(x)']
  if (f.weights) keep.push('~np.isnan(w)', '(w > 0)')
  if (range?.min !== undefined) keep.push(`(x >= ${range.min})`)
  if (range?.max !== undefined) keep.push(`(x <= ${range.max})`)
  return [
    `x = ${num(f.column)}`,
    ...(f.weights ? [`w = ${num(f.weights.column)}`] : []),
    `keep = ${keep.join(' & ')}`,
    ...rulesOf(f).map(pyRule),
    // SciPy's fit takes no weights: whole-number frequency weights become repeated values.
    f.weights ? 'x = np.repeat(x[keep], np.round(w[keep]).astype(int))' : 'x = x[keep]',
  ]
}

type Censoring = NonNullable<FitResult['censoring']>

/**
 * R lines from `data` to fitdistcens' data frame `d` (left = NA: left-censored at right; right = NA:
 * right-censored at left; equal: exact). Status form: 1 (true, yes) observed, 0 (false, no) right-censored
 * at the time; rows without a time are skipped, as the app does.
 */
export function rCensored(c: Censoring): string[] {
  const num = (column: string) => `suppressWarnings(as.numeric(data[[${lit(column)}]]))`
  if (c.form === 'status')
    return [
      `t <- ${num(c.column)}`,
      ...rStatus(c.status ?? '', c.event, num),
      'keep <- !is.na(t)',
      '# status 0: right-censored at t (right bound unknown)',
      'd <- data.frame(left = t[keep], right = ifelse(s[keep] == 1, t[keep], NA))',
    ]
  return [
    `lo <- ${num(c.column)}`,
    `hi <- ${num(c.upper ?? '')}`,
    '# empty lower bound: left-censored; empty upper bound: right-censored; equal bounds: exact',
    'keep <- !is.na(lo) | !is.na(hi)',
    'd <- data.frame(left = lo[keep], right = hi[keep])',
  ]
}

/** R lines reading the status column as `s`: 1 observed, 0 right-censored (by the event value, when named). */
function rStatus(status: string, event: string | undefined, num: (column: string) => string): string[] {
  if (event === undefined)
    return [
      `s <- tolower(trimws(as.character(data[[${lit(status)}]])))`,
      's <- ifelse(s %in% c("1", "true", "yes"), 1, ifelse(s %in% c("0", "false", "no"), 0, NA))',
    ]
  const n = asNumber(event)
  if (n !== null) return [`s <- ${num(status)}`, `s <- ifelse(s == ${n}, 1, 0)`]
  return [
    `s <- trimws(as.character(data[[${lit(status)}]]))`,
    `s <- ifelse(is.na(s) | s == "", NA, ifelse(s == ${lit(event)}, 1, 0))`,
  ]
}

/** Python lines reading the status column as `s` (as `rStatus`). */
function pyStatus(status: string, event: string | undefined, num: (column: string) => string): string[] {
  if (event === undefined)
    return [
      `codes = {"1": 1, "1.0": 1, "true": 1, "yes": 1, "0": 0, "0.0": 0, "false": 0, "no": 0}`,
      `s = data[${lit(status)}].astype(str).str.strip().str.lower().map(codes).to_numpy(dtype=float)`,
    ]
  const n = asNumber(event)
  if (n !== null) return [`s = ${num(status)}`, `s = np.where(np.isnan(s), np.nan, (s == ${n}) * 1.0)`]
  return [
    `raw = data[${lit(status)}]`,
    `s = np.where(raw.isna(), np.nan, (raw.astype(str).str.strip() == ${lit(event)}) * 1.0)`,
  ]
}

/** Python lines from `data` to SciPy's CensoredData `cx`, split by kind as the app reads the columns. */
export function pyCensored(c: Censoring, num: (column: string) => string): string[] {
  if (c.form === 'status')
    return [
      `t = ${num(c.column)}`,
      ...pyStatus(c.status ?? '', c.event, num),
      'keep = ~np.isnan(t)',
      'cx = stats.CensoredData(uncensored=t[keep & (s == 1)], right=t[keep & (s == 0)])',
    ]
  return [
    `lo = ${num(c.column)}`,
    `hi = ${num(c.upper ?? '')}`,
    'both = ~np.isnan(lo) & ~np.isnan(hi)',
    'cx = stats.CensoredData(',
    '    uncensored=lo[both & (lo == hi)],',
    '    left=hi[np.isnan(lo) & ~np.isnan(hi)],',
    '    right=lo[~np.isnan(lo) & np.isnan(hi)],',
    '    interval=np.column_stack([lo[both & (lo < hi)], hi[both & (lo < hi)]]),',
    ')',
  ]
}
