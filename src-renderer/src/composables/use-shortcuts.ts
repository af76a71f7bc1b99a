import { onScopeDispose } from 'vue'

/** One keyboard shortcut: the keys as shown to people and the predicate that recognizes them. */
export interface Shortcut {
  keys: string
  description: string
  matches: (e: KeyboardEvent) => boolean
  /** Returns false when the key is not for it after all (then it goes on to the page). */
  run: (e: KeyboardEvent) => boolean | void
  /** Also fires while the focus is in a text field (default false). */
  inFields?: boolean
}

const isField = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))

/** Listens on the window for the given shortcuts (first match wins) until the scope ends. */
export function useShortcuts(shortcuts: readonly Shortcut[]) {
  function onKey(e: KeyboardEvent): void {
    for (const s of shortcuts) {
      if (!s.matches(e)) continue
      // Typing "?" into the search box must type, not open help.
      if (isField(e.target) && !s.inFields) continue
      if (s.run(e) === false) continue
      e.preventDefault()
      return
    }
  }
  window.addEventListener('keydown', onKey)
  onScopeDispose(() => window.removeEventListener('keydown', onKey))
}

/** Ctrl (or Cmd on macOS) with `key`, optionally with Shift. */
export const mod =
  (key: string, shift = false) =>
  (e: KeyboardEvent) =>
    (e.ctrlKey || e.metaKey) && e.shiftKey === shift && !e.altKey && e.key.toLowerCase() === key.toLowerCase()

/** The tab number of Alt+1 … Alt+9 (1-based), or null for any other key. */
export function altDigit(e: KeyboardEvent): number | null {
  if (!e.altKey || !/^Digit[1-9]$/.test(e.code)) return null
  return Number(e.code.slice(5))
}
