import { afterEach, expect, it, vi } from 'vitest'
import { warmUp } from './warm-up'

afterEach(() => vi.useRealTimers())

it('warms up on timers of its own (nothing runs in the call) and leaves none behind', () => {
  vi.useFakeTimers()
  warmUp()
  expect(vi.getTimerCount()).toBe(1)
  vi.runAllTimers()
  expect(vi.getTimerCount()).toBe(0)
})
