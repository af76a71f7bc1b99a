import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { EngineMessage, EngineRequest } from '../../../src-shared/contract'
import { createRequestHandler } from '../handle-request'

const dir = mkdtempSync(join(tmpdir(), 'mle-hold-'))
const big = join(dir, 'big.csv')
writeFileSync(big, `x\n${Array.from({ length: 100_000 }, (_, i) => (1 + (i % 997)) / 100).join('\n')}\n`)
const other = join(dir, 'other.csv')
writeFileSync(other, 'x\n1\n2\n3.5\n')
const empty = join(dir, 'empty.csv')
writeFileSync(empty, '')

/** The real engine handler, a long gradient fit started on `big`, and a log of every message in order. */
async function fitRunning(maxIterations: number) {
  const handle = createRequestHandler()
  const log: { id: number; kind: EngineMessage['kind'] }[] = []
  const send = (request: EngineRequest) =>
    handle(request, (m) => void log.push({ id: 'id' in m ? m.id : 0, kind: m.kind }))
  await send({ id: 1, kind: 'import', path: big })
  const fit = send({
    id: 2,
    kind: 'fit',
    request: {
      column: 'x',
      dist: 'gamma',
      method: 'gradient',
      options: { maxIterations, patience: 0, tolerance: 0 },
    },
  })
  // Running: it has reported progress (so it yields at its checkpoints).
  while (!log.some((m) => m.id === 2 && m.kind === 'progress')) await new Promise((r) => setImmediate(r))
  const answer = (id: number) => log.find((m) => m.id === id && m.kind !== 'progress')
  return { send, log, fit, answer }
}

describe('long work while an import runs', () => {
  it('waits at its checkpoints during the import; once the import replacing it succeeded, until its cancel', async () => {
    const { send, log, fit, answer } = await fitRunning(1_000_000)
    const before = log.length
    await send({ id: 3, kind: 'import', path: other, stops: [2] })
    expect(answer(3)?.kind).toBe('result')
    // Nothing of the fit between the import's start and its answer: the import had the engine to itself.
    expect(log.slice(before).filter((m) => m.id === 2)).toEqual([])
    // After it, the fit waits for main's cancel (a turn of the event loop later it is still silent)...
    await new Promise((r) => setTimeout(r, 20))
    expect(log.slice(before).filter((m) => m.id === 2)).toEqual([])
    // ...and stops at once when it comes.
    await send({ id: 4, kind: 'cancel', target: 2 })
    await fit
    expect(answer(2)?.kind).toBe('error')
  })

  it('goes on where it was when the import fails (an empty file), and ends with its result', async () => {
    const { send, fit, answer } = await fitRunning(3000)
    await send({ id: 3, kind: 'import', path: empty, stops: [2] })
    expect(answer(3)?.kind).toBe('error')
    await fit
    expect(answer(2)?.kind).toBe('result')
  })

  it("a cancel during the import stops the work at once (the import's end is not waited for)", async () => {
    const { send, fit, answer } = await fitRunning(1_000_000)
    // An upload still arriving: its import waits for bytes that never come until it is cancelled.
    const importing = send({ id: 3, kind: 'import', path: other, arriving: { bytes: 10_000 }, stops: [2] })
    await send({ id: 4, kind: 'cancel', target: 2 })
    await fit
    expect(answer(2)?.kind).toBe('error')
    expect(answer(3)).toBeUndefined()
    await send({ id: 5, kind: 'cancel', target: 3 })
    await importing
  })
})
