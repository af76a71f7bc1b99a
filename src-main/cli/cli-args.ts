import { parseArgs } from 'node:util'
import type {
  Censoring,
  ExclusionRule,
  BootstrapMethod,
  FitMethod,
  FitOptions,
  ImportSettings,
  ValueRange,
} from '../../src-shared/contract'
import { DEFAULT_PERCENTILES, MAX_PERCENTILE_ROWS } from '../../src-shared/shapes/percentiles'
import { DEFAULT_MISSING_TOKENS } from '../engine/import/number-parse'
import { CENSORING_FLAGS, censoringFrom, type CensoringFlags } from './censoring-args'
import { MAX_BOOTSTRAP_CI } from '../../src-shared/shapes/bootstrap'
import { version } from '../../package.json'
import { parseCategoryRule, parseRowSpans } from './exclusion-args'

/** The charts `--plot` writes (`--chart`), as the app's chart tabs of the same names draw them. */
export const CLI_CHARTS = [
  'density',
  'cdf',
  'qq',
  'pp',
  'survival',
  'hazard',
  'probability',
  'summary',
] as const
export type CliChart = (typeof CLI_CHARTS)[number]
const X_SCALES = ['auto', 'log', 'linear'] as const

/** `--missing a,b`: the default tokens plus those given (trimmed, as cells are compared), at most 100 in all. */
export function missingTokens(flag: string, text: string): string[] {
  const given = text.split(',').map((t) => t.trim())
  if (given.some((t) => t === '' || t.length > 100))
    throw new UsageError(`${flag} takes tokens of 1 to 100 characters separated by commas (got "${text}")`)
  const tokens = [...new Set([...DEFAULT_MISSING_TOKENS, ...given])]
  if (tokens.length > 100)
    throw new UsageError(`${flag} takes at most ${100 - DEFAULT_MISSING_TOKENS.length} tokens`)
  return tokens
}

/** The command line's usage line (printed with every usage error). */
export const USAGE =
  'Usage: mle-fit FILE --column NAME --dist ID[,ID...]|all [--method auto|closed-form|newton|lbfgs|gradient|mps] ' +
  '[--fix name=value,...] [--trials N] [--threshold U] [--components K|auto] [--learning-rate X] [--max-iterations N] [--tolerance X] [--patience N] ' +
  '[--validation-fraction X] [--seed N] [--bootstrap N] [--bootstrap-ci N] [--bootstrap-method nonparametric|parametric] [--delimiter C] [--decimal point|comma] [--sheet NAME] [--header-row N] [--missing TOKEN,...] ' +
  '[--weights COLUMN] [--range LO:HI] [--exclude-rows 3,7-9] [--exclude COLUMN=VALUE] [--by COLUMN] ' +
  '[--status COLUMN [--event-value V] | --lower COLUMN --upper COLUMN] [--percentiles P,...|default] [--exceed X,...] [--json] ' +
  `[--plot OUT.svg|OUT.png] [--chart ${CLI_CHARTS.join('|')}] [--x-scale auto|log|linear] [--report OUT.html]`

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
  /** Mixture families (normal_mixture): the number of components, or auto; with `--dist all` it opts them in. */
  components?: number | 'auto'
  /** Frequency-weights column: each row's value stands for that many observations. */
  weights?: string
  /** Exclusion rule: fit only values in [LO, HI] (either end may be empty: open). */
  range?: ValueRange
  /** Censored observations: `--status` with `--column`, or `--lower` (the column) with `--upper`. */
  censoring?: Censoring
  /** Exclusion rules by rows and by another column's value, in the order given (after the range). */
  exclude: ExclusionRule[]
  /** By column: fit each of its groups, the pooled data, and test whether the groups differ. */
  by?: string
  options: FitOptions
  bootstrap?: number
  /** Probabilities whose quantiles (with CIs) each fit reports; `--percentiles default` is P1 … P99. */
  percentiles?: number[]
  /** Values whose exceedance probability P(X > x) (with CI) each fit reports. */
  exceed?: number[]
  /** Bootstrap confidence intervals: replicates B (10 to 10,000) and how they are drawn. */
  bootstrapCi?: number
  bootstrapMethod?: BootstrapMethod
  settings: ImportSettings
  /** `--plot`: one chart of the fit written as SVG or PNG (by the file's extension). */
  plot?: string
  /** `--chart`: which chart `--plot` writes (density unless told). */
  chart: CliChart
  /** `--x-scale`: the data axis of the written charts; auto picks log for heavy tails, as the app does. */
  xScale: 'auto' | 'log' | 'linear'
  /** `--report`: the app's self-contained HTML report of the fit(s). */
  report?: string
  json: boolean
  help: boolean
  version: boolean
}

/** CliArgs while parsing: `--dist` as typed, checked once every flag is in. */
type Draft = CliArgs & {
  distText: string
  censoringFlags: CensoringFlags
  chartText?: string
  scaleText?: string
}

const METHODS: readonly FitMethod[] = ['auto', 'closed-form', 'newton', 'lbfgs', 'gradient', 'mps']
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

/** A comma-separated list of numbers, each checked by `check` (which names what is wrong). */
function numberList(flag: string, text: string, check?: (v: number) => string | null): number[] {
  const values = text.split(',').map((part) => numberValue(flag, part))
  if (values.length > MAX_PERCENTILE_ROWS)
    throw new UsageError(`${flag} takes at most ${MAX_PERCENTILE_ROWS} values (got ${values.length})`)
  for (const v of values) {
    const problem = check?.(v)
    if (problem) throw new UsageError(`${flag} ${problem} (got ${v})`)
  }
  return values
}

/** An output file's path, checked for one of the extensions that say what to write. */
export function outputFile(flag: string, path: string, extensions: readonly string[]): string {
  const lower = path.toLowerCase()
  if (!extensions.some((e) => lower.endsWith(e) && lower.length > e.length))
    throw new UsageError(`${flag} writes ${extensions.join(' or ')} files (got "${path}")`)
  return path
}

/** `--chart` and `--x-scale` checked against what they need (`--plot`, `--report`) and what they take. */
function outputChoices(draft: Draft): Pick<CliArgs, 'chart' | 'xScale'> {
  const { chartText, scaleText } = draft
  if (chartText !== undefined && !draft.plot) throw new UsageError('--chart needs --plot FILE')
  if (scaleText !== undefined && !draft.plot && !draft.report)
    throw new UsageError('--x-scale needs --plot FILE or --report FILE')
  const chart = CLI_CHARTS.find((c) => c === (chartText ?? 'density'))
  if (!chart) throw new UsageError(`unknown chart "${chartText}" (use ${CLI_CHARTS.join(', ')})`)
  const xScale = X_SCALES.find((x) => x === (scaleText ?? 'auto'))
  if (!xScale) throw new UsageError(`--x-scale must be auto, log or linear (got "${scaleText}")`)
  if ((draft.plot || draft.report) && draft.by !== undefined)
    throw new UsageError('--plot and --report draw one fit per family: drop --by')
  if (draft.plot && draft.report && draft.plot === draft.report)
    throw new UsageError('--plot and --report name the same file')
  return { chart, xScale }
}

/**
 * The import settings' flags, shared by fitting and regression (`--model`): what the import's notes point
 * to (`IMPORT_ACTIONS`).
 */
export const IMPORT_FLAGS: FlagTable<{ settings: ImportSettings }> = {
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
  // Added to the default missing tokens (NA, N/A, -, ...), as the import's notes suggest for stray cells.
  missing: valueFlag((a, v, flag) => (a.settings.missingTokens = missingTokens(flag, v))),
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
  components: valueFlag((a, v, flag) => (a.components = v === 'auto' ? 'auto' : wholeNumber(flag, v, 1))),
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
  ...IMPORT_FLAGS,
  weights: valueFlag((a, v) => (a.weights = v)),
  range: valueFlag((a, v, flag) => (a.range = parseRange(flag, v))),
  ...CENSORING_FLAGS,
  'exclude-rows': valueFlag((a, v, flag) => a.exclude.push(parseRowSpans(flag, v))),
  exclude: valueFlag((a, v, flag) => a.exclude.push(parseCategoryRule(flag, v))),
  by: valueFlag((a, v) => (a.by = v)),
  percentiles: valueFlag((a, v, flag) => {
    a.percentiles =
      v === 'default'
        ? [...DEFAULT_PERCENTILES]
        : numberList(flag, v, (p) =>
            p > 0 && p < 1 ? null : 'needs probabilities between 0 and 1, e.g. 0.5,0.99',
          )
  }),
  exceed: valueFlag((a, v, flag) => (a.exceed = numberList(flag, v))),
  plot: valueFlag((a, v, flag) => (a.plot = outputFile(flag, v, ['.svg', '.png']))),
  chart: valueFlag((a, v) => (a.chartText = v)),
  'x-scale': valueFlag((a, v) => (a.scaleText = v)),
  report: valueFlag((a, v, flag) => (a.report = outputFile(flag, v, ['.html', '.htm']))),
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
    censoringFlags: {},
    method: 'auto',
    fixed: {},
    exclude: [],
    options: {},
    settings: {},
    chart: 'density',
    xScale: 'auto',
    json: false,
    help: false,
    version: false,
  }
  const parsed = applyFlags(argv, FLAGS, draft, (a, value) => {
    if (a.file) throw new UsageError(`unexpected argument "${value}"`)
    a.file = value
  })
  const { distText, censoringFlags, chartText: _c, scaleText: _s, ...args } = parsed
  if (args.help || args.version) return args
  if (!args.file) throw new UsageError('no FILE given')
  Object.assign(args, censoringFrom(censoringFlags, args.column))
  if (args.censoring && args.by !== undefined)
    throw new UsageError('--by does not take censored data yet: drop --status/--lower/--upper or --by')
  if (!args.column) throw new UsageError('--column is required')
  Object.assign(args, outputChoices(parsed))
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
