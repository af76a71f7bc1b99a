import type { RegressionRequest, RegressionResult } from '../../src-shared/contract'
import { responseEventText } from '../../src-shared/present/results/response-event'
import { FitError, ImportError, RegressionFitError, RequestError } from '../engine/errors'
import { inCliWords } from '../engine/import/import-actions'
import { importFile } from '../engine/import/import-file'
import { fitRegression } from '../engine/regression/fit-regression'
import { basename, resolve } from 'node:path'
import { UsageError, VERSION } from './cli-args'
import { writeImportNotes } from './cli-output'
import { parseRegressionArgs, REGRESSION_USAGE, type RegressionArgs } from './regression-args'

/** Where the command writes: one JSON document (or a table) to `out`, one line per problem to `err`. */
export interface CommandIo {
  out: (text: string) => void
  err: (text: string) => void
}

const processIo: CommandIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}

/**
 * Runs one regression from argv (without node and script) and returns the exit code: 0 fitted,
 * 1 the fit failed (separation, rank deficiency, no convergence; JSON still printed with --json),
 * 2 usage or file errors (one line on stderr).
 */
export async function runRegressionCommand(argv: string[], io: CommandIo = processIo): Promise<number> {
  let args: RegressionArgs | 'help'
  try {
    args = parseRegressionArgs(argv)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    io.err(`mle-fit: ${e.message}. ${REGRESSION_USAGE}\n`)
    return 2
  }
  if (args === 'help') {
    io.out(`${REGRESSION_USAGE}\n`)
    return 0
  }
  const { file, json, request, settings, report } = args
  if (report) {
    const { checkOutputPaths } = await import('./cli-files')
    try {
      await checkOutputPaths({ report })
    } catch (e) {
      io.err(`mle-fit: ${(e as Error).message}.\n`)
      return 2
    }
  }
  let result: RegressionResult
  try {
    const dataset = await importFile(file, { settings })
    writeImportNotes(dataset.info.warnings, (text) => io.err(`${text}\n`))
    result = await fitRegression(dataset, request)
  } catch (e) {
    if (e instanceof ImportError || e instanceof RequestError) {
      io.err(`mle-fit: ${oneLine(inCliWords(e.message))}\n`)
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
  if (report) {
    try {
      await writeRegressionReport(report, file, result)
    } catch (e) {
      io.err(`mle-fit: ${oneLine((e as Error).message)}\n`)
      return 2
    }
    if (!json) io.out(`Wrote ${report}\n`)
  }
  if (!result.converged) {
    io.err(`mle-fit: ${oneLine(result.message)}\n`)
    return 1
  }
  return 0
}

/** `--report`: the regression's HTML report, written atomically (nothing half-written on failure). */
async function writeRegressionReport(path: string, file: string, result: RegressionResult): Promise<void> {
  const { buildRegressionReport, regressionReportFigures } =
    await import('../../src-shared/present/report/regression-report')
  const { writeFileAtomic } = await import('../core/atomic-write')
  const html = buildRegressionReport({
    fileName: basename(file),
    result,
    charts: regressionReportFigures(result),
    appVersion: VERSION,
    created: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  })
  await writeFileAtomic(resolve(path), new TextEncoder().encode(html))
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
    factors: result?.factors ?? [],
    ...(result?.event ? { event: result.event } : {}),
    termTests: (result?.termTests ?? []).map((t) => ({
      ...t,
      statistic: finite(t.statistic),
      pValue: finite(t.pValue),
    })),
    linear: result?.linear ?? null,
    glm: result?.glm ?? null,
    negbin: result?.negbin
      ? { theta: finite(result.negbin.theta), thetaStandardError: finite(result.negbin.thetaStandardError) }
      : null,
  }
}

/** JSON has no NaN or Infinity: a number that is not finite prints as null. */
function finite(v: number): number | null {
  return Number.isFinite(v) ? v : null
}

/** Table lines after the coefficients: factor references, model tests and drop-one LR tests. */
function testLines(r: RegressionResult): string[] {
  const lines: string[] = []
  if (r.event)
    lines.push(`${responseEventText(r.event)} Choose the 0 level with --reference ${r.event.column}=LEVEL.`)
  for (const f of r.factors ?? [])
    lines.push(`"${f.column}": reference level "${f.reference}" (${f.levels.length} levels)`)
  if (r.linear) {
    const f = r.linear.fTest
    lines.push(
      `adjusted R^2 ${r.linear.adjustedRSquared.toFixed(4)}  F ${fmt(f.statistic)} on ${f.df1} and ${f.df2} df, p ${f.pValue.toExponential(3)}`,
    )
  }
  if (r.glm) {
    const g = r.glm
    lines.push(
      `null deviance ${fmt(g.nullDeviance)} on ${g.dfNull} df, residual deviance ${fmt(r.deviance)} on ${g.dfResidual} df; ` +
        `LR test ${fmt(g.lrTest.statistic)} on ${g.lrTest.df} df, p ${g.lrTest.pValue.toExponential(3)}` +
        (g.devianceGofPValue === null
          ? ''
          : `; deviance goodness of fit p ${g.devianceGofPValue.toExponential(3)}`),
    )
  }
  if (r.negbin) lines.push(`theta ${fmt(r.negbin.theta)}  std. error ${fmt(r.negbin.thetaStandardError)}`)
  for (const t of r.termTests ?? []) {
    lines.push(
      t.containedIn !== null
        ? `drop ${t.term}: not tested (part of ${t.containedIn})`
        : `drop ${t.term}: LR ${fmt(t.statistic)} on ${t.df} df, p ${t.pValue.toExponential(3)}`,
    )
  }
  return lines
}

function table(file: string, r: RegressionResult): string {
  const w = Math.max(16, ...r.coefficients.map((c) => c.name.length + 2))
  const lines = [
    `${file}: ${r.model} regression of "${r.response}" on ${r.predictors.map((p) => `"${p}"`).join(', ')}`,
    `rows ${r.data.rows}, used ${r.data.used}, dropped for missing values ${r.data.missing}`,
    `${'coefficient'.padEnd(w)}${'estimate'.padStart(16)}${'std. error'.padStart(14)}${(r.model === 'linear' ? 't' : 'z').padStart(10)}${'p-value'.padStart(12)}`,
    ...r.coefficients.map(
      (c) =>
        `${c.name.padEnd(w)}${fmt(c.estimate).padStart(16)}${fmt(c.standardError).padStart(14)}` +
        `${c.statistic.toFixed(3).padStart(10)}${c.pValue.toExponential(3).padStart(12)}`,
    ),
    `log-likelihood ${fmt(r.logLikelihood)}  AIC ${fmt(r.aic)}  BIC ${fmt(r.bic)}  deviance ${fmt(r.deviance)}  n ${r.n}`,
  ]
  lines.push(...testLines(r))
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
