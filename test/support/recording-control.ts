import type { Progress } from '../../src-shared/contract'
import { SILENT_CONTROL, type WorkControl } from '../../src-main/engine/control/work-control'
import { CancelledError } from '../../src-main/engine/errors'

/** A WorkControl that records progress and cancels at its next checkpoint once `cancelAfter` reports came. */
export function recordingControl(cancelAfter = Infinity): WorkControl & { progress: Progress[] } {
  const progress: Progress[] = []
  return {
    ...SILENT_CONTROL,
    progress,
    checkpoint: () =>
      progress.length >= cancelAfter
        ? Promise.reject(new CancelledError('The fit was cancelled.'))
        : Promise.resolve(),
    report: (p) => progress.push(p),
  }
}
