import { onScopeDispose, ref, type InjectionKey } from 'vue'
import { altDigit, mod, useShortcuts, type Shortcut } from './use-shortcuts'
import type { Workspace } from './use-workspace'

type Action =
  | 'open'
  | 'exportChart'
  | 'printReport'
  | 'saveSession'
  | 'fit'
  | 'fitAll'
  | 'escape'
  | 'copyMarkdown'
  | 'tab'
  | 'help'

/** A shortcut as data: its keys, what it does, and whether it is the page's only in the browser. */
interface ShortcutSpec extends Omit<Shortcut, 'run'> {
  action: Action
  /** Under Electron the menu's accelerator owns these keys. */
  browserOnly?: boolean
}

const SHORTCUTS: ShortcutSpec[] = [
  {
    keys: 'Ctrl+O',
    description: 'Open a CSV file',
    matches: mod('o'),
    action: 'open',
    browserOnly: true,
    inFields: true,
  },
  {
    keys: 'Ctrl+E',
    description: 'Export the shown chart (PNG, SVG or PDF as chosen)',
    matches: mod('e'),
    action: 'exportChart',
    browserOnly: true,
    inFields: true,
  },
  {
    keys: 'Ctrl+P',
    description: 'Print the report of the shown fit (a printer, or Save as PDF)',
    matches: mod('p'),
    action: 'printReport',
    browserOnly: true,
    inFields: true,
  },
  {
    keys: 'Ctrl+S',
    description: 'Save the session (selections and results) as .mlestudio.json',
    matches: mod('s'),
    action: 'saveSession',
    browserOnly: true,
    inFields: true,
  },
  {
    keys: 'Ctrl+Enter',
    description: 'Fit the selected family',
    matches: mod('enter'),
    action: 'fit',
    inFields: true,
  },
  {
    keys: 'Ctrl+Shift+Enter',
    description: 'Fit all applicable families',
    matches: mod('enter', true),
    action: 'fitAll',
    inFields: true,
  },
  {
    keys: 'Esc',
    description: 'Cancel the running task / close this help or question',
    matches: (e) => e.key === 'Escape',
    action: 'escape',
    inFields: true,
  },
  {
    keys: 'Ctrl+Shift+C',
    description: 'Copy the results as Markdown',
    matches: mod('c', true),
    action: 'copyMarkdown',
  },
  {
    keys: 'Alt+1 … Alt+9',
    description:
      'Show a chart: Density, CDF, Q-Q, P-P, Convergence, Likelihood, Explorer, Summary, Probability',
    matches: (e) => altDigit(e) !== null,
    action: 'tab',
  },
  {
    keys: '? or F1',
    description: 'Show these shortcuts',
    matches: (e) => e.key === '?' || e.key === 'F1',
    action: 'help',
  },
]

/** Opens a hidden file input (a user gesture), registered by the component that holds it. */
type Picker = () => void

/**
 * The app's commands as the toolbar, the keyboard and the Electron menu reach them: open a CSV (native
 * dialog in Electron, a file input in the browser), open or save a session, export, fit, cancel, the
 * shortcuts and their help overlay.
 */
export function useAppCommands(ws: Workspace) {
  const { api, dataset, fits, session, exports, view, status } = ws
  const helpOpen = ref(false)
  const pickers: { csv: Picker | null; session: Picker | null } = { csv: null, session: null }

  /** Electron shows the native dialog; the browser opens the hidden file input. */
  function open(): void {
    if (api.mode === 'electron') void dataset.openWithDialog()
    else pickers.csv?.()
  }
  function openSession(): void {
    pickers.session?.()
  }
  /** Called by the component holding the hidden file inputs. */
  function registerPickers(csv: Picker, sessionFile: Picker): void {
    pickers.csv = csv
    pickers.session = sessionFile
  }

  const actions: Record<Action, (e: KeyboardEvent) => boolean | void> = {
    open,
    exportChart: () => void exports.exportChart(),
    // With nothing to report, Ctrl+P stays the browser's own print.
    printReport: () => (exports.canPrintReport.value ? void exports.printReport() : false),
    saveSession: () => void session.save(),
    fit: () => void (fits.canFit.value && fits.runFit()),
    fitAll: () => void (fits.canFit.value && fits.runFitAll()),
    escape: () => {
      // The open question's Cancel: the running task goes on.
      if (session.openQuestion.value) session.openQuestion.value.answer('cancel')
      else if (helpOpen.value) helpOpen.value = false
      else if (status.busy.value) void fits.cancel()
    },
    copyMarkdown: () => void exports.copyResults('markdown'),
    // Alt+digit beyond the shown view's tabs is left to the browser (it switches browser tabs).
    tab: (e) => {
      const index = (altDigit(e) ?? 0) - 1
      if (index >= (view.current.value?.tabCount() ?? 0)) return false
      view.current.value?.selectTabByIndex(index)
    },
    help: () => void (helpOpen.value = !helpOpen.value),
  }
  const shortcuts: Shortcut[] = SHORTCUTS.map(({ action, browserOnly, ...spec }) => ({
    ...spec,
    matches: browserOnly ? (e) => api.mode === 'browser' && spec.matches(e) : spec.matches,
    run: actions[action],
  }))
  useShortcuts(shortcuts)

  onScopeDispose(
    api.onEvent((event) => {
      if (event.kind !== 'menu') return
      if (event.action === 'export') void exports.exportChart()
      else if (event.action === 'save-report') void exports.saveReport()
      else if (event.action === 'open') open()
      else if (event.action === 'save-session') void session.save()
      else if (event.action === 'open-session') openSession()
    }),
  )

  return { helpOpen, shortcuts, open, openSession, registerPickers }
}

export type AppCommands = ReturnType<typeof useAppCommands>
export const AppCommandsKey: InjectionKey<AppCommands> = Symbol('app commands')
