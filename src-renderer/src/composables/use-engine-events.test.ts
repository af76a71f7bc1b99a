import { afterEach, describe, expect, it } from 'vitest'
import { WEIGHTS } from '../../../test/support/renderer/datasets'
import { syntheticNormalFit } from '../../../test/support/renderer/synthetic-fits'
import { startedWorkspace } from '../../../test/support/renderer/workspace'

let stop: (() => void) | null = null
afterEach(() => stop?.())

describe('engine events', () => {
  it('a restart is a notice and keeps selections and results; a halt shows the restart banner', async () => {
    const s = await startedWorkspace({ 'engine:restart': WEIGHTS })
    stop = s.stop
    const { status, fits, settings, dataset, events } = s.ws
    fits.restore([syntheticNormalFit()], 'normal')
    settings.setFixed('sigma', { on: true, value: 2.5 })
    s.emit({ kind: 'engine-stopped', restarted: true, message: 'The engine stopped and was restarted.' })
    expect(status.notice.value).toBe('The engine stopped and was restarted.')
    expect(status.error.value).toBeNull()
    s.emit({ kind: 'dataset-restored', dataset: WEIGHTS, message: 'weights.csv was imported again.' })
    expect(status.notice.value).toBe('The engine stopped and was restarted. weights.csv was imported again.')
    expect(fits.fits.value).toHaveLength(1)
    expect(dataset.column.value).toBe('weight')
    expect(settings.fixed['sigma']).toEqual({ on: true, value: 2.5 })

    s.emit({ kind: 'engine-stopped', restarted: false, message: 'The engine stopped (killed).' })
    s.emit({ kind: 'engine-halted', message: 'The engine stopped 3 times.' })
    expect(status.error.value).toBe('The engine stopped (killed).')
    expect(events.halted.value).toBe('The engine stopped 3 times.')
    await events.restartEngine()
    expect(s.named('engine:restart')).toHaveLength(1)
    expect(events.halted.value).toBeNull()
    expect(status.notice.value).toBe('The engine was restarted and weights.csv was imported again.')
    expect(fits.fits.value).toHaveLength(1)
    s.emit({ kind: 'autosave-failed', message: 'Disk full.' })
    expect(status.error.value).toBe('Disk full.')
  })

  it('a re-import after a restart says only that when the restart notice was dismissed', async () => {
    const s = await startedWorkspace()
    stop = s.stop
    s.emit({ kind: 'engine-stopped', restarted: true, message: 'The engine stopped and was restarted.' })
    s.ws.status.dismiss()
    s.emit({ kind: 'dataset-restored', dataset: WEIGHTS, message: 'weights.csv was imported again.' })
    expect(s.ws.status.notice.value).toBe('weights.csv was imported again.')
  })

  it("another tab's progress never fills this page's busy line or live trace; its own does", async () => {
    const s = await startedWorkspace()
    stop = s.stop
    let finish = () => {}
    void s.ws.status.run('Fitting Gamma', () => new Promise<void>((resolve) => (finish = resolve)))
    const trace = [
      { iteration: 1, logLikelihood: -3, validationLogLikelihood: null, params: { shape: 2, rate: 1 } },
    ]
    const progress = (message: string) => ({ task: 'fit' as const, fraction: null, message, trace })
    s.emit({ kind: 'progress', progress: progress('Weibull: iteration 9'), page: 'page-a' })
    s.frames.frame()
    expect(s.ws.status.progress.value).toBeNull()
    expect(s.ws.fits.live.points.value).toEqual([])
    s.emit({ kind: 'progress', progress: { ...progress('Gamma: iteration 3'), dist: 'gamma' } })
    s.frames.frame()
    expect(s.ws.status.progress.value?.message).toBe('Gamma: iteration 3')
    expect(s.ws.fits.live.dist.value).toBe('gamma')
    finish()
  })

  it('a failed restart keeps the halt banner up with its message', async () => {
    const s = await startedWorkspace({
      'engine:restart': () => {
        throw new Error('The engine could not be started.')
      },
    })
    stop = s.stop
    s.emit({ kind: 'engine-halted', message: 'The engine stopped 3 times.' })
    await s.ws.events.restartEngine()
    expect(s.ws.events.halted.value).toBe('The engine stopped 3 times.')
    expect(s.ws.status.error.value).toBe('The engine could not be started.')
  })
})
