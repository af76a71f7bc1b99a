import { computed, onScopeDispose, ref, shallowRef } from 'vue'
import type {
  ColumnSummary,
  DatasetInfo,
  DistributionInfo,
  FitResult,
  Progress,
  RendererApi,
} from '../../../src-shared/contract'

export interface UseStudioOptions {
  api: RendererApi
}

/** Turns any thrown value into one readable line (engine errors keep their own message). */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message
  return String(e)
}

/**
 * The workspace's state and actions: the open dataset, the chosen column and its summary, the chosen
 * family and its fit, progress and errors. Components render it; only this talks to the RendererApi.
 */
export function useStudio({ api }: UseStudioOptions) {
  const dataset = shallowRef<DatasetInfo | null>(null)
  const distributions = shallowRef<DistributionInfo[]>([])
  const column = ref<string | null>(null)
  const summary = shallowRef<ColumnSummary | null>(null)
  const dist = ref('normal')
  const fit = shallowRef<FitResult | null>(null)
  const busy = ref<string | null>(null)
  const progress = shallowRef<Progress | null>(null)
  const error = ref<string | null>(null)
  const notice = ref<string | null>(null)

  const numericColumns = computed(() => dataset.value?.columns.filter((c) => c.numeric) ?? [])

  const stop = api.onEvent((event) => {
    if (event.kind === 'progress') progress.value = event.progress
    else if (event.kind === 'dataset-opened') adoptDataset(event.dataset)
    else if (event.kind === 'engine-stopped') error.value = event.message
  })
  onScopeDispose(stop)

  /** Runs one action at a time with a busy label; failures become the error line, never an exception. */
  async function run<T>(label: string, action: () => Promise<T>): Promise<T | undefined> {
    busy.value = label
    error.value = null
    try {
      return await action()
    } catch (e) {
      error.value = describeError(e)
      return undefined
    } finally {
      busy.value = null
      progress.value = null
    }
  }

  function adoptDataset(next: DatasetInfo): void {
    dataset.value = next
    fit.value = null
    summary.value = null
    column.value = null
    const first = next.columns.find((c) => c.numeric)
    if (first) void selectColumn(first.name)
    else error.value = `${next.fileName} has no numeric column to fit.`
  }

  async function start(): Promise<void> {
    await run('Loading', async () => {
      distributions.value = await api.call('engine:list-distributions', null)
      const initial = await api.call('dataset:get-initial', null)
      if (initial) adoptDataset(initial)
    })
  }

  async function openWithDialog(): Promise<void> {
    const opened = await run('Opening file', () => api.openWithDialog())
    if (opened) adoptDataset(opened)
  }

  async function openFile(file: File): Promise<void> {
    const opened = await run(`Importing ${file.name}`, () => api.openFile(file))
    if (opened) adoptDataset(opened)
  }

  async function selectColumn(name: string): Promise<void> {
    column.value = name
    fit.value = null
    summary.value = null
    const result = await run('Summarizing', () => api.call('column:get-summary', { column: name }))
    if (result && column.value === name) summary.value = result
  }

  async function runFit(): Promise<void> {
    const name = column.value
    if (!name) return
    const result = await run(`Fitting ${dist.value}`, () =>
      api.call('model:fit', { column: name, dist: dist.value }),
    )
    if (result) fit.value = result
  }

  function dismissMessages(): void {
    error.value = null
    notice.value = null
  }

  return {
    dataset,
    distributions,
    numericColumns,
    column,
    summary,
    dist,
    fit,
    busy,
    progress,
    error,
    notice,
    start,
    openWithDialog,
    openFile,
    selectColumn,
    runFit,
    dismissMessages,
  }
}

export type Studio = ReturnType<typeof useStudio>
