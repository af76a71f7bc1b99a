// Generates the bundled sample datasets in resources/samples/ (seeded, so re-running gives the same files).
import { writeFileSync } from 'node:fs'

let state = 20261122
const uniform = () => {
  // mulberry32
  state = (state + 0x6d2b79f5) | 0
  let t = Math.imul(state ^ (state >>> 15), 1 | state)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform())
const exponential = (rate) => -Math.log(1 - uniform()) / rate
const poisson = (lambda) => {
  let k = 0
  let p = Math.exp(-lambda)
  let s = p
  const u = uniform()
  while (u > s) {
    k++
    p *= lambda / k
    s += p
  }
  return k
}

// A filling line: fill weights (normal), hours between stoppages (exponential), defects per batch (counts).
const lines = ['batch,line,fill_weight_g,hours_between_stops,defects,temperature_c']
for (let i = 1; i <= 480; i++) {
  const line = ['A', 'B', 'C'][i % 3]
  const weight = (500.4 + 2.1 * normal()).toFixed(2)
  const stops = exponential(1 / 6.5).toFixed(2)
  const defects = poisson(2.3)
  const temp = i % 97 === 0 ? 'NA' : (21.5 + 0.8 * normal()).toFixed(1)
  lines.push(`B${String(i).padStart(4, '0')},${line},${weight},${stops},${defects},${temp}`)
}
writeFileSync('resources/samples/process-measurements.csv', lines.join('\n') + '\n')

// Insurance-style claim amounts: right-skewed (lognormal), a region and a settled flag.
const claims = ['claim_id,region,amount_eur,days_to_settle,settled']
for (let i = 1; i <= 350; i++) {
  const region = ['North', 'South', 'East', 'West'][Math.floor(uniform() * 4)]
  const amount = Math.exp(7.2 + 0.9 * normal()).toFixed(2)
  const days = Math.max(1, Math.round(exponential(1 / 24)))
  claims.push(`C${10000 + i},${region},${amount},${days},${uniform() < 0.82 ? 'yes' : 'no'}`)
}
writeFileSync('resources/samples/insurance-claims.csv', claims.join('\n') + '\n')
