import { afterEach, describe, expect, it } from 'vitest'
import type { FitAllResult, FitRequest, FitResult } from '../../../src-shared/contract'
import { columnSummary, WEIGHTS } from '../../../test/support/renderer/datasets'
import { boundaryError, settle } from '../../../test/support/renderer/fake-renderer-api'
import { syntheticNormalFit, syntheticPoissonFit } from '../../../test/support/renderer/synthetic-fits'
import { setupWorkspace, startedWorkspace } from '../../../test/support/renderer/workspace'

/** The engine's answer to a fit request: a synthetic fit relabelled as the requested family. */
const fitOf = (req: FitRequest, extra: Partial<FitResult> = {}): FitResult => ({
  ...syntheticNormalFit(req.column),
  dist: req.dist,
  distLabel: req.dist.toUpperCase(),
  method: req.method ?? 'auto',
  ...extra,
})

let stop: (() => void) | null = null
afterEach(() => stop?.())

describe('start-up', () => {
  it('loads the catalog and the start-up file, summarizes its first numeric column and asks about recovery', async () => {
    const s = await startedWorkspace({ 'column:get-summary': ({ column }) => columnSummary(column, 1, 9) })
    stop = s.stop
    expect(s.calls.map((c) => c.name)).toEqual([
      'engine:list-distributions',
      'workspace:get',
      'column:get-summary',
      // The taken-over state waits to be autosaved; a task (the summary) starting pushes it at once.
      'session:autosave',
      'session:get-recovery',
    ])
    expect(s.ws.dataset.column.value).toBe('weight')
    expect(s.ws.dataset.summary.value?.column).toBe('weight')
    // The catalog's first family is selected until the user picks.
    expect(s.ws.settings.dist.value).toBe('normal')
    expect(s.ws.status.busy.value).toBeNull()
  })

  it('keeps the chosen family when it applies to the new column, else takes the first that does', async () => {
    const s = await startedWorkspace({
      'column:get-summary': ({ column }) =>
        column === 'weight' ? columnSummary(column, 0.5, 9) : columnSummary(column, -3, 3),
    })
    stop = s.stop
    s.ws.settings.dist.value = 'gamma'
    await s.ws.dataset.selectColumn('weight')
    expect(s.ws.settings.dist.value).toBe('gamma')
    // height has values ≤ 0: gamma needs x > 0, so the first applicable family (normal) is taken.
    await s.ws.dataset.selectColumn('height')
    expect(s.ws.settings.dist.value).toBe('normal')
    expect(s.ws.settings.applicability.value['gamma']).toEqual({
      ok: false,
      reason: 'Gamma needs x > 0; the smallest value of height is -3.',
    })
  })

  it('says so when the file has no numeric column', async () => {
    const s = await startedWorkspace({
      'workspace:get': {
        dataset: { ...WEIGHTS, columns: WEIGHTS.columns.filter((c) => !c.numeric) },
        session: null,
      },
    })
    stop = s.stop
    expect(s.ws.status.error.value).toBe('weights.csv has no numeric column to fit.')
    expect(s.ws.dataset.column.value).toBeNull()
  })
})

describe('fitting', () => {
  it('sends what the model panel describes, without family ids: trials only where the family needs them', async () => {
    const s = await startedWorkspace({
      'column:get-summary': ({ column }) => columnSummary(column, 0, 9, true),
      'model:fit': (req) => fitOf(req),
    })
    stop = s.stop
    const { settings, fits } = s.ws
    settings.dist.value = 'poisson'
    settings.method.value = 'newton'
    settings.setOption('tolerance', 1e-9)
    settings.setOption('maxIterations', undefined)
    settings.setFixed('lambda', { on: true, value: 2 })
    settings.setFixed('p', { on: true, value: 0.3 })
    settings.trials.value = 12
    await fits.runFit()
    expect(s.named('model:fit')[0]).toEqual({
      column: 'weight',
      dist: 'poisson',
      method: 'newton',
      bins: 'fd',
      options: { tolerance: 1e-9 },
      fixed: { lambda: 2 },
    })
    settings.dist.value = 'binomial'
    await fits.runFit()
    expect(s.named('model:fit')[1]).toMatchObject({ dist: 'binomial', trials: 12, fixed: { p: 0.3 } })
    expect(fits.fits.value.map((f) => f.dist)).toEqual(['poisson', 'binomial'])
    expect(fits.fit.value?.dist).toBe('binomial')
  })

  it('refuses a family that does not apply, with the reason, and asks the engine nothing', async () => {
    const s = await startedWorkspace({ 'column:get-summary': ({ column }) => columnSummary(column, 0.5, 9) })
    stop = s.stop
    s.ws.settings.dist.value = 'poisson'
    await s.ws.fits.runFit()
    expect(s.ws.status.error.value).toBe('Poisson needs whole numbers (counts); weight has fractions.')
    expect(s.named('model:fit')).toHaveLength(0)
  })

  it('says when a fit did not converge, and that a cancelled one was cancelled (by error name, not text)', async () => {
    let answer = (req: FitRequest): FitResult => fitOf(req, { converged: false, message: 'Iteration limit.' })
    const s = await startedWorkspace({ 'model:fit': (req) => answer(req) })
    stop = s.stop
    await s.ws.fits.runFit()
    expect(s.ws.status.notice.value).toBe('NORMAL did not converge: Iteration limit.')
    // Not a success: the notice reads as a warning, never in the green of a finished task.
    expect(s.ws.status.noticeTone.value).toBe('warn')
    answer = () => {
      throw boundaryError('CancelledError', 'The fit was stopped.')
    }
    s.ws.status.inform('An earlier task finished.')
    await s.ws.fits.runFit()
    expect(s.ws.status.notice.value).toBe('Fitting Normal was cancelled before its first iteration.')
    // Nothing new was made: the notice is a warning, not the green of a finished task.
    expect(s.ws.status.noticeTone.value).toBe('warn')
    expect(s.ws.status.error.value).toBeNull()
    // A message that mentions cancelling is not a cancel: the name says what happened.
    answer = () => {
      throw boundaryError('FitError', 'Cannot cancel a fit that finished.')
    }
    await s.ws.fits.runFit()
    expect(s.ws.status.error.value).toBe('Cannot cancel a fit that finished.')
  })

  it('fit all: shows the ranking and selects the best family', async () => {
    const all: FitAllResult = {
      column: 'weight',
      fits: [syntheticNormalFit(), { ...syntheticPoissonFit('weight'), dist: 'gamma' }],
      ranking: [
        { dist: 'gamma', group: 'continuous', aic: 1, deltaAic: 0, akaikeWeight: 0.9, bic: 1 },
        { dist: 'normal', group: 'continuous', aic: 5, deltaAic: 4, akaikeWeight: 0.1, bic: 5 },
      ],
      notApplicable: [],
    }
    const s = await startedWorkspace({ 'model:fit-all': all })
    stop = s.stop
    s.ws.settings.trials.value = 5
    s.ws.settings.bootstrap.value = 100
    await s.ws.fits.runFitAll()
    expect(s.named('model:fit-all')[0]).toEqual({
      column: 'weight',
      method: 'auto',
      bins: 'fd',
      trials: 5,
      bootstrap: 100,
    })
    expect(s.ws.fits.fitAll.value).toBe(all)
    expect(s.ws.fits.active.value).toBe('gamma')
    expect(s.ws.settings.dist.value).toBe('gamma')
  })

  it('re-bins without refitting: only the histogram is asked for, with the fit it belongs to', async () => {
    const bars = [{ x0: 0, x1: 1, count: 3, density: 0.5 }]
    const s = await startedWorkspace({
      'model:fit': (req) => fitOf(req),
      'model:get-histogram': () => bars,
    })
    stop = s.stop
    await s.ws.fits.runFit()
    const fitted = s.ws.fits.fit.value!
    await s.ws.fits.rebin('scott')
    expect(s.ws.settings.bins.value).toBe('scott')
    expect(s.named('model:fit')).toHaveLength(1)
    expect(s.named('model:get-histogram')).toMatchObject([{ dist: fitted.dist, bins: 'scott' }])
    expect(s.ws.fits.fit.value?.histogram).toEqual(bars)
    expect(s.ws.fits.fit.value?.params).toEqual(fitted.params)
    expect(s.ws.fits.stale.value).toEqual([])
  })

  it('marks fits whose inputs differ from the controls as out of date, saying what changed; clears on a new column', async () => {
    const s = await startedWorkspace({ 'model:fit': (req) => fitOf(req) })
    stop = s.stop
    await s.ws.fits.runFit()
    expect(s.ws.fits.stale.value).toEqual([])
    s.ws.settings.method.value = 'lbfgs'
    expect(s.ws.fits.stale.value).toEqual(['normal'])
    expect(s.ws.fits.outOfDate.value).toEqual({
      normal: 'fitted with method auto; the controls now say method lbfgs',
    })
    s.ws.settings.method.value = 'auto'
    expect(s.ws.fits.stale.value).toEqual([])
    await s.ws.dataset.selectColumn('height')
    expect(s.ws.fits.fits.value).toEqual([])
    expect(s.ws.fits.fit.value).toBeNull()
  })
})

describe('progress and the live trace', () => {
  it('shows the latest progress once per frame while busy, and feeds the live trace of its family', async () => {
    let finish: (r: FitResult) => void = () => undefined
    const s = await startedWorkspace({ 'model:fit': () => new Promise<FitResult>((r) => (finish = r)) })
    stop = s.stop
    const running = s.ws.fits.runFit()
    const point = (i: number) => ({
      iteration: i,
      logLikelihood: -i,
      validationLogLikelihood: null,
      params: {},
    })
    for (let i = 1; i <= 3; i++) {
      s.emit({
        kind: 'progress',
        progress: {
          task: 'fit',
          fraction: null,
          message: `iteration ${i}`,
          trace: [point(i)],
          dist: 'gamma',
        },
      })
    }
    expect(s.ws.status.progress.value).toBeNull()
    s.frames.frame()
    s.frames.frame()
    s.frames.frame()
    expect(s.ws.status.progress.value?.message).toBe('iteration 3')
    expect(s.ws.fits.live.dist.value).toBe('gamma')
    expect(s.ws.fits.live.points.value.map((p) => p.iteration)).toEqual([1, 2, 3])
    finish(fitOf({ column: 'weight', dist: 'normal' }))
    await running
    expect(s.ws.status.progress.value).toBeNull()
  })

  it('stops listening when its scope ends', () => {
    const s = setupWorkspace()
    expect(s.listenerCount()).toBeGreaterThan(0)
    s.stop()
    expect(s.listenerCount()).toBe(0)
  })
})

describe('regression follows the dataset', () => {
  it('a newly opened file resets regression to its numeric columns; an engine restart does not', async () => {
    const s = await startedWorkspace()
    stop = s.stop
    const { regression, events } = s.ws
    expect(regression.response.value).toBe('height')
    expect(regression.predictors.value).toEqual(['weight'])
    regression.set('response', 'weight')
    s.emit({ kind: 'dataset-restored', dataset: WEIGHTS, message: 'weights.csv was imported again.' })
    expect(regression.response.value).toBe('weight')
    s.emit({ kind: 'dataset-opened', dataset: WEIGHTS })
    await settle()
    expect(regression.response.value).toBe('height')
    expect(events.halted.value).toBeNull()
  })
})
