import { finiteValues } from './import/dataset'
import { summarize } from './stats/summary'

/** Values in the warm-up column: a few rounds of them are enough for V8 to optimise the summary's loops. */
const WARM_VALUES = 50_000
const WARM_ROUNDS = 4
/** Between rounds: V8 compiles optimised code on a background thread; the next round runs it. */
const ROUND_GAP_MS = 20

/**
 * Runs what a first open runs after its import (the first column's summary: `finiteValues`, `summarize`)
 * on a small made-up column, once, while a fresh engine waits for its first request.
 *
 * Why: a fresh engine's first summary of a million values ran its loops unoptimised while V8 compiled them
 * on its background thread, which the upload's other processes keep busy on a 2-core machine: 40-170 ms
 * after the import, on the open's wait, against 1-3 ms for every later summary. Here that compile happens
 * at start-up, a few ms of CPU while nothing waits.
 */
export function warmUp(): void {
  const column = new Float64Array(WARM_VALUES)
  for (let i = 0; i < WARM_VALUES; i++) column[i] = (i % 997) / 7
  let round = 0
  const step = () => {
    summarize('warm-up', finiteValues(column))
    if (++round < WARM_ROUNDS) setTimeout(step, ROUND_GAP_MS).unref()
  }
  setTimeout(step, 0).unref()
}
