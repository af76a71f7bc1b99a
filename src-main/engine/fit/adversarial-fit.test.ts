import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EngineMessage, EngineRequest, EngineRequestBody, FitResult } from '../../../src-shared/contract'
import { distributions, findDistribution } from '../distributions/registry'
import type { Distribution } from '../distributions/types'
import { inSupport } from '../distributions/support'
import { createRequestHandler } from '../handle-request'
import { familyValues, resolveFamily } from '../likelihood/family-inputs'
import { sampleOf } from '../stats/sample'
import { multiStartOptimum } from '../../../test/support/multi-start'

/**
 * Degenerate and hostile columns through the engine's own request handler: every family either answers
 * correctly (the reported log-likelihood is the sum of logPdf at the reported parameters, and no small
 * step of any free parameter improves it) or refuses with a FitError/RequestError whose message says why.
 */
const RANDOM_RUNS = 60

let dir: string
let fileNo = 0
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'mle-adversarial-'))))
afterAll(() => rm(dir, { recursive: true, force: true }))

let nextId = 1
async function ask(handle: ReturnType<typeof createRequestHandler>, body: EngineRequestBody) {
  const id = nextId++
  let answer: EngineMessage | undefined
  await handle({ ...body, id } as EngineRequest, (m) => {
    if (m.kind !== 'progress') answer = m
  })
  if (!answer || answer.kind === 'ready' || answer.id !== id) throw new Error('the engine gave no answer')
  return answer
}

/** Imports one column (as `x`) into a fresh engine. */
async function engineWith(values: readonly number[]) {
  const handle = createRequestHandler()
  const path = join(dir, `c${fileNo++}.csv`)
  await writeFile(path, `x\n${values.map((v) => String(v)).join('\n')}\n`)
  const imported = await ask(handle, { kind: 'import', path })
  return { handle, imported }
}

const TRIALS = 10

const sumLogPdf = (dist: string, values: readonly number[], params: Record<string, number>) => {
  const d = findDistribution(dist)!
  let s = 0
  for (const v of values) s += d.logPdf(v, params, { trials: TRIALS })
  return s
}

type Outcome = { fit: FitResult } | { error: { name: string; message: string } }

/** Three-shape families (fitCost 3): most of the suite's time, as several starts each on short columns. */
const costly = (d: Distribution) => (d.fitCost ?? 1) >= 3

/** Every family's outcome on a column (`families` to fit fewer); shared by the tests that ask about it. */
const answers = new Map<string, Promise<Map<string, Outcome>>>()
function fitAll(values: readonly number[], families = distributions): Promise<Map<string, Outcome>> {
  const key = JSON.stringify([values, families.map((d) => d.id)])
  if (!answers.has(key)) answers.set(key, fitEach(values, families))
  return answers.get(key)!
}

async function fitEach(values: readonly number[], families: readonly Distribution[]) {
  const out = new Map<string, Outcome>()
  const { handle, imported } = await engineWith(values)
  if (imported.kind === 'error') {
    for (const d of families) out.set(d.id, { error: imported.error })
    return out
  }
  for (const d of families) {
    const answer = await ask(handle, {
      kind: 'fit',
      request: { column: 'x', dist: d.id, ...(d.id === 'binomial' ? { trials: TRIALS } : {}) },
    })
    out.set(
      d.id,
      answer.kind === 'result'
        ? { fit: answer.value as FitResult }
        : { error: (answer as { error: { name: string; message: string } }).error },
    )
  }
  return out
}

/**
 * A correct answer or a refusal by a FitError/RequestError in words; `strict` also wants the words to be
 * plain (no "NaN" or "Infinity" shown as if they were estimates). Returns which, for counting.
 */
function checkOutcome(values: readonly number[], dist: string, o: Outcome, strict = true): 'fit' | 'refused' {
  if ('error' in o) {
    expect(['FitError', 'RequestError', 'ImportError']).toContain(o.error.name)
    expect(o.error.message.length).toBeGreaterThan(15)
    expect(o.error.message).not.toMatch(/undefined|\[object /)
    if (strict) expect(o.error.message, `${dist}: unclear message`).not.toMatch(/= (NaN|-?Infinity)\b/)
    return 'refused'
  }
  const { fit } = o
  // A result that says it did not converge, and why, is a clear message too (not a wrong answer).
  if (!fit.converged) {
    expect(fit.message.length, `${dist}: not converged without a message`).toBeGreaterThan(15)
    return 'refused'
  }
  const finite = values.filter((v) => Number.isFinite(v))
  expect(fit.n).toBe(finite.length)
  for (const [name, v] of Object.entries(fit.params))
    expect(Number.isFinite(v), `${dist} ${name} = ${v}`).toBe(true)
  expect(Number.isFinite(fit.logLikelihood), `${dist} logLikelihood = ${fit.logLikelihood}`).toBe(true)
  const recomputed = sumLogPdf(dist, finite, fit.params)
  expect(
    Math.abs(recomputed - fit.logLikelihood),
    `${dist}: reported ${fit.logLikelihood}, sum of logPdf ${recomputed} at ${JSON.stringify(fit.params)}`,
  ).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(recomputed)))
  for (const e of fit.estimates.filter((e) => !e.fixed)) {
    for (const step of [1 + 1e-4, 1 - 1e-4]) {
      const nudged = { ...fit.params, [e.name]: e.estimate === 0 ? step - 1 : e.estimate * step }
      const ll = sumLogPdf(dist, finite, nudged)
      if (!Number.isNaN(ll)) {
        // Optimizer families stop at a relative tolerance: 1e-7 (the reference fits allow 1e-6).
        expect(ll, `${dist}: ${e.name} * ${step} improves the log-likelihood`).toBeLessThanOrEqual(
          fit.logLikelihood + 1e-7 * Math.max(1, Math.abs(fit.logLikelihood)),
        )
      }
    }
  }
  return 'fit'
}

/** n deterministic values with a smooth, skewed spread in (-1, 2): offset + scale * that. */
const spread = (n: number, offset: number, scale: number) =>
  Array.from({ length: n }, (_, i) => offset + scale * (Math.exp((i + 0.5) / n) - 1.6 + 0.3 * Math.sin(i)))
/** Counts with a share of zeros, the rest 1..12 in a fixed pattern. */
const zeroHeavy = (n: number, zeros: number) =>
  Array.from({ length: n }, (_, i) => (i < zeros * n ? 0 : 1 + ((i * 7) % 12)))

const COLUMNS: [string, number[]][] = [
  ['constant', [3, 3, 3, 3, 3]],
  ['n = 1', [2.5]],
  ['n = 2', [1, 2]],
  ['tiny (1e-300)', [1e-300, 2e-300, 3e-300, 5e-300]],
  ['all zeros', [0, 0, 0, 0]],
  ['mixed signs', [-2, -1, 0.5, 1, 3]],
  ['one negative among positives', [1.2, 3.4, 0.7, -0.1, 2.2]],
  ['counts', [0, 1, 1, 2, 3, 5, 8]],
  ['huge (1e300)', [1e300, 2e300, 3e300, 5e300]],
  ['spanning the double range', [-1e300, 1e300]],
  ['near the double limit', [1e307, 3e307, 5e307, 1.2e308, 2e307, 7e307]],
  ['subnormals', [5e-324, 1e-323, 2.5e-323, 4e-323, 1e-322]],
  // Ties with one far outlier; n does not matter to the check (999 ones: honest-numbers.test.ts).
  ['49 ones and one 1e12', [...Array<number>(49).fill(1), 1e12]],
  // Larger offsets: the sum of logPdf itself loses digits there (lognormal: log x near 27.6 with sigma
  // 5e-13), so they are checked against mpmath instead (honest-numbers.test.ts, 1e5..1e9).
  ['offset 1e3', spread(40, 1e3, 1)],
  ['scale 1e-12', spread(40, 5e-12, 1e-12)],
  ['scale 1e12', spread(40, 5e12, 1e12)],
  ['counts 50% zeros', zeroHeavy(40, 0.5)],
  ['counts 90% zeros', zeroHeavy(40, 0.9)],
]

/**
 * Nearly constant data (spread as small as the rounding of the mean): the gamma asks for shape ~7e31, where
 * the textbook log-likelihood lost every digit (reported 704, sum of logPdf 1024) until issue 11 centred it.
 */
const NEAR_DOUBLE_LIMIT: [string, number[]][] = [['nearly constant', [1, 1 + 2 ** -52, 1 - 2 ** -53, 1]]]

describe('fits on adversarial columns end in a correct answer or a clear refusal', () => {
  // A suite that passes when every family refuses is not a test: each column must be answered by at least
  // this many families (counted when the check was written, 2026-11-29).
  const MIN_FITS: Record<string, number> = {
    constant: 5,
    'n = 1': 2,
    'n = 2': 16,
    'tiny (1e-300)': 10,
    'all zeros': 4,
    'mixed signs': 6,
    'one negative among positives': 6,
    counts: 11,
    'huge (1e300)': 10,
    'spanning the double range': 3,
    // Added for issue 11's remaining edges (counted 2026-11-29, after the rescaled copy and robust start).
    'near the double limit': 15,
    // 4 since the beta's score kept its digits (2026-11-30): its 'fit' here was a false convergence, its
    // maximum (beta near 1e322) is beyond the doubles and is now refused.
    subnormals: 4,
    '49 ones and one 1e12': 16,
    'offset 1e3': 17,
    'scale 1e-12': 21,
    'scale 1e12': 20,
    'counts 50% zeros': 12,
    'counts 90% zeros': 12,
  }
  it.each(COLUMNS)('%s', async (what, values) => {
    let fits = 0
    for (const [dist, outcome] of await fitAll(values))
      if (checkOutcome(values, dist, outcome) === 'fit') fits++
    expect(fits, `${what}: families fitted`).toBeGreaterThanOrEqual(MIN_FITS[what])
  })

  it.each(NEAR_DOUBLE_LIMIT)('%s: every family right or refusing', async (_what, values) => {
    for (const [dist, outcome] of await fitAll(values)) checkOutcome(values, dist, outcome)
  })

  it.each(NEAR_DOUBLE_LIMIT)(
    '%s: the normal is right at the limit of double precision',
    async (_w, values) => {
      checkOutcome(values, 'normal', (await fitAll(values)).get('normal')!)
    },
  )

  it.each(NEAR_DOUBLE_LIMIT)('%s: still no crash and no non-finite answer', async (_what, values) => {
    for (const [, outcome] of await fitAll(values)) {
      if ('error' in outcome) expect(['FitError', 'RequestError']).toContain(outcome.error.name)
      else expect(Number.isFinite(outcome.fit.logLikelihood)).toBe(true)
    }
  })

  it('normal on a constant column is refused, not answered with sigma = 0', async () => {
    const outcome = (await fitAll([3, 3, 3, 3])).get('normal')!
    expect(outcome).toMatchObject({ error: { name: 'FitError' } })
  })

  it('positive families refuse mixed signs, saying which values', async () => {
    const outcomes = await fitAll([-2, 1, 3])
    for (const d of distributions.filter((d) => !inSupport(d, -1) && inSupport(d, 1) && !d.discrete)) {
      const outcome = outcomes.get(d.id)!
      expect(outcome, d.id).toMatchObject({
        error: { name: 'FitError', message: expect.stringMatching(/-2/) },
      })
    }
  })

  it(`random short columns of extreme values (${RANDOM_RUNS} cases, three-shape families on a third)`, async () => {
    let fitted = 0
    let run = 0
    const value = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      // Magnitudes beyond 1e6 are covered by the fixed columns above (huge, spanning the double range).
      fc.constantFrom(0, 1, -1, 1e-300, 5e-324, 0.1),
      fc.integer({ min: 0, max: 20 }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(value, { minLength: 1, maxLength: 8 }), async (values) => {
        // The three-shape families on every third column (20 random columns each): they take most of the
        // time, mostly refusing 8 values or fewer; every other family sees all 60.
        const families = run++ % 3 === 0 ? distributions : distributions.filter((d) => !costly(d))
        for (const [dist, outcome] of await fitAll(values, families))
          if (checkOutcome(values, dist, outcome) === 'fit') fitted++
      }),
      { numRuns: RANDOM_RUNS, seed: 8 },
    )
    // Most random columns are fitted by several families (the normal fits any with two distinct values).
    expect(fitted).toBeGreaterThanOrEqual(RANDOM_RUNS)
  }, 60_000)
})

/**
 * The columns the multi-start check adds to COLUMNS (it needs no sum-of-logPdf check at the fit's
 * own parameters): more offsets and scales, a third share of zeros, the Cauchy's 600 decades.
 */
const MORE_COLUMNS: [string, number[]][] = [
  ['offset 1e6', spread(40, 1e6, 1)],
  ['offset 1e9', spread(40, 1e9, 1)],
  ['offset 1e12', spread(40, 1e12, 1)],
  ['scale 1e-6', spread(40, 5e-6, 1e-6)],
  ['scale 1e6', spread(40, 5e6, 1e6)],
  ['counts 70% zeros', zeroHeavy(40, 0.7)],
  ['1e-300 .. 1e300', [1e-300, 1e-100, 1, 1e100, 1e300]],
]

/** The bound on a reported maximum: at least the reference's minus 1e-9 |ref| + 1e-7. */
const slack = (reference: number) => 1e-9 * Math.abs(reference) + 1e-7

/** The family's log-likelihood, the values it uses and its context, for the reference. */
function referenceProblem(fit: FitResult, values: readonly number[]) {
  const dist = resolveFamily(findDistribution(fit.dist)!)
  const ctx = { trials: TRIALS, ...(fit.threshold != null ? { threshold: fit.threshold } : {}) }
  const finite = Float64Array.from(values.filter(Number.isFinite)).sort()
  const used = Array.from(familyValues(dist, finite, ctx))
  const fixed = Object.fromEntries(fit.estimates.filter((e) => e.fixed).map((e) => [e.name, e.estimate]))
  const starts = [dist.startValues(sampleOf(Float64Array.from(used)), ctx), fit.params]
  return { dist, values: used, ctx, fixed, starts }
}

describe('every converged fit on an adversarial column reaches the optimum of a multi-start reference', () => {
  const counts = { compared: 0, refused: 0, local: 0 }
  it.each([...COLUMNS, ...NEAR_DOUBLE_LIMIT, ...MORE_COLUMNS])('%s', async (what, values) => {
    const short: string[] = []
    for (const [dist, outcome] of await fitAll(values)) {
      if ('error' in outcome || !outcome.fit.converged) {
        // Says why not: checked by the suite above (a FitError in words, or a non-converged message).
        checkOutcome(values, dist, outcome, false)
        counts.refused++
        continue
      }
      const { fit } = outcome
      // A family whose likelihood has no global maximum says so beside the local one it reports.
      if (fit.health.notes.some((note) => /no global maximum/.test(note))) {
        counts.local++
        continue
      }
      const ref = multiStartOptimum(referenceProblem(fit, values))
      counts.compared++
      if (fit.logLikelihood < ref.logLikelihood - slack(ref.logLikelihood))
        short.push(
          `${dist}: converged at ${fit.logLikelihood} ${JSON.stringify(fit.params)}, reference ${ref.logLikelihood} ${JSON.stringify(ref.params)}`,
        )
    }
    expect(short, `${what}: converged fits short of the multi-start optimum`).toEqual([])
  })

  // Counted 2026-11-30 over 24 columns x 30 families: 278 compared, 27 local maxima said so, 415 refused.
  it('compares enough converged fits to mean something', () => {
    expect(counts.compared).toBeGreaterThanOrEqual(270)
  })
})
