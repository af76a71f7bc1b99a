import { ref, shallowRef, type ShallowRef } from 'vue'
import type {
  ColumnSummary,
  DatasetInfo,
  ImportSettings,
  RendererApi,
  SessionFile,
} from '../../../src-shared/contract'
import { createEventHook } from './event-hook'
import type { Status } from './use-status'

export interface UseDatasetOptions {
  api: RendererApi
  status: Status
}

/**
 * The open dataset, its chosen column and that column's summary. Opening, re-importing and choosing go
 * through here; other composables follow by hooks: `onOpened` (a new file: views reset),
 * `onColumnChanged` (the column's results no longer apply), `onSummarized` (the user's column is described).
 */
export function useDataset({ api, status }: UseDatasetOptions) {
  const dataset = shallowRef<DatasetInfo | null>(null)
  /** Counts files opened or re-imported (not engine restarts): views keyed on it reset on a change. */
  const generation = ref(0)
  const column = ref<string | null>(null)
  const summary = shallowRef<ColumnSummary | null>(null)
  const opened = createEventHook<DatasetInfo>()
  const columnChanged = createEventHook<string | null>()
  const summarized = createEventHook<ColumnSummary>()

  function show(next: DatasetInfo): void {
    dataset.value = next
    generation.value++
    opened.trigger(next)
  }

  function setColumn(name: string | null): void {
    column.value = name
    summary.value = null
    columnChanged.trigger(name)
  }

  /** Shows a newly opened file and selects its first numeric column. */
  function adopt(next: DatasetInfo): void {
    const first = next.columns.find((c) => c.numeric)
    if (!first) {
      show(next)
      setColumn(null)
      status.fail(`${next.fileName} has no numeric column to fit.`)
      return
    }
    const given = next.firstSummary?.column === first.name ? next.firstSummary : null
    // The import answers with the first column's summary; otherwise it is asked for before the page
    // shows the new file, so the engine sorts the column meanwhile.
    const summarizing = given ? null : api.call('column:get-summary', { column: first.name })
    summarizing?.catch(() => undefined) // its failure is reported where it is awaited
    show(next)
    setColumn(null)
    if (given) showSummary(first.name, given)
    else void selectColumn(first.name, summarizing ?? undefined)
  }

  /** Selects `name` with the summary already at hand (no request, nothing to wait for). */
  function showSummary(name: string, given: ColumnSummary): void {
    setColumn(name)
    summary.value = given
    summarized.trigger(given)
  }

  /** The same file came back (an engine restart re-imported it): selections and results stay valid. */
  function replace(next: DatasetInfo): void {
    dataset.value = next
  }

  /**
   * A check taken when work starts: is the data open then still open when its answer comes (no other file
   * opened, no re-import)? By the core's import id (`DatasetInfo.id`, kept across engine restarts), as the
   * core lands work (`sameData`): an answer of the old data is never shown against the new.
   */
  function stillOpen(): () => boolean {
    const id = dataset.value?.id
    const started = generation.value
    return () => (id !== undefined ? dataset.value?.id === id : generation.value === started)
  }

  /** Chooses a column and shows its summary (`asked`: the summary request already on its way). */
  async function selectColumn(name: string, asked?: Promise<ColumnSummary>): Promise<void> {
    // Choosing the column already shown keeps its results (only a new column clears them).
    if (name === column.value && summary.value?.column === name) return
    setColumn(name)
    const result = await status.run(
      'Summarizing',
      () => asked ?? api.call('column:get-summary', { column: name }),
    )
    if (result && column.value === name) {
      summary.value = result
      summarized.trigger(result)
    }
  }

  /**
   * Shows a session's dataset (null when its file is missing) and column; the summary follows when the
   * column is in the dataset. Settings and results are restored by their owners, not reset by hooks here.
   */
  async function restore(next: DatasetInfo | null, name: string | null): Promise<void> {
    if (next) show(next)
    column.value = name
    summary.value = null
    if (!name || !next?.columns.some((c) => c.name === name)) return
    const result = await status.run('Summarizing', () => api.call('column:get-summary', { column: name }))
    if (result && column.value === name) summary.value = result
  }

  const opening = useOpening(api, status, adopt, () => dataset.value?.fileName ?? 'the file')
  return {
    dataset,
    generation,
    column,
    summary,
    onOpened: opened.on,
    onColumnChanged: columnChanged.on,
    onSummarized: summarized.on,
    adopt,
    replace,
    restore,
    selectColumn,
    stillOpen,
    ...opening,
    ...useAnnouncements(api, status, dataset, adopt, opening.ownOpens),
  }
}

/**
 * Asks before an open replaces unsaved results; `action` is what the user asked for ("Open rivers.csv",
 * "Re-import survey.ods"). True: go on.
 */
export type ReplaceGuard = (action: string) => Promise<boolean>

/**
 * Opening a file (the dialog, an upload, a re-import with new settings): asked about first when results
 * would be lost (`guardOpens`), then shown by `adopt`. Each open this page starts goes through `ownOpens`,
 * so the core's announcement of it (`dataset-opened`) is not taken for another window's.
 */
function useOpening(
  api: RendererApi,
  status: Status,
  adopt: (next: DatasetInfo) => void,
  openName: () => string,
) {
  let guard: ReplaceGuard = () => Promise.resolve(true)
  const ownOpens = useOwnOpens()

  async function openWithDialog(): Promise<void> {
    if (!(await guard('Open another file'))) return
    await ownOpens.run(() => status.run('Opening file', () => api.openWithDialog()), adopt)
  }

  async function openFile(file: File): Promise<void> {
    // In the browser the picker has returned the File: asked before anything is uploaded.
    if (!(await guard(`Open ${file.name}`))) return
    await ownOpens.run(() => status.run(`Importing ${file.name}`, () => api.openFile(file)), adopt)
  }

  /** Re-imports the open file with the user's settings (detected values fill the rest). */
  async function reimport(settings: ImportSettings): Promise<void> {
    if (!(await guard(`Re-import ${openName()}`))) return
    await ownOpens.run(
      () => status.run('Re-importing', () => api.call('dataset:reimport', settings)),
      (next) => {
        adopt(next)
        status.inform(
          `Re-imported ${next.fileName}: ${next.rows.toLocaleString()} rows, ${next.columns.length} columns.`,
        )
      },
    )
  }

  return {
    openWithDialog,
    openFile,
    reimport,
    ownOpens,
    /** Sets the question asked before an open replaces unsaved results (the workspace's). */
    guardOpens: (ask: ReplaceGuard) => void (guard = ask),
  }
}

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

  /** True (and kept for later) while an open of this page is on its way. */
  function hold(next: Announced): boolean {
    if (inFlight === 0) return false
    held.push(next)
    return true
  }

  return { run, hold, onRelease: (take: (newest: Announced) => void) => void (release = take) }
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
function useAnnouncements(
  api: RendererApi,
  status: Status,
  dataset: ShallowRef<DatasetInfo | null>,
  adopt: (next: DatasetInfo) => void,
  ownOpens: ReturnType<typeof useOwnOpens>,
) {
  let showSession: ((session: SessionFile, data: DatasetInfo) => Promise<void>) | null = null

  async function show({ dataset: next, session }: Announced): Promise<void> {
    if (next.id !== undefined && next.id === dataset.value?.id) return
    // A warning just given stays in view (this page's work that the open stopped, said a moment before).
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
  }
}

export type Dataset = ReturnType<typeof useDataset>

/** `Dataset.stillOpen`: taken when work starts, asked when its answer comes. */
export type StillOpen = () => () => boolean

/** Work that knows no dataset (a composable under test alone): every answer is of the open data. */
export const ALWAYS_OPEN: StillOpen = () => () => true

/**
 * Why an answer is not shown: another file was opened (or this one re-imported) while its work ran, so it
 * is of data no longer open. The same words wherever such an answer is refused (a reloaded page too).
 */
export function dataReplacedNotice(label: string): string {
  return `${label} ended after another file was opened: its result is of the earlier data and is not shown.`
}
