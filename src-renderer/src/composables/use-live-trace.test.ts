import { describe, expect, it } from 'vitest'
import { effectScope, watch } from 'vue'
import { syntheticTrace } from '../../../test/support/renderer/synthetic-fits'
import { useLiveTrace } from './use-live-trace'

function fakeClock() {
  let t = 0
  const queue: (() => void)[] = []
  return {
    now: () => t,
    schedule: (cb: () => void) => queue.push(cb),
    cancelSchedule: () => undefined,
    /** One animation frame of 16 ms. */
    frame() {
      t += 16
      const run = queue.splice(0)
      for (const cb of run) cb()
    },
  }
}

describe('useLiveTrace', () => {
  it('tells where the trace is on course to be a second on, at its pace so far, and never less', async () => {
    const clock = fakeClock()
    const scope = effectScope()
    await scope.run(async () => {
      const live = useLiveTrace({ ...clock, minInterval: 0 })
      const trace = syntheticTrace(2_000, { a: 1 }, { a: 2 })
      live.push(trace.slice(0, 10), 'gamma')
      clock.frame()
      // 10 iterations in the first 16 ms: ~600 a second.
      const first = live.reach.value
      const [a, b] = [trace[0].iteration, trace[9].iteration]
      expect(first).toBeCloseTo(b + ((b - a) / 16) * 1000, 6)
      // Slower since: the reach stays (the axes it sizes never shrink while live).
      for (let f = 0; f < 20; f++) clock.frame()
      live.push(trace.slice(10, 11), 'gamma')
      clock.frame()
      expect(live.reach.value).toBe(first)
      // A new trace starts from nothing.
      live.push(trace.slice(0, 1), 'weibull')
      clock.frame()
      expect(live.reach.value).toBe(trace[0].iteration)
      live.reset()
      expect(live.reach.value).toBe(0)
    })
    scope.stop()
  })

  it('coalesces 10,000 points pushed over 2 s into about 10 updates a second (every sixth frame)', async () => {
    const clock = fakeClock()
    const scope = effectScope()
    await scope.run(async () => {
      const live = useLiveTrace(clock)
      let updates = 0
      watch(live.points, () => updates++, { flush: 'sync' })
      const trace = syntheticTrace(10_000, { a: 1 }, { a: 2 })
      // 125 frames of 16 ms = 2 s; 80 points arrive each frame.
      for (let f = 0; f < 125; f++) {
        live.push(trace.slice(f * 80, (f + 1) * 80), 'gamma')
        clock.frame()
      }
      for (let f = 0; f < 6; f++) clock.frame()
      expect(live.points.value).toHaveLength(10_000)
      expect(live.flushCount()).toBeGreaterThanOrEqual(19)
      expect(live.flushCount()).toBeLessThanOrEqual(22)
      expect(updates).toBe(live.flushCount())
      // Each update is a new array, so computed views that compare by reference recompute.
      const seen = live.points.value
      live.push(trace.slice(0, 1), 'gamma')
      for (let f = 0; f < 6; f++) clock.frame()
      expect(live.points.value).not.toBe(seen)
      expect(live.points.value).toHaveLength(10_001)
    })
    scope.stop()
  })

  it('starts over for a new family and halves beyond its capacity', () => {
    const clock = fakeClock()
    const scope = effectScope()
    scope.run(() => {
      const live = useLiveTrace({ ...clock, capacity: 100 })
      live.push(syntheticTrace(10, { a: 1 }, { a: 2 }), 'normal')
      live.push(syntheticTrace(150, { a: 1 }, { a: 2 }), 'gamma')
      clock.frame()
      expect(live.dist.value).toBe('gamma')
      expect(live.points.value.length).toBeLessThanOrEqual(100)
      expect(live.points.value.at(-1)?.iteration).toBe(150)
      live.reset()
      expect(live.points.value).toEqual([])
    })
    scope.stop()
  })
})
