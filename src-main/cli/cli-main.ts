import { resolve } from 'node:path'
import type { EngineMessage, EngineRequest, EngineResults, FitResult } from '../../src-shared/contract'
import { createRequestHandler } from '../engine/handle-request'
import { describeDistributions } from '../engine/distributions/registry'

/** `mle-fit FILE --column NAME --dist ID[,ID...]|all [--method M] [--json]`: the engine without a window. */
const USAGE = 'Usage: mle-fit FILE --column NAME --dist ID[,ID...]|all [--method auto|closed-form] [--json]'

interface Args {
  file: string
  column: string
  dists: string[]
  method: 'auto' | 'closed-form'
  json: boolean
}

function parseArgs(argv: string[]): Args {
  let file = ''
  let column = ''
  let dist = ''
  let method: Args['method'] = 'auto'
  let json = false
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const value = () => {
      const v = argv[++i]
      if (v === undefined) fail(`${a} needs a value`)
      return v
    }
    if (a === '--column') column = value()
    else if (a === '--dist') dist = value()
    else if (a === '--method') {
      const m = value()
      if (m !== 'auto' && m !== 'closed-form') fail(`unknown method ${m}`)
      method = m
    } else if (a === '--json') json = true
    else if (a === '--help' || a === '-h') {
      console.log(USAGE)
      process.exit(0)
    } else if (a.startsWith('-')) fail(`unknown option ${a}`)
    else if (!file) file = a
    else fail(`unexpected argument ${a}`)
  }
  if (!file) fail('no FILE given')
  if (!column) fail('--column is required')
  if (!dist) fail('--dist is required')
  const known = describeDistributions().map((d) => d.id)
  const dists = dist === 'all' ? known : dist.split(',')
  for (const d of dists)
    if (!known.includes(d)) fail(`unknown distribution ${d} (known: ${known.join(', ')})`)
  return { file: resolve(file), column, dists, method, json }
}

function fail(problem: string): never {
  console.error(`mle-fit: ${problem}. ${USAGE}`)
  process.exit(2)
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const handle = createRequestHandler()
  let nextId = 1
  const ask = async <K extends keyof EngineResults>(body: Record<string, unknown> & { kind: K }) => {
    let reply: EngineMessage | undefined
    await handle({ ...body, id: nextId++ } as EngineRequest, (m) => {
      if (m.kind !== 'progress') reply = m
    })
    if (reply?.kind === 'result') return reply.value as EngineResults[K]
    throw new Error(reply?.kind === 'error' ? reply.error.message : 'no answer')
  }
  let dataset: EngineResults['import']
  try {
    dataset = await ask({ kind: 'import', path: args.file })
  } catch (e) {
    console.error(`mle-fit: ${(e as Error).message}`)
    process.exit(2)
  }
  const column = dataset.columns.find((c) => c.name === args.column)
  if (!column) fail(`no column "${args.column}" in ${dataset.fileName}`)
  const fits: FitResult[] = []
  const notApplicable: { dist: string; reason: string }[] = []
  for (const dist of args.dists) {
    try {
      fits.push(await ask({ kind: 'fit', request: { column: args.column, dist, method: args.method } }))
    } catch (e) {
      notApplicable.push({ dist, reason: (e as Error).message })
    }
  }
  fits.sort((a, b) => a.aic - b.aic)
  if (args.json) {
    const out = {
      file: args.file,
      column: args.column,
      data: {
        rows: dataset.rows,
        used: column.count,
        missing: column.missing,
        nonNumeric: column.nonNumeric,
      },
      fits: fits.map((f) => ({
        dist: f.dist,
        params: f.params,
        logLikelihood: f.logLikelihood,
        aic: f.aic,
        bic: f.bic,
        method: f.method,
        iterations: f.iterations,
        converged: f.converged,
        seconds: f.seconds,
      })),
      notApplicable,
    }
    console.log(JSON.stringify(out, null, 2))
  } else {
    console.log(
      `${dataset.fileName}, column "${args.column}": n = ${column.count}, missing = ${column.missing}`,
    )
    for (const f of fits) {
      const params = Object.entries(f.params)
        .map(([k, v]) => `${k} = ${v.toPrecision(8)}`)
        .join(', ')
      console.log(
        `${f.dist.padEnd(14)} logLik ${f.logLikelihood.toFixed(4).padStart(14)}  AIC ${f.aic.toFixed(3)}  ${params}`,
      )
    }
    for (const n of notApplicable) console.log(`${n.dist.padEnd(14)} not fitted: ${n.reason}`)
  }
  process.exit(notApplicable.length > 0 ? 1 : 0)
}

void main()
