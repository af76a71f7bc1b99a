import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FitResult, RegressionResult, SessionFile } from '../../src-shared/contract'
import { MAX_POINTS } from '../../src-shared/shapes/primitives'
import { inProcessEngineFork } from '../../test/helpers/in-process-engine'
import { parseSessionText } from './session-schema'
import { StudioCore } from './studio-core'

let dir: string
let fit: FitResult
let regression: RegressionResult

/** Real engine results (the in-process engine) to build sessions from. */
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mle-session-schema-'))
  const csv = join(dir, 'data.csv')
  await writeFile(csv, 'x,y\n1.5,2\n2.5,3\n3.25,5\n4,7\n5.5,11\n6,12\n')
  const core = new StudioCore({ fork: inProcessEngineFork().fork, emit: () => undefined })
  await core.open(csv)
  fit = await core.handlers['model:fit']({ column: 'x', dist: 'gamma', method: 'newton' })
  regression = await core.handlers['regression:fit']({ model: 'linear', response: 'y', predictors: ['x'] })
  core.dispose()
})
afterAll(() => rm(dir, { recursive: true, force: true }))

function session(over: Partial<SessionFile> = {}): SessionFile {
  return {
    format: 'mle-studio-session',
    version: 1,
    savedAt: '2026-01-02T03:04:05.000Z',
    source: null,
    importSettings: {},
    column: 'x',
    family: 'gamma',
    method: 'newton',
    options: { start: { shape: 2, rate: 1 }, maxIterations: 100 },
    fixed: {},
    trials: null,
    results: [fit],
    regressionResults: [regression],
    ui: { active: 'gamma' },
    ...over,
  }
}

/** A session file's parsed JSON, as a hand-edited or crafted file may change it. */
type Json = Record<string, unknown> & { results: Record<string, unknown>[] }

/** A session's text with `edit` applied to its parsed JSON. */
function crafted(edit: (json: Json) => void): string {
  const json = JSON.parse(JSON.stringify(session())) as Json
  edit(json)
  return JSON.stringify(json)
}

describe('session files: what passes the schema renders as saved', () => {
  it('round-trips real engine results through JSON (NaN and ±Infinity come back as NaN)', () => {
    const opened = parseSessionText(JSON.stringify(session()))
    expect(opened.results[0].params).toEqual(fit.params)
    expect(opened.results[0].trace.length).toBe(fit.trace.length)
    expect(opened.regressionResults[0].coefficients).toEqual(regression.coefficients)
    // The optimizer settings keep the starting values (the old session schema dropped them).
    expect(opened.options.start).toEqual({ shape: 2, rate: 1 })
  })

  it('reads null numbers as NaN, so the types the panes use hold', () => {
    const text = crafted((j) => {
      j.results[0]['logLikelihood'] = null
      ;(j.results[0]['health'] as Record<string, unknown>)['gradientMaxAbs'] = null
    })
    const opened = parseSessionText(text)
    expect(opened.results[0].logLikelihood).toBeNaN()
    expect(opened.results[0].health.gradientMaxAbs).toBeNaN()
  })

  it('loads a minimal-but-valid session: every optional part absent or null', () => {
    const minimal = {
      ...fit,
      covariance: null,
      trace: [],
      gradient: null,
      goodnessOfFit: null,
      estimates: [],
      histogram: [],
      density: { x: [], y: [] },
      startDensity: { x: [], y: [] },
      health: { gradientMaxAbs: 0, informationPositiveDefinite: true, atBound: [], notes: [] },
    }
    const bare: RegressionResult = {
      ...regression,
      plot: null,
      linear: null,
      logistic: null,
      trace: [],
    }
    delete bare.gradient
    const opened = parseSessionText(
      JSON.stringify(session({ results: [minimal], regressionResults: [bare], ui: {} })),
    )
    expect(opened.results[0].trace).toEqual([])
    expect(opened.regressionResults[0].gradient).toBeUndefined()
  })
})

describe('session files: hostile shapes are refused with the place, never crash', () => {
  it('5,000 nested arrays inside a result (~10 KB)', () => {
    const nested = '['.repeat(5000) + ']'.repeat(5000)
    expect(nested.length).toBe(10_000)
    const text = crafted((j) => (j.results[0]['covariance'] = [[0]])).replace('[[0]]', nested)
    expect(() => parseSessionText(text)).toThrow(/nested more than 16 levels deep \(at character \d+\)/)
  })

  it.each<[string, (j: Json) => void, RegExp]>([
    ['an unknown key in a result', (j: Json) => (j.results[0]['evil'] = 1), /results\.0\.evil/],
    [
      'a trace over the size limit',
      (j: Json) =>
        (j.results[0]['trace'] = Array.from({ length: MAX_POINTS + 1 }, () => ({
          iteration: 0,
          logLikelihood: 0,
          validationLogLikelihood: null,
          params: {},
        }))),
      /results\.0\.trace/,
    ],
    [
      'a parameter record with 10,000 keys',
      (j: Json) =>
        (j.results[0]['params'] = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`p${i}`, 1]))),
      /more than 2,000 keys/,
    ],
    [
      'text inside a series',
      (j: Json) => {
        ;(j.results[0]['density'] as { x: unknown[] }).x[0] = 'rm -rf'
      },
      /"results\.0\.density\.x": a list of at most 10000 numbers/,
    ],
    [
      'text as a parameter value in the trace',
      (j: Json) => {
        ;(j.results[0]['trace'] as { params: unknown }[])[0].params = { shape: 'x' }
      },
      /results\.0\.trace\.0\.params/,
    ],
    [
      'a regression without predictors',
      (j: Json) => ((j['regressionResults'] as Record<string, unknown>[])[0]['predictors'] = []),
      /regressionResults\.0\.predictors/,
    ],
    ['a string where a number belongs', (j: Json) => (j.results[0]['n'] = '5'), /results\.0\.n/],
    [
      'a source path that is not a string',
      (j: Json) =>
        (j['source'] = { path: ['/etc/passwd'], fileName: 'x.csv', bytes: 1, sha256: '0'.repeat(64) }),
      /source\.path/,
    ],
  ])('%s', (_what, edit, where) => {
    expect(() => parseSessionText(crafted(edit))).toThrow(where)
    expect(() => parseSessionText(crafted(edit))).toThrow(expect.objectContaining({ name: 'SessionError' }))
  })
})
