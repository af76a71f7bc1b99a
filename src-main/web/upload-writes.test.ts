import { Writable } from 'node:stream'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { batchWrites } from './upload-writes'

/** A Writable that records each write call (one per `_writev` batch) and finishes it when told. */
function recorder(options: { holdWrites?: boolean } = {}) {
  const calls: number[][] = []
  const held: (() => void)[] = []
  const out = new Writable({
    highWaterMark: 1000,
    writev(chunks, done) {
      calls.push(chunks.map((c) => (c.chunk as Buffer).length))
      if (options.holdWrites) held.push(() => done())
      else done()
    },
  })
  return { out, calls, held }
}

/** Writes a chunk the way the upload does: tells `received` its size, then writes it. */
function arrive(out: Writable, received: (bytes: number) => void, bytes: number) {
  received(bytes)
  return out.write(Buffer.alloc(bytes))
}

afterEach(() => {
  vi.useRealTimers()
})

describe('batchWrites', () => {
  it('writes nothing until `every` bytes have arrived, then the gathered chunks in one call', () => {
    const { out, calls } = recorder()
    const received = batchWrites(out, 100, 1000)
    for (let i = 0; i < 3; i++) arrive(out, received, 30)
    expect(calls).toEqual([])
    // The chunk that brings the count to `every` starts the next batch.
    arrive(out, received, 30)
    expect(calls).toEqual([[30, 30, 30]])
  })

  it('writes a batch that is still short after the delay (a slow upload still reaches the engine)', () => {
    vi.useFakeTimers()
    const { out, calls } = recorder()
    const received = batchWrites(out, 100, 10)
    arrive(out, received, 5)
    arrive(out, received, 5)
    expect(calls).toEqual([])
    vi.advanceTimersByTime(10)
    expect(calls).toEqual([[5, 5]])
  })

  it('writes what is left when the stream ends', async () => {
    const { out, calls } = recorder()
    const received = batchWrites(out, 100, 1000)
    arrive(out, received, 7)
    await new Promise<void>((resolve) => out.end(resolve))
    expect(calls).toEqual([[7]])
  })

  it('keeps retrying while a write is in flight, so a paused request gets its drain', () => {
    vi.useFakeTimers()
    const { out, calls, held } = recorder({ holdWrites: true })
    const received = batchWrites(out, 100, 10)
    arrive(out, received, 60)
    arrive(out, received, 60)
    // The first batch is being written; the next one is gathered behind it, over the high-water mark.
    arrive(out, received, 60)
    expect(calls).toEqual([[60]])
    let drained = false
    expect(arrive(out, received, 1000)).toBe(false)
    out.once('drain', () => (drained = true))
    held.shift()!()
    vi.advanceTimersByTime(10)
    expect(calls).toEqual([[60], [60, 60, 1000]])
    held.shift()!()
    expect(drained).toBe(true)
  })

  it('stops its timer when the stream is destroyed', () => {
    vi.useFakeTimers()
    const { out, calls } = recorder()
    const received = batchWrites(out, 100, 10)
    arrive(out, received, 5)
    out.destroy()
    vi.advanceTimersByTime(100)
    expect(calls).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })
})
