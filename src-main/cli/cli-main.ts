import { basename, resolve } from 'node:path'
import type {
  EngineMessage,
  EngineRequestBody,
  EngineResults,
  FitResult,
  PercentilesRequest,
  PercentileTable,
} from '../../src-shared/contract'
import { chartRequest, percentilesRequest } from '../../src-shared/fit-requests'
import { parseCliArgs, USAGE, UsageError, VERSION, type CliArgs } from './cli-args'
import { withBootstrapIntervals } from './cli-bootstrap'
import { cliFitAllRequest, cliFitRequest } from './cli-requests'
import { cliDocument, cliTable, writeImportNotes } from './cli-output'
import { REGRESSION_USAGE } from './regression-args'
import { inCliWords } from '../engine/import/import-actions'
import { notNumericMessage } from '../engine/import/import-messages'

/** Where the CLI writes; injected so tests can run it in-process. */
export interface CliIo {
  out(text: string): void
  err(text: string): void
  /**
   * A progress line for long work (profile intervals of a percentile table), replacing the last one; null
   * clears it. Given only when stderr is a terminal (`entry.ts`): scripts and --json readers see nothing.
   */
  progress?(text: string | null): void
}

/** What fitting asks the in-process engine (an EngineReplyError when a request fails). */
interface FitAsk {
  (body: { kind: 'distributions' }): Promise<EngineResults['distributions']>
  (body: EngineRequestBody & { kind: 'fit' }): Promise<EngineResults['fit']>
  (body: EngineRequestBody & { kind: 'fit-all' }): Promise<EngineResults['fit-all']>
}

/** An engine error as it came back: its class name and message. */
class EngineReplyError extends Error {
  constructor(
    readonly engineName: string,
    message: string,
  ) {
    super(message)
  }
}

/**
 * With `--percentiles`/`--exceed`: each fit's percentile table (the engine's `percentiles` request). Its
 * profile intervals can take many seconds on large data: `progress` hears "gamma (2 of 3): Profile
 * intervals of percentiles: 4 of 7", and a null when the tables are done.
 */
async function percentileTables(
  fits: FitResult[],
  args: CliArgs,
  ask: (request: PercentilesRequest, onProgress: (message: string) => void) => Promise<PercentileTable>,
  progress?: (text: string | null) => void,
): Promise<Map<FitResult, PercentileTable>> {
  const tables = new Map<FitResult, PercentileTable>()
  if (!args.percentiles && !args.exceed) return tables
  try {
    for (const [i, fit] of fits.entries()) {
      const which = fits.length > 1 ? `${fit.dist} (${i + 1} of ${fits.length})` : fit.dist
      const request = percentilesRequest(fit, args.percentiles ?? [], args.exceed ?? [])
      tables.set(fit, await ask(request, (message) => progress?.(`mle-fit: ${which}: ${message}`)))
    }
  } finally {
    progress?.(null)
  }
  return tables
}

/** The fits of the run, the families not fitted (with the reason) and how many failed. */
interface Fitted {
  fits: FitResult[]
  notApplicable: { dist: string; reason: string }[]
  failures: number
}

/** Fits `--dist` (each family, or fit-all); a UsageError for an unknown family, engine errors thrown. */
async function fitFamilies(args: CliArgs, ask: FitAsk): Promise<Fitted> {
  const fits: FitResult[] = []
  const notApplicable: { dist: string; reason: string }[] = []
  let failures = 0
  if (args.dists === 'all') {
    // --components opts the mixture families into fit-all (they are left out otherwise).
    const include =
      args.components === undefined
        ? undefined
        : (await ask({ kind: 'distributions' })).filter((d) => d.components).map((d) => d.id)
    const all = await ask({ kind: 'fit-all', request: cliFitAllRequest(args, include) })
    return { fits: all.fits, notApplicable: all.notApplicable, failures: all.failed?.length ?? 0 }
  }
  const known = (await ask({ kind: 'distributions' })).map((d) => d.id)
  const unknown = args.dists.filter((d) => !known.includes(d))
  if (unknown.length > 0)
    throw new UsageError(`unknown distribution ${unknown.join(', ')} (known: ${known.join(', ')})`)
  for (const dist of args.dists) {
    try {
      fits.push(await ask({ kind: 'fit', request: cliFitRequest(args, dist) }))
    } catch (e) {
      if (!(e instanceof EngineReplyError && e.engineName === 'FitError')) throw e
      notApplicable.push({ dist, reason: e.message })
      failures++
    }
  }
  return { fits, notApplicable, failures }
}

/**
 * The engine in this process (createRequestHandler, loaded only for real work, so --help and --version answer
 * at once), asked one request at a time; progress messages go to `onProgress`. Its imports skip the first
 * column's summary, which only the app shows (`--plot` asks for the fitted column's summary itself).
 */
async function inProcessEngine() {
  const { createRequestHandler } = await import('../engine/handle-request')
  const handle = createRequestHandler({ firstSummary: false })
  let nextId = 1
  return async <K extends keyof EngineResults>(
    body: EngineRequestBody & { kind: K },
    onProgress?: (message: string) => void,
  ): Promise<EngineResults[K]> => {
    let reply: EngineMessage | undefined
    await handle({ ...body, id: nextId++ }, (m) => {
      if (m.kind === 'progress') onProgress?.(m.progress.message)
      else reply = m
    })
    if (reply?.kind === 'result') return reply.value as EngineResults[K]
    if (reply?.kind === 'error') throw new EngineReplyError(reply.error.name, reply.error.message)
    throw new EngineReplyError('Error', 'the engine gave no answer')
  }
}

type Ask = Awaited<ReturnType<typeof inProcessEngine>>

/**
 * The arguments, or the exit code when the run ends here: usage errors (2), --version, --help, and output
 * paths that cannot be written (checked before any fitting so a long run never ends in a write error).
 */
async function argsOrExit(argv: string[], io: CliIo): Promise<CliArgs | number> {
  let args: CliArgs
  try {
    args = parseCliArgs(argv)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    io.err(`mle-fit: ${e.message}. ${USAGE}`)
    return 2
  }
  if (args.version) {
    io.out(VERSION)
    return 0
  }
  if (args.help) {
    io.out(`${USAGE}\n${REGRESSION_USAGE}\n       mle-fit --version`)
    return 0
  }
  if (args.plot || args.report) {
    const { checkOutputPaths } = await import('./cli-files')
    try {
      await checkOutputPaths(args)
    } catch (e) {
      io.err(`mle-fit: ${(e as Error).message}.`)
      return 2
    }
  }
  return args
}

/**
 * The imported file when `--column` names a numeric column of it; else the message on stderr and null. What
 * the import noticed (ragged rows, stray cells excluded, a column read as text and why) goes to stderr first.
 */
async function importedColumn(
  file: string,
  args: CliArgs,
  ask: Ask,
  io: CliIo,
): Promise<EngineResults['import'] | null> {
  let dataset: EngineResults['import']
  try {
    dataset = await ask({ kind: 'import', path: file, settings: args.settings })
  } catch (e) {
    io.err(`mle-fit: ${inCliWords((e as Error).message)}`)
    return null
  }
  writeImportNotes(dataset.warnings, io.err)
  const column = dataset.columns.find((c) => c.name === args.column)
  if (!column) {
    const names = dataset.columns.map((c) => c.name).join(', ')
    io.err(`mle-fit: no column "${args.column}" in ${dataset.fileName} (columns: ${names}).`)
    return null
  }
  if (!column.numeric) {
    io.err(`mle-fit: ${notNumericMessage(column)}`)
    return null
  }
  return dataset
}

/** `--plot`/`--report`: writes the files and returns what was written (errors thrown, nothing half-said). */
async function writeFiles(
  args: CliArgs,
  file: string,
  dataset: EngineResults['import'],
  result: {
    fits: FitResult[]
    notApplicable: Fitted['notApplicable']
    tables: Map<FitResult, PercentileTable>
  },
  ask: Ask,
): Promise<string[]> {
  const { writeCliFiles } = await import('./cli-files')
  return writeCliFiles(args, {
    file,
    dataset,
    fits: result.fits,
    notApplicable: result.notApplicable,
    percentiles: result.tables,
    ask: {
      summary: (name) => ask({ kind: 'summary', request: { column: name } }),
      diagnostics: (fit) => ask({ kind: 'diagnostics', request: chartRequest(fit) }),
      logBins: (fit) =>
        ask({ kind: 'histogram', request: { ...chartRequest(fit), bins: 'fd', spacing: 'log' } }),
      distributions: () => ask({ kind: 'distributions' }),
    },
  })
}

/**
 * `mle-fit`: the same engine as the app (createRequestHandler), without a window. Returns the exit code:
 * 0 every requested fit (with `all`: every applicable family) reached a confirmed maximum, 1 some could
 * not be fitted or did not converge (the JSON is still printed), 2 usage or file errors (one line on
 * stderr).
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  // `--model` selects regression (issue 6's contract); its command writes whole lines itself.
  if (argv.some((a) => a === '--model' || a.startsWith('--model='))) {
    const { runRegressionCommand } = await import('./regression-command')
    const trim = (write: (text: string) => void) => (text: string) => write(text.replace(/\n$/, ''))
    return runRegressionCommand(argv, { out: trim(io.out), err: trim(io.err) })
  }
  const args = await argsOrExit(argv, io)
  if (typeof args === 'number') return args
  const ask = await inProcessEngine()
  const file = resolve(args.file)
  const dataset = await importedColumn(file, args, ask, io)
  if (!dataset) return 2
  if (args.by !== undefined) {
    const { runGroupFits } = await import('./cli-groups')
    return runGroupFits(args, file, dataset, ask, io)
  }
  let fitted: Fitted
  try {
    fitted = await fitFamilies(args, ask)
  } catch (e) {
    io.err(`mle-fit: ${(e as Error).message}${e instanceof UsageError ? `. ${USAGE}` : ''}`)
    return 2
  }
  const boot = await withBootstrapIntervals(fitted.fits, args, ask)
  const notApplicable = [...fitted.notApplicable, ...boot.failed]
  const failures = fitted.failures + boot.failed.length
  let tables: Map<FitResult, PercentileTable>
  try {
    const askTable = (request: PercentilesRequest, onProgress: (message: string) => void) =>
      ask({ kind: 'percentiles', request }, onProgress)
    tables = await percentileTables(boot.fits, args, askTable, io.progress?.bind(io))
  } catch (e) {
    io.err(`mle-fit: ${(e as Error).message}`)
    return 2
  }
  const doc = cliDocument(file, args.column, dataset, boot.fits, notApplicable, tables)
  io.out(args.json ? JSON.stringify(doc, null, 2) : cliTable(doc, basename(file)))
  if (args.plot || args.report) {
    try {
      const written = await writeFiles(args, file, dataset, { fits: boot.fits, notApplicable, tables }, ask)
      // With --json stdout is the document alone; the table run says where the files went.
      if (!args.json) io.out(written.map((w) => `Wrote ${w}`).join('\n'))
    } catch (e) {
      io.err(`mle-fit: ${(e as Error).message.replace(/\.$/, '')}.`)
      return 2
    }
  }
  // A fit that is not at a confirmed maximum is not a result to rely on: it fails the run like a missing one.
  return failures > 0 || fitted.fits.some((f) => !f.converged) ? 1 : 0
}
