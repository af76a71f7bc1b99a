import type { Censoring, CensoringInfo } from '../../../src-shared/contract'
import { RequestError } from '../errors'

/**
 * A column of censored observations, split by kind: what the censored likelihood and the nonparametric
 * estimates work on. Row order is kept nowhere: each kind's values are sorted ascending.
 */
export interface CensoredData {
  /** Observed values. */
  exact: Float64Array
  /** One entry per data row: the exact value, NaN elsewhere (row numbers in support messages). */
  exactRows: Float64Array
  /** Right-censored: the value is above each of these. */
  right: Float64Array
  /** Left-censored: the value is below each of these. */
  left: Float64Array
  /** Interval-censored: the value lies in (lower[i], upper[i]], sorted by lower bound. */
  lower: Float64Array
  upper: Float64Array
  /** Every observation (the n of criteria and standard errors). */
  n: number
  info: CensoringInfo
}

/** One column as the censoring reader sees it: its name, one value per data row, and its stray text. */
export interface CensoringColumn {
  name: string
  values: Float64Array
  /** First non-numeric cell (data row and text), when the column has one. */
  firstText?: { row: number; value: string }
  /** True when the column was typed boolean (true/false, yes/no read as 1/0). */
  boolean?: boolean
  /** A text column (a status named by its event value): its values as categories, when the import kept them. */
  text?: boolean
  categories?: { levels: string[]; codes: Int32Array } | null
}

export const CENSORED_GOF_NOTE =
  'No goodness-of-fit test is shown: Kolmogorov-Smirnov, Anderson-Darling and Cramér-von Mises and their p-values assume exactly observed values and do not apply to censored data. Compare the fitted CDF with the nonparametric estimate (Kaplan-Meier or Turnbull) in the CDF and survival charts.'

/** A text cell in a column that must hold numbers or be empty is an error naming its row. */
function rejectText(col: CensoringColumn, role: string): void {
  if (col.firstText) {
    throw new RequestError(
      `${role} column "${col.name}" has the text "${col.firstText.value}" in data row ${col.firstText.row}: ${role.toLowerCase()} values must be numbers${role === 'Status' ? ' (1/0, true/false, yes/no)' : ' or empty'}.`,
    )
  }
}

/** Reads censored observations in the form the request names; a RequestError names the first bad row. */
export function readCensored(column: CensoringColumn, other: CensoringColumn, spec: Censoring): CensoredData {
  return 'status' in spec ? readStatus(column, other, spec.event) : readInterval(column, other)
}

const sortedOf = (values: number[]) => Float64Array.from(values).sort()

function readStatus(time: CensoringColumn, status: CensoringColumn, event: string | undefined): CensoredData {
  const coding = event === undefined ? oneZeroCoding(status) : eventCoding(status, event)
  const exact: number[] = []
  const right: number[] = []
  const rows = new Float64Array(time.values.length).fill(NaN)
  for (let i = 0; i < time.values.length; i++) {
    const t = time.values[i]
    if (!Number.isFinite(t)) continue
    if (coding.observed(i, t, time.name)) {
      exact.push(t)
      rows[i] = t
    } else right.push(t)
  }
  return build(
    { exact, right, left: [], lower: [], upper: [] },
    rows,
    { form: 'status', column: time.name, status: status.name, ...(event !== undefined ? { event } : {}) },
    `Status "${status.name}" read as ${coding.read()}.`,
  )
}

/** How a status column marks each row: observed (true) or right-censored (false); a RequestError else. */
interface StatusCoding {
  observed(row: number, time: number, timeName: string): boolean
  /** The coding in words, for the fit's note (after every row is read). */
  read(): string
}

/** The default coding: 1 (true, yes) observed, 0 (false, no) right-censored. */
function oneZeroCoding(status: CensoringColumn): StatusCoding {
  rejectText(status, 'Status')
  const needed = 'status must be 1 (observed) or 0 (right-censored); true/false and yes/no are read as 1/0'
  return {
    observed(i, t, timeName) {
      const s = status.values[i]
      if (s === 1 || s === 0) return s === 1
      const what = Number.isNaN(s) ? 'no value' : String(s)
      throw new RequestError(
        `Status column "${status.name}" has ${what} in data row ${i + 1}, where "${timeName}" is ${t}: ${needed}.`,
      )
    },
    read: () =>
      status.boolean
        ? '1 (true, yes) = observed, 0 (false, no) = right-censored'
        : '1 = observed, 0 = right-censored',
  }
}

/**
 * The user's coding (R's `Surv(time, status == event)`): the event value marks an observed time and the
 * column's one other value a right-censored one. Exactly two values, so a stray third one ("n/a", a
 * typo) is refused naming its row rather than silently read as censored; an empty status is refused too.
 */
function eventCoding(status: CensoringColumn, event: string): StatusCoding {
  const { key, label, eventKey } = statusKeys(status, event)
  let other: { key: number; row: number } | null = null
  const q = (k: number) => `"${label(k)}"`
  return {
    observed(i, t, timeName) {
      const k = key(i)
      if (k === eventKey) return true
      if (Number.isNaN(k) || (other !== null && k !== other.key)) {
        const what = Number.isNaN(k) ? 'no value' : q(k)
        const seen = other ? `, besides ${q(other.key)} (data row ${other.row + 1}),` : ''
        throw new RequestError(
          `Status column "${status.name}" has ${what} in data row ${i + 1}${seen} where "${timeName}" is ${t}: with "${event}" = observed, every other row must hold one value, the right-censored one. Recode that row, or empty its time to leave it out.`,
        )
      }
      other ??= { key: k, row: i }
      return false
    },
    read: () => `"${event}" = observed${other ? `, ${q(other.key)} = right-censored` : ''}`,
  }
}

/**
 * Each row's status as a number to compare (a text column's category code, a numeric column's value; NaN
 * where empty), its words, and the event's key; a RequestError when the column cannot hold the event.
 */
function statusKeys(status: CensoringColumn, event: string) {
  const { categories: cats } = status
  if (cats) {
    const eventKey = cats.levels.indexOf(event)
    if (eventKey < 0) {
      const shown = cats.levels.slice(0, 6).map((l) => `"${l}"`)
      throw new RequestError(
        `Status column "${status.name}" has no value "${event}" (its values: ${shown.join(', ')}${cats.levels.length > 6 ? ', ...' : ''}): name the value that marks an observed time.`,
      )
    }
    const key = (i: number) => (cats.codes[i] < 0 ? NaN : cats.codes[i])
    return { key, label: (k: number) => cats.levels[k], eventKey }
  }
  if (status.text) {
    throw new RequestError(
      `Status column "${status.name}" has too many distinct values to be a status: it needs two, the event's and the censored one.`,
    )
  }
  const eventKey = Number(event.trim())
  if (event.trim() === '' || !Number.isFinite(eventKey)) {
    throw new RequestError(
      `Status column "${status.name}" holds numbers: the value that marks an observed time must be one of them, not "${event}".`,
    )
  }
  rejectText(status, 'Status')
  return { key: (i: number) => status.values[i], label: (k: number) => String(k), eventKey }
}

function readInterval(lowerCol: CensoringColumn, upperCol: CensoringColumn): CensoredData {
  rejectText(lowerCol, 'Lower-bound')
  rejectText(upperCol, 'Upper-bound')
  const parts = {
    exact: [] as number[],
    right: [] as number[],
    left: [] as number[],
    lower: [] as number[],
    upper: [] as number[],
  }
  const pairs: [number, number][] = []
  const rows = new Float64Array(lowerCol.values.length).fill(NaN)
  for (let i = 0; i < lowerCol.values.length; i++) {
    const l = lowerCol.values[i]
    const u = upperCol.values[i]
    const hasL = Number.isFinite(l)
    const hasU = Number.isFinite(u)
    if (!hasL && !hasU) continue
    if (!hasL) parts.left.push(u)
    else if (!hasU) parts.right.push(l)
    else if (l === u) {
      parts.exact.push(l)
      rows[i] = l
    } else if (l < u) pairs.push([l, u])
    else {
      throw new RequestError(
        `Data row ${i + 1} has lower bound ${l} ("${lowerCol.name}") above its upper bound ${u} ("${upperCol.name}"): an interval needs lower <= upper.`,
      )
    }
  }
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  parts.lower = pairs.map((p) => p[0])
  parts.upper = pairs.map((p) => p[1])
  return build(
    parts,
    rows,
    { form: 'interval', column: lowerCol.name, upper: upperCol.name },
    `Bounds "${lowerCol.name}" to "${upperCol.name}": an empty lower bound is left-censored, an empty upper bound right-censored, equal bounds exact.`,
  )
}

type Parts = Record<'exact' | 'right' | 'left' | 'lower' | 'upper', number[]>

function build(
  parts: Parts,
  exactRows: Float64Array,
  names: Pick<CensoringInfo, 'form' | 'column' | 'status' | 'event' | 'upper'>,
  read: string,
): CensoredData {
  const counts = {
    exact: parts.exact.length,
    right: parts.right.length,
    left: parts.left.length,
    interval: parts.lower.length,
  }
  const n = counts.exact + counts.right + counts.left + counts.interval
  if (n === 0) throw new RequestError(`Column "${names.column}" has no observations to fit.`)
  const oneSided = counts.exact + counts.interval === 0 && (counts.left === 0 || counts.right === 0)
  if (oneSided) throw new RequestError(oneSidedMessage(names.column, n, counts.right > 0, names.event))
  if (
    counts.exact === 0 &&
    new Set([...parts.right, ...parts.left, ...parts.lower, ...parts.upper]).size < 2
  ) {
    throw new RequestError(
      `Column "${names.column}" has no exact values and its censoring bounds are all one value: no distribution can be fitted to that.`,
    )
  }
  return {
    exact: sortedOf(parts.exact),
    exactRows,
    right: sortedOf(parts.right),
    left: sortedOf(parts.left),
    lower: Float64Array.from(parts.lower),
    upper: Float64Array.from(parts.upper),
    n,
    info: {
      ...names,
      ...counts,
      note: `${describeCounts(n, counts)} ${read}`,
      goodnessOfFit: CENSORED_GOF_NOTE,
    },
  }
}

/**
 * Every observation censored on the same side: the likelihood rises towards 1 as the distribution moves past
 * the bounds (above the largest right-censored time, below the smallest left-censored one), so no family
 * has a maximum there and an optimizer would stop on the slope and call it one.
 */
function oneSidedMessage(column: string, n: number, right: boolean, event?: string): string {
  const observed = event === undefined ? 'status 1' : `status "${event}"`
  const side = right ? 'right' : 'left'
  const where = right ? 'above the largest' : 'below the smallest'
  return `Every observation of "${column}" is ${side}-censored (${n.toLocaleString('en-US')} of them): the likelihood keeps rising as the distribution moves ${where} bound, so it has no maximum. A fit needs at least one observed value${right ? ` (${observed})` : ''} or a finite interval.`
}

/** "108 observations: 19 exact, 60 right-censored, 29 interval-censored." */
export function describeCounts(
  n: number,
  c: { exact: number; right: number; left: number; interval: number },
): string {
  const kinds = [
    [c.exact, 'exact'],
    [c.right, 'right-censored'],
    [c.left, 'left-censored'],
    [c.interval, 'interval-censored'],
  ] as const
  const parts = kinds.filter(([k]) => k > 0).map(([k, what]) => `${k} ${what}`)
  return `${n} observation${n === 1 ? '' : 's'}: ${parts.join(', ')}.`
}
