import { onScopeDispose, type Ref } from 'vue'
import type { RendererApi, RunningWork, SessionSnapshot, StudioEvent } from '../../../src-shared/contract'
import { fromErrorInfo } from '../../../src-shared/errors'
import { dataReplacedNotice } from './use-dataset'
import type { Status } from './use-status'

type WorkEnded = Extract<StudioEvent, { kind: 'work-ended' }>

export interface UseRunningWorkOptions {
  api: RendererApi
  status: Status
  /** A family's label by id (the catalog's), for the busy line; undefined for an unknown id. */
  labelOf: (dist: string) => string | undefined
  /** Shows the workspace a finished fit landed in. */
  show: (session: SessionSnapshot) => Promise<void>
  /** Set while a gradient-ascent fit runs, as for one the page started: its live trace is shown. */
  gradientRunning: Ref<boolean>
  /** Set while it shows another page's work (`elsewhere`): that work's progress is shown (`useEngineEvents`). */
  followOthers?: Ref<boolean>
}

/**
 * Work a page finds running when it loads (reloaded, or a second tab, while a fit, Fit all, regression,
 * bootstrap or group fit it did not start runs):
 * shown as its busy task, so the page is usable at once with the fit's progress (the core's progress events
 * fill the banner) and Cancel (`task:cancel` stops it when this tab started it, before a reload; another
 * tab's work only that tab can cancel); when the fit ends (`work-ended`) the
 * workspace it landed in is shown, or the failure or cancel said, as for a fit the page started itself.
 */
export function useRunningWork(options: UseRunningWorkOptions) {
  const { api, status, labelOf, show, gradientRunning, followOthers } = options
  /** Ends that arrived before `adopt` (the event may overtake `workspace:get`'s answer); none after it. */
  let early: Map<number, WorkEnded> | null = new Map()
  const waiting = new Map<number, (event: WorkEnded) => void>()

  onScopeDispose(
    api.onEvent((event) => {
      if (event.kind !== 'work-ended') return
      const wake = waiting.get(event.id)
      waiting.delete(event.id)
      if (wake) wake(event)
      else early?.set(event.id, event)
    }),
  )

  const ended = (work: RunningWork) =>
    early?.get(work.id) ?? new Promise<WorkEnded>((resolve) => waiting.set(work.id, resolve))

  /** Takes over the work `workspace:get` listed as running; resolves once it ended and its outcome shows. */
  async function adopt(running: readonly RunningWork[]): Promise<void> {
    const ends = running.map(ended)
    early = null
    if (ends.length === 0) return
    // As for a fit the page started: a comparison's path is not the live convergence of the shown fit.
    gradientRunning.value = running.some((w) => w.method === 'gradient' && w.purpose !== 'compare')
    if (followOthers) followOthers.value = running.some((w) => w.elsewhere)
    const label = busyLabel(running, labelOf)
    const landed = await status
      .run(label, async () => {
        const outcomes = await Promise.all(ends)
        const failed = outcomes.find((o) => o.error !== null)?.error
        if (!outcomes.some((o) => o.landed)) {
          if (failed) throw fromErrorInfo(failed)
          if (outcomes.some((o) => o.dataReplaced)) status.warn(dataReplacedNotice(label))
          return null
        }
        // The workspace it landed in (the event does not carry it: most pages ignore it).
        return (await api.call('workspace:get', null)).session
      })
      .finally(() => {
        gradientRunning.value = false
        if (followOthers) followOthers.value = false
      })
    if (landed) await show(landed)
  }

  return { adopt }
}

/**
 * What the page that started it said: `Fitting Weibull`, `Fitting all families`, `Fitting the linear
 * regression`, `Bootstrapping Gamma (999 replicates)`, `Fitting by Species`, `Fitting Gamma by lbfgs` (a
 * method comparison); `… in another tab` when only other tabs' work runs, which this tab cannot cancel.
 */
function busyLabel(running: readonly RunningWork[], labelOf: (dist: string) => string | undefined): string {
  const [first] = running
  const more = running.length - 1
  const what = workLabel(first, labelOf)
  const label = more > 0 ? `${what} and ${more} more` : what
  return running.every((w) => w.elsewhere) ? `${label} in another tab` : label
}

/** One work's busy label, word for word as its composable says it (use-fits, use-bootstrap-ci, ...). */
export function workLabel(work: RunningWork, labelOf: (dist: string) => string | undefined): string {
  if (work.kind === 'regression')
    return work.model ? `Fitting the ${work.model} regression` : `Fitting the regression of ${work.column}`
  if (work.kind === 'groups') return work.by ? `Fitting by ${work.by}` : 'Fitting each group'
  if (work.dist === null) return 'Fitting all families'
  const family = labelOf(work.dist) ?? work.dist
  if (work.purpose === 'compare' && work.method) return `Fitting ${family} by ${work.method}`
  if (work.kind !== 'bootstrap') return `Fitting ${family}`
  const b = work.replicates
  return b === undefined
    ? `Bootstrapping ${family}`
    : `Bootstrapping ${family} (${b.toLocaleString()} replicates)`
}
