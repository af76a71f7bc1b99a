import * as v from 'valibot'

/**
 * Building blocks of the contract's schemas. Two kinds of limits live here: what a request may ask for
 * (finite numbers, counts with a ceiling) and how big an answer or a saved session may be (arrays of at most
 * MAX_POINTS values, keys and names of bounded length), so a hostile session file is refused by the schema
 * long before it can cost memory or stack.
 */

/** Longest name of a column, coefficient or file accepted (a header cell can be long, not unbounded). */
export const MAX_NAME_CHARS = 10_000
/** Points in any one series of an answer (traces, curves, diagnostics); the engine's own caps are 200-2,000. */
export const MAX_POINTS = 10_000
/** Columns of a dataset (the engine refuses files with more columns). */
export const MAX_COLUMNS = 16_384
/** Predictors of a regression. */
export const MAX_PREDICTORS = 1000
/** Most distinct values a text column keeps as categories (a factor with more is no factor). */
export const MAX_LEVELS = 1000

/** A column, coefficient or response name. */
export const Name = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_NAME_CHARS))
/** Free text from the engine: messages, notes, labels. */
export const Text = v.pipe(v.string(), v.maxLength(100_000))
/** A parameter name (`mu`, `shape`) or symbol (`μ`). */
export const ParamName = v.pipe(v.string(), v.maxLength(40))
/** A family id from the engine's registry (`normal`, `negative_binomial`). */
export const DistId = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]{0,39}$/, 'unknown distribution id'))

/**
 * A tag the renderer gives one request (`task` in its payload), so `task:cancel` with that tag stops it
 * alone and leaves other work running; also a page's id (`PAGE_HEADER`), whose work its Cancel stops.
 */
export const TaskTag = v.pipe(
  v.string(),
  v.regex(/^[\w.:-]{1,64}$/, 'a task tag (1-64 letters, digits, _ . : -)'),
)

/** A finite number: what a request may carry. */
export const Finite = v.pipe(v.number(), v.finite())
/** A whole number from 0 to `max`. */
export const Count = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max))

/**
 * Any number the engine computes, NaN and ±Infinity included (a standard deviation of one value, an
 * unbounded interval end). JSON writes NaN and ±Infinity as null (browser mode, session files), so null
 * reads back as NaN: the type stays `number` and renders as "not available".
 */
export const Real = v.pipe(
  v.custom<number | null>(isReal, 'a number (null stands for NaN)'),
  v.transform((x) => x ?? NaN),
)

function isReal(x: unknown): x is number | null {
  return typeof x === 'number' || x === null
}

// Series and numeric records are checked in one loop each, not one schema per number: a session's traces
// hold hundreds of thousands of numbers, and a schema per number costs main ~10x more.

/**
 * A list of `min` to `max` items. The length is checked before any item (valibot checks every item of an
 * array before its length), so a hostile million-item array is refused at once, not after a million checks.
 */
export const List = <T extends v.GenericSchema>(item: T, max = MAX_POINTS, min = 0) =>
  v.pipe(
    v.custom<unknown[]>(
      (x) => Array.isArray(x) && x.length <= max && x.length >= min,
      min > 0 ? `a list of ${min} to ${max} items` : `a list of at most ${max} items`,
    ),
    v.array(item),
  )

/** Values by key, at most `max` keys, counted before any value is checked (as for List). */
export const Dictionary = <K extends v.GenericSchema<string, string>, T extends v.GenericSchema>(
  key: K,
  value: T,
  max: number,
) =>
  v.pipe(
    v.custom<Record<string, unknown>>(
      (x) => typeof x === 'object' && x !== null && !Array.isArray(x) && keysAtMost(x, max),
      `an object with at most ${max} keys`,
    ),
    v.record(key, value),
  )

function keysAtMost(object: object, max: number): boolean {
  let n = 0
  for (const key in object) if (Object.hasOwn(object, key) && ++n > max) return false
  return true
}

/** A series of numbers (as Real), at most MAX_POINTS long. */
export const Reals = v.pipe(
  v.custom<(number | null)[]>(
    (x) => Array.isArray(x) && x.length <= MAX_POINTS && x.every(isReal),
    `a list of at most ${MAX_POINTS} numbers`,
  ),
  v.transform((xs) => (xs.includes(null) ? xs.map((x) => x ?? NaN) : (xs as number[]))),
)

/** Numbers (as Real) by name: at most `max` names of at most `nameChars` characters. */
const NumbersByName = (max: number, nameChars: number) =>
  v.pipe(
    v.custom<Record<string, number | null>>(
      (x) => isNumberRecord(x, max, nameChars),
      `an object of at most ${max} numbers by name`,
    ),
    v.transform((r) => {
      for (const key in r) if (r[key] === null) r[key] = NaN
      return r as Record<string, number>
    }),
  )

function isNumberRecord(x: unknown, max: number, nameChars: number): boolean {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false
  let n = 0
  for (const key in x) {
    if (!Object.hasOwn(x, key)) continue
    if (++n > max || key.length > nameChars || !isReal((x as Record<string, unknown>)[key])) return false
  }
  return true
}

/** Values by parameter name, e.g. { mu: 1.2, sigma: 0.4 }. */
export const ParamValues = NumbersByName(100, 40)
/** Values by coefficient name (regression traces), at most one per predictor plus the intercept. */
export const NamedValues = NumbersByName(MAX_PREDICTORS + 1, MAX_NAME_CHARS)
/** Parameter values a request gives: finite only. */
export const FiniteParams = Dictionary(ParamName, Finite, 100)

/** A closed interval [lower, upper]. */
export const Interval = v.strictTuple([Real, Real])

/** An x/y series (densities, curves). */
export const XY = v.strictObject({ x: Reals, y: Reals })
