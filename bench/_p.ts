import { findDistribution } from '../src-main/engine/distributions/registry'
import { fitDistribution } from '../src-main/engine/fit/fit-distribution'
import { seededUniform } from '../src-main/engine/random/seeded-uniform'
const n = 1_000_000
async function main() {
  for (const [id, truth] of [
    ['student_t', { mu: 3, sigma: 2, nu: 5 }],
    ['weibull', { shape: 1.7, scale: 3 }],
  ] as const) {
    const d = findDistribution(id)!
    const sorted = d.sample(n, truth, seededUniform(11)).sort()
    const calls: Record<string, number> = {}
    const dd = d as unknown as Record<string, (...a: unknown[]) => unknown>
    for (const k of ['derivatives', 'logLikelihood', 'startValues']) {
      const orig = dd[k]
      dd[k] = (...a: unknown[]) => {
        calls[k] = (calls[k] ?? 0) + 1
        const t = performance.now()
        const r = orig(...a)
        calls[k + 'ms'] = (calls[k + 'ms'] ?? 0) + performance.now() - t
        return r
      }
    }
    for (let r = 0; r < 4; r++) {
      for (const k in calls) calls[k] = 0
      const data = sorted.slice()
      let t = performance.now()
      let s = 0
      for (let i = 0; i < n; i++) s += Math.log(data[i])
      const fl = performance.now() - t
      t = performance.now()
      const f = await fitDistribution({ dist: d, column: 'x', sorted: data, lean: true })
      console.log(
        id,
        'floor',
        fl.toFixed(1),
        'fit',
        (performance.now() - t).toFixed(1),
        f.iterations,
        JSON.stringify(calls, (k, v) => (typeof v === 'number' ? Math.round(v) : v)),
        s > 0,
      )
    }
  }
}
void main()
