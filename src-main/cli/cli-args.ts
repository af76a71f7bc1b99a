import type { FitMethod, FitOptions, ImportSettings, ValueRange } from '../../src-shared/contract'

/** The command line's usage line (printed with every usage error). */
export const USAGE =
  'Usage: mle-fit FILE --column NAME --dist ID[,ID...]|all [--method auto|closed-form|newton|lbfgs|gradient] ' +
  '[--fix name=value,...] [--trials N] [--learning-rate X] [--max-iterations N] [--tolerance X] [--patience N] ' +
  '[--validation-fraction X] [--seed N] [--bootstrap N] [--delimiter C] [--decimal point|comma] [--sheet NAME] [--header-row N] [--weights COLUMN] [--range LO:HI] [--json]'

/** A usage error: exit code 2 with one line on stderr. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** Parsed command line. */
export interface CliArgs {
  file: string
  column: string
  /** Family ids, or 'all'. */
  dists: string[] | 'all'
  method: FitMethod
  fixed: Record<string, number>
  trials?: number
  options: FitOptions
  bootstrap?: number
  settings: ImportSettings
  /** Frequency-weights column: each row's value stands for that many observations. */
  weights?: string
  /** Exclusion rule: fit only values in [LO, HI] (either end may be empty: open). */
  range?: ValueRange
  json: boolean
  help: boolean
}

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

function number(flag: string, text: string): number {
  const v = Number(text)
  if (text.trim() === '' || !Number.isFinite(v))
    throw new UsageError(`${flag} needs a number (got "${text}")`)
  return v
}

function wholeNumber(flag: string, text: string, min: number): number {
  const v = number(flag, text)
  if (!Number.isInteger(v) || v < min)
    throw new UsageError(`${flag} needs a whole number >= ${min} (got "${text}")`)
  return v
}

/** `LO:HI`, either side empty for an open end (`0:`, `:100`); LO <= HI. */
function parseRange(text: string): ValueRange {
  const parts = text.split(':')
  if (parts.length !== 2 || (parts[0].trim() === '' && parts[1].trim() === ''))
    throw new UsageError(
      `--range needs LO:HI with either end possibly empty, e.g. 0:100 or 0: (got "${text}")`,
    )
  const [lo, hi] = parts.map((p) => (p.trim() === '' ? undefined : number('--range', p)))
  if (lo !== undefined && hi !== undefined && lo > hi)
    throw new UsageError(`--range LO:HI needs LO <= HI (got "${text}")`)
  return { ...(lo === undefined ? {} : { min: lo }), ...(hi === undefined ? {} : { max: hi }) }
}

/** Parses argv (without node and the script) into CliArgs; throws UsageError with a one-line reason. */
export function parseCliArgs(argv: string[]): CliArgs {
  const args: CliArgs = {
    file: '',
    column: '',
    dists: [],
    method: 'auto',
    fixed: {},
    options: {},
    settings: {},
    json: false,
    help: false,
  }
  let dist = ''
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    const value = () => {
      const v = argv[++i]
      if (v === undefined) throw new UsageError(`${flag} needs a value`)
      return v
    }
    switch (flag) {
      case '--column':
        args.column = value()
        break
      case '--dist':
        dist = value()
        break
      case '--method': {
        const m = value()
        const found = METHODS.find((x) => x === m)
        if (!found) throw new UsageError(`unknown method "${m}" (use ${METHODS.join(', ')})`)
        args.method = found
        break
      }
      case '--fix':
        for (const pair of value().split(',')) {
          const eq = pair.indexOf('=')
          if (eq <= 0) throw new UsageError(`--fix needs name=value pairs (got "${pair}")`)
          args.fixed[pair.slice(0, eq).trim()] = number('--fix', pair.slice(eq + 1))
        }
        break
      case '--trials':
        args.trials = wholeNumber(flag, value(), 1)
        break
      case '--learning-rate':
        args.options.learningRate = number(flag, value())
        break
      case '--max-iterations':
        args.options.maxIterations = wholeNumber(flag, value(), 1)
        break
      case '--tolerance':
        args.options.tolerance = number(flag, value())
        break
      case '--patience':
        args.options.patience = wholeNumber(flag, value(), 0)
        break
      case '--validation-fraction':
        args.options.validationFraction = number(flag, value())
        break
      case '--seed':
        args.options.seed = wholeNumber(flag, value(), 0)
        break
      case '--bootstrap':
        args.bootstrap = wholeNumber(flag, value(), 0)
        break
      case '--delimiter': {
        const d = value()
        const found = DELIMITERS[d]
        if (!found) throw new UsageError(`--delimiter must be one of , ; | tab (got "${d}")`)
        args.settings.delimiter = found
        break
      }
      case '--decimal': {
        const d = value()
        if (d !== 'point' && d !== 'comma')
          throw new UsageError(`--decimal must be point or comma (got "${d}")`)
        args.settings.decimal = d
        break
      }
      case '--sheet':
        args.settings.sheet = value()
        break
      case '--header-row':
        // The row number the spreadsheet shows (1-based); 0 reads the sheet as having no header.
        args.settings.headerRow = wholeNumber(flag, value(), 0)
        break
      case '--weights':
        args.weights = value()
        break
      case '--range':
        args.range = parseRange(value())
        break
      case '--json':
        args.json = true
        break
      case '--help':
      case '-h':
        args.help = true
        break
      default:
        if (flag.startsWith('-')) throw new UsageError(`unknown option ${flag}`)
        if (args.file) throw new UsageError(`unexpected argument "${flag}"`)
        args.file = flag
    }
  }
  if (args.help) return args
  if (!args.file) throw new UsageError('no FILE given')
  if (!args.column) throw new UsageError('--column is required')
  if (!dist) throw new UsageError('--dist is required')
  args.dists =
    dist === 'all'
      ? 'all'
      : dist
          .split(',')
          .map((d) => d.trim())
          .filter((d) => d !== '')
  if (args.dists !== 'all' && args.dists.length === 0) throw new UsageError('--dist names no family')
  if (Object.keys(args.fixed).length > 0 && (args.dists === 'all' || args.dists.length > 1)) {
    throw new UsageError('--fix applies to one family: give a single --dist')
  }
  return args
}
