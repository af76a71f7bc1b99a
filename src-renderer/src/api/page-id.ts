/** Where a tab keeps its page id across reloads (sessionStorage is the tab's own). */
const KEY = 'mle-studio-page'

type TabStorage = Pick<Storage, 'getItem' | 'setItem'>

/**
 * This tab's page id (`PAGE_HEADER`): the work its requests start is its own to cancel, and another tab's
 * Cancel leaves it running. A reload keeps the id, so a reloaded page can still cancel the work it started
 * before; anything else (a new tab, a duplicated one, whose sessionStorage is a copy) takes a new one. Where
 * the browser refuses storage the id is new at each load (a reloaded page then cannot cancel the work it
 * started before the reload, which runs on to its end).
 */
export function pageId(
  storage: () => TabStorage = () => sessionStorage,
  navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined,
): string {
  const fresh = `page-${crypto.randomUUID()}`
  try {
    const tab = storage()
    const kept = tab.getItem(KEY)
    if (kept && navigation?.type === 'reload') return kept
    tab.setItem(KEY, fresh)
  } catch {
    // Storage refused (blocked by the browser's settings): an id for this load only.
  }
  return fresh
}
