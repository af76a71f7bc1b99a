import { vi } from 'vitest'
import type {
  ErrorName,
  RendererApi,
  StudioCallName,
  StudioCalls,
  StudioEvent,
} from '../../../src-shared/contract'

/** An answer to one call: a value, or a function of the payload that returns one or throws. */
type Answer<K extends StudioCallName> =
  | StudioCalls[K]['result']
  | ((payload: StudioCalls[K]['payload']) => StudioCalls[K]['result'] | Promise<StudioCalls[K]['result']>)
export type Answers = { [K in StudioCallName]?: Answer<K> }

/** Answers of calls whose result is never null, unless a test gives its own. */
const DEFAULT_ANSWERS: Answers = { 'task:cancel': { stopped: 0, elsewhere: 0 } }

/**
 * A RendererApi for unit tests of the renderer's composables, without a DOM or an engine: records every
 * call, answers from `answers` (else `DEFAULT_ANSWERS`, else null), and lets the test push StudioEvents.
 */
export function fakeApi(answers: Answers = {}, mode: RendererApi['mode'] = 'browser') {
  const calls: { name: StudioCallName; payload: unknown }[] = []
  const listeners = new Set<(e: StudioEvent) => void>()
  const call = (name: StudioCallName, payload: unknown): Promise<unknown> => {
    calls.push({ name, payload })
    const answer = (answers[name] ?? DEFAULT_ANSWERS[name]) as unknown
    try {
      return Promise.resolve(
        typeof answer === 'function' ? (answer as (p: unknown) => unknown)(payload) : (answer ?? null),
      )
    } catch (e) {
      return Promise.reject(e)
    }
  }
  const api: RendererApi = {
    mode,
    call: call as RendererApi['call'],
    openWithDialog: vi.fn(() => Promise.resolve(null)),
    openFile: vi.fn(() => Promise.reject(new Error('This test opens no file.'))),
    savePng: vi.fn((png) => Promise.resolve(png.suggestedName)),
    saveText: vi.fn((file) => Promise.resolve(file.suggestedName)),
    saveReport: vi.fn((report) => Promise.resolve(report.suggestedName)),
    setUnsaved: vi.fn(() => Promise.resolve()),
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return {
    api,
    calls,
    /** Pushes an event to every subscriber, as main does. */
    emit: (event: StudioEvent) => listeners.forEach((l) => l(event)),
    /** The payloads of the calls named `name`, in order. */
    named: <K extends StudioCallName>(name: K) =>
      calls.filter((c) => c.name === name).map((c) => c.payload as StudioCalls[K]['payload']),
    listenerCount: () => listeners.size,
  }
}

/** An Error as the api rethrows one that crossed a boundary: the engine's message and error name. */
export function boundaryError(name: ErrorName, message: string): Error {
  return Object.assign(new Error(message), { name })
}

/** Animation frames the test advances by hand (`frame()`), 16 ms apart. */
export function manualFrames() {
  let t = 0
  let next = 1
  const queue = new Map<number, () => void>()
  return {
    now: () => t,
    schedule: (cb: () => void) => {
      queue.set(next, cb)
      return next++
    },
    cancelSchedule: (handle: number) => void queue.delete(handle),
    frame() {
      t += 16
      const run = [...queue.values()]
      queue.clear()
      for (const cb of run) cb()
    },
  }
}

/** Lets pending promise callbacks (fake engine answers) run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
