import { onScopeDispose, shallowRef } from 'vue'
import type { TracePoint } from '../../../src-shared/contract'

export interface UseLiveTraceOptions {
  /**
   * Fewest milliseconds between two chart updates (default 95: every sixth 60 Hz frame, ~10 a second). A
   * redraw of the live convergence chart takes 8-15 ms of CPU; while the engine computes flat out on a
   * 2-core machine, ~20 a second left the renderer, the browser's compositor and the server fighting for
   * the other core and stretched redraws past 50 ms. Ten a second still reads as motion.
   */
  minInterval?: number
  /** Most points kept; beyond it every other point is dropped (default 20,000). */
  capacity?: number
  /** Scheduler, injectable for tests (default `afterFrame`). */
  schedule?: (callback: () => void) => number
  cancelSchedule?: (handle: number) => void
  now?: () => number
}

/**
 * Runs `callback` in a task of its own about one frame later (not inside an animation frame): ECharts
 * draws the previous update in its own frame callback, so a flush there (building the next option) made
 * one long task of the two; apart, each is about half as long.
 */
function afterFrame(callback: () => void): number {
  return window.setTimeout(callback, 16)
}

/**
 * Live optimizer trace: progress events push points at any rate; subscribers see at most one update per
 * frame and per `minInterval`, so a 10,000-iteration fit redraws ~10 times a second, not 10,000.
 * Each flush publishes a fresh snapshot array in a shallowRef (never deep-reactive).
 */
export function useLiveTrace(options: UseLiveTraceOptions = {}) {
  const minInterval = options.minInterval ?? 95
  const capacity = options.capacity ?? 20_000
  const schedule = options.schedule ?? afterFrame
  const cancelSchedule = options.cancelSchedule ?? ((h: number) => clearTimeout(h))
  const now = options.now ?? (() => performance.now())

  const points = shallowRef<TracePoint[]>([])
  /** Family the live trace belongs to (fit-all runs several in turn). */
  const dist = shallowRef<string | null>(null)
  /**
   * The iteration the trace is on course to reach REACH_AHEAD_MS from the last update, at its pace so far;
   * never lower within a trace (the axes sized by it never shrink while live).
   */
  const reach = shallowRef(0)
  let startedAt = 0
  let buffer: TracePoint[] = []
  let pending: number | null = null
  let lastFlush = -Infinity
  let flushes = 0

  function flush(): void {
    pending = null
    if (now() - lastFlush < minInterval) {
      pending = schedule(flush)
      return
    }
    lastFlush = now()
    flushes++
    reach.value = Math.max(reach.value, projected(buffer, lastFlush - startedAt))
    // A new array each time: computed views downstream compare by reference, and a copy of 10,000
    // references costs microseconds.
    points.value = buffer.slice()
  }

  /** Appends points from a progress event; a new family starts a new trace. */
  function push(next: readonly TracePoint[], family: string | null = null): void {
    if (family !== dist.value || buffer.length === 0) startTrace(family)
    for (const p of next) buffer.push(p)
    if (buffer.length > capacity) buffer = buffer.filter((_, i) => i % 2 === 0 || i === buffer.length - 1)
    if (pending === null) pending = schedule(flush)
  }

  function startTrace(family: string | null): void {
    buffer = []
    dist.value = family
    reach.value = 0
    startedAt = now()
  }

  function reset(): void {
    if (pending !== null) cancelSchedule(pending)
    pending = null
    startTrace(null)
    points.value = buffer
  }

  onScopeDispose(() => {
    if (pending !== null) cancelSchedule(pending)
  })

  return { points, dist, reach, push, reset, flushCount: () => flushes }
}

/** How far ahead `reach` looks: a fit ending within it is drawn in its final axes from the start. */
const REACH_AHEAD_MS = 1000

/** The iteration `trace` reaches REACH_AHEAD_MS after `elapsed` ms of it, at its pace so far. */
function projected(trace: readonly TracePoint[], elapsed: number): number {
  if (trace.length === 0) return 0
  const first = trace[0].iteration
  const last = trace[trace.length - 1].iteration
  // The first points come in one event: no pace can be told from them alone.
  if (!(elapsed > 0) || last === first) return last
  return last + ((last - first) / elapsed) * REACH_AHEAD_MS
}

export type LiveTrace = ReturnType<typeof useLiveTrace>
