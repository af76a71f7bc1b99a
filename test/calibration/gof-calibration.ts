/**
 * Issue 11's calibration check of the goodness-of-fit p-values, by simulation, for every family: draw data
 * from the family at ordinary parameters, fit it, and count how often KS, AD and CvM reject at 5% and 10%.
 * A calibrated test rejects true data 5% / 10% of the time; the asymptotic tables ignore that parameters
 * were estimated, so theirs must come out at or below that (conservative), never above it. The parametric
 * bootstrap re-estimates on every replicate and should land near 5% itself.
 *
 * Slow (minutes), so a script, not a test: `npm run calibrate:gof [-- --runs 200 --n 100 --bootstrap 99
 * --bootstrap-runs 100]`. It prints a Markdown table and writes test/calibration/gof-calibration.json.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { distributions } from '../../src-main/engine/distributions/registry'
import type { Distribution, FamilyContext, Params } from '../../src-main/engine/distributions/types'
import { fitDistribution } from '../../src-main/engine/fit/fit-distribution'
import { seededRandom } from '../../src-main/engine/random/seeded-random'
import { familyCases } from '../support/family-cases'

const argv = process.argv.slice(2)
const arg = (flag: string, fallback: number) =>
  argv.includes(flag) ? Number(argv[argv.indexOf(flag) + 1]) : fallback
const RUNS = arg('--runs', 200)
const N = arg('--n', 100)
const BOOTSTRAP = arg('--bootstrap', 99)
const BOOTSTRAP_RUNS = arg('--bootstrap-runs', 100)
/** Families whose bootstrap p-values are checked too (the bootstrap costs BOOTSTRAP fits per run). */
const BOOTSTRAP_FAMILIES = ['normal', 'gamma', 'weibull', 'pareto', 'uniform', 'poisson']
const STATISTICS = ['ks', 'ad', 'cvm'] as const

/** Ordinary parameters of a family: its first non-extreme case in the test table, with its context. */
function ordinaryCase(d: Distribution): { params: Params; ctx?: FamilyContext } | null {
  const c = familyCases.find((f) => f.id === d.id && !f.extreme)
  if (!c) return null
  const ctx = c.ctx ?? (d.needsThreshold ? { threshold: 0 } : undefined)
  return { params: c.valid[0], ctx }
}

interface Rates {
  family: string
  pValues: 'asymptotic' | 'bootstrap'
  runs: number
  fitted: number
  /** Fraction of fitted runs rejected at 5% and at 10%, per statistic (null: the statistic not given). */
  at5: Record<string, number | null>
  at10: Record<string, number | null>
}

async function rejectionRates(d: Distribution, bootstrap: number, runs: number): Promise<Rates | null> {
  const c = ordinaryCase(d)
  if (!c) return null
  const random = seededRandom(2026)
  const counts = { at5: new Map<string, number>(), at10: new Map<string, number>() }
  let fitted = 0
  for (let k = 0; k < runs; k++) {
    const sorted = d.sample(N, c.params, random, c.ctx).sort()
    try {
      const fit = await fitDistribution({
        column: 'x',
        dist: d,
        sorted,
        profiles: false,
        bootstrap,
        options: { seed: k + 1 },
        trials: c.ctx?.trials,
        threshold: c.ctx?.threshold,
      })
      if (!fit.converged || !fit.goodnessOfFit) continue
      fitted++
      for (const s of STATISTICS) {
        const p = fit.goodnessOfFit.pValues[s]
        if (p == null) continue
        if (p < 0.05) counts.at5.set(s, (counts.at5.get(s) ?? 0) + 1)
        if (p < 0.1) counts.at10.set(s, (counts.at10.get(s) ?? 0) + 1)
        counts.at5.set(`${s}:n`, (counts.at5.get(`${s}:n`) ?? 0) + 1)
      }
    } catch {
      // A refused sample (e.g. all values equal) is not a run of the test: it is counted out by `fitted`.
    }
  }
  const rate = (m: Map<string, number>, s: string) => {
    const n = counts.at5.get(`${s}:n`) ?? 0
    return n === 0 ? null : Number(((m.get(s) ?? 0) / n).toFixed(3))
  }
  return {
    family: d.id,
    pValues: bootstrap > 0 ? 'bootstrap' : 'asymptotic',
    runs,
    fitted,
    at5: Object.fromEntries(STATISTICS.map((s) => [s, rate(counts.at5, s)])),
    at10: Object.fromEntries(STATISTICS.map((s) => [s, rate(counts.at10, s)])),
  }
}

async function main(): Promise<void> {
  const rows: Rates[] = []
  const families = distributions.filter((d) => !d.components)
  for (const d of families) {
    const r = await rejectionRates(d, 0, RUNS)
    if (r) rows.push(r)
    else console.error(`${d.id}: no ordinary parameters in test/support/family-cases.ts, skipped`)
  }
  for (const id of BOOTSTRAP_FAMILIES) {
    const d = families.find((f) => f.id === id)
    const r = d ? await rejectionRates(d, BOOTSTRAP, BOOTSTRAP_RUNS) : null
    if (r) rows.push(r)
  }
  const cell = (v: number | null) => (v == null ? '—' : v.toFixed(3))
  console.log(`n = ${N}; true data; fraction rejected at 5% / 10% (calibrated: 0.05 / 0.10)\n`)
  console.log('| family | p-values | fitted / runs | KS | AD | CvM |\n|---|---|---|---|---|---|')
  for (const r of rows) {
    const stats = STATISTICS.map((s) => `${cell(r.at5[s])} / ${cell(r.at10[s])}`).join(' | ')
    console.log(`| ${r.family} | ${r.pValues} | ${r.fitted} / ${r.runs} | ${stats} |`)
  }
  const file = join(__dirname, 'gof-calibration.json')
  writeFileSync(file, `${JSON.stringify({ n: N, bootstrap: BOOTSTRAP, rows }, null, 2)}\n`)
  console.log(`\nwrote ${file}`)
}

void main()
