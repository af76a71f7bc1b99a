import { parseArgs } from 'node:util'
import type {
  BootstrapMethod,
  FitMethod,
  FitOptions,
  ImportSettings,
  ValueRange,
} from '../../src-shared/contract'
import { MAX_BOOTSTRAP_CI } from '../../src-shared/shapes/bootstrap'
import { version } from '../../package.json'

/** The command line's usage line (printed with every usage error). */
export const USAGE =
  'Usage: mle-fit FILE --column NAME --dist ID[,ID...]|all [--method auto|closed-form|newton|lbfgs|gradient] ' +
  '[--fix name=value,...] [--trials N] [--threshold U] [--learning-rate X] [--max-iterations N] [--tolerance X] [--patience N] ' +
  '[--validation-fraction X] [--seed N] [--bootstrap N] [--bootstrap-ci N] [--bootstrap-method nonparametric|parametric] [--delimiter C] [--decimal point|comma] [--sheet NAME] [--header-row N] ' +
  '[--weights COLUMN] [--range LO:HI] [--json]'

/** The version `mle-fit --version` prints (package.json's, inlined by the build). */
export const VERSION = version

/** A usage error: exit code 2 with one line on stderr. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/**
 * One command-line flag: a switch (`boolean`) or a flag with a value (`string`), and what it does to the
 * arguments being built. `flag` is the flag as typed (`--trials`, `-h`), for messages.
 */
export interface Flag<A> {
  type: 'string' | 'boolean'
  short?: string
  set(args: A, value: string, flag: string): void
}

/** The flags of a command by long name (without `--`): adding a flag is one entry. */
export type FlagTable<A> = Record<string, Flag<A>>

/** One line for node:util's parse errors, in this CLI's words ("--column needs a value"). */
function usageMessage(e: Error & { code: unknown }): string {
  const flag = /'(-[^' ]+)/.exec(e.message)?.[1] ?? ''
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${flag}`
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(e.message)) return `${flag} takes no value`
      // "ambiguous": the next word starts with "-", so it is taken for a flag, not a value.
      return /ambiguous/.test(e.message)
        ? `${flag} needs a value (write ${flag}=VALUE for a value that starts with "-")`
        : `${flag} needs a value`
    default:
      return e.message.split('\n')[0]
  }
}

/**
 * Parses argv with node:util `parseArgs` (strict: an unknown flag, a missing value or a value given to a
 * switch is a UsageError), then applies flags and positionals in argv order, so of two bad values the
 * first is reported, and a repeated flag's last value wins. `--flag=value` works for every flag.
 */
export function applyFlags<A>(
  argv: string[],
  flags: FlagTable<A>,
  args: A,
  positional: (args: A, value: string) => void,
): A {
  let tokens
  try {
    tokens = parseArgs({
      args: argv,
      options: Object.fromEntries(
        Object.entries(flags).map(([name, f]) => [
          name,
          f.short ? { type: f.type, short: f.short } : { type: f.type },
        ]),
      ),
      allowPositionals: true,
      strict: true,
      tokens: true,
    }).tokens
  } catch (e) {
    const parseError = e instanceof Error && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')
    if (parseError) throw new UsageError(usageMessage(e))
    throw e
  }
  for (const token of tokens) {
    if (token.kind === 'option') flags[token.name].set(args, token.value ?? '', token.rawName)
    else if (token.kind === 'positional') positional(args, token.value)
  }
  return args
}

/** A number (any finite value). */
export function numberValue(flag: string, text: string): number {
  const v = Number(text)
  if (text.trim() === '' || !Number.isFinite(v))
    throw new UsageError(`${flag} needs a number (got "${text}")`)
  return v
}

/** A whole number >= min. */
export function wholeNumber(flag: string, text: string, min: number): number {
  const v = numberValue(flag, text)
  if (!Number.isInteger(v) || v < min)
    throw new UsageError(`${flag} needs a whole number >= ${min} (got "${text}")`)
  return v
}

/** A flag with a value. */
export const valueFlag = <A>(set: Flag<A>['set']): Flag<A> => ({ type: 'string', set })
/** A switch (no value). */
export const switchFlag = <A>(set: (args: A) => void, short?: string): Flag<A> => ({
  type: 'boolean',
  short,
  set: (args) => set(args),
})

/** Parsed command line. */
export interface CliArgs {
  file: string
  column: string
  /** Family ids, or 'all'. */
  dists: string[] | 'all'
  method: FitMethod
  fixed: Record<string, number>
  trials?: number
  /** Peaks-over-threshold families (gpd): fit the values above it. */
  threshold?: number
  /** Frequency-weights column: each row's value stands for that many observations. */
  weights?: string
  /** Exclusion rule: fit only values in [LO, HI] (either end may be empty: open). */
  range?: ValueRange
  options: FitOptions
  bootstrap?: number
  /** Bootstrap confidence intervals: replicates B (10 to 10,000) and how they are drawn. */
  bootstrapCi?: number
  bootstrapMethod?: BootstrapMethod
  settings: ImportSettings
  json: boolean
  help: boolean
  version: boolean
}

/** CliArgs while parsing: `--dist` as typed, checked once every flag is in. */
type Draft = CliArgs & { distText: string }

const METHODS: readonly FitMethod[] = ['auto', 'closed-form', 'newton', 'lbfgs', 'gradient']
const DELIMITERS: Record<string, ImportSettings['delimiter']> = {
  ',': ',',
  ';': ';',
  '|': '|',
  '\t': '\t',
  '\\t': '\t',
  tab: '\t',
  comma: ',',
  semicolon: ';',
  pipe: '|',
}

/** Every flag of the fitting command (the regression command has its own: regression-args.ts). */
/** `LO:HI`, either side empty for an open end (`0:`, `:100`); LO <= HI. */
function parseRange(flag: string, text: string): ValueRange {
  const parts = text.split(':')
  if (parts.length !== 2 || (parts[0].trim() === '' && parts[1].trim() === ''))
    throw new UsageError(
      `${flag} needs LO:HI with either end possibly empty, e.g. 0:100 or 0: (got "${text}")`,
    )
  const [lo, hi] = parts.map((p) => (p.trim() === '' ? undefined : numberValue(flag, p)))
  if (lo !== undefined && hi !== undefined && lo > hi)
    throw new UsageError(`${flag} LO:HI needs LO <= HI (got "${text}")`)
  return { ...(lo === undefined ? {} : { min: lo }), ...(hi === undefined ? {} : { max: hi }) }
}

const FLAGS: FlagTable<Draft> = {
  column: valueFlag((a, v) => (a.column = v)),
  dist: valueFlag((a, v) => (a.distText = v)),
  method: valueFlag((a, v) => {
    const found = METHODS.find((x) => x === v)
    if (!found) throw new UsageError(`unknown method "${v}" (use ${METHODS.join(', ')})`)
    a.method = found
  }),
  fix: valueFlag((a, v, flag) => {
    for (const pair of v.split(',')) {
      const eq = pair.indexOf('=')
      if (eq <= 0) throw new UsageError(`${flag} needs name=value pairs (got "${pair}")`)
      a.fixed[pair.slice(0, eq).trim()] = numberValue(flag, pair.slice(eq + 1))
    }
  }),
  trials: valueFlag((a, v, flag) => (a.trials = wholeNumber(flag, v, 1))),
  threshold: valueFlag((a, v, flag) => (a.threshold = numberValue(flag, v))),
  'learning-rate': valueFlag((a, v, flag) => (a.options.learningRate = numberValue(flag, v))),
  'max-iterations': valueFlag((a, v, flag) => (a.options.maxIterations = wholeNumber(flag, v, 1))),
  tolerance: valueFlag((a, v, flag) => (a.options.tolerance = numberValue(flag, v))),
  patience: valueFlag((a, v, flag) => (a.options.patience = wholeNumber(flag, v, 0))),
  'validation-fraction': valueFlag((a, v, flag) => (a.options.validationFraction = numberValue(flag, v))),
  seed: valueFlag((a, v, flag) => (a.options.seed = wholeNumber(flag, v, 0))),
  bootstrap: valueFlag((a, v, flag) => (a.bootstrap = wholeNumber(flag, v, 0))),
  'bootstrap-ci': valueFlag((a, v, flag) => {
    const b = wholeNumber(flag, v, 10)
    if (b > MAX_BOOTSTRAP_CI)
      throw new UsageError(`${flag} takes at most ${MAX_BOOTSTRAP_CI} replicates (got ${b})`)
    a.bootstrapCi = b
  }),
  'bootstrap-method': valueFlag((a, v, flag) => {
    if (v !== 'nonparametric' && v !== 'parametric')
      throw new UsageError(`${flag} must be nonparametric or parametric (got "${v}")`)
    a.bootstrapMethod = v
  }),
  delimiter: valueFlag((a, v, flag) => {
    const found = DELIMITERS[v]
    if (!found) throw new UsageError(`${flag} must be one of , ; | tab (got "${v}")`)
    a.settings.delimiter = found
  }),
  decimal: valueFlag((a, v, flag) => {
    if (v !== 'point' && v !== 'comma') throw new UsageError(`${flag} must be point or comma (got "${v}")`)
    a.settings.decimal = v
  }),
  sheet: valueFlag((a, v) => (a.settings.sheet = v)),
  // The row number the spreadsheet shows (1-based); 0 reads the sheet as having no header.
  'header-row': valueFlag((a, v, flag) => (a.settings.headerRow = wholeNumber(flag, v, 0))),
  weights: valueFlag((a, v) => (a.weights = v)),
  range: valueFlag((a, v, flag) => (a.range = parseRange(flag, v))),
  json: switchFlag((a) => (a.json = true)),
  help: switchFlag((a) => (a.help = true), 'h'),
  version: switchFlag((a) => (a.version = true), 'v'),
}

/** Parses argv (without node and the script) into CliArgs; throws UsageError with a one-line reason. */
export function parseCliArgs(argv: string[]): CliArgs {
  const draft: Draft = {
    file: '',
    column: '',
    dists: [],
    distText: '',
    method: 'auto',
    fixed: {},
    options: {},
    settings: {},
    json: false,
    help: false,
    version: false,
  }
  const { distText, ...args } = applyFlags(argv, FLAGS, draft, (a, value) => {
    if (a.file) throw new UsageError(`unexpected argument "${value}"`)
    a.file = value
  })
  if (args.help || args.version) return args
  if (!args.file) throw new UsageError('no FILE given')
  if (!args.column) throw new UsageError('--column is required')
  if (!distText) throw new UsageError('--dist is required')
  args.dists =
    distText === 'all'
      ? 'all'
      : distText
          .split(',')
          .map((d) => d.trim())
          .filter((d) => d !== '')
  if (args.dists !== 'all' && args.dists.length === 0) throw new UsageError('--dist names no family')
  if (args.bootstrapMethod && args.bootstrapCi === undefined)
    throw new UsageError('--bootstrap-method needs --bootstrap-ci N')
  if (Object.keys(args.fixed).length > 0 && (args.dists === 'all' || args.dists.length > 1)) {
    throw new UsageError('--fix applies to one family: give a single --dist')
  }
  return args
}
