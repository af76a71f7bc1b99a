import type { RegressionRequest, RegressionResult, SessionSnapshot } from '../../src-shared/contract'

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
