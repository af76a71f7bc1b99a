import { resolve } from 'node:path'
import type { ImportSettings, RegressionModel, RegressionRequest } from '../../src-shared/contract'
import {
  applyFlags,
  IMPORT_FLAGS,
  outputFile,
  switchFlag,
  UsageError,
  valueFlag,
  type FlagTable,
} from './cli-args'

/** `mle-fit FILE --model ...`: regression from the command line. */
export const REGRESSION_USAGE =
  'Usage: mle-fit FILE --model linear|logistic|poisson|negbin --response NAME --predictors A,B[,A:B,...] ' +
  '[--reference COLUMN=LEVEL,...] [--no-intercept] [--exposure NAME] [--method newton|gradient] [--delimiter C] [--decimal point|comma] [--sheet NAME] [--header-row N] [--missing TOKEN,...] [--json] [--report OUT.html]'

/** Parsed regression command line. */
export interface RegressionArgs {
  /** Absolute path of FILE. */
  file: string
  json: boolean
  request: RegressionRequest
  /** The import settings given (`--delimiter`, `--decimal`, `--sheet`, `--header-row`, `--missing`). */
  settings: ImportSettings
  /** `--report`: the self-contained HTML report of the regression. */
  report?: string
}

/** RegressionArgs while parsing: the model and predictors may still be missing. */
interface Draft {
  file: string
  json: boolean
  help: boolean
  model: RegressionModel | ''
  response: string
  predictors: string[] | null
  intercept: boolean
  exposure: string | null
  method: 'newton' | 'gradient'
  reference: Record<string, string> | null
  settings: ImportSettings
  report?: string
}

const FLAGS: FlagTable<Draft> = {
  model: valueFlag((a, m) => {
    if (m !== 'linear' && m !== 'logistic' && m !== 'poisson' && m !== 'negbin') {
      throw new UsageError(`unknown model "${m}" (use linear, logistic, poisson or negbin)`)
    }
    a.model = m
  }),
  response: valueFlag((a, v) => (a.response = v)),
  predictors: valueFlag((a, v, flag) => {
    a.predictors = v.split(',').map((s) => s.trim())
    if (a.predictors.some((s) => s === '')) throw new UsageError(`${flag} has an empty name`)
  }),
  reference: valueFlag((a, v, flag) => (a.reference = parseReference(v, flag))),
  'no-intercept': switchFlag((a) => (a.intercept = false)),
  exposure: valueFlag((a, v) => (a.exposure = v)),
  method: valueFlag((a, m) => {
    if (m !== 'newton' && m !== 'gradient')
      throw new UsageError(`unknown method "${m}" (use newton or gradient)`)
    a.method = m
  }),
  ...IMPORT_FLAGS,
  report: valueFlag((a, v, flag) => (a.report = outputFile(flag, v, ['.html', '.htm']))),
  json: switchFlag((a) => (a.json = true)),
  help: switchFlag((a) => (a.help = true), 'h'),
}

/**
 * Parses the regression command's argv (without node and script): 'help' for --help, else the request;
 * throws UsageError with a one-line reason.
 */
export function parseRegressionArgs(argv: string[]): RegressionArgs | 'help' {
  const draft: Draft = {
    file: '',
    json: false,
    help: false,
    model: '',
    response: '',
    predictors: null,
    intercept: true,
    exposure: null,
    method: 'newton',
    reference: null,
    settings: {},
  }
  const a = applyFlags(argv, FLAGS, draft, (d, value) => {
    if (d.file) throw new UsageError(`unexpected argument ${value}`)
    d.file = value
  })
  const { model, response, predictors, intercept, exposure, method, reference } = a
  if (a.help) return 'help'
  if (!a.file) throw new UsageError('no FILE given')
  if (!model) throw new UsageError('--model is required')
  if (!response) throw new UsageError('--response is required')
  if (!predictors) throw new UsageError('--predictors is required')
  if (exposure !== null && model !== 'poisson')
    throw new UsageError('--exposure only applies to --model poisson')
  return {
    file: resolve(a.file),
    json: a.json,
    request: {
      model,
      response,
      predictors,
      intercept,
      exposure,
      method,
      ...(reference ? { reference } : {}),
    },
    settings: a.settings,
    ...(a.report ? { report: a.report } : {}),
  }
}

/** `site=B,dose=low`: the reference level per text predictor (a level is everything after the first `=`). */
function parseReference(value: string, flag: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pair of value.split(',')) {
    const at = pair.indexOf('=')
    const column = pair.slice(0, at).trim()
    if (at < 0 || column === '' || pair.slice(at + 1).trim() === '') {
      throw new UsageError(`${flag} takes COLUMN=LEVEL pairs separated by commas, not "${pair}"`)
    }
    if (column in out) throw new UsageError(`${flag} names "${column}" twice`)
    out[column] = pair.slice(at + 1).trim()
  }
  return out
}
