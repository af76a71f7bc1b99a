import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import type {
  DatasetInfo,
  RendererApi,
  SessionOpened,
  SessionSnapshot,
  StudioEvent,
} from '../../../src-shared/contract'
import { syntheticNormalFit, syntheticPoissonFit } from '../testing/synthetic-fits'
import { recoveryQuestion, useSession } from './use-session'
import { useStudio } from './use-studio'

const dataset = {
  path: '/data/weights.csv',
  fileName: 'weights.csv',
  rows: 200,
  columns: [{ name: 'weight', numeric: true }],
} as unknown as DatasetInfo

/** A fake api: records calls, answers from `answers`, and lets the test push events. */
function fakeApi(answers: Record<string, (payload: unknown) => unknown> = {}) {
  const calls: { name: string; payload: unknown }[] = []
  const listeners: ((e: StudioEvent) => void)[] = []
  const api = {
    mode: 'browser',
    call: (name: string, payload: unknown) => {
      calls.push({ name, payload })
      const answer = answers[name]
      try {
        return Promise.resolve(answer ? answer(payload) : null)
      } catch (e) {
        return Promise.reject(e)
      }
    },
    saveText: vi.fn(() => Promise.resolve('weights.mlestudio.json')),
    setUnsaved: vi.fn(() => Promise.resolve()),
    onEvent: (l: (e: StudioEvent) => void) => {
      listeners.push(l)
      return () => undefined
    },
  } as unknown as RendererApi
  const emit = (e: StudioEvent) => listeners.forEach((l) => l(e))
  const named = (name: string) => calls.filter((c) => c.name === name)
  return { api, calls, emit, named }
}

const settle = () => new Promise((r) => setTimeout(r, 0))

function setup(answers: Record<string, (payload: unknown) => unknown> = {}) {
  const fake = fakeApi(answers)
  const scope = effectScope()
  const made = scope.run(() => {
    const studio = useStudio({ api: fake.api })
    const session = useSession({ api: fake.api, studio })
    return { studio, session }
  })!
  return { ...fake, ...made, scope }
}

/** A studio showing a finished normal fit on `weight`, with a held parameter and an option set. */
function withFit(s: ReturnType<typeof setup>) {
  s.studio.dataset.value = dataset
  s.studio.column.value = 'weight'
  s.studio.dist.value = 'normal'
  s.studio.method.value = 'newton'
  s.studio.options.tolerance = 1e-9
  s.studio.fixed['sigma'] = { on: true, value: 2.5 }
  s.studio.fits.value = [syntheticNormalFit()]
  s.studio.active.value = 'normal'
}

afterEach(() => vi.useRealTimers())

describe('engine events', () => {
  it('a restart is a notice and keeps selections and results; a halt shows the restart banner', async () => {
    const s = setup({ 'engine:restart': () => dataset })
    withFit(s)
    s.emit({ kind: 'engine-stopped', restarted: true, message: 'The engine stopped and was restarted.' })
    expect(s.studio.notice.value).toMatch(/restarted/)
    expect(s.studio.error.value).toBeNull()
    s.emit({ kind: 'dataset-restored', dataset, message: 'weights.csv was imported again.' })
    expect(s.studio.notice.value).toBe(
      'The engine stopped and was restarted. weights.csv was imported again.',
    )
    expect(s.studio.fits.value).toHaveLength(1)
    expect(s.studio.column.value).toBe('weight')
    expect(s.studio.fixed['sigma']).toEqual({ on: true, value: 2.5 })

    s.emit({ kind: 'engine-stopped', restarted: false, message: 'The engine stopped (killed).' })
    s.emit({ kind: 'engine-halted', message: 'The engine stopped 3 times.' })
    expect(s.studio.error.value).toBe('The engine stopped (killed).')
    expect(s.studio.halted.value).toBe('The engine stopped 3 times.')
    await s.studio.restartEngine()
    expect(s.named('engine:restart')).toHaveLength(1)
    expect(s.studio.halted.value).toBeNull()
    expect(s.studio.fits.value).toHaveLength(1)
    s.emit({ kind: 'autosave-failed', message: 'Disk full.' })
    expect(s.studio.error.value).toBe('Disk full.')
    s.scope.stop()
  })
})

describe('autosave', () => {
  it('pushes one snapshot per throttle window, waits while busy, and holds what the user chose', async () => {
    vi.useFakeTimers()
    const s = setup()
    withFit(s)
    await vi.advanceTimersByTimeAsync(0)
    s.studio.options.maxIterations = 50
    s.studio.trials.value = 4
    s.studio.weights.value = 'count'
    await vi.advanceTimersByTimeAsync(499)
    expect(s.named('session:autosave')).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    const pushes = s.named('session:autosave')
    expect(pushes).toHaveLength(1)
    const snap = pushes[0].payload as SessionSnapshot
    expect(snap).toMatchObject({
      column: 'weight',
      family: 'normal',
      method: 'newton',
      options: { tolerance: 1e-9, maxIterations: 50 },
      fixed: { sigma: 2.5 },
      trials: 4,
      weights: 'count',
      ui: { active: 'normal', bins: 'fd', bootstrap: 0 },
    })
    expect(snap.results).toHaveLength(1)

    // A running task (live trace) defers the push until it is done.
    s.studio.busy.value = 'Fitting Normal'
    s.studio.fits.value = [...s.studio.fits.value, syntheticPoissonFit()]
    await vi.advanceTimersByTimeAsync(2000)
    expect(s.named('session:autosave')).toHaveLength(1)
    s.studio.busy.value = null
    await vi.advanceTimersByTimeAsync(500)
    expect(s.named('session:autosave')).toHaveLength(2)
    expect((s.named('session:autosave')[1].payload as SessionSnapshot).results).toHaveLength(2)

    // Closing everything pushes null.
    s.studio.dataset.value = null
    s.studio.fits.value = []
    await vi.advanceTimersByTimeAsync(500)
    expect(s.named('session:autosave')[2].payload).toBeNull()
    s.scope.stop()
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
      weights: 'count',
      results: [fit],
      regressionResults: [],
      ui: { active: 'normal', bins: 'scott', bootstrap: 20 },
    },
    sourceStatus: sourceMessage ? 'missing' : 'ok',
    sourceMessage,
    dataset: withData ? dataset : null,
  }
}

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
      'column:get-summary': () => ({ column: 'weight' }),
    })
    await s.session.checkRecovery()
    expect(s.session.question.value).toMatch(
      /^MLE Studio did not close cleanly\. Restore the session from .+ \(weights\.csv, weight, normal, 1 result\)\?$/,
    )
    await s.session.restoreRecovery()
    expect(s.session.question.value).toBeNull()
    expect(s.studio.dataset.value).toBe(dataset)
    expect(s.studio.column.value).toBe('weight')
    expect(s.studio.method.value).toBe('lbfgs')
    expect(s.studio.fixed['mu']).toEqual({ on: true, value: 1.5 })
    expect(s.studio.options.seed).toBe(7)
    expect(s.studio.bins.value).toBe('scott')
    expect(s.studio.bootstrap.value).toBe(20)
    expect(s.studio.weights.value).toBe('count')
    expect(s.studio.fit.value?.dist).toBe('normal')
    expect(s.studio.summary.value).not.toBeNull()
    expect(s.studio.notice.value).toMatch(/Session from .+ restored: 1 result\./)
    s.scope.stop()
  })

  it('Discard forgets the offer; the question counts results in plain words', async () => {
    const s = setup({ 'session:get-recovery': () => null })
    await s.session.discardRecovery()
    expect(s.named('session:discard-recovery')).toHaveLength(1)
    expect(recoveryQuestion({ savedAt: 'x', fileName: null, results: 3 })).toContain(
      '(no data file, 3 results)',
    )
    s.scope.stop()
  })

  it('a missing source still shows the saved results with main’s message; an invalid file changes nothing', async () => {
    const bad = Object.assign(new Error('This is not an MLE Studio session file: "format" is missing.'), {
      name: 'ValidationError',
    })
    let answer: () => SessionOpened = () => opened('The data file /data/weights.csv is missing.', false)
    const s = setup({ 'session:open': () => answer() })
    expect(await s.session.openText('{}')).toBe(true)
    expect(s.studio.fits.value).toHaveLength(1)
    expect(s.studio.notice.value).toBe('The data file /data/weights.csv is missing.')
    answer = () => {
      throw bad
    }
    expect(await s.session.openText('nonsense')).toBe(false)
    expect(s.studio.error.value).toBe(bad.message)
    expect(s.studio.fits.value).toHaveLength(1)
    s.scope.stop()
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
    expect(s.studio.error.value).toMatch(/no session to save/)
    withFit(s)
    await s.session.save()
    expect(s.named('session:export')).toHaveLength(1)
    expect(s.api.saveText).toHaveBeenCalledWith(
      expect.objectContaining({ suggestedName: 'weights.mlestudio.json' }),
    )
    expect(s.studio.notice.value).toBe('Session saved: weights.mlestudio.json')
    await settle()
    s.scope.stop()
  })

  it('tells main about unsaved results: a new fit is unsaved, a saved or opened session is not', async () => {
    const s = setup({
      'session:export': () => ({
        text: '{}',
        suggestedName: 'w.mlestudio.json',
        mimeType: 'application/json',
      }),
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
    s.studio.fits.value = [syntheticNormalFit(), syntheticPoissonFit()]
    await settle()
    expect(s.api.setUnsaved).toHaveBeenLastCalledWith(true)
    const opened = {
      session: { savedAt: '2026-11-22T16:40:00Z', results: [], regressionResults: [] },
      sourceStatus: 'none',
      sourceMessage: null,
      dataset: null,
    } as unknown as SessionOpened
    s.studio.applySession = () => {
      s.studio.fits.value = [syntheticNormalFit()]
      return Promise.resolve()
    }
    expect(await s.session.showOpened(opened)).toBe(true)
    await settle()
    expect(s.session.unsaved.value).toBe(false)
    expect(s.api.setUnsaved).toHaveBeenLastCalledWith(false)
    s.scope.stop()
  })
})
