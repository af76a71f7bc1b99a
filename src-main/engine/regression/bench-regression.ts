/**
 * Issue 7, workload W5: linear and logistic regression on 1,000,000 rows x 10 predictors, against one pass
 * over the same row-major design matrix (the memory-bound floor). Run:
 * `npx tsx src-main/engine/regression/bench-regression.ts [rows]`. Prints medians of 5 runs after a warm-up.
 */
import { buildDesign } from './design'
import { fitRegression } from './fit-regression'
import { glmNewton } from './glm-newton'
import { inMemoryDataset } from './in-memory-dataset'
import { solveLeastSquares } from './linear-solve'

const rows = Number(process.argv[2] ?? 1_000_000)
const predictors = 10
const runs = 5

let s = 12345
const rand = () => {
  s = (Math.imul(1664525, s) + 1013904223) >>> 0
  return s / 4294967296
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
const linearRequest = { model: 'linear' as const, response: 'y', predictors: names }
const logisticRequest = { model: 'logistic' as const, response: 'b', predictors: names }
const design = buildDesign(dataset, linearRequest)
const logisticDesign = buildDesign(dataset, logisticRequest)

function median(f: () => unknown): number {
  f()
  const t: number[] = []
  for (let r = 0; r < runs; r++) {
    const start = performance.now()
    f()
    t.push(performance.now() - start)
  }
  t.sort((a, b) => a - b)
  return t[Math.floor(runs / 2)] / 1000
}
async function medianAsync(f: () => Promise<unknown>): Promise<number> {
  await f()
  const t: number[] = []
  for (let r = 0; r < runs; r++) {
    const start = performance.now()
    await f()
    t.push(performance.now() - start)
  }
  t.sort((a, b) => a - b)
  return t[Math.floor(runs / 2)] / 1000
}

async function main(): Promise<void> {
  let sink = 0
  const pass = median(() => {
    const x = design.x
    let sum = 0
    for (let i = 0; i < x.length; i++) sum += x[i]
    sink += sum
  })
  const linearSolve = median(() => solveLeastSquares(design))
  const linearQr = median(() => solveLeastSquares(design, 'qr'))
  const linearFull = await medianAsync(() => fitRegression(dataset, linearRequest))
  const opts = { maxIterations: 500, tolerance: 1e-10, constant: 0 }
  let newtonIterations = 0
  const logisticNewton = await medianAsync(async () => {
    newtonIterations = (await glmNewton('logistic', logisticDesign, opts, null)).iterations
  })
  const logisticFull = await medianAsync(() => fitRegression(dataset, logisticRequest))
  const build = median(() => buildDesign(dataset, linearRequest))

  const rowsOut = [
    ['one pass over X (floor)', pass],
    ['build design (columns -> row-major X)', build],
    [`linear: solve (${solveLeastSquares(design).path})`, linearSolve],
    ['linear: solve (forced Householder QR)', linearQr],
    ['linear: fitRegression end to end', linearFull],
    [`logistic: Newton/IRLS (${newtonIterations} iterations)`, logisticNewton],
    ['logistic: fitRegression end to end', logisticFull],
  ] as const
  console.log(
    `W5: ${rows} rows x ${predictors} predictors (+ intercept), median of ${runs}, Node ${process.version}`,
  )
  for (const [name, sec] of rowsOut) {
    console.log(
      `${name.padEnd(44)} ${sec.toFixed(4).padStart(8)} s  ${(sec / pass).toFixed(1).padStart(7)} x pass`,
    )
  }
  if (sink === 42) console.log('')
}

void main()
