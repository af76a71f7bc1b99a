import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STUDIO_CALL_NAMES, type StudioCallName } from '../../src-shared/calls'
import type { SessionSnapshot } from '../../src-shared/contract'
import { StudioCore } from '../../src-main/core/studio-core'
import { inProcessEngineFork } from '../helpers/in-process-engine'
import { snapshot } from '../helpers/sessions'

/**
 * Every StudioCall with malformed payloads, straight into the real core (the real engine handler behind
 * it), as a caller that skipped every front door would send them: each is refused with a ValidationError
 * naming the call and the field, the engine never sees it, and the core goes on answering.
 */

/** One payload per call that is wrong in exactly one place, and that place (the call's name: the whole). */
const fit = { column: 'x', dist: 'normal' }
const atParams = { column: 'x', dist: 'normal', params: { mu: 0, sigma: 1 } }
const regression = { model: 'linear', response: 'y', predictors: ['x'] }
const badSnapshot = { ...snapshot(), method: 'magic' } as unknown as SessionSnapshot
const WRONG_FIELD: Record<StudioCallName, { payload: unknown; where: string }> = {
  'workspace:get': { payload: { x: 1 }, where: 'workspace:get' },
  'dataset:reimport': { payload: { delimiter: 'x' }, where: 'delimiter' },
  'engine:list-distributions': { payload: 'all', where: 'engine:list-distributions' },
  'column:get-summary': { payload: { column: 5 }, where: 'column' },
  'model:fit': { payload: { column: 'x', dist: 5 }, where: 'dist' },
  'model:bootstrap-ci': { payload: { fit, replicates: 3 }, where: 'replicates' },
  'model:fit-all': { payload: { column: 'x', include: 'normal' }, where: 'include' },
  'model:fit-groups': { payload: { column: 'x', by: 'y', dists: [] }, where: 'dists' },
  'model:get-diagnostics': { payload: { ...atParams, params: { mu: 'zero' } }, where: 'params.mu' },
  'model:get-histogram': { payload: { ...atParams, bins: { rule: 'magic' } }, where: 'bins' },
  'model:get-likelihood-grid': {
    payload: { ...atParams, axes: [{ name: 'mu', min: 0, max: 1, steps: 1 }] },
    where: 'axes.0.steps',
  },
  'model:evaluate': { payload: { ...atParams, column: '' }, where: 'column' },
  'model:get-threshold-choice': { payload: { column: 'x', dist: 'gpd', candidates: 1 }, where: 'candidates' },
  'model:get-percentiles': {
    payload: { ...atParams, covariance: null, free: ['mu'], probabilities: [1.5], exceed: [] },
    where: 'probabilities.0',
  },
  'regression:fit': { payload: { ...regression, predictors: [] }, where: 'predictors' },
  'regression:get-grid': {
    payload: {
      request: regression,
      intercept: { min: 0, max: 1, steps: 10 },
      slope: { min: 0, max: 'one', steps: 10 },
    },
    where: 'slope.max',
  },
  'task:cancel': { payload: { task: 'not one word' }, where: 'task' },
  'engine:restart': { payload: 1, where: 'engine:restart' },
  'session:export': { payload: badSnapshot, where: 'method' },
  'session:open': { payload: { text: 5 }, where: 'text' },
  'session:confirm-source': { payload: { path: '' }, where: 'path' },
  'session:autosave': { payload: badSnapshot, where: 'method' },
  'session:is-saved': { payload: badSnapshot, where: 'method' },
  'session:get-recovery': { payload: [], where: 'session:get-recovery' },
  'session:restore-recovery': { payload: 'yes', where: 'session:restore-recovery' },
  'session:discard-recovery': { payload: { all: true }, where: 'session:discard-recovery' },
}

/** Malformed whatever the call: wrong kinds of value, unknown fields, a prototype-polluting key. */
const ANY_CALL: unknown[] = [
  42,
  'text',
  [1, 2],
  true,
  JSON.parse('{"__proto__":{"polluted":1},"column":"x"}'),
]

let dir: string
let core: StudioCore
let engine: ReturnType<typeof inProcessEngineFork>
/** Requests the engine processes were sent (heartbeat off: nothing else). */
const sent = () => engine.children.reduce((n, child) => n + child.sent.length, 0)

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mle-payloads-'))
  const csv = join(dir, 'data.csv')
  await writeFile(csv, 'x,y\n1.5,2\n2.5,3\n3.25,5\n4,7\n5.5,11\n')
  engine = inProcessEngineFork()
  core = new StudioCore({
    fork: engine.fork,
    emit: () => undefined,
    initialPath: csv,
    dataDir: join(dir, 'userdata'),
    heartbeat: null,
  })
  await core.handlers['workspace:get'](null)
})
afterAll(async () => {
  core?.dispose()
  await rm(dir, { recursive: true, force: true })
})

describe('StudioCore validates every call at its boundary', () => {
  it('has a wrong-field case for every call', () => {
    expect(Object.keys(WRONG_FIELD).sort()).toEqual([...STUDIO_CALL_NAMES].sort())
  })

  it.each(STUDIO_CALL_NAMES)(
    '%s: a payload wrong in one field is refused, naming the field',
    async (name) => {
      const before = sent()
      const { payload, where } = WRONG_FIELD[name]
      const run = core.handlers[name] as (payload: unknown) => Promise<unknown>
      const error = await run(payload).then(
        () => null,
        (e: Error) => e,
      )
      expect(error).toMatchObject({ name: 'ValidationError' })
      expect(error?.message.startsWith(`Invalid ${name}: ${where}: `)).toBe(true)
      expect(sent()).toBe(before)
    },
  )

  it.each(STUDIO_CALL_NAMES)('%s: values of the wrong kind are refused, never thrown past', async (name) => {
    const before = sent()
    const run = core.handlers[name] as (payload: unknown) => Promise<unknown>
    for (const payload of ANY_CALL) {
      await expect(run(payload)).rejects.toMatchObject({ name: 'ValidationError' })
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(sent()).toBe(before)
  })

  it('answers good requests after all of them', async () => {
    const result = await core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    expect(result.logLikelihood).toBeLessThan(0)
    expect((await core.handlers['column:get-summary']({ column: 'y' })).n).toBe(5)
    // The catalog says which families censored data rule out, in the engine's words.
    const catalog = await core.handlers['engine:list-distributions'](null)
    const problem = (id: string) => catalog.find((d) => d.id === id)?.censoredProblem
    expect(problem('poisson')).toMatch(/discrete/)
    expect(problem('gpd')).toMatch(/threshold/)
    expect(problem('weibull')).toBeUndefined()
  })
})
