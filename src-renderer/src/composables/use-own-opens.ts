import type { ShallowRef } from 'vue'
import type { DatasetInfo, RendererApi, SessionFile } from '../../../src-shared/contract'
import type { Status } from './use-status'

/**
 * The opens this page started and waits for. The core announces every open to every page
 * (`dataset-opened`) on another channel than its answer, so the announcement of this page's own open may
 * come before or after the answer: while one is on its way, announcements wait (`held`); once it is
 * answered, those before it (and its own) are older than what it shows and are dropped, those after it
 * are newer and the newest is shown (`onRelease`).
 */
export function useOwnOpens() {
  let inFlight = 0
  let held: Announced[] = []
  let release: (newest: Announced) => void = () => undefined
  const settled: (() => void)[] = []

  /**
   * Runs an open (null or undefined: it failed or was declined); `show` shows its answer as this page's own;
   * `idOf` reads the import the answer opened (default: the answer is a `DatasetInfo`).
   */
  async function run<T>(
    open: () => Promise<T | null | undefined>,
    show: (answer: T) => void | Promise<unknown>,
    idOf: (answer: T) => string | undefined = (d) => (d as DatasetInfo).id,
  ): Promise<T | null | undefined> {
    inFlight++
    try {
      return await opened(open, show, idOf)
    } finally {
      if (inFlight === 0) settled.splice(0).forEach((resolve) => resolve())
    }
  }

  /** `run`'s open, then its answer shown and the announcements held meanwhile sorted out. */
  async function opened<T>(
    open: () => Promise<T | null | undefined>,
    show: (answer: T) => void | Promise<unknown>,
    idOf: (answer: T) => string | undefined,
  ): Promise<T | null | undefined> {
    let answer: T | null | undefined
    try {
      answer = await open()
    } finally {
      inFlight--
    }
    const mine = answer == null ? undefined : idOf(answer)
    if (answer != null) await show(answer)
    const at = mine === undefined ? -1 : held.findIndex((a) => a.dataset.id === mine)
    // Announced before: what came after it is newer. Not announced yet: nothing held can be newer (the
    // core announces in the order it opened). Nothing opened: everything held is newer than the page.
    const newer = mine === undefined ? held : at >= 0 ? held.slice(at + 1) : []
    held = inFlight > 0 ? newer : []
    const newest = newer.at(-1)
    if (inFlight === 0 && newest) release(newest)
    return answer
  }

  /** Resolves once no open of this page is on its way (at once when none is). */
  function idle(): Promise<void> {
    return inFlight === 0 ? Promise.resolve() : new Promise((resolve) => settled.push(resolve))
  }

  /** True (and kept for later) while an open of this page is on its way. */
  function hold(next: Announced): boolean {
    if (inFlight === 0) return false
    held.push(next)
    return true
  }

  return { run, hold, idle, onRelease: (take: (newest: Announced) => void) => void (release = take) }
}

/** The core's `dataset-opened`: the import, and the session whose data file it is, if it is one. */
export interface Announced {
  dataset: DatasetInfo
  session?: SessionFile
}

/**
 * Files other pages opened (browser mode: another tab on the same server; Electron: File > Open, Open
 * Recent, the OS): the core announces every open, and this page shows the new file as its opener does
 * (preview, first column's summary, roles reset; a session's saved state with its data file, by
 * `showSessionsWith`), saying why in the browser.
 */
export function useAnnouncements(
  api: RendererApi,
  status: Status,
  dataset: ShallowRef<DatasetInfo | null>,
  adopt: (next: DatasetInfo) => void,
  ownOpens: ReturnType<typeof useOwnOpens>,
) {
  let showSession: ((session: SessionFile, data: DatasetInfo) => Promise<void>) | null = null
  let keepShown: (next: DatasetInfo) => void = () => undefined

  async function show({ dataset: next, session }: Announced): Promise<void> {
    if (next.id !== undefined && next.id === dataset.value?.id) return
    keepShown(next)
    // A warning just given stays in view (this page's work that the open stopped, said a moment before;
    // earlier results no longer kept, said by `keepShown`).
    const before = status.noticeTone.value === 'warn' && status.notice.value ? `${status.notice.value} ` : ''
    if (session && showSession) await showSession(session, next)
    else adopt(next)
    // In Electron it was this one window's menu or the OS: nothing to explain.
    if (api.mode !== 'browser') return
    const said = `${before}Another window opened ${session ? 'a session of ' : ''}${next.fileName}; it is shown here too.`
    if (before) status.warn(said)
    else status.inform(said)
  }
  ownOpens.onRelease((newest) => void show(newest))

  /** The core's `dataset-opened`: shown now, or once this page's own open is answered. */
  function announced(next: Announced): void {
    if (!ownOpens.hold(next)) void show(next)
  }

  return {
    announced,
    /** How a session another page opened is shown (the workspace's `applySnapshot`). */
    showSessionsWith: (apply: typeof showSession) => void (showSession = apply),
    /** Called before another page's file replaces what this page shows (its unsaved results kept). */
    beforeOthersShown: (keep: typeof keepShown) => void (keepShown = keep),
  }
}
