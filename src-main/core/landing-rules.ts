import type {
  BootstrapCi,
  BootstrapCiRequest,
  FitAllRequest,
  FitAllResult,
  FitRequest,
  FitResult,
  GroupFitRequest,
  GroupFitResult,
  RegressionRequest,
  RegressionResult,
  SessionSnapshot,
} from '../../src-shared/contract'

/**
 * Where a finished result goes in the workspace a page last pushed. Each rule returns the workspace with the
 * result in it, as the page would have kept it, or null to leave it (the page moved on: another file or
 * another selection). They read what pages push (`ui` entries are JSON a page wrote): anything unreadable
 * lands nothing.
 */

/**
 * The import a piece of work ran on (`DatasetInfo.id`, taken when it started) and the one open when it
 * ended; null when none was open.
 */
export interface RanOn {
  started: string | null
  now: string | null
}

/**
 * Asked before every rule (`StudioCore.land`): the work ran on the import the workspace is of, and that import is still
 * open. Column names say nothing about which file they are of: another file (or the same file re-imported
 * with other settings) opened meanwhile may have the same columns, and a result of the old data shown
 * against the new would be a wrong number. A workspace that names no import (nothing open) takes nothing.
 */
export function sameData(ws: SessionSnapshot, data: RanOn): boolean {
  return data.started !== null && data.now === data.started && ws.datasetId === data.started
}

/**
 * A fit of the selection the workspace holds when it ends (column, family and method the page last pushed)
 * is its page's main fit: it replaces the family's fit and is shown. A comparison by another method
 * (`purpose: 'compare'`), another family or another column leave the workspace to the page.
 */
export function withFit(ws: SessionSnapshot, request: FitRequest, result: FitResult): SessionSnapshot | null {
  if (request.purpose === 'compare') return null
  const selected =
    ws.column === request.column && ws.family === request.dist && ws.method === (request.method ?? 'auto')
  if (!selected) return null
  return {
    ...ws,
    results: [...ws.results.filter((f) => f.dist !== result.dist), result],
    ui: { ...ws.ui, active: result.dist },
  }
}

/** Fit all of the workspace's column, as the page keeps it: its fits replace the column's, the best by AIC shown and selected. */
export function withFitAll(
  ws: SessionSnapshot,
  request: FitAllRequest,
  result: FitAllResult,
): SessionSnapshot | null {
  if (ws.column !== request.column) return null
  const best = result.ranking[0]?.dist ?? result.fits[0]?.dist ?? null
  return { ...ws, family: best ?? ws.family, results: result.fits, ui: { ...ws.ui, active: best } }
}

/** The regression controls a page pushes in its snapshot (`ui.regression`, JSON): the panel and what was fitted. */
interface PushedControls {
  panel: Record<string, unknown>
  fittedWith: unknown
}

/** The page's pushed regression controls, or null when absent or unreadable (then nothing lands). */
function pushedControls(ws: SessionSnapshot): PushedControls | null {
  const text = ws.ui['regression']
  if (typeof text !== 'string') return null
  try {
    const parsed = JSON.parse(text) as unknown
    if (typeof parsed !== 'object' || parsed === null) return null
    const panel = (parsed as { panel?: unknown }).panel
    if (typeof panel !== 'object' || panel === null) return null
    return {
      panel: panel as Record<string, unknown>,
      fittedWith: (parsed as { fittedWith?: unknown }).fittedWith,
    }
  } catch {
    return null
  }
}

/** The controls of a request as the panel holds them (the request's defaults filled in). */
function asPanel(r: RegressionRequest) {
  return {
    model: r.model,
    response: r.response,
    predictors: r.predictors,
    intercept: r.intercept ?? true,
    exposure: r.exposure ?? null,
    method: r.method ?? 'newton',
  }
}

/**
 * The workspace with a finished regression landed in it, or null to leave it: a regression lands when the
 * page's regression panel (the last snapshot it pushed) still describes that request, as the page would have
 * kept it (the result, and the request it was fitted with, so it does not read as out of date).
 */
export function withRegression(
  ws: SessionSnapshot,
  request: RegressionRequest,
  result: RegressionResult,
): SessionSnapshot | null {
  const controls = pushedControls(ws)
  if (!controls) return null
  const want = asPanel(request)
  // The panel keeps an exposure column while another model is chosen; only a Poisson request uses it.
  const panel: Record<string, unknown> = {
    ...controls.panel,
    exposure: controls.panel['model'] === 'poisson' ? controls.panel['exposure'] : null,
  }
  const same = (Object.keys(want) as (keyof typeof want)[]).every(
    (k) => JSON.stringify(panel[k] ?? null) === JSON.stringify(want[k]),
  )
  if (!same) return null
  const regression = JSON.stringify({ ...controls, fittedWith: request })
  return { ...ws, regressionResults: [result], ui: { ...ws.ui, regression } }
}

/**
 * JSON with object keys sorted: the same request compares equal whatever order its keys came in (and a
 * result the core landed, the engine's object, the same as the page's copy of it: `SavedMark`).
 */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )
}

/** What the page says a fit was made with (`ui.inputs[dist]`: `{ all, request }`), as a fit request. */
function madeWith(ws: SessionSnapshot, dist: string): unknown {
  const text = ws.ui['inputs']
  if (typeof text !== 'string') return undefined
  try {
    const made = (JSON.parse(text) as Record<string, unknown> | null)?.[dist] as
      { all?: unknown; request?: unknown } | undefined
    if (typeof made?.request !== 'object' || made.request === null) return undefined
    // A family of Fit all was made with Fit all's request and the family.
    return made.all === true ? { ...made.request, dist } : made.request
  } catch {
    return undefined
  }
}

/**
 * Bootstrap intervals land on the workspace's fit they were made for: its column's fit of that family whose
 * inputs (`ui.inputs`, what each fit was made with) are the request's fit, as the page keeps them
 * (`bootstrapCi` on the fit).
 */
export function withBootstrapCi(
  ws: SessionSnapshot,
  request: BootstrapCiRequest,
  result: BootstrapCi,
): SessionSnapshot | null {
  const { column, dist } = request.fit
  if (ws.column !== column || !ws.results.some((f) => f.dist === dist)) return null
  const made = madeWith(ws, dist)
  if (made === undefined || canonical(made) !== canonical(request.fit)) return null
  return { ...ws, results: ws.results.map((f) => (f.dist === dist ? { ...f, bootstrapCi: result } : f)) }
}

/**
 * A group fit lands when the workspace still shows that column by that By column: the page keeps the last
 * group fit of its column (`groupFit`), clears it when the column changes and marks it out of date when the
 * By column differs, so one of another selection would only replace a result with a stale one.
 */
export function withGroupFit(
  ws: SessionSnapshot,
  request: GroupFitRequest,
  result: GroupFitResult,
): SessionSnapshot | null {
  if (ws.column !== request.column || (ws.by ?? null) !== request.by) return null
  return { ...ws, groupFit: result }
}
