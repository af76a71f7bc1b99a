/**
 * Long work waits at its checkpoints while an import runs, so the import has the engine (one thread) to
 * itself: a 1,000,000 x 8 import beside a running gradient fit took 5.4 s instead of 0.65 s when the two
 * shared it. The work an import replaces (its `stops`, main's choice) waits on once the import has
 * succeeded, until main cancels it; when the import fails, everything goes on where it was. A cancel
 * wakes the work it names at once (it then stops at that checkpoint), so a cancel is never held up.
 */
export function createImportHold() {
  let imports = 0
  /** Work an import that succeeded replaces: it waits for main's cancel. */
  const replaced = new Set<number>()
  let waiting: (() => void)[] = []
  const changed = () => {
    const wake = waiting
    waiting = []
    for (const resolve of wake) resolve()
  }

  return {
    /** An import starts; the function it returns ends it, with the work to keep waiting if it succeeded. */
    begin(): (stops: Iterable<number>) => void {
      imports++
      return (stops) => {
        imports--
        for (const id of stops) replaced.add(id)
        changed()
      }
    },
    /** A cancel (or the end) of request `id`: it is not waiting for one any more. */
    release(id: number): void {
      if (replaced.delete(id) || waiting.length > 0) changed()
    },
    /**
     * Null when work `id` may go on at once; else a promise that resolves when it may: no import runs and
     * none replaced it, or it was cancelled (`isCancelled`).
     */
    wait(id: number, isCancelled: () => boolean): Promise<void> | null {
      const held = () => (imports > 0 || replaced.has(id)) && !isCancelled()
      if (!held()) return null
      return (async () => {
        while (held()) await new Promise<void>((resolve) => waiting.push(resolve))
      })()
    },
  }
}

export type ImportHold = ReturnType<typeof createImportHold>
