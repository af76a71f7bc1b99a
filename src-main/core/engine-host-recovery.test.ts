import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakeFork } from '../../test/helpers/fake-engine'
import { EngineHost, type EngineStopInfo } from './engine-host'

const result = (id: number) => ({ kind: 'result' as const, id, value: [] })

function setup(options: Partial<ConstructorParameters<typeof EngineHost>[0]> = {}) {
  const f = fakeFork()
  const stops: EngineStopInfo[] = []
  const replaced: number[] = []
  let clock = 0
  const host = new EngineHost({
    fork: f.fork,
    now: () => clock,
    onStopped: (info) => stops.push(info),
    onReplaced: (g) => replaced.push(g),
    ...options,
  })
  return { host, ...f, stops, replaced, advance: (ms: number) => (clock += ms) }
}

afterEach(() => vi.useRealTimers())

describe('EngineHost crash handling', () => {
  it('fails the request in flight with EngineCrashed and restarts at once', async () => {
    const { host, children, stops, replaced } = setup()
    const fit = host.call({ kind: 'distributions' })
    children[0].crash()
    await expect(fit).rejects.toMatchObject({ name: 'EngineCrashed', message: /killed by SIGKILL/ })
    expect(stops).toEqual([
      { reason: 'killed by SIGKILL', restarted: true, recentCrashes: 1, failedRequests: 1 },
    ])
    // Eager: the fresh engine exists before anyone asks for it, so the dataset can be re-imported.
    expect(children).toHaveLength(2)
    expect(replaced).toEqual([2])
    const next = host.call({ kind: 'distributions' })
    children[1].reply(result(children[1].requests()[0].id))
    await expect(next).resolves.toEqual([])
  })

  it('stops restarting after 3 crashes within 5 minutes, until restart()', async () => {
    const { host, children, stops, advance } = setup()
    host.call({ kind: 'distributions' }).catch(() => undefined)
    for (let i = 0; i < 3; i++) {
      children[children.length - 1].crash()
      advance(60_000)
    }
    expect(stops.map((s) => s.restarted)).toEqual([true, true, false])
    expect(children).toHaveLength(3)
    expect(host.halted).toBe(true)
    await expect(host.call({ kind: 'distributions' })).rejects.toMatchObject({
      name: 'EngineHalted',
      message: /3 times within 5 minutes/,
    })
    expect(children).toHaveLength(3) // a halted host spawns nothing on its own
    host.restart()
    expect(children).toHaveLength(4)
    const next = host.call({ kind: 'distributions' })
    children[3].reply(result(children[3].requests()[0].id))
    await expect(next).resolves.toEqual([])
  })

  it('keeps restarting when crashes are more than 5 minutes apart', () => {
    const { host, children, stops, advance } = setup()
    host.call({ kind: 'distributions' }).catch(() => undefined)
    for (let i = 0; i < 6; i++) {
      children[children.length - 1].crash()
      advance(2.6 * 60_000)
    }
    expect(stops.every((s) => s.restarted)).toBe(true)
    expect(stops.map((s) => s.recentCrashes)).toEqual([1, 2, 2, 2, 2, 2])
  })

  it('ignores messages and exits of a process it already replaced', async () => {
    const { host, children, stops } = setup()
    const first = host.call({ kind: 'distributions' })
    const id = children[0].requests()[0].id
    children[0].crash()
    await expect(first).rejects.toThrow()
    const second = host.request({ kind: 'distributions' })
    children[0].reply(result(second.id)) // a stale process cannot answer for the new one
    children[0].crash()
    expect(stops).toHaveLength(1)
    children[1].reply(result(second.id))
    await expect(second.result).resolves.toEqual([])
    expect(id).not.toBe(second.id)
  })

  it('a fork that fails after a crash leaves the host halted with the reason, not an uncaught throw', async () => {
    const { host, children, fork } = setup()
    let broken = false
    const flaky = new EngineHost({
      fork: () => {
        if (broken) throw new Error('engine.js is missing')
        return fork()
      },
    })
    flaky.call({ kind: 'distributions' }).catch(() => undefined)
    broken = true
    expect(() => children[0].crash()).not.toThrow()
    expect(flaky.halted).toBe(true)
    await expect(flaky.call({ kind: 'distributions' })).rejects.toThrow(
      /could not be started again: engine.js is missing/,
    )
    host.dispose()
  })

  it('does not restart after dispose', async () => {
    const { host, children, stops } = setup()
    const p = host.call({ kind: 'distributions' })
    host.dispose()
    await expect(p).rejects.toMatchObject({ name: 'EngineCrashed' })
    expect(children[0].killed).toBe(true)
    expect(children).toHaveLength(1)
    expect(stops).toEqual([])
    await expect(host.call({ kind: 'distributions' })).rejects.toMatchObject({ name: 'EngineCrashed' })
  })
})

describe('EngineHost cancel and timeout', () => {
  it('cancel rejects at once and keeps the engine when it stops the work in time', async () => {
    vi.useFakeTimers()
    const { host, children, replaced } = setup({ cancelGraceMs: 120 })
    const { id, result: r } = host.request({ kind: 'import', path: '/x.csv' })
    host.cancel(id)
    await expect(r).rejects.toMatchObject({ name: 'CancelledError' })
    expect(children[0].sent.at(-1)).toMatchObject({ kind: 'cancel', target: id })
    vi.advanceTimersByTime(50)
    children[0].reply({ kind: 'error', id, error: { name: 'CancelledError', message: 'Cancelled.' } })
    vi.advanceTimersByTime(500)
    expect(children).toHaveLength(1)
    expect(children[0].killed).toBe(false)
    expect(replaced).toEqual([])
  })

  it('cancel kills and replaces an engine that keeps computing, without counting a crash', async () => {
    vi.useFakeTimers()
    const { host, children, stops, replaced } = setup({ cancelGraceMs: 120 })
    const { id, result: r } = host.request({ kind: 'distributions' })
    host.cancel(id)
    await expect(r).rejects.toMatchObject({ name: 'CancelledError' })
    vi.advanceTimersByTime(119)
    expect(children[0].killed).toBe(false)
    vi.advanceTimersByTime(1)
    expect(children[0].killed).toBe(true)
    expect(children).toHaveLength(2)
    expect(replaced).toEqual([2])
    expect(stops).toEqual([]) // an enforced cancel is not a crash
  })

  it('a request without an answer times out with a message, and the hung engine is replaced', async () => {
    vi.useFakeTimers()
    const { host, children } = setup({ timeoutMs: 1000, cancelGraceMs: 100 })
    const p = host.call({ kind: 'fit', request: { column: 'x', dist: 'normal' } })
    const caught = p.catch((e: Error) => e)
    vi.advanceTimersByTime(1000)
    const error = await caught
    expect(error).toMatchObject({ name: 'EngineTimeout' })
    expect(error.message).toMatch(/no answer to "fit" within 1 s/)
    vi.advanceTimersByTime(100)
    expect(children[0].killed).toBe(true)
    expect(children).toHaveLength(2)
  })

  it('a per-request timeout overrides the default', async () => {
    vi.useFakeTimers()
    const { host } = setup({ timeoutMs: 60_000 })
    const caught = host.call({ kind: 'distributions' }, { timeoutMs: 250 })
    const check = expect(caught).rejects.toThrow(/within 250 ms/)
    vi.advanceTimersByTime(250)
    await check
  })
})

describe('EngineHost errors', () => {
  it('an engine error fails that request only', async () => {
    const { host, children } = setup()
    const bad = host.call({ kind: 'summary', request: { column: 'nope' } })
    const good = host.call({ kind: 'distributions' })
    const [a, b] = children[0].requests()
    children[0].reply({
      kind: 'error',
      id: a.id,
      error: { name: 'RequestError', message: 'No column "nope".' },
    })
    children[0].reply(result(b.id))
    await expect(bad).rejects.toMatchObject({ name: 'RequestError', message: 'No column "nope".' })
    await expect(good).resolves.toEqual([])
    expect(children).toHaveLength(1)
  })

  it('passes progress to the request that asked for it', async () => {
    const { host, children } = setup()
    const seen: (number | null)[] = []
    const { id, result: r } = host.request(
      { kind: 'import', path: '/x.csv' },
      { onProgress: (p) => seen.push(p.fraction) },
    )
    children[0].reply({ kind: 'progress', id, progress: { task: 'import', fraction: 0.5, message: '' } })
    children[0].reply(result(id))
    await r
    expect(seen).toEqual([0.5])
  })
})

describe('EngineHost warm spare', () => {
  const tick = () => new Promise((r) => setImmediate(r))

  it('keeps one idle spare and adopts it on a crash, then prepares the next one', async () => {
    const { host, children } = setup({ warmSpare: true })
    host.call({ kind: 'distributions' }).catch(() => undefined)
    await tick()
    expect(children).toHaveLength(2) // active + spare
    expect(children[1].sent).toEqual([])
    children[0].crash()
    expect(host.pid).toBe(children[1].pid) // adopted at once, no fork on the critical path
    await tick()
    expect(children).toHaveLength(3)
    const next = host.request({ kind: 'distributions' })
    next.result.catch(() => undefined)
    expect(children[1].requests()[0]).toMatchObject({ id: next.id })
    host.dispose()
    expect(children.every((c) => c.killed)).toBe(true)
  })

  it('a spare that dies while idle is not a crash and is simply replaced later', async () => {
    const { host, children, stops } = setup({ warmSpare: true })
    host.call({ kind: 'distributions' }).catch(() => undefined)
    await tick()
    children[1].crash()
    expect(stops).toEqual([])
    children[0].crash()
    expect(host.pid).toBe(children[2].pid) // forked afresh
    host.dispose()
  })
})

describe('EngineHost heartbeat (a stopped or hung engine)', () => {
  const beat = { intervalMs: 1000, silenceMs: 5000 }
  const pings = (child: { sent: { kind: string }[] }) => child.sent.filter((m) => m.kind === 'ping').length

  it('pings a quiet engine, and one silent for silenceMs fails its work with EngineTimeout, is killed and replaced', async () => {
    vi.useFakeTimers()
    const { host, children, stops, replaced } = setup({ heartbeat: beat, now: () => Date.now() })
    const fit = host.call({ kind: 'fit', request: { column: 'x', dist: 'normal' } })
    const caught = fit.catch((e: Error) => e)
    vi.advanceTimersByTime(1000)
    expect(pings(children[0])).toBe(1)
    vi.advanceTimersByTime(4000)
    const error = await caught
    expect(error).toMatchObject({ name: 'EngineTimeout' })
    expect(error.message).toMatch(/stopped answering while working on "fit" \(no sign of life for 5 s\)/)
    expect(children[0].killed).toBe(true)
    expect(children).toHaveLength(2)
    // As after a crash: told (the renderer's notice), counted in the budget, and the data re-imported.
    expect(stops).toEqual([
      { reason: 'it gave no sign of life for 5 s', restarted: true, recentCrashes: 1, failedRequests: 1 },
    ])
    expect(replaced).toEqual([2])
  })

  it('any message is a sign of life: answered pings and progress keep a long request alive', async () => {
    vi.useFakeTimers()
    const { host, children } = setup({ heartbeat: beat, now: () => Date.now() })
    const r = host.request({ kind: 'fit', request: { column: 'x', dist: 'normal' } })
    for (let s = 0; s < 30; s++) {
      vi.advanceTimersByTime(1000)
      const ping = children[0].sent.at(-1)!
      if (s % 2 === 0 && ping.kind === 'ping') children[0].reply({ kind: 'pong', id: ping.id })
      else
        children[0].reply({
          kind: 'progress',
          id: r.id,
          progress: { task: 'fit', fraction: null, message: '' },
        })
    }
    expect(children).toHaveLength(1)
    children[0].reply(result(r.id))
    await expect(r.result).resolves.toEqual([])
  })

  it('an idle engine is never pinged nor blamed for its quiet', async () => {
    vi.useFakeTimers()
    const { host, children } = setup({ heartbeat: beat, now: () => Date.now() })
    const first = host.request({ kind: 'distributions' })
    children[0].reply(result(first.id))
    await first.result
    vi.advanceTimersByTime(60_000)
    expect(pings(children[0])).toBe(0)
    // Work after a long quiet starts a fresh clock.
    const next = host.request({ kind: 'distributions' })
    vi.advanceTimersByTime(2000)
    children[0].reply(result(next.id))
    await expect(next.result).resolves.toEqual([])
    expect(children).toHaveLength(1)
  })
})
