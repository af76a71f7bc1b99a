import { SILENT_CONTROL } from '../control/work-control'
import { TraceRecorder } from '../control/trace-recorder'
import type { Distribution, Params } from '../distributions/types'
import { FitError } from '../errors'
import { LikelihoodModel } from '../likelihood/likelihood-model'
import { infer, type Inference, type InferOptions, type Optimum } from '../inference/infer'
import { informationCriteria } from '../inference/information-criteria'
import type { Estimate } from '../optimize/estimate'
import { sampleOf, type Sample } from '../stats/sample'
import type { FitSetup } from './prepare'

/**
 * Largest |x| below which (and smallest above which) a family is fitted on the data as they are: between
 * them the squares of a scale, its inverse and the Hessian's n / scale² stay far inside the double range.
 */
const WIDE = 2 ** 256

/** Smallest positive normal double: a copy whose values fall below it has lost digits (or become 0). */
const SMALLEST_NORMAL = 2 ** -1022

/**
 * The power of two c by which a continuous family with `unitPowers` is fitted on x / c (largest |x / c|
 * near 1), or 1: only values near the ends of the double range need it. Dividing by a power of two is
 * exact while no value falls below the normal doubles, so c is capped there: on values spanning hundreds
 * of decades (1e-300 .. 1e300) the copy keeps the small ones (an underflowed copy turned 1e-300 into a
 * tie at 0 and the Cauchy's maximum near 1 into a "no maximum"), and the fit on the copy is the fit on
 * the data.
 */
export function rescaleFactor(dist: Distribution, sample: Sample): number {
  if (dist.discrete || !dist.unitPowers) return 1
  const sorted = sample.sorted
  const largest = Math.max(Math.abs(sorted[0]), Math.abs(sorted[sorted.length - 1]))
  if (!(largest > 0) || !Number.isFinite(largest) || (largest < WIDE && largest > 1 / WIDE)) return 1
  // 2^1023 is the largest power of two a double holds: values above 2^1023.5 would round to 2^1024 = Infinity.
  const wanted = Math.min(Math.round(Math.log2(largest)), 1023)
  if (wanted <= 0) return 2 ** wanted
  const smallest = smallestNonzero(sorted)
  const exact = Math.floor(Math.log2(smallest / SMALLEST_NORMAL))
  return 2 ** Math.max(0, Math.min(wanted, exact))
}

/** The smallest nonzero |x| of sorted values (they have one: the largest |x| is positive). */
function smallestNonzero(sorted: Float64Array): number {
  let small = Infinity
  for (const x of sorted) if (x !== 0) small = Math.min(small, Math.abs(x))
  return small
}

/** v times c^e for e in -1, 0, 1, dividing rather than multiplying by 1 / c (which may overflow). */
const times = (v: number, c: number, e: number) => (e > 0 ? v * c : e < 0 ? v / c : v)

/** A parameter's power of c: its unit power, 0 for a `log` one (its spread and SE do not scale). */
const powerOf = (dist: Distribution, name: string): number => {
  const power = dist.unitPowers?.[name] ?? 0
  return power === 'log' ? 0 : power
}

/** v in the data's units (sign 1) or the copy's (-1): times c^(sign power), or plus sign log c. */
const moved = (dist: Distribution, name: string, v: number, c: number, sign: 1 | -1) =>
  dist.unitPowers?.[name] === 'log' ? v + sign * Math.log(c) : times(v, c, sign * powerOf(dist, name))

/** Each parameter in the data's units (sign 1) or the copy's (-1); unknown names keep their value. */
function inUnits(dist: Distribution, params: Params, c: number, sign: 1 | -1): Params {
  const out: Params = {}
  for (const [name, v] of Object.entries(params)) out[name] = moved(dist, name, v, c, sign)
  return out
}

/** The trace of the fit on the copy, recorded in the data's units (parameters and mean log-likelihood). */
class DataUnitsTrace extends TraceRecorder {
  constructor(
    private readonly target: TraceRecorder,
    private readonly c: number,
    private readonly toData: (j: number, v: number) => number,
    private readonly shift: number,
  ) {
    super({ id: 'rescaled', label: 'rescaled' }, [], SILENT_CONTROL, 1)
  }

  override add(iteration: number, mean: number, validation: number, params: ArrayLike<number>): void {
    const scaled = Array.from(params, (v, j) => this.toData(j, v))
    this.target.add(iteration, mean + this.shift, validation + this.shift, scaled)
  }
}

/** Why an estimate on the copy cannot be written in the data's units, in plain words. */
function unrepresentable(
  dist: Distribution,
  name: string,
  onCopy: number,
  c: number,
  largest: number,
): string {
  const log10 = Math.log10(Math.abs(onCopy)) + powerOf(dist, name) * Math.log2(c) * Math.LOG10E * Math.LN2
  const approx = `${(10 ** (log10 - Math.floor(log10))).toFixed(2)}e${Math.floor(log10)}`
  return `The column's values are at the edge of double precision (largest |x| = ${largest.toPrecision(3)}), so ${dist.label}'s maximum-likelihood ${name} (about ${approx}) cannot be stored with its digits (doubles hold about 2.2e-308 to 1.8e308). Multiply the column by a power of ten (e.g. 1e300) and fit again.`
}

/**
 * The estimate stage on x / c (see `rescaleFactor`), `run` on the copy's setup (an optimizer, or a
 * family's start search and its polish): fixed and start values go to the copy's units, the estimate
 * comes back exactly (times c^power) with log-likelihood ll(copy) - n log c (the Jacobian), and
 * the trace is recorded in the data's units. Throws FitError when an estimate does not fit in a double
 * with its digits (a rate of 1e322 on subnormal data): then no honest number can be shown.
 */
export async function rescaledEstimate<E extends Estimate>(
  setup: FitSetup,
  c: number,
  run: (onCopy: FitSetup) => Promise<E>,
): Promise<E & { rescaled: RescaledCopy }> {
  const { dist, input, ctx, fixed, settings, recorder, sample } = setup
  // The copy of what the likelihood sums over (the distinct values with their counts, when tied).
  const copy = sampleOf(
    sample.sorted.map((x) => x / c),
    sample.sortedWeights,
  )
  const model = new LikelihoodModel(dist, copy, ctx, inUnits(dist, fixed, c, -1))
  const shift = -Math.log(c)
  const names = model.freeNames
  const trace = new DataUnitsTrace(recorder, c, (j, v) => moved(dist, names[j], v, c, 1), shift)
  // The family's own start on the copy (the data's may have lost its digits), the user's start scaled.
  const userStart = inUnits(dist, { ...(input.options?.start ?? {}), ...fixed }, c, -1)
  const from = { ...dist.startValues(copy, ctx), ...userStart }
  // Messages quote values in the data's units, never the copy's.
  const shown = (name: string, v: number) => moved(dist, name, v, c, 1)
  const copyFixed = inUnits(dist, fixed, c, -1)
  const copySettings = { ...settings, recorder: trace, shown }
  const r = await run({
    ...setup,
    sample: copy,
    model,
    fixed: copyFixed,
    start: from,
    settings: copySettings,
  })
  const params = inUnits(dist, r.params, c, 1)
  const largest = Math.max(Math.abs(input.sorted[0]), Math.abs(input.sorted[input.sorted.length - 1]))
  // Subnormal results keep fewer digits: refused when the round trip moves an estimate by more than 1e-12.
  // (A `log` parameter only moves by log c: no digits to lose.)
  for (const name of model.freeNames.filter((m) => dist.unitPowers?.[m] !== 'log')) {
    const back = times(params[name], c, -powerOf(dist, name))
    const onCopy = r.params[name]
    if (Number.isFinite(onCopy) && !(Math.abs(back - onCopy) <= 1e-12 * Math.abs(onCopy)))
      throw new FitError(unrepresentable(dist, name, onCopy, c, largest))
  }
  const logLikelihood = r.logLikelihood + copy.n * shift
  return { ...r, params, logLikelihood, rescaled: { model, optimum: r, c } }
}

/** The fit on the copy, for the infer stage: its likelihood, its optimum (copy units) and the factor c. */
export interface RescaledCopy {
  model: LikelihoodModel
  optimum: Optimum
  c: number
}

/** v a product that stays in the doubles with its digits: finite, and 0 only where v is (no underflow). */
const keepsDigits = (v: number, product: number) =>
  Number.isFinite(product) && (v === 0 || Math.abs(product) >= SMALLEST_NORMAL)

/**
 * Each entry v[a][b] times f[a] f[b] (f = c^power, or its inverse), and the parameters of the entries that
 * leave the doubles (overflow, or underflow into lost digits): the matrix is null when there are any.
 */
function scaledMatrix(
  m: number[][] | null,
  f: number[],
): { matrix: number[][] | null; outside: Set<number> } {
  const outside = new Set<number>()
  if (!m) return { matrix: null, outside }
  const out = m.map((row, a) =>
    row.map((v, b) => {
      const product = v * f[a] * f[b]
      if (!keepsDigits(v, product)) outside.add(a).add(b)
      return product
    }),
  )
  return { matrix: outside.size === 0 ? out : null, outside }
}

/** Why the covariance is not shown though the SEs are, naming the parameters of the entries out of range. */
function covarianceNote(names: string[]): string {
  return `The covariance matrix of the estimates is not shown: at this scale of the data its entries for ${names.join(', ')} (products of two parameters in the data's units) lie outside the range of double precision (about 2.2e-308 to 1.8e308). The standard errors are shown (each is in range); what needs the whole matrix (percentile intervals) is unavailable. Rescale the column by a power of ten to values near 1 (x / 1e300 for values near 1e300) and fit again to get it.`
}

/**
 * The infer stage on the copy (where squares of the scale stay in range, so the information has its
 * digits), carried to the data's units: SEs and profile ends times c^power, the covariance times
 * c^(power a + power b), the score and Hessian by the inverse factors, AIC/BIC from the data's
 * log-likelihood. Health notes are unit-free (ratios, |score| x SE).
 */
export async function inferOnCopy(
  copy: RescaledCopy,
  logLikelihood: number,
  options: InferOptions,
): Promise<Inference> {
  const { model, optimum, c } = copy
  const inference = await infer(model, optimum, options)
  const f = model.freeNames.map((name) => times(1, c, powerOf(model.dist, name)))
  const inverse = model.freeNames.map((name) => times(1, c, -powerOf(model.dist, name)))
  const end = (j: number, v: number | null) =>
    v === null ? null : moved(model.dist, model.freeNames[j], v, c, 1)
  const { info } = inference
  const score = info.score.map((g, j) => g * inverse[j])
  const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null)
  const covariance = scaledMatrix(info.covariance, f)
  const health = {
    ...inference.health,
    notes: [...inference.health.notes],
    codes: inference.health.codes?.slice(),
  }
  if (covariance.outside.size > 0) {
    health.notes.push(
      covarianceNote([...covariance.outside].sort((a, b) => a - b).map((j) => model.freeNames[j])),
    )
    health.codes?.push('covariance-out-of-range')
  }
  const derived = Object.entries(inference.derivedErrors).map(([name, se]) => {
    const power = powerOf(model.dist, name)
    return [name, se === null ? null : finiteOrNull(times(se, c, power))] as const
  })
  return {
    ...inference,
    info: {
      ...info,
      score,
      covariance: covariance.matrix,
      standardErrors: info.standardErrors.map((se, j) => (se === null ? null : finiteOrNull(se * f[j]))),
      hessian: scaledMatrix(info.hessian, inverse).matrix,
    },
    derivedErrors: Object.fromEntries(derived),
    profiles: inference.profiles.map((iv, j) => (iv ? [end(j, iv[0]), end(j, iv[1])] : null)),
    ...informationCriteria(logLikelihood, model.free.length, model.sample.n),
    health: {
      ...health,
      gradientMaxAbs: score.reduce((m, g) => (Number.isFinite(g) ? Math.max(m, Math.abs(g)) : m), 0),
    },
  }
}
