import { seededRandom, type Random } from '../random/seeded-random'
import { Sample, weightAt, weightLanes } from '../stats/sample'
import { sampleValueAt } from '../stats/weighted'

/** One normal mixture: weights (summing to 1), means and standard deviations, component by component. */
export interface MixtureParts {
  w: number[]
  mu: number[]
  sigma: number[]
}

/** Where one EM run ended. */
export interface EmRun extends MixtureParts {
  logLikelihood: number
  iterations: number
  /** A component collapsed onto (about) one value: the likelihood is unbounded there, the run is discarded. */
  collapsed: boolean
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI)

/**
 * A component whose standard deviation falls below this fraction of the data's own, or whose weighted
 * count falls below COLLAPSE_COUNT, is sitting on about one value, where the mixture likelihood grows
 * without bound: such a run is a degenerate solution, not an estimate.
 */
const COLLAPSE_SIGMA = 1e-4
const COLLAPSE_COUNT = 1.5

/** Log-sum-exp of log w_k + log phi_k(x) for every value; fills `resp` (n x K, row-major) with posteriors. */
function eStep(sample: Sample, m: MixtureParts, resp: Float64Array): number {
  const x = sample.values
  const k = m.w.length
  const logW = m.w.map(Math.log)
  const logS = m.sigma.map(Math.log)
  const { weights: w, mask } = weightLanes(sample)
  let ll = 0
  for (let i = 0; i < x.length; i++) {
    let top = -Infinity
    for (let c = 0; c < k; c++) {
      const z = (x[i] - m.mu[c]) / m.sigma[c]
      const t = logW[c] - logS[c] - 0.5 * z * z
      resp[i * k + c] = t
      if (t > top) top = t
    }
    let sum = 0
    for (let c = 0; c < k; c++) sum += Math.exp(resp[i * k + c] - top)
    for (let c = 0; c < k; c++) resp[i * k + c] = Math.exp(resp[i * k + c] - top) / sum
    ll += w[i & mask] * (top + Math.log(sum) - LOG_SQRT_2PI)
  }
  return ll
}

/** The M step: weighted counts, means and (centred, two-pass) standard deviations of each component. */
function mStep(sample: Sample, resp: Float64Array, k: number): MixtureParts & { counts: number[] } {
  const x = sample.values
  const counts = new Array<number>(k).fill(0)
  const mu = new Array<number>(k).fill(0)
  const { weights: w, mask } = weightLanes(sample)
  for (let i = 0; i < x.length; i++) {
    const f = w[i & mask]
    for (let c = 0; c < k; c++) {
      counts[c] += f * resp[i * k + c]
      mu[c] += f * resp[i * k + c] * x[i]
    }
  }
  for (let c = 0; c < k; c++) mu[c] /= counts[c]
  const ss = new Array<number>(k).fill(0)
  for (let i = 0; i < x.length; i++) {
    const f = w[i & mask]
    for (let c = 0; c < k; c++) ss[c] += f * resp[i * k + c] * (x[i] - mu[c]) ** 2
  }
  const total = counts.reduce((a, b) => a + b, 0)
  return { counts, w: counts.map((c) => c / total), mu, sigma: ss.map((s, c) => Math.sqrt(s / counts[c])) }
}

/** Weighted standard deviation of the whole sample (the scale of the collapse test). */
function spreadOf(sample: Sample): number {
  const m = mStep(sample, new Float64Array(sample.values.length).fill(1), 1)
  return m.sigma[0]
}

export interface EmOptions {
  maxIterations: number
  /** Stop when the log-likelihood rises by less than this, relative. */
  tolerance: number
  /** Called after each iteration with the log-likelihood at its start (live trace, cancel). */
  onIteration?: (m: MixtureParts, logLikelihood: number, iteration: number) => Promise<void> | void
}

/**
 * EM for a normal mixture from `start`: each iteration raises the likelihood (Dempster, Laird and Rubin
 * 1977) until it stalls, the iterations run out, or a component collapses onto about one value (then the
 * run is marked `collapsed` and stops: the likelihood is unbounded there).
 */
export async function runEm(sample: Sample, start: MixtureParts, options: EmOptions): Promise<EmRun> {
  const k = start.w.length
  const resp = new Float64Array(sample.values.length * k)
  const floor = COLLAPSE_SIGMA * spreadOf(sample)
  let m: MixtureParts = start
  let ll = eStep(sample, m, resp)
  let iterations = 0
  while (iterations < options.maxIterations) {
    await options.onIteration?.(m, ll, iterations)
    const next = mStep(sample, resp, k)
    iterations++
    if (next.counts.some((c) => !(c >= COLLAPSE_COUNT)) || next.sigma.some((s) => !(s > floor))) {
      return { ...next, logLikelihood: Infinity, iterations, collapsed: true }
    }
    m = next
    const nextLl = eStep(sample, m, resp)
    const gain = nextLl - ll
    ll = nextLl
    if (gain <= options.tolerance * Math.abs(ll)) break
  }
  return { ...m, logLikelihood: ll, iterations, collapsed: false }
}

/**
 * Start from k groups of consecutive sorted observations: equal-count quantile groups, group g holding
 * ranks [ceil(g n / k), ceil((g + 1) n / k)) of the n observations. A value of weight c (ranks a .. a+c-1)
 * goes to each group by the share of its ranks there, so a weighted sample starts as its expansion does.
 */
function quantileStart(sample: Sample, k: number): MixtureParts {
  const x = sample.sorted
  const w = sample.sortedWeights
  const n = sample.n
  const resp = new Float64Array(x.length * k)
  let a = 0
  for (let i = 0; i < x.length; i++) {
    const c = w ? w[i] : 1
    for (let g = Math.min(k - 1, Math.floor((a * k) / n)); g < k; g++) {
      const from = Math.max(a, Math.ceil((g * n) / k))
      const to = Math.min(a + c, g === k - 1 ? n : Math.ceil(((g + 1) * n) / k))
      if (to > from) resp[i * k + g] = (to - from) / c
      if (to >= a + c) break
    }
    a += c
  }
  return mStep(Sample.sorted(x, w), resp, k)
}

/** A random observation: a uniform row, or with weights the value whose weight covers a uniform position. */
function randomObservation(sample: Sample, random: Random): number {
  // index(N) = floor(u N): the same draw picks the same observation of the expanded sorted sample.
  if (!sample.weights) return sample.values[random.index(sample.values.length)]
  return sampleValueAt(sample, random.index(Math.ceil(sample.n)))
}

/**
 * k-means++ seeding (Arthur and Vassilvitskii 2007) with a seeded generator: each centre is drawn with
 * probability proportional to the squared distance to the nearest chosen one; the values then go to their
 * nearest centre, and each group's weight, mean and spread start EM.
 */
function kMeansPlusPlusStart(sample: Sample, k: number, seed: number): MixtureParts {
  const x = sample.values
  const n = x.length
  const random = seededRandom(seed)
  const centres = [randomObservation(sample, random)]
  const d2 = new Float64Array(n)
  while (centres.length < k) {
    let total = 0
    for (let i = 0; i < n; i++) {
      d2[i] = Math.min(...centres.map((c) => (x[i] - c) ** 2)) * weightAt(sample.weights, i)
      total += d2[i]
    }
    let target = random.uniform() * total
    let pick = n - 1
    for (let i = 0; i < n && total > 0; i++) {
      target -= d2[i]
      if (target < 0) {
        pick = i
        break
      }
    }
    centres.push(x[pick])
  }
  const resp = new Float64Array(n * k)
  for (let i = 0; i < n; i++) {
    let best = 0
    for (let c = 1; c < k; c++) if (Math.abs(x[i] - centres[c]) < Math.abs(x[i] - centres[best])) best = c
    resp[i * k + best] = 1
  }
  return mStep(sample, resp, k)
}

/** Whether a start can run: every group holds enough weight and some spread. */
function startUsable(m: MixtureParts): boolean {
  return m.sigma.every((s) => s > 0 && Number.isFinite(s)) && m.w.every((w) => w > 0)
}

/** The starts EM tries, in a fixed order: the quantile groups, then seeded k-means++ draws. */
export function emStarts(sample: Sample, k: number, count: number, seed = 20261129): MixtureParts[] {
  const starts = [quantileStart(sample, k)]
  for (let s = 1; starts.length < count && s < 4 * count; s++) {
    const start = kMeansPlusPlusStart(sample, k, seed + s)
    if (startUsable(start)) starts.push(start)
  }
  return starts.filter(startUsable)
}

/** Components ordered by mean (then by sd): the label-switching convention of the results. */
export function orderByMean(m: MixtureParts): MixtureParts {
  const order = m.mu.map((_, c) => c).sort((a, b) => m.mu[a] - m.mu[b] || m.sigma[a] - m.sigma[b])
  return { w: order.map((c) => m.w[c]), mu: order.map((c) => m.mu[c]), sigma: order.map((c) => m.sigma[c]) }
}
