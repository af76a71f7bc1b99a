import { describe, expect, it, vi } from 'vitest'
import type { EngineMessage, EngineRequest } from '../../src-shared/contract'
import { StudioError } from '../../src-shared/errors'
import { EngineHost, type EngineChild } from './engine-host'

/** An in-memory engine process: records what it was sent and lets the test answer or die. */
class FakeChild implements EngineChild {
  sent: EngineRequest[] = []
  killed = false
  private message?: (m: EngineMessage) => void
  private exit?: (reason: string) => void
  postMessage(m: EngineRequest) {
    this.sent.push(m)
  }
  onMessage(l: (m: EngineMessage) => void) {
    this.message = l
  }
  onExit(l: (reason: string) => void) {
    this.exit = l
  }
  kill() {
    this.killed = true
  }
  reply(m: EngineMessage) {
    this.message?.(m)
  }
  die(reason: string) {
    this.exit?.(reason)
  }
}

function setup(timeoutMs = 0) {
  const children: FakeChild[] = []
  const onStopped = vi.fn()
  const host = new EngineHost({
    fork: () => {
      const c = new FakeChild()
      children.push(c)
      return c
    },
    timeoutMs,
    onStopped,
  })
  return { host, children, onStopped }
}

describe('EngineHost', () => {
  it('spawns lazily and matches answers to requests by id, whatever the order', async () => {
    const { host, children } = setup()
    expect(children).toHaveLength(0)
    const a = host.request({ kind: 'summary', request: { column: 'a' } })
    const b = host.request({ kind: 'summary', request: { column: 'b' } })
    expect(children).toHaveLength(1)
    const [ra, rb] = children[0].sent
    expect(ra).toMatchObject({ id: a.id, kind: 'summary', request: { column: 'a' } })
    children[0].reply({ kind: 'result', id: rb.id, value: { column: 'b' } as never })
    children[0].reply({ kind: 'result', id: ra.id, value: { column: 'a' } as never })
    await expect(a.result).resolves.toEqual({ column: 'a' })
    await expect(b.result).resolves.toEqual({ column: 'b' })
  })

  it('turns engine errors into typed errors that keep the engine error name', async () => {
    const { host, children } = setup()
    const r = host.request({ kind: 'distributions' })
    children[0].reply({ kind: 'error', id: r.id, error: { name: 'FitError', message: 'no finite fit' } })
    const err = await r.result.catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StudioError)
    expect(err).toMatchObject({ name: 'FitError', message: 'no finite fit' })
  })

  it('passes progress to the request that asked for it', async () => {
    const { host, children } = setup()
    const onProgress = vi.fn()
    const r = host.request({ kind: 'import', path: '/x.csv' }, { onProgress })
    const progress = { task: 'import' as const, fraction: 0.5, message: 'half' }
    children[0].reply({ kind: 'progress', id: r.id, progress })
    children[0].reply({ kind: 'result', id: r.id, value: {} as never })
    await r.result
    expect(onProgress).toHaveBeenCalledWith(progress)
  })

  it('fails everything in flight when the process dies, reports it, and respawns at once', async () => {
    const { host, children, onStopped } = setup()
    const a = host.request({ kind: 'distributions' })
    const b = host.request({ kind: 'summary', request: { column: 'x' } })
    children[0].die('killed by SIGKILL')
    await expect(a.result).rejects.toMatchObject({ name: 'EngineCrashed' })
    await expect(b.result).rejects.toThrow(/stopped unexpectedly \(killed by SIGKILL\)/)
    expect(onStopped).toHaveBeenCalledWith({
      reason: 'killed by SIGKILL',
      restarted: true,
      recentCrashes: 1,
      failedRequests: 2,
    })
    // Eager restart (so the open file can be re-imported before anyone asks).
    expect(children).toHaveLength(2)
    expect(host.generation).toBe(2)
    const c = host.request({ kind: 'distributions' })
    expect(children).toHaveLength(2)
    children[1].reply({ kind: 'result', id: c.id, value: [] })
    await expect(c.result).resolves.toEqual([])
  })

  it('times out a request that gets no answer and asks the engine to cancel it', async () => {
    vi.useFakeTimers()
    try {
      const { host, children } = setup(1000)
      const r = host.request({ kind: 'summary', request: { column: 'x' } })
      const settled = r.result.catch((e: unknown) => e)
      vi.advanceTimersByTime(1001)
      expect(await settled).toMatchObject({ name: 'EngineTimeout' })
      expect(children[0].sent.at(-1)).toMatchObject({ kind: 'cancel', target: r.id })
    } finally {
      vi.useRealTimers()
    }
  })

  it('sends cancel for a running request and kills the process on dispose', async () => {
    const { host, children, onStopped } = setup()
    const r = host.request({ kind: 'fit', request: { column: 'x', dist: 'normal' } })
    const other = host.request({ kind: 'distributions' })
    host.cancel(r.id)
    expect(children[0].sent.at(-1)).toMatchObject({ kind: 'cancel', target: r.id })
    await expect(r.result).rejects.toMatchObject({ name: 'CancelledError' })
    host.dispose()
    await expect(other.result).rejects.toMatchObject({ name: 'EngineCrashed' })
    expect(children[0].killed).toBe(true)
    children[0].die('exit code 0')
    expect(onStopped).not.toHaveBeenCalled()
  })
})
