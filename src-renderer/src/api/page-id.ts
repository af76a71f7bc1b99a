/** Where a tab keeps its page id across reloads (sessionStorage is the tab's own). */
const KEY = 'mle-studio-page'

/**
 * This tab's page id (`PAGE_HEADER`): the work its requests start is its own to cancel, and another tab's
 * Cancel leaves it running. A reload keeps the id, so a reloaded page can still cancel the work it started
 * before; anything else (a new tab, a duplicated one, whose sessionStorage is a copy) takes a new one.
 */
export function pageId(
  storage: Pick<Storage, 'getItem' | 'setItem'> = sessionStorage,
  navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined,
): string {
  const kept = storage.getItem(KEY)
  if (kept && navigation?.type === 'reload') return kept
  const id = `page-${crypto.randomUUID()}`
  storage.setItem(KEY, id)
  return id
}
