import { constants, PerformanceObserver } from 'node:perf_hooks'
import { describe, expect, it } from 'vitest'
import { collectEvery, youngCollector } from './upload-memory'

describe('collectEvery', () => {
  it('collects once per `every` bytes received, whatever the chunk sizes', () => {
    let collections = 0
    const received = collectEvery(100, () => collections++)
    for (const bytes of [40, 40, 19]) received(bytes)
    expect(collections).toBe(0)
    received(1)
    expect(collections).toBe(1)
    received(250)
    expect(collections).toBe(2)
    received(99)
    expect(collections).toBe(2)
  })
  it('does nothing without a collector', () => {
    expect(() => collectEvery(1, null)(10)).not.toThrow()
  })
})

/** A 'gc' performance entry: `detail.kind` says which collection ran. */
interface GcEntry {
  detail: { kind: number }
}

describe('youngCollector', () => {
  it('runs a young-generation collection when called', async () => {
    const collect = youngCollector()
    expect(collect).toBeTypeOf('function')
    const minor: number[] = []
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if ((entry as unknown as GcEntry).detail.kind === constants.NODE_PERFORMANCE_GC_MINOR) {
          minor.push(entry.startTime)
        }
      }
    })
    observer.observe({ entryTypes: ['gc'] })
    // The call is synchronous: a collection that starts between these two moments is the one it ran.
    const before = performance.now()
    collect!()
    const after = performance.now()
    // GC entries are delivered asynchronously.
    for (let i = 0; i < 50 && !minor.some((t) => t >= before); i++)
      await new Promise((r) => setTimeout(r, 10))
    observer.disconnect()
    expect(minor.filter((t) => t >= before && t <= after)).toHaveLength(1)
  })
})
