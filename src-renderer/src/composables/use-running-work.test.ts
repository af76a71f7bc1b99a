import { afterEach, describe, expect, it } from 'vitest'
import type {
  BootstrapCiRequest,
  FitAllRequest,
  FitRequest,
  GroupFitRequest,
  RegressionRequest,
  RunningWork,
  SessionSnapshot,
  WorkspaceState,
} from '../../../src-shared/contract'
import { CATALOG } from '../../../test/support/renderer/catalog'
import { columnSummary, WEIGHTS as dataset } from '../../../test/support/renderer/datasets'
import { settle, type Answers } from '../../../test/support/renderer/fake-renderer-api'
import {
  syntheticGroupFit,
  syntheticLinearRegression,
  syntheticNormalFit,
} from '../../../test/support/renderer/synthetic-fits'
import { setupWorkspace } from '../../../test/support/renderer/workspace'
import { NOT_OURS_TO_CANCEL } from './use-fits'
import { workLabel } from './use-running-work'
import type { Workspace } from './use-workspace'

let stop: (() => void) | null = null
afterEach(() => stop?.())

/** What the page that started the fit had pushed: weight, normal, no results yet. */
function pushedBefore(): SessionSnapshot {
  const first = setupWorkspace({ 'column:get-summary': ({ column }) => columnSummary(column, 1, 9) })
  first.ws.dataset.dataset.value = dataset
  first.ws.dataset.column.value = 'weight'
  first.ws.settings.setCatalog(CATALOG)
  first.ws.settings.dist.value = 'normal'
  const pushed = first.ws.session.snapshot()!
  first.stop()
  return pushed
}

const normalFit: RunningWork = { id: 7, kind: 'fit', column: 'weight', dist: 'normal', method: 'gradient' }

/**
 * A page loaded while `running` runs in the core: started (not waiting for the fit) and settled. The
 * core's workspace is `session` until the test lands a result in it (`land`).
 */
async function loadDuring(running: RunningWork[], answers: Answers = {}) {
  const session = pushedBefore()
  let now: WorkspaceState = { dataset, session, running }
  const page = setupWorkspace({
    'workspace:get': () => now,
    'column:get-summary': ({ column }) => columnSummary(column, 1, 9),
    ...answers,
  })
  stop = page.stop
  await page.ws.start()
  await settle()
  const land = (landed: SessionSnapshot) => (now = { dataset, session: landed, running: [] })
  return { ...page, session, land }
}

describe('a page loaded while a fit runs', () => {
  it('shows the workspace at once with the fit as its busy task, then the result it landed', async () => {
    const page = await loadDuring([normalFit])
    const { ws } = page
    expect(ws.dataset.summary.value?.column).toBe('weight')
    expect(ws.status.busy.value).toBe('Fitting Normal')
    expect(ws.fits.gradientRunning.value).toBe(true)
    // The core's progress events fill its banner; Cancel asks the core to stop this page's work.
    page.emit({ kind: 'progress', progress: { task: 'fit', fraction: null, message: 'iteration 40' } })
    page.frames.frame()
    expect(ws.status.progress.value?.message).toBe('iteration 40')
    await ws.fits.cancel()
    expect(page.named('task:cancel')).toEqual([null])

    const fit = syntheticNormalFit()
    page.land({ ...page.session, results: [fit], ui: { ...page.session.ui, active: 'normal' } })
    page.emit({ kind: 'work-ended', id: 7, landed: true, error: null })
    await settle()
    expect(ws.status.busy.value).toBeNull()
    expect(ws.fits.gradientRunning.value).toBe(false)
    expect(ws.fits.fits.value.map((f) => f.params)).toEqual([fit.params])
    expect(ws.fits.active.value).toBe('normal')
  })

  it('says a cancel as a fit the page started would, and keeps what it showed', async () => {
    const { ws, emit } = await loadDuring([normalFit])
    const error = { name: 'CancelledError' as const, message: 'Cancelled.' }
    emit({ kind: 'work-ended', id: 7, landed: false, error })
    await settle()
    expect(ws.status.busy.value).toBeNull()
    expect(ws.status.notice.value).toBe('Fitting Normal was cancelled.')
    expect(ws.status.noticeTone.value).toBe('warn')
    expect(ws.fits.fits.value).toEqual([])
    expect(ws.dataset.column.value).toBe('weight')
  })

  it("another tab's work says so, and goes on after this tab's Cancel, which says why it stopped nothing", async () => {
    const page = await loadDuring([{ ...normalFit, elsewhere: true }], {
      'task:cancel': { stopped: 0, elsewhere: 1 },
    })
    expect(page.ws.status.busy.value).toBe('Fitting Normal in another tab')
    // Its progress, another page's, is shown here while this page shows it running.
    const progress = { task: 'fit' as const, fraction: null, message: 'iteration 40' }
    page.emit({ kind: 'progress', progress, page: 'page-a' })
    page.frames.frame()
    expect(page.ws.status.progress.value?.message).toBe('iteration 40')
    await page.ws.fits.cancel()
    expect(page.ws.status.busy.value).toBe('Fitting Normal in another tab')
    expect(page.ws.status.notice.value).toBe(NOT_OURS_TO_CANCEL)
    expect(page.ws.status.noticeTone.value).toBe('warn')
  })

  it('a failure is the error line; the end of work it did not take over is ignored', async () => {
    const { ws, emit } = await loadDuring([{ ...normalFit, kind: 'fit-all', dist: null, method: null }])
    expect(ws.status.busy.value).toBe('Fitting all families')
    emit({ kind: 'work-ended', id: 99, landed: true, error: null })
    await settle()
    expect(ws.status.busy.value).toBe('Fitting all families')
    emit({
      kind: 'work-ended',
      id: 7,
      landed: false,
      error: { name: 'FitError', message: 'No family fits.' },
    })
    await settle()
    expect(ws.status.busy.value).toBeNull()
    expect(ws.status.error.value).toBe('No family fits.')
  })

  it('an end that overtook the workspace answer is not waited for', async () => {
    const session = pushedBefore()
    const page = setupWorkspace({
      'column:get-summary': ({ column }) => columnSummary(column, 1, 9),
      // The event arrives while the page is still loading, before the answer that lists the fit.
      'workspace:get': () => {
        page.emit({ kind: 'work-ended', id: 7, landed: false, error: null })
        return { dataset, session, running: [normalFit] }
      },
    })
    stop = page.stop
    await page.ws.start()
    await settle()
    expect(page.ws.status.busy.value).toBeNull()
    expect(page.ws.status.error.value).toBeNull()
  })
})

describe('a page loaded while a group fit runs', () => {
  const groupFit: RunningWork = {
    id: 8,
    kind: 'groups',
    column: 'weight',
    dist: null,
    method: null,
    by: 'name',
  }

  it('says what the page that started it said, then shows the group fit it landed', async () => {
    const page = await loadDuring([groupFit])
    expect(page.ws.status.busy.value).toBe('Fitting by name')
    // Not a gradient fit: no live trace is waited for.
    expect(page.ws.fits.gradientRunning.value).toBe(false)
    const result = syntheticGroupFit()
    page.land({ ...page.session, by: 'name', groupFit: result })
    page.emit({ kind: 'work-ended', id: 8, landed: true, error: null })
    await settle()
    expect(page.ws.status.busy.value).toBeNull()
    expect(page.ws.groups.result.value).toEqual(result)
    expect(page.ws.settings.by.value).toBe('name')
  })

  it('counts the rest after the first, whatever kind leads', async () => {
    const page = await loadDuring([groupFit, normalFit])
    expect(page.ws.status.busy.value).toBe('Fitting by name and 1 more')
    page.stop()
    const other = await loadDuring([{ ...normalFit, kind: 'bootstrap', method: null }, groupFit])
    expect(other.ws.status.busy.value).toBe('Bootstrapping Normal and 1 more')
  })

  it('a group fit that did not land (the page moved on) leaves the page as it was, without an error', async () => {
    const { ws, emit } = await loadDuring([groupFit])
    emit({ kind: 'work-ended', id: 8, landed: false, error: null })
    await settle()
    expect(ws.status.busy.value).toBeNull()
    expect(ws.status.error.value).toBeNull()
    expect(ws.groups.result.value).toBeNull()
  })
})

describe('a reloaded page says what the page that started the work said', () => {
  const never = () => new Promise<never>(() => undefined)

  /** A started page on weights.csv (weight, normal; regression of weight on height) whose long work never ends. */
  async function startingPage() {
    const page = setupWorkspace({
      'workspace:get': { dataset, session: null },
      'column:get-summary': ({ column }) => columnSummary(column, 1, 9),
      'model:fit': never,
      'model:fit-all': never,
      'model:bootstrap-ci': never,
      'model:fit-groups': never,
      'regression:fit': never,
    })
    stop = page.stop
    await page.ws.start()
    await settle()
    return page
  }

  /** The work as the core lists it (`StudioCore.land*`), from the request the page sent. */
  const listed: Record<string, (p: never) => RunningWork> = {
    'model:fit': (r: FitRequest) => ({
      id: 1,
      kind: 'fit',
      column: r.column,
      dist: r.dist,
      method: r.method ?? 'auto',
      ...(r.purpose ? { purpose: r.purpose } : {}),
    }),
    'model:fit-all': (r: FitAllRequest) => ({
      id: 1,
      kind: 'fit-all',
      column: r.column,
      dist: null,
      method: null,
    }),
    'model:bootstrap-ci': (r: BootstrapCiRequest) => ({
      id: 1,
      kind: 'bootstrap',
      column: r.fit.column,
      dist: r.fit.dist,
      method: null,
      replicates: r.replicates,
    }),
    'model:fit-groups': (r: GroupFitRequest) => ({
      id: 1,
      kind: 'groups',
      column: r.column,
      dist: null,
      method: null,
      by: r.by,
    }),
    'regression:fit': (r: RegressionRequest) => ({
      id: 1,
      kind: 'regression',
      column: r.response,
      dist: null,
      method: null,
      model: r.model,
    }),
  }

  const STARTS: { what: string; start: (ws: Workspace) => unknown }[] = [
    { what: 'a fit', start: (ws) => ws.fits.runFit() },
    { what: 'a method comparison', start: (ws) => ws.fits.fitWithMethod('normal', 'lbfgs') },
    { what: 'Fit all', start: (ws) => ws.fits.runFitAll() },
    {
      what: 'a bootstrap',
      start: (ws) => {
        const fit = syntheticNormalFit()
        ws.fits.store(fit, { column: 'weight', dist: 'normal' })
        ws.fits.bootstrapReplicates.value = 1999
        return ws.fits.runBootstrapCi(fit)
      },
    },
    {
      what: 'a group fit',
      start: (ws) => {
        ws.settings.by.value = 'name'
        return ws.groups.run()
      },
    },
    {
      what: 'a regression',
      start: (ws) => {
        ws.regression.set('model', 'poisson')
        return ws.regression.fit()
      },
    },
  ]

  it.each(STARTS)('$what', async ({ start }) => {
    const first = await startingPage()
    void start(first.ws)
    await settle()
    const said = first.ws.status.busy.value
    const sent = first.calls.filter((c) => c.name in listed).at(-1)!
    first.stop()
    expect(said).not.toBeNull()
    const reloaded = await loadDuring([listed[sent.name](sent.payload as never)])
    expect(reloaded.ws.status.busy.value).toBe(said)
  })
})

describe('work that ended after another file was opened', () => {
  it('a reloaded page that showed it running says it was stopped when the open stopped it', async () => {
    const { ws, emit } = await loadDuring([{ ...normalFit, method: 'gradient' }])
    const error = {
      name: 'DataReplaced' as const,
      message: 'It was stopped because another file was opened.',
    }
    emit({ kind: 'work-ended', id: 7, landed: false, error, dataReplaced: true })
    await settle()
    expect(ws.status.busy.value).toBeNull()
    expect(ws.status.error.value).toBeNull()
    expect(ws.status.notice.value).toBe(
      'Fitting Normal was stopped because another file was opened: its result would be of the earlier data.',
    )
  })

  it("a method comparison's busy line names the family as the catalog does", () => {
    const compare = { id: 1, kind: 'fit' as const, column: 'x', dist: 'gamma', method: 'lbfgs' as const }
    const labelOf = (id: string) => CATALOG.find((d) => d.id === id)?.label
    expect(workLabel({ ...compare, purpose: 'compare' }, labelOf)).toBe('Fitting Gamma by lbfgs')
  })

  it('a reloaded page that showed it running says why nothing came of it', async () => {
    const { ws, emit } = await loadDuring([
      { ...normalFit, kind: 'bootstrap', method: null, replicates: 999 },
    ])
    emit({ kind: 'work-ended', id: 7, landed: false, error: null, dataReplaced: true })
    await settle()
    expect(ws.status.busy.value).toBeNull()
    expect(ws.status.notice.value).toBe(
      `Bootstrapping Normal (${(999).toLocaleString()} replicates) ended after another file was opened: ` +
        'its result is of the earlier data and is not shown.',
    )
    expect(ws.status.noticeTone.value).toBe('warn')
  })
})

describe('the page that started work, when another file was opened meanwhile', () => {
  /** weights.csv as the core names one import of it, and another file with the same columns. */
  const first = { ...dataset, id: 'first' }
  const second = { ...dataset, fileName: 'other.csv', path: '/data/other.csv', id: 'second' }

  const CASES: {
    what: string
    answer: () => unknown
    start: (ws: Workspace) => unknown
    kept: (ws: Workspace) => unknown
  }[] = [
    {
      what: 'Fitting Normal',
      answer: () => syntheticNormalFit(),
      start: (ws) => ws.fits.runFit(),
      kept: (ws) => ws.fits.fits.value.length,
    },
    {
      what: 'Fitting Normal by lbfgs',
      answer: () => syntheticNormalFit(),
      start: (ws) => ws.fits.fitWithMethod('normal', 'lbfgs').then((r) => (r ? 1 : 0)),
      kept: () => 0,
    },
    {
      what: 'Fitting by name',
      answer: () => syntheticGroupFit(),
      start: (ws) => {
        ws.settings.by.value = 'name'
        return ws.groups.run()
      },
      kept: (ws) => ws.groups.result.value,
    },
    {
      what: 'Fitting the linear regression',
      answer: () => syntheticLinearRegression(),
      start: (ws) => ws.regression.fit(),
      kept: (ws) => ws.regression.result.value,
    },
  ]

  it.each(CASES)('$what: its answer is not shown against the new file, and the user is told', async (c) => {
    let answer: (value: unknown) => void = () => undefined
    const pending = () => new Promise((resolve) => (answer = resolve))
    const page = setupWorkspace({
      'workspace:get': { dataset: first, session: null },
      'column:get-summary': ({ column }) => columnSummary(column, 1, 9),
      'model:fit': pending as never,
      'model:fit-groups': pending as never,
      'regression:fit': pending as never,
    })
    stop = page.stop
    await page.ws.start()
    await settle()
    const ws = page.ws
    const done = c.start(ws)
    await settle()
    expect(ws.status.busy.value).toBe(c.what)
    ws.dataset.adopt(second)
    await settle()
    answer(c.answer())
    const returned = await done
    await settle()
    expect(returned || null).toBeNull()
    expect(c.kept(ws) || null).toBeNull()
    expect(ws.status.notice.value).toBe(
      `${c.what} ended after another file was opened: its result is of the earlier data and is not shown.`,
    )
  })

  it('an engine restart (the same import again) does not refuse the answer', async () => {
    let answer: (value: unknown) => void = () => undefined
    const page = setupWorkspace({
      'workspace:get': { dataset: first, session: null },
      'column:get-summary': ({ column }) => columnSummary(column, 1, 9),
      'model:fit': (() => new Promise((resolve) => (answer = resolve))) as never,
    })
    stop = page.stop
    await page.ws.start()
    await settle()
    const fitting = page.ws.fits.runFit()
    await settle()
    page.emit({ kind: 'dataset-restored', dataset: { ...first }, message: 'weights.csv was imported again.' })
    answer(syntheticNormalFit())
    await fitting
    expect(page.ws.fits.fits.value).toHaveLength(1)
  })
})
