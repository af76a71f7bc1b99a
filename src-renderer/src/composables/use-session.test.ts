import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SessionOpened, SessionSnapshot } from '../../../src-shared/contract'
import { CATALOG } from '../../../test/support/renderer/catalog'
import { columnSummary, WEIGHTS as dataset } from '../../../test/support/renderer/datasets'
import { boundaryError, settle, type Answers } from '../../../test/support/renderer/fake-renderer-api'
import {
  syntheticLinearRegression,
  syntheticNormalFit,
  syntheticPoissonFit,
} from '../../../test/support/renderer/synthetic-fits'
import { setupWorkspace } from '../../../test/support/renderer/workspace'
import * as v from 'valibot'
import { SessionSnapshotSchema } from '../../../src-shared/shapes/session'
import { recoveryQuestion } from './use-session'

function setup(answers: Answers = {}) {
  const s = setupWorkspace(answers)
  return { ...s, session: s.ws.session }
}

/** A workspace showing a finished normal fit on `weight`, with a held parameter and an option set. */
function withFit(s: ReturnType<typeof setup>) {
  s.ws.dataset.dataset.value = dataset
  s.ws.dataset.column.value = 'weight'
  s.ws.settings.setCatalog(CATALOG)
  s.ws.settings.dist.value = 'normal'
  s.ws.settings.method.value = 'newton'
  s.ws.settings.setOption('tolerance', 1e-9)
  s.ws.settings.setFixed('sigma', { on: true, value: 2.5 })
  s.ws.fits.restore([syntheticNormalFit()], 'normal')
}

/** A new page that takes over `session` from the core (a reload or a second tab), started and settled. */
async function reloadWith(session: SessionSnapshot | null, answers: Answers = {}) {
  const page = setup({
    'workspace:get': { dataset, session },
    'column:get-summary': ({ column }) => columnSummary(column, 1, 9),
    ...answers,
  })
  await page.ws.start()
  await settle()
  return page
}

afterEach(() => vi.useRealTimers())

/**
 * A page too busy to be idle (a live chart drawing): idle callbacks wait in `idle` until the test runs
 * them. `run` gets the autosaving workspace with a fit, its queue emptied, and the pushes so far.
 */
async function onBusyPage(
  run: (s: ReturnType<typeof setup>, idle: (() => void)[], saved: number) => Promise<void>,
): Promise<void> {
  vi.useFakeTimers()
  const idle: (() => void)[] = []
  vi.stubGlobal('requestIdleCallback', (work: () => void) => idle.push(work))
  try {
    const s = setup()
    withFit(s)
    await s.session.rehydrate(undefined)
    await vi.advanceTimersByTimeAsync(1000)
    drain(idle)
    await run(s, idle, s.named('session:autosave').length)
    s.stop()
  } finally {
    vi.unstubAllGlobals()
  }
}

/** Runs idle callbacks (and those they queue) until none is left. */
function drain(idle: (() => void)[]): void {
  while (idle.length > 0) idle.shift()!()
}

describe('autosave', () => {
  it('pushes one snapshot per throttle window, waits while busy, and holds what the user chose', async () => {
    vi.useFakeTimers()
    const s = setup()
    // Nothing is pushed before the page has taken over the core's workspace (an empty page never
    // replaces the autosave).
    withFit(s)
    await vi.advanceTimersByTimeAsync(2000)
    expect(s.named('session:autosave')).toHaveLength(0)
    await s.session.rehydrate(undefined)
    await vi.advanceTimersByTimeAsync(0)
    s.ws.settings.setOption('maxIterations', 50)
    s.ws.settings.trials.value = 4
    s.ws.settings.weights.value = 'count'
    await vi.advanceTimersByTimeAsync(499)
    expect(s.named('session:autosave')).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    const pushes = s.named('session:autosave')
    expect(pushes).toHaveLength(1)
    const snap = pushes[0] as SessionSnapshot
    expect(snap).toMatchObject({
      column: 'weight',
      family: 'normal',
      method: 'newton',
      options: { tolerance: 1e-9, maxIterations: 50 },
      fixed: { sigma: 2.5 },
      trials: 4,
      ui: { active: 'normal', bins: 'fd', bootstrap: 0, mode: 'distributions' },
    })
    expect(snap.results).toHaveLength(1)

    // A running task (live trace) defers the push until it is done.
    s.ws.status.busy.value = 'Fitting Normal'
    s.ws.fits.fits.value = [...s.ws.fits.fits.value, syntheticPoissonFit()]
    await vi.advanceTimersByTimeAsync(2000)
    expect(s.named('session:autosave')).toHaveLength(1)
    s.ws.status.busy.value = null
    await vi.advanceTimersByTimeAsync(500)
    expect(s.named('session:autosave')).toHaveLength(2)
    expect((s.named('session:autosave')[1] as SessionSnapshot).results).toHaveLength(2)

    // Closing everything pushes null.
    s.ws.dataset.dataset.value = null
    s.ws.fits.fits.value = []
    await vi.advanceTimersByTimeAsync(500)
    expect(s.named('session:autosave')[2]).toBeNull()
    s.stop()
  })

  it('a change still waiting when a task starts is pushed at once (the core knows what is fitted)', async () => {
    vi.useFakeTimers()
    const s = setup()
    withFit(s)
    await s.session.rehydrate(undefined)
    await vi.advanceTimersByTimeAsync(0)
    await vi.advanceTimersByTimeAsync(1000)
    const saved = s.named('session:autosave').length
    s.ws.settings.dist.value = 'poisson'
    await vi.advanceTimersByTimeAsync(100)
    expect(s.named('session:autosave')).toHaveLength(saved)
    s.ws.status.busy.value = 'Fitting Poisson'
    await vi.advanceTimersByTimeAsync(0)
    expect(s.named('session:autosave')).toHaveLength(saved + 1)
    expect(s.named('session:autosave')[saved]).toMatchObject({ column: 'weight', family: 'poisson' })
    // Nothing more while it runs.
    await vi.advanceTimersByTimeAsync(2000)
    expect(s.named('session:autosave')).toHaveLength(saved + 1)
    s.stop()
  })

  it('a change whose push waits for an idle moment is pushed at once when a task starts', async () => {
    await onBusyPage(async (s, idle, saved) => {
      s.ws.settings.dist.value = 'poisson'
      await vi.advanceTimersByTimeAsync(600)
      expect(idle).toHaveLength(1)
      expect(s.named('session:autosave')).toHaveLength(saved)
      s.ws.status.busy.value = 'Fitting Poisson'
      await vi.advanceTimersByTimeAsync(0)
      expect(s.named('session:autosave')).toHaveLength(saved + 1)
      expect(s.named('session:autosave')[saved]).toMatchObject({ family: 'poisson' })
      // The idle callback that comes later has nothing left to push.
      drain(idle)
      expect(s.named('session:autosave')).toHaveLength(saved + 1)
    })
  })

  it('writes each new result in an idle task of its own before the push (browser mode)', async () => {
    await onBusyPage(async (s, idle, saved) => {
      s.ws.fits.fits.value = [...s.ws.fits.fits.value, syntheticPoissonFit(), { ...syntheticPoissonFit() }]
      await vi.advanceTimersByTimeAsync(600)
      // Two new results: two idle tasks write them, the third pushes.
      for (const pushes of [saved, saved, saved + 1]) {
        expect(idle).toHaveLength(1)
        idle.shift()!()
        expect(s.named('session:autosave')).toHaveLength(pushes)
      }
      expect(idle).toHaveLength(0)
      expect((s.named('session:autosave')[saved] as SessionSnapshot).results).toHaveLength(3)
    })
  })
})

function opened(sourceMessage: string | null, withData = true): SessionOpened {
  const fit = syntheticNormalFit()
  return {
    session: {
      format: 'mle-studio-session',
      version: 1,
      savedAt: '2026-11-22T16:40:00.000Z',
      source: { path: dataset.path, fileName: dataset.fileName, bytes: 1, sha256: 'ab' },
      importSettings: {},
      column: 'weight',
      family: 'normal',
      method: 'lbfgs',
      options: { seed: 7 },
      fixed: { mu: 1.5 },
      trials: null,
      results: [fit],
      regressionResults: [],
      ui: { active: 'normal', bins: 'scott', bootstrap: 20 },
    },
    sourceStatus: sourceMessage ? 'missing' : 'ok',
    sourceMessage,
    dataset: withData ? dataset : null,
  }
}

describe('reload and second tab', () => {
  it('keeps the By column, the exclusion rules and the group fit; older sessions without them load', async () => {
    const first = setup({ 'column:get-summary': ({ column }) => columnSummary(column, 1, 9) })
    withFit(first)
    first.ws.settings.setBy('weight')
    first.ws.settings.addExclusion({ kind: 'rows', rows: [[2, 4]] })
    first.ws.settings.addExclusion({ kind: 'category', column: 'count', value: '3' })
    const fit = syntheticNormalFit()
    const data = { rows: 3, used: 3 }
    first.ws.groups.restore({
      column: 'weight',
      by: 'count',
      groups: [{ group: '1', data, fits: [fit], notApplicable: [] }],
      pooled: { data, fits: [fit], notApplicable: [] },
      tests: [],
      skipped: [],
      exclusions: [{ rule: 'row 2', rows: 1 }],
    })
    const pushed = first.session.snapshot()!
    first.stop()
    expect(v.safeParse(SessionSnapshotSchema, JSON.parse(JSON.stringify(pushed))).success).toBe(true)
    const { by: _by, exclude: _exclude, groupFit: _groupFit, ...older } = pushed
    expect(v.safeParse(SessionSnapshotSchema, older).success).toBe(true)

    const reloaded = setup({
      'workspace:get': { dataset, session: pushed },
      'column:get-summary': ({ column }) => columnSummary(column, 1, 9),
    })
    await reloaded.ws.start()
    await settle()
    expect(reloaded.ws.settings.by.value).toBe('weight')
    expect(reloaded.ws.settings.exclude.value).toEqual(pushed.exclude)
    expect(reloaded.ws.groups.result.value?.by).toBe('count')
    reloaded.stop()
  })

  it('a new page takes over the core’s workspace exactly: file, selections, results and their out-of-date marks', async () => {
    const first = setup({ 'column:get-summary': ({ column }) => columnSummary(column, 1, 9) })
    withFit(first)
    const made = { column: 'weight', dist: 'normal', method: 'auto' as const, bins: 'fd' as const }
    first.ws.fits.inputs.value = { normal: { all: false, request: made } }
    first.ws.regression.restore(syntheticLinearRegression())
    first.ws.regression.set('model', 'logistic')
    first.ws.mode.value = 'regression'
    const outOfDate = first.ws.fits.outOfDate.value
    expect(outOfDate['normal']).toMatch(/fitted with method auto.*now say method newton/)
    expect(first.ws.regression.outOfDate.value).toMatch(
      /^Out of date: fitted with linear, y ~ x; .* logistic/,
    )
    const pushed = first.session.snapshot()
    first.stop()

    const reloaded = await reloadWith(pushed)
    const ws = reloaded.ws
    expect(ws.dataset.dataset.value?.fileName).toBe('weights.csv')
    expect(ws.dataset.column.value).toBe('weight')
    expect(ws.dataset.summary.value?.column).toBe('weight')
    expect(ws.settings.snapshot()).toMatchObject({
      family: 'normal',
      method: 'newton',
      fixed: { sigma: 2.5 },
    })
    expect(ws.fits.fits.value.map((f) => f.params)).toEqual(pushed!.results.map((f) => f.params))
    expect(ws.fits.active.value).toBe('normal')
    expect(ws.fits.outOfDate.value).toEqual(outOfDate)
    expect(ws.mode.value).toBe('regression')
    expect(ws.regression.model.value).toBe('logistic')
    expect(ws.regression.result.value?.model).toBe('linear')
    expect(ws.regression.outOfDate.value).toMatch(/^Out of date: fitted with linear/)
    expect(reloaded.session.snapshot()).toEqual(pushed)
    reloaded.stop()
  })

  it('results the core says are saved as a session are not unsaved in the page taking them over', async () => {
    const first = setup()
    withFit(first)
    first.ws.regression.restore(syntheticLinearRegression())
    const pushed = first.session.snapshot()
    first.stop()

    const unsaved = await reloadWith(pushed)
    expect(unsaved.session.unsaved.value).toBe(true)
    void unsaved.session.askBeforeOpen('Open rivers.csv')
    await settle()
    expect(unsaved.named('session:is-saved')).toHaveLength(1)
    expect(unsaved.session.openQuestion.value?.text).toMatch(/^Open rivers.csv\? The fit and the regression/)
    unsaved.stop()

    const saved = await reloadWith(pushed, { 'workspace:get': { dataset, session: pushed, saved: true } })
    expect(saved.ws.fits.fits.value).toHaveLength(1)
    expect(saved.session.unsaved.value).toBe(false)
    expect(saved.api.setUnsaved).not.toHaveBeenCalledWith(true)
    // Nothing to lose: the open goes on without a question.
    expect(await saved.session.askBeforeOpen('Open rivers.csv')).toBe(true)
    expect(saved.session.openQuestion.value).toBeNull()
    // A new fit is unsaved again.
    saved.ws.fits.restore([...saved.ws.fits.fits.value, syntheticPoissonFit()], 'poisson')
    await settle()
    expect(saved.session.unsaved.value).toBe(true)
    saved.stop()
  })

  it('results another page saved after this one took them over: the core says so, and nothing is asked', async () => {
    const first = setup()
    withFit(first)
    const pushed = first.session.snapshot()
    first.stop()
    const page = await reloadWith(pushed, { 'session:is-saved': () => true })
    expect(page.session.unsaved.value).toBe(true)
    expect(await page.session.askBeforeOpen('Open rivers.csv')).toBe(true)
    expect(page.session.openQuestion.value).toBeNull()
    expect(page.named('session:is-saved')[0]?.results).toEqual(pushed!.results)
    expect(page.session.unsaved.value).toBe(false)
    page.stop()
  })

  it('results another page saves while this one shows them: no longer unsaved, so leaving asks nothing', async () => {
    const first = setup()
    withFit(first)
    const pushed = first.session.snapshot()
    first.stop()
    let savedInCore = false
    const page = await reloadWith(pushed, { 'session:is-saved': () => savedInCore })
    await settle()
    expect(page.session.unsaved.value).toBe(true)
    expect(page.api.setUnsaved).toHaveBeenLastCalledWith(true)
    // A save of other results (the core says these are not saved): still unsaved.
    page.emit({ kind: 'session-saved' })
    await settle()
    expect(page.named('session:is-saved')).toHaveLength(1)
    expect(page.session.unsaved.value).toBe(true)
    // Another page saves these.
    savedInCore = true
    page.emit({ kind: 'session-saved' })
    await settle()
    expect(page.session.unsaved.value).toBe(false)
    expect(page.api.setUnsaved).toHaveBeenLastCalledWith(false)
    // Nothing unsaved: a later save elsewhere asks nothing.
    page.emit({ kind: 'session-saved' })
    await settle()
    expect(page.named('session:is-saved')).toHaveLength(2)
    page.stop()
  })

  it('keeps the Fit-all family choice, percentile inputs and bootstrap settings; older sessions load with defaults', async () => {
    const first = setup({ 'column:get-summary': ({ column }) => columnSummary(column, 1, 9) })
    withFit(first)
    first.ws.settings.chooseFitAll(['gamma', 'normal', 'beta', 'unknown'])
    first.ws.percentiles.added.value = [0.999, 0.025]
    first.ws.percentiles.exceed.value = [10, 12.5]
    first.ws.fits.bootstrapReplicates.value = 199
    first.ws.fits.bootstrapMethod.value = 'parametric'
    const pushed = first.session.snapshot()!
    first.stop()
    expect(pushed).toMatchObject({
      fitAllFamilies: ['normal', 'gamma', 'beta'],
      percentiles: { probabilities: [0.999, 0.025], exceed: [10, 12.5] },
      bootstrapCi: { replicates: 199, method: 'parametric' },
    })
    expect(v.safeParse(SessionSnapshotSchema, JSON.parse(JSON.stringify(pushed))).success).toBe(true)

    const reloaded = await reloadWith(pushed)
    const ws = reloaded.ws
    expect(ws.settings.fitAllChosen.value).toEqual(pushed.fitAllFamilies)
    expect(ws.settings.fitAllRequest('weight').only).toEqual(pushed.fitAllFamilies)
    expect(ws.percentiles.added.value).toEqual([0.999, 0.025])
    expect(ws.percentiles.exceed.value).toEqual([10, 12.5])
    expect(ws.fits.bootstrapReplicates.value).toBe(199)
    expect(ws.fits.bootstrapMethod.value).toBe('parametric')
    reloaded.stop()

    // A session from before these fields (and one that only opted the mixtures in) still loads.
    const { fitAllFamilies: _f, percentiles: _p, bootstrapCi: _b, ...older } = pushed
    const old = { ...older, ui: { ...older.ui, mixturesInFitAll: true } }
    expect(v.safeParse(SessionSnapshotSchema, old).success).toBe(true)
    const mixture = {
      ...CATALOG[0],
      id: 'normal_mixture',
      label: 'Normal mixture',
      components: { default: 2, max: 5 },
      notInFitAll: 'Mixtures are fitted only when chosen.',
    }
    const again = await reloadWith(old, { 'engine:list-distributions': [...CATALOG, mixture] })
    expect(again.ws.settings.fitAllChosen.value).toEqual([...CATALOG.map((d) => d.id), 'normal_mixture'])
    expect(again.ws.settings.fitAllRequest('weight')).toMatchObject({ include: ['normal_mixture'] })
    expect(again.ws.percentiles.added.value).toEqual([])
    expect(again.ws.fits.bootstrapReplicates.value).toBe(999)
    expect(again.ws.fits.bootstrapMethod.value).toBe('nonparametric')
    again.stop()
  })

  it('ignores unreadable saved inputs and controls instead of trusting them', async () => {
    const s = setup()
    withFit(s)
    const snap = s.session.snapshot()!
    const bad = { ...snap, ui: { ...snap.ui, inputs: '{"normal":{"all":"x"}}', regression: '[1', mode: 'x' } }
    const base = opened(null, false)
    const t = setup({ 'session:open': () => ({ ...base, session: { ...base.session, ...bad } }) })
    expect(await t.session.openText('{}')).toBe(true)
    expect(t.ws.fits.inputs.value).toEqual({})
    expect(t.ws.fits.outOfDate.value).toEqual({})
    expect(t.ws.mode.value).toBe('distributions')
    s.stop()
    t.stop()
  })
})

describe('recovery and opening', () => {
  it('asks with time, file, column, family and results; Restore shows the saved selections and results', async () => {
    const s = setup({
      'session:get-recovery': () => ({
        savedAt: '2026-11-22T16:40:00.000Z',
        fileName: 'weights.csv',
        column: 'weight',
        family: 'normal',
        results: 1,
      }),
      'session:restore-recovery': () => opened(null),
      'column:get-summary': ({ column }) => columnSummary(column, 1, 9),
    })
    await s.session.checkRecovery()
    expect(s.session.question.value).toMatch(
      /^MLE Studio did not close cleanly\. Restore the session from .+ \(weights\.csv, weight, normal, 1 result\)\?$/,
    )
    await s.session.restoreRecovery()
    expect(s.session.question.value).toBeNull()
    expect(s.ws.dataset.dataset.value).toBe(dataset)
    expect(s.ws.dataset.column.value).toBe('weight')
    expect(s.ws.settings.method.value).toBe('lbfgs')
    expect(s.ws.settings.fixed['mu']).toEqual({ on: true, value: 1.5 })
    expect(s.ws.settings.options.seed).toBe(7)
    expect(s.ws.settings.bins.value).toBe('scott')
    expect(s.ws.settings.bootstrap.value).toBe(20)
    expect(s.ws.fits.fit.value?.dist).toBe('normal')
    expect(s.ws.dataset.summary.value).not.toBeNull()
    expect(s.ws.status.notice.value).toMatch(/Session from .+ restored: 1 result\./)
    s.stop()
  })

  it('brings back a saved regression with the settings it was made with, after the new file reset regression', async () => {
    const regression = { ...syntheticLinearRegression(), response: 'weight', predictors: ['height'] }
    const withRegression = opened(null)
    withRegression.session.regressionResults = [regression]
    const s = setup({
      'session:open': withRegression,
      'column:get-summary': ({ column }) => columnSummary(column, 1, 9),
    })
    s.ws.regression.set('model', 'poisson')
    expect(await s.session.openText('{}')).toBe(true)
    expect(s.ws.regression.result.value).toBe(regression)
    expect(s.ws.regression.model.value).toBe('linear')
    expect(s.ws.regression.response.value).toBe('weight')
    expect(s.ws.regression.predictors.value).toEqual(['height'])
    expect(s.ws.status.notice.value).toMatch(/opened: 2 results\.$/)
    s.stop()
  })

  it('Discard forgets the offer; the question counts results in plain words', async () => {
    const s = setup({ 'session:get-recovery': () => null })
    await s.session.discardRecovery()
    expect(s.named('session:discard-recovery')).toHaveLength(1)
    expect(recoveryQuestion({ savedAt: 'x', fileName: null, results: 3 })).toContain(
      '(no data file, 3 results)',
    )
    const items = ['Normal fit of x (n = 5)', 'Gamma fit of x (n = 5)', 'a', 'b', 'linear regression: y ~ x']
    expect(recoveryQuestion({ savedAt: 'x', fileName: 'd.csv', results: 5, items })).toMatch(
      /\(d\.csv, 5 results\)\? It holds: Normal fit of x \(n = 5\); Gamma fit of x \(n = 5\); a; b; and 1 more\.$/,
    )
    s.stop()
  })

  it('the question goes away when another page answers it', async () => {
    const s = setup({ 'session:get-recovery': () => ({ savedAt: 'x', fileName: null, results: 1 }) })
    await s.session.checkRecovery()
    expect(s.session.question.value).toContain('1 result')
    s.emit({ kind: 'recovery-answered' })
    expect(s.session.question.value).toBeNull()
    s.stop()
  })

  it('a missing source still shows the saved results with main’s message; an invalid file changes nothing', async () => {
    const bad = boundaryError(
      'ValidationError',
      'This is not an MLE Studio session file: "format" is missing.',
    )
    let answer: () => SessionOpened = () => opened('The data file /data/weights.csv is missing.', false)
    const s = setup({ 'session:open': () => answer() })
    expect(await s.session.openText('{}')).toBe(true)
    expect(s.ws.fits.fits.value).toHaveLength(1)
    expect(s.ws.status.notice.value).toBe('The data file /data/weights.csv is missing.')
    answer = () => {
      throw bad
    }
    expect(await s.session.openText('nonsense')).toBe(false)
    expect(s.ws.status.error.value).toBe(bad.message)
    expect(s.ws.fits.fits.value).toHaveLength(1)
    s.stop()
  })

  it('saves through session:export and saveText, and says where', async () => {
    const s = setup({
      'session:export': () => ({
        text: '{}',
        suggestedName: 'weights.mlestudio.json',
        mimeType: 'application/json',
      }),
    })
    await s.session.save()
    expect(s.ws.status.error.value).toMatch(/no session to save/)
    withFit(s)
    await s.session.save()
    expect(s.named('session:export')).toHaveLength(1)
    expect(s.api.saveText).toHaveBeenCalledWith(
      expect.objectContaining({ suggestedName: 'weights.mlestudio.json' }),
    )
    expect(s.ws.status.notice.value).toBe('Session saved: weights.mlestudio.json')
    await settle()
    s.stop()
  })

  it('tells main about unsaved results: a new fit is unsaved, a saved or opened session is not', async () => {
    const s = setup({
      'session:export': () => ({
        text: '{}',
        suggestedName: 'w.mlestudio.json',
        mimeType: 'application/json',
      }),
      'session:open': () => opened(null),
    })
    expect(s.session.unsaved.value).toBe(false)
    withFit(s)
    await settle()
    expect(s.session.unsaved.value).toBe(true)
    expect(s.api.setUnsaved).toHaveBeenLastCalledWith(true)
    await s.session.save()
    await settle()
    expect(s.session.unsaved.value).toBe(false)
    expect(s.api.setUnsaved).toHaveBeenLastCalledWith(false)
    s.ws.fits.restore([syntheticNormalFit(), syntheticPoissonFit()], 'normal')
    await settle()
    expect(s.api.setUnsaved).toHaveBeenLastCalledWith(true)
    expect(await s.session.openText('{}')).toBe(true)
    await settle()
    expect(s.session.unsaved.value).toBe(false)
    expect(s.api.setUnsaved).toHaveBeenLastCalledWith(false)
    s.stop()
  })

  it('asks before importing an unconfirmed source, and shows a session main opened itself', async () => {
    const unconfirmed = {
      ...opened('The session names /data/weights.csv. Import it?', false),
      sourceStatus: 'unconfirmed',
      confirmPath: '/data/weights.csv',
    } satisfies SessionOpened
    const s = setup({ 'session:confirm-source': () => opened(null) })
    s.emit({ kind: 'session-opened', opened: unconfirmed })
    await settle()
    expect(s.ws.fits.fits.value).toHaveLength(1)
    expect(s.session.sourceQuestion.value).toEqual({
      path: '/data/weights.csv',
      message: 'The session names /data/weights.csv. Import it?',
    })
    expect(s.named('session:confirm-source')).toHaveLength(0)
    await s.session.importSource()
    expect(s.named('session:confirm-source')).toEqual([{ path: '/data/weights.csv' }])
    expect(s.session.sourceQuestion.value).toBeNull()
    s.emit({ kind: 'session-opened', opened: unconfirmed })
    await settle()
    s.session.declineSource()
    expect(s.session.sourceQuestion.value).toBeNull()
    expect(s.named('session:confirm-source')).toHaveLength(1)
    s.stop()
  })
})
