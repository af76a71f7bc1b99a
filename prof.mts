import { buildDesign } from './src-main/engine/regression/design'
import { fitRegression } from './src-main/engine/regression/fit-regression'
import { glmNewton } from './src-main/engine/regression/glm-newton'
import { inMemoryDataset } from './src-main/engine/regression/in-memory-dataset'
import { solveLeastSquares } from './src-main/engine/regression/linear-solve'
const rows = 1_000_000, P = 10
let s = 12345
const rand = () => { s = (Math.imul(1664525, s) + 1013904223) >>> 0; return s / 4294967296 }
const cols: Record<string, Float64Array> = {}
const names = Array.from({ length: P }, (_, j) => `x${j + 1}`)
for (const name of names) cols[name] = new Float64Array(rows)
cols.y = new Float64Array(rows); cols.b = new Float64Array(rows)
for (let i = 0; i < rows; i++) { let eta = 0.2; for (let j = 0; j < P; j++) { const v = rand() * 2 - 1 + j; cols[names[j]][i] = v; eta += (j % 2 === 0 ? 0.3 : -0.2) * (v - j) } cols.y[i] = eta + (rand() - 0.5); cols.b[i] = rand() < 1 / (1 + Math.exp(-eta)) ? 1 : 0 }
const ds = inMemoryDataset(cols)
const t = (name: string, f: () => unknown) => { const a = performance.now(); const r = f(); console.log(name, (performance.now() - a).toFixed(0)); return r }
async function main() {
for (let r = 0; r < 3; r++) {
  t('pass', () => { const x = cols.x1; let q = 0; for (let k = 0; k < 11; k++) for (let i = 0; i < rows; i++) q += x[i]; return q })
  const d = t('build', () => buildDesign(ds, { model: 'linear', response: 'y', predictors: names })) as ReturnType<typeof buildDesign>
  t('solve', () => solveLeastSquares(d))
  let a = performance.now(); await fitRegression(ds, { model: 'linear', response: 'y', predictors: names }); console.log('fit linear', (performance.now() - a).toFixed(0))
  const db = buildDesign(ds, { model: 'logistic', response: 'b', predictors: names })
  a = performance.now(); const g = await glmNewton('logistic', db, { maxIterations: 50, tolerance: 1e-10, constant: 0 }, null); console.log('newton', (performance.now() - a).toFixed(0), g.iterations)
  a = performance.now(); await fitRegression(ds, { model: 'logistic', response: 'b', predictors: names }); console.log('fit logistic', (performance.now() - a).toFixed(0))
}
}
void main()
