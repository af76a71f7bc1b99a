import { ref, shallowRef } from 'vue'
import type { ColumnSummary, DatasetInfo, ImportSettings, RendererApi } from '../../../src-shared/contract'
import { createEventHook } from './event-hook'
import { useAnnouncements, useOwnOpens } from './use-own-opens'
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
  const state = useDatasetState()
  const summaries = useColumnSummaries(api, status, state)

  /** Shows a newly opened file and selects its first numeric column. */
  function adopt(next: DatasetInfo): void {
    const first = firstColumn(next)
    if (!first) {
      state.show(next)
      state.setColumn(null)
      status.fail(`${next.fileName} has no numeric column to fit.`)
      return
    }
    // The import answers with the first column's summary; otherwise it is asked for before the page
    // shows the new file, so the engine sorts the column meanwhile.
    const summarizing = first.given ? null : api.call('column:get-summary', { column: first.name })
    summarizing?.catch(() => undefined) // its failure is reported where it is awaited
    state.show(next)
    state.setColumn(null)
    if (first.given) summaries.showSummary(first.name, first.given)
    else void summaries.selectColumn(first.name, summarizing ?? undefined)
  }

  /** The same file came back (an engine restart re-imported it): selections and results stay valid. */
  function replace(next: DatasetInfo): void {
    state.dataset.value = next
  }

  const { dataset, generation, column, summary, opened, columnChanged, summarized, stillOpen } = state
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
    restore: summaries.restore,
    selectColumn: summaries.selectColumn,
    stillOpen,
    ...opening,
    ...useAnnouncements(api, status, dataset, adopt, opening.ownOpens),
  }
}

/**
 * The column a newly opened file starts on (its first numeric one) and its summary when the import
 * answered with it; null when the file has no numeric column.
 */
export function firstColumn(next: DatasetInfo): { name: string; given: ColumnSummary | null } | null {
  const first = next.columns.find((c) => c.numeric)
  if (!first) return null
  return { name: first.name, given: next.firstSummary?.column === first.name ? next.firstSummary : null }
}

type DatasetState = ReturnType<typeof useDatasetState>

/** What is open and chosen, the hooks that tell of changes, and the still-open check work takes. */
function useDatasetState() {
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

  return {
    dataset,
    generation,
    column,
    summary,
    opened,
    columnChanged,
    summarized,
    show,
    setColumn,
    stillOpen,
  }
}

/** Choosing a column and describing it, and showing a session's dataset and column. */
function useColumnSummaries(api: RendererApi, status: Status, state: DatasetState) {
  const { column, summary, summarized } = state

  /** Selects `name` with the summary already at hand (no request, nothing to wait for). */
  function showSummary(name: string, given: ColumnSummary): void {
    state.setColumn(name)
    summary.value = given
    summarized.trigger(given)
  }

  /** Chooses a column and shows its summary (`asked`: the summary request already on its way). */
  async function selectColumn(name: string, asked?: Promise<ColumnSummary>): Promise<void> {
    // Choosing the column already shown keeps its results (only a new column clears them).
    if (name === column.value && summary.value?.column === name) return
    state.setColumn(name)
    const result = await summarize(name, asked)
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
    if (next) state.show(next)
    column.value = name
    summary.value = null
    if (!name || !next?.columns.some((c) => c.name === name)) return
    const result = await summarize(name)
    if (result && column.value === name) summary.value = result
  }

  /**
   * The summary of column `name` of the data open now. When another file is opened before it answers (an
   * open racing a page's start), the answer is of other data and neither it nor its failure ("Column … is
   * not in other.csv") is shown: undefined.
   */
  async function summarize(name: string, asked?: Promise<ColumnSummary>) {
    const still = state.stillOpen()
    const result = await status.run('Summarizing', () =>
      (asked ?? api.call('column:get-summary', { column: name })).catch((e: unknown) => {
        if (still()) throw e
        return undefined
      }),
    )
    return still() ? result : undefined
  }

  return { showSummary, selectColumn, restore }
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
