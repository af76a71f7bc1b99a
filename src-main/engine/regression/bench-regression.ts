/**
 * Issue 7, workload W5: linear and logistic regression on 1,000,000 rows x 10 predictors, against one pass
 * over the same row-major design matrix (the memory-bound floor: summing its 11,000,000 doubles). Runs are
 * interleaved (floor, then each workload, repeated) so a busy machine slows all alike; prints median
 * seconds and the median of the per-run ratios. Run:
 * `npx tsx src-main/engine/regression/bench-regression.ts [rows] [runs]`.
 */
import { buildDesign } from './design'
import { fitDesign, fitRegression } from './fit-regression'
import { crossLoops, glmLoops } from './fused-kernels'
import { inMemoryDataset } from './in-memory-dataset'

const rows = Number(process.argv[2] ?? 1_000_000)
const runs = Number(process.argv[3] ?? 7)
const predictors = 10

let seed = 12345
const rand = () => {
  seed = (Math.imul(1664525, seed) + 1013904223) >>> 0
  return seed / 4294967296
}
const cols: Record<string, Float64Array> = {}
const names = Array.from({ length: predictors }, (_, j) => `x${j + 1}`)
for (const name of names) cols[name] = new Float64Array(rows)
cols.y = new Float64Array(rows)
cols.b = new Float64Array(rows)
for (let i = 0; i < rows; i++) {
  let eta = 0.2
  for (let j = 0; j < predictors; j++) {
    const v = rand() * 2 - 1 + j
    cols[names[j]][i] = v
    eta += (j % 2 === 0 ? 0.3 : -0.2) * (v - j)
  }
  cols.y[i] = eta + (rand() - 0.5)
  cols.b[i] = rand() < 1 / (1 + Math.exp(-eta)) ? 1 : 0
}
const dataset = inMemoryDataset(cols)
const linear = { model: 'linear' as const, response: 'y', predictors: names }
const logistic = { model: 'logistic' as const, response: 'b', predictors: names }
const linearDesign = buildDesign(dataset, linear)
const logisticDesign = buildDesign(dataset, logistic)
const p = linearDesign.p

let sink = 0
const workloads: { name: string; run: () => Promise<unknown> | unknown }[] = [
  {
    name: 'floor: one pass over X',
    run: () => {
      const x = linearDesign.x
      let s = 0
      for (let i = 0; i < x.length; i++) s += x[i]
      sink += s
    },
  },
  { name: 'build design (columns -> X)', run: () => buildDesign(dataset, linear) },
  { name: 'linear: fit on built design', run: () => fitDesign(linearDesign, linear) },
  { name: 'linear: fitRegression end to end', run: () => fitRegression(dataset, linear) },
  { name: 'logistic: fit on built design', run: () => fitDesign(logisticDesign, logistic) },
  { name: 'logistic: fitRegression end to end', run: () => fitRegression(dataset, logistic) },
  {
    name: "reference loops: X'X one pass",
    run: () =>
      crossLoops(linearDesign.x, linearDesign.y, rows, p, new Float64Array(p * p), new Float64Array(p)),
  },
  {
    name: 'reference loops: one IRLS pass',
    run: () =>
      glmLoops(
        'logistic',
        logisticDesign.x,
        logisticDesign.y,
        null,
        rows,
        p,
        new Float64Array(p),
        new Float64Array(p),
        new Float64Array(p * p),
      ),
  },
]

async function main(): Promise<void> {
  const times = workloads.map(() => [] as number[])
  for (let r = -1; r < runs; r++) {
    for (let w = 0; w < workloads.length; w++) {
      const start = performance.now()
      await workloads[w].run()
      if (r >= 0) times[w].push((performance.now() - start) / 1000)
    }
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]
  const fit = await fitDesign(logisticDesign, logistic)
  console.log(
    `W5: ${rows} rows x ${predictors} predictors (+ intercept), ${runs} interleaved runs after a warm-up, ` +
      `Node ${process.version}; logistic: ${fit.iterations} full-data Newton iterations`,
  )
  console.log(
    `${'workload'.padEnd(38)} ${'median s'.padStart(9)} ${'min s'.padStart(8)}  ratio to floor (median of runs)`,
  )
  for (let w = 0; w < workloads.length; w++) {
    const ratios = times[w].map((t, r) => t / times[0][r])
    console.log(
      `${workloads[w].name.padEnd(38)} ${median(times[w]).toFixed(4).padStart(9)} ${Math.min(...times[w])
        .toFixed(4)
        .padStart(8)}  ${median(ratios).toFixed(1).padStart(6)} x`,
    )
  }
  if (sink === 42) console.log('')
}

void main()
