import { resolve } from 'node:path'
import type { RegressionModel, RegressionRequest, RegressionResult } from '../../src-shared/contract'
import { importFile } from '../engine/import/import-file'
import { fitRegression } from '../engine/regression/fit-regression'
import { FitError, ImportError, RegressionFitError, RequestError } from '../engine/errors'

/** `mle-fit FILE --model ...`: regression from the command line. */
export const REGRESSION_USAGE =
  'Usage: mle-fit FILE --model linear|logistic|poisson --response NAME --predictors A,B[,...] ' +
  '[--no-intercept] [--exposure NAME] [--method newton|gradient] [--sheet NAME] [--json]'

/** Where the command writes: one JSON document (or a table) to `out`, one line per problem to `err`. */
export interface CommandIo {
  out: (text: string) => void
  err: (text: string) => void
}

const processIo: CommandIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}

class UsageError extends Error {}

/**
 * Runs one regression from argv (without node and script) and returns the exit code: 0 fitted,
 * 1 the fit failed (separation, rank deficiency, no convergence; JSON still printed with --json),
 * 2 usage or file errors (one line on stderr).
 */
export async function runRegressionCommand(argv: string[], io: CommandIo = processIo): Promise<number> {
  let args: ReturnType<typeof parseArgs>
  try {
    args = parseArgs(argv)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    if (e.message === 'help') {
      io.out(`${REGRESSION_USAGE}\n`)
      return 0
    }
    io.err(`mle-fit: ${e.message}. ${REGRESSION_USAGE}\n`)
    return 2
  }
  const { file, json, request, sheet } = args
  let result: RegressionResult
  try {
    const dataset = await importFile(file, { settings: sheet === undefined ? {} : { sheet } })
    result = await fitRegression(dataset, request)
  } catch (e) {
    if (e instanceof ImportError || e instanceof RequestError) {
      io.err(`mle-fit: ${oneLine(e.message)}\n`)
      return 2
    }
    if (e instanceof FitError) {
      if (json) {
        const data = e instanceof RegressionFitError ? e.data : null
        io.out(`${JSON.stringify(jsonDocument(file, request, data, null), null, 2)}\n`)
      }
      io.err(`mle-fit: ${oneLine(e.message)}\n`)
      return 1
    }
    throw e
  }
  if (json) io.out(`${JSON.stringify(jsonDocument(file, request, result.data, result), null, 2)}\n`)
  else io.out(table(file, result))
  if (!result.converged) {
    io.err(`mle-fit: ${oneLine(result.message)}\n`)
    return 1
  }
  return 0
}

function parseArgs(argv: string[]): {
  file: string
  json: boolean
  request: RegressionRequest
  sheet?: string
} {
  let file = ''
  let model: RegressionModel | '' = ''
  let response = ''
  let predictors: string[] | null = null
  let intercept = true
  let exposure: string | null = null
  let method: 'newton' | 'gradient' = 'newton'
  let json = false
  let sheet: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const value = () => {
      const v = argv[++i]
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`)
      return v
    }
    if (a === '--model') {
      const m = value()
      if (m !== 'linear' && m !== 'logistic' && m !== 'poisson') {
        throw new UsageError(`unknown model "${m}" (use linear, logistic or poisson)`)
      }
      model = m
    } else if (a === '--response') response = value()
    else if (a === '--predictors') {
      predictors = value()
        .split(',')
        .map((s) => s.trim())
      if (predictors.some((s) => s === '')) throw new UsageError('--predictors has an empty name')
    } else if (a === '--no-intercept') intercept = false
    else if (a === '--exposure') exposure = value()
    else if (a === '--method') {
      const m = value()
      if (m !== 'newton' && m !== 'gradient')
        throw new UsageError(`unknown method "${m}" (use newton or gradient)`)
      method = m
    } else if (a === '--sheet') sheet = value()
    else if (a === '--json') json = true
    else if (a === '--help' || a === '-h') throw new UsageError('help')
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`)
    else if (!file) file = a
    else throw new UsageError(`unexpected argument ${a}`)
  }
  if (!file) throw new UsageError('no FILE given')
  if (!model) throw new UsageError('--model is required')
  if (!response) throw new UsageError('--response is required')
  if (!predictors) throw new UsageError('--predictors is required')
  if (exposure !== null && model !== 'poisson')
    throw new UsageError('--exposure only applies to --model poisson')
  return {
    file: resolve(file),
    json,
    request: { model, response, predictors, intercept, exposure, method },
    sheet,
  }
}

/** The stable JSON of the issue; NaN (no estimate) prints as null. */
function jsonDocument(
  file: string,
  request: RegressionRequest,
  data: RegressionResult['data'] | null,
  result: RegressionResult | null,
) {
  const byName = (pick: (c: RegressionResult['coefficients'][number]) => number) =>
    result ? Object.fromEntries(result.coefficients.map((c) => [c.name, pick(c)])) : null
  return {
    file,
    model: request.model,
    response: request.response,
    predictors: request.predictors,
    data: data ?? null,
    coefficients: byName((c) => c.estimate),
    standardErrors: byName((c) => c.standardError),
    logLikelihood: result?.logLikelihood ?? null,
    aic: result?.aic ?? null,
    bic: result?.bic ?? null,
    iterations: result?.iterations ?? null,
    converged: result?.converged ?? false,
  }
}

function table(file: string, r: RegressionResult): string {
  const lines = [
    `${file}: ${r.model} regression of "${r.response}" on ${r.predictors.map((p) => `"${p}"`).join(', ')}`,
    `rows ${r.data.rows}, used ${r.data.used}, dropped for missing values ${r.data.missing}`,
    `${'coefficient'.padEnd(16)}${'estimate'.padStart(16)}${'std. error'.padStart(14)}${(r.model === 'linear' ? 't' : 'z').padStart(10)}${'p-value'.padStart(12)}`,
    ...r.coefficients.map(
      (c) =>
        `${c.name.padEnd(16)}${fmt(c.estimate).padStart(16)}${fmt(c.standardError).padStart(14)}` +
        `${c.statistic.toFixed(3).padStart(10)}${c.pValue.toExponential(3).padStart(12)}`,
    ),
    `log-likelihood ${fmt(r.logLikelihood)}  AIC ${fmt(r.aic)}  BIC ${fmt(r.bic)}  deviance ${fmt(r.deviance)}  n ${r.n}`,
  ]
  if (r.linear) {
    lines.push(
      `sigma (MLE) ${fmt(r.linear.sigmaMle)}  residual standard error ${fmt(r.linear.residualStandardError)}  ` +
        `MSE ${fmt(r.linear.meanSquaredError)}  R^2 ${r.linear.rSquared.toFixed(4)}`,
    )
  }
  if (r.logistic) {
    const c = r.logistic.confusion
    lines.push(
      `cross-entropy ${fmt(r.logistic.crossEntropy)}  accuracy ${r.logistic.accuracy.toFixed(4)}  ` +
        `confusion at 0.5: TP ${c.truePositive} FP ${c.falsePositive} TN ${c.trueNegative} FN ${c.falseNegative}`,
    )
  }
  lines.push(r.message)
  return `${lines.join('\n')}\n`
}

function fmt(v: number): string {
  return Number.isFinite(v) ? v.toPrecision(8) : String(v)
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim()
}
