import { execFileSync, spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SessionSnapshot, StudioEvent } from '../../src-shared/contract'
import { fakeFork } from '../../test/helpers/fake-engine'
import { inProcessEngineFork } from '../../test/helpers/in-process-engine'
import { snapshot as baseSnapshot } from '../../test/helpers/sessions'
import type { AtomicWriteFs } from './atomic-write'
import { nodeAtomicWriteFs } from './atomic-write'
import { StudioCore } from './studio-core'

let dir: string
let csv: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mle-core-'))
  csv = join(dir, 'data.csv')
  await writeFile(csv, 'x,y\n1.5,2\n2.5,3\n3.25,5\n4,7\n5.5,11\n')
})
afterEach(() => rm(dir, { recursive: true, force: true }))

function makeCore(options: Partial<ConstructorParameters<typeof StudioCore>[0]> = {}) {
  const engine = inProcessEngineFork()
  const events: StudioEvent[] = []
  const core = new StudioCore({
    fork: engine.fork,
    emit: (e) => events.push(e),
    dataDir: join(dir, 'userdata'),
    autosaveDelayMs: 20,
    ...options,
  })
  return { core, events, ...engine }
}

/** The renderer's snapshot with this file's usual settings. */
const snapshot = (over: Partial<SessionSnapshot> = {}) =>
  baseSnapshot({ options: { maxIterations: 50 }, ui: { tab: 'density' }, ...over })

/** The regression panel a page pushes (`ui.regression`) for the linear regression of y on x. */
const LINEAR_PANEL = {
  model: 'linear',
  response: 'y',
  predictors: ['x'],
  intercept: true,
  exposure: null,
  method: 'newton',
}

/** The id of the import open now (the start-up file's, on a first load), as a page's snapshot names it. */
const openImport = async (core: StudioCore) => (await core.handlers['workspace:get'](null)).dataset!.id!

const waitFor = async (check: () => boolean, ms = 2000) => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe('StudioCore after an engine crash', () => {
  it('fails the fit, re-imports the open file at once and says so; the next fit needs no re-open', async () => {
    const { core, events, children } = makeCore()
    const dataset = await core.open(csv)
    const before = await core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    const fit = core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    children[0].crash()
    await expect(fit).rejects.toMatchObject({ name: 'EngineCrashed' })
    await waitFor(() => events.some((e) => e.kind === 'dataset-restored'))
    const stopped = events.find((e) => e.kind === 'engine-stopped')
    expect(stopped).toMatchObject({ restarted: true, message: /stopped .* and was restarted/ })
    const restored = events.find((e) => e.kind === 'dataset-restored')
    expect(restored).toMatchObject({ dataset: { rows: dataset.rows, path: csv } })
    // The restore happened before any request: the new engine already holds the data.
    expect(children[1].requests()[0]).toMatchObject({ kind: 'import', path: csv })
    const after = await core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    expect(after.params).toEqual(before.params)
    expect(children[1].requests().filter((r) => r.kind === 'import')).toHaveLength(1)
    core.dispose()
  })

  it('reports a file that cannot be re-imported after the restart', async () => {
    const { core, events, children } = makeCore()
    await core.open(csv)
    await rm(csv)
    children[0].crash()
    await waitFor(() => events.some((e) => e.kind === 'dataset-restore-failed'))
    expect(events.find((e) => e.kind === 'dataset-restore-failed')).toMatchObject({
      message: /data\.csv could not be imported again/,
    })
    core.dispose()
  })

  it('asks the user after 3 crashes, and engine:restart brings the engine and the data back', async () => {
    const { core, events, children } = makeCore()
    await core.open(csv)
    for (let i = 0; i < 3; i++) children[children.length - 1].crash()
    expect(
      events.filter((e) => e.kind === 'engine-stopped').map((e) => 'restarted' in e && e.restarted),
    ).toEqual([true, true, false])
    expect(events.some((e) => e.kind === 'engine-halted')).toBe(true)
    await expect(core.handlers['column:get-summary']({ column: 'x' })).rejects.toMatchObject({
      name: 'EngineHalted',
    })
    const info = await core.handlers['engine:restart'](null)
    expect(info?.path).toBe(csv)
    const summary = await core.handlers['column:get-summary']({ column: 'x' })
    expect(summary.n).toBe(5)
    core.dispose()
  })

  it('a request caught on an engine replaced to enforce a cancel is sent again, once', async () => {
    const { fork, children } = fakeFork()
    const core = new StudioCore({ fork, emit: () => undefined, cancelGraceMs: 10 })
    const fit = core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    const summary = core.handlers['column:get-summary']({ column: 'x' })
    await new Promise((r) => setImmediate(r))
    core.engine.cancel(children[0].requests()[0].id) // the fit only
    await expect(fit).rejects.toMatchObject({ name: 'CancelledError' })
    await waitFor(() => children.length === 2 && children[1].requests().length === 1)
    const resent = children[1].requests()[0]
    expect(resent).toMatchObject({ kind: 'summary', request: { column: 'x' } })
    children[1].reply({ kind: 'result', id: resent.id, value: { column: 'x', n: 3 } as never })
    await expect(summary).resolves.toMatchObject({ n: 3 })
    expect(children[0].killed).toBe(true)
    core.dispose()
  })

  it('task:cancel fails a running import with CancelledError', async () => {
    const { core } = makeCore()
    const opening = core.open(csv)
    await core.handlers['task:cancel'](null)
    await expect(opening).rejects.toMatchObject({ name: 'CancelledError' })
    core.dispose()
  })
})

describe('StudioCore sessions', () => {
  it('exports a session with the source hash and opens it again with the same results', async () => {
    const { core } = makeCore()
    await core.open(csv)
    const fit = await core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    const file = await core.handlers['session:export'](snapshot({ results: [fit], fixed: { mu: 3 } }))
    expect(file.suggestedName).toBe('data.mlestudio.json')
    const saved = JSON.parse(file.text) as { source: { sha256: string; bytes: number } }
    // SHA-256 of the CSV's bytes, computed independently here.
    const { createHash } = await import('node:crypto')
    expect(saved.source.sha256).toBe(
      createHash('sha256')
        .update(await readFile(csv))
        .digest('hex'),
    )

    // Another run: the user has not opened data.csv there, so it is not read before they agree.
    const { core: other, children } = makeCore()
    const asked = await other.handlers['session:open']({ text: file.text })
    expect(asked).toMatchObject({ sourceStatus: 'unconfirmed', confirmPath: csv, dataset: null })
    expect(asked.sourceMessage).toContain(csv)
    expect(asked.session.results[0].params).toEqual(fit.params)
    expect(children.flatMap((c) => c.requests())).toEqual([])
    await expect(
      other.handlers['session:confirm-source']({ path: join(dir, 'other.csv') }),
    ).rejects.toMatchObject({ name: 'SessionError' })
    const opened = await other.handlers['session:confirm-source']({ path: csv })
    expect(opened.sourceStatus).toBe('ok')
    expect(opened.dataset?.rows).toBe(5)
    expect(opened.session.results[0].params).toEqual(fit.params)
    expect(opened.session.fixed).toEqual({ mu: 3 })
    core.dispose()
    other.dispose()
  })

  it('reports a changed source file and still imports it; reports a missing one and keeps results', async () => {
    const { core } = makeCore()
    await core.open(csv)
    const fit = await core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    const { text } = await core.handlers['session:export'](snapshot({ results: [fit] }))

    await writeFile(csv, 'x,y\n1,2\n2,3\n')
    const changed = await core.handlers['session:open']({ text })
    expect(changed.sourceStatus).toBe('changed')
    expect(changed.sourceMessage).toMatch(/has changed since the session was saved/)
    expect(changed.dataset?.rows).toBe(2)

    await rm(csv)
    const missing = await core.handlers['session:open']({ text })
    expect(missing.sourceStatus).toBe('missing')
    expect(missing.sourceMessage).toMatch(/There is no file at .*ENOENT.*results are shown/)
    expect(missing.dataset).toBeNull()
    expect(missing.session.results).toHaveLength(1)
    core.dispose()
  })

  it('refuses damaged, foreign and newer session files with a clear message', async () => {
    const { core } = makeCore()
    await expect(core.handlers['session:open']({ text: '{"format":' })).rejects.toMatchObject({
      name: 'SessionError',
      message: /not valid JSON/,
    })
    await expect(core.handlers['session:open']({ text: '{"a":1}' })).rejects.toThrow(
      /not an MLE Studio session/,
    )
    const newer = JSON.stringify({ format: 'mle-studio-session', version: 7 })
    await expect(core.handlers['session:open']({ text: newer })).rejects.toThrow(
      /newer MLE Studio \(format version 7\)/,
    )
    const { text } = await core.handlers['session:export'](snapshot())
    const bad = JSON.parse(text) as { method: string }
    bad.method = 'magic'
    await expect(core.handlers['session:open']({ text: JSON.stringify(bad) })).rejects.toThrow(/at "method"/)
    core.dispose()
  })

  it('a page taking over results saved as a session is told they are saved, until they change', async () => {
    const { core } = makeCore({ initialPath: csv })
    const datasetId = await openImport(core)
    const fit = await core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    const saved = () => core.handlers['workspace:get'](null).then((s) => s.saved ?? false)
    await core.handlers['session:autosave'](snapshot({ datasetId, results: [fit] }))
    expect(await saved()).toBe(false)
    // Saved (browser mode: the export is the download); the page's next push of the same results keeps it.
    await core.handlers['session:export'](snapshot({ datasetId, results: [fit] }))
    expect(await saved()).toBe(true)
    await core.handlers['session:autosave'](snapshot({ datasetId, results: [fit], column: 'y' }))
    expect(await saved()).toBe(true)
    // A page that took them over before they were saved asks the core (`session:is-saved`).
    expect(await core.handlers['session:is-saved'](snapshot({ datasetId, results: [fit] }))).toBe(true)
    expect(await core.handlers['session:is-saved'](snapshot({ datasetId, results: [] }))).toBe(false)
    // A new fit pushed, or one the core landed, is not saved.
    const gamma = await core.handlers['model:fit']({ column: 'x', dist: 'gamma' })
    await core.handlers['session:autosave'](snapshot({ datasetId, results: [fit, gamma] }))
    expect(await saved()).toBe(false)
    await core.handlers['session:export'](snapshot({ datasetId, results: [fit, gamma] }))
    await core.handlers['session:autosave'](snapshot({ datasetId, family: 'weibull', results: [fit, gamma] }))
    expect(await saved()).toBe(true)
    await core.handlers['model:fit']({ column: 'x', dist: 'weibull', method: 'auto' })
    expect(await saved()).toBe(false)
    // Results of an import replaced since, saved by a page still showing them, mark nothing open now,
    // and leave the open file's saved results saved.
    const opened = await core.open(csv)
    await core.handlers['session:autosave'](snapshot({ datasetId: opened.id, results: [fit] }))
    await core.handlers['session:export'](snapshot({ datasetId, results: [fit] }))
    expect(await saved()).toBe(false)
    await core.handlers['session:export'](snapshot({ datasetId: opened.id, results: [fit] }))
    await core.handlers['session:export'](snapshot({ datasetId, results: [fit, gamma] }))
    expect(await saved()).toBe(true)
    core.dispose()
  })

  it('tells every page when results are saved (browser: the export; Electron: once the shell wrote it)', async () => {
    const savedEvents = (events: StudioEvent[]) => events.filter((e) => e.kind === 'session-saved').length
    const browser = makeCore({ initialPath: csv })
    const datasetId = await openImport(browser.core)
    const fit = await browser.core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    expect(savedEvents(browser.events)).toBe(0)
    await browser.core.handlers['session:export'](snapshot({ datasetId, results: [fit] }))
    expect(savedEvents(browser.events)).toBe(1)
    browser.core.dispose()

    const electron = makeCore({ initialPath: csv, exportSaves: false })
    const { text } = await electron.core.handlers['session:export'](snapshot({ datasetId, results: [fit] }))
    electron.core.sessionWritten('another text')
    expect(savedEvents(electron.events)).toBe(0)
    electron.core.sessionWritten(text)
    expect(savedEvents(electron.events)).toBe(1)
    electron.core.dispose()
  })

  it('results opened from a session file are saved', async () => {
    const { core } = makeCore({ initialPath: csv })
    const datasetId = await openImport(core)
    const fit = await core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    const file = await core.handlers['session:export'](snapshot({ datasetId, results: [fit] }))
    await core.handlers['session:autosave'](snapshot({ datasetId, results: [] }))
    const opened = await core.handlers['session:open']({ text: file.text })
    // The page shows them on the session's data file, imported again (a new import), and pushes them.
    await core.handlers['session:autosave'](
      snapshot({ datasetId: opened.dataset!.id, results: opened.session.results }),
    )
    expect((await core.handlers['workspace:get'](null)).saved).toBe(true)
    core.dispose()
  })

  it('with a Save dialog (Electron) the results are saved once the shell wrote the exported text', async () => {
    const { core } = makeCore({ initialPath: csv, exportSaves: false })
    const datasetId = await openImport(core)
    const fit = await core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    const saved = () => core.handlers['workspace:get'](null).then((s) => s.saved ?? false)
    await core.handlers['session:autosave'](snapshot({ datasetId, results: [fit] }))
    const file = await core.handlers['session:export'](snapshot({ datasetId, results: [fit] }))
    // The dialog was cancelled, or another file was written: not saved.
    expect(await saved()).toBe(false)
    core.sessionWritten(Buffer.from('{}'))
    expect(await saved()).toBe(false)
    core.sessionWritten(Buffer.from(file.text, 'utf8'))
    expect(await saved()).toBe(true)
    core.dispose()
  })

  it('autosaves the last snapshot once per burst, atomically, and a clean exit removes it', async () => {
    const { core } = makeCore()
    await core.open(csv)
    for (let i = 0; i < 10; i++) await core.handlers['session:autosave'](snapshot({ ui: { step: i } }))
    await core.sessions.flush()
    const folder = join(dir, 'userdata')
    const files = await readdir(folder)
    const own = core.sessions.autosavePath!
    expect(files).toEqual([basename(own)]) // no temp files left behind
    expect((await stat(own)).mode & 0o777).toBe(0o600)
    const saved = JSON.parse(await readFile(own, 'utf8')) as { ui: unknown }
    expect(saved.ui).toEqual({ step: 9 })
    await core.shutdown()
    expect(await readdir(folder)).toEqual([])
  })

  it('a loading page takes over the open dataset and the last pushed snapshot (reload, second tab)', async () => {
    const other = join(dir, 'other.csv')
    await writeFile(other, 'z\n1\n2\n3\n')
    const { core } = makeCore({ initialPath: csv })
    // Nothing opened yet: the start-up file is imported, no snapshot has been pushed.
    expect(await core.handlers['workspace:get'](null)).toMatchObject({
      dataset: { path: csv },
      session: null,
    })
    await core.open(other, 'uploaded.csv')
    const fit = await core.handlers['model:fit']({ column: 'z', dist: 'normal' })
    await core.handlers['session:autosave'](snapshot({ column: 'z', results: [fit] }))
    const state = await core.handlers['workspace:get'](null)
    // The engine's dataset, not the start-up file: a reload after an upload shows the upload.
    expect(state.dataset).toMatchObject({ path: other, fileName: 'uploaded.csv', rows: 3 })
    expect(state.session).toMatchObject({ column: 'z', results: [{ params: fit.params }] })
    core.dispose()
  })

  it("a fit of the workspace's selection lands in it: a page loaded while it ran shows its result", async () => {
    const { core, events } = makeCore({ initialPath: csv })
    const datasetId = await openImport(core)
    // The page pushed its selection (x, gamma by Newton) with an older normal fit, then started the fit.
    const normal = await core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    await core.handlers['session:autosave'](
      snapshot({ datasetId, family: 'gamma', method: 'newton', results: [normal], ui: { active: 'normal' } }),
    )
    const running = core.handlers['model:fit']({ column: 'x', dist: 'gamma', method: 'newton' })
    // A reload: the new page's workspace:get is answered at once, the fit listed as running...
    const loading = await core.handlers['workspace:get'](null)
    expect(loading.session?.results.map((f) => f.dist)).toEqual(['normal'])
    expect(loading.running).toEqual([
      { id: expect.any(Number), kind: 'fit', column: 'x', dist: 'gamma', method: 'newton' },
    ])
    const gamma = await running
    // ...and its end is told with the workspace it landed in: shown, beside the old one.
    const id = loading.running![0].id
    const ended = events.find((e) => e.kind === 'work-ended' && e.id === id)
    expect(ended).toMatchObject({ landed: true, error: null })
    const state = await core.handlers['workspace:get'](null)
    expect(state.running).toEqual([])
    expect(state.session?.results.map((f) => f.dist)).toEqual(['normal', 'gamma'])
    expect(state.session?.results[1].params).toEqual(gamma.params)
    expect(state.session?.ui['active']).toBe('gamma')
    // A comparison by another method, or a fit of another family, leaves the workspace to the page.
    await core.handlers['model:fit']({ column: 'x', dist: 'gamma', method: 'lbfgs' })
    await core.handlers['model:fit']({ column: 'x', dist: 'weibull', method: 'newton' })
    const after = await core.handlers['workspace:get'](null)
    expect(after.session?.results[1].params).toEqual(gamma.params)
    expect(after.session?.results).toHaveLength(2)
    await core.shutdown()
  })

  it("Fit all of the workspace's column lands in it: a page reloaded while it ran shows the comparison", async () => {
    const { core } = makeCore({ initialPath: csv })
    const datasetId = await openImport(core)
    const old = await core.handlers['model:fit']({ column: 'x', dist: 'weibull' })
    await core.handlers['session:autosave'](
      snapshot({ datasetId, family: 'normal', results: [old], ui: { active: 'weibull', tab: 'density' } }),
    )
    const running = core.handlers['model:fit-all']({ column: 'x', only: ['normal', 'gamma'] })
    expect((await core.handlers['workspace:get'](null)).running).toMatchObject([
      { kind: 'fit-all', dist: null },
    ])
    const all = await running
    const state = await core.handlers['workspace:get'](null)
    const best = all.ranking[0].dist
    expect(all.fits.length).toBeGreaterThan(1)
    // Its fits replace the column's (as the page keeps them), the best by AIC shown and selected.
    expect(state.session?.results.map((f) => f.dist)).toEqual(all.fits.map((f) => f.dist))
    expect(state.session?.results.map((f) => f.logLikelihood)).toEqual(all.fits.map((f) => f.logLikelihood))
    expect(state.session?.ui).toEqual({ active: best, tab: 'density' })
    expect(state.session?.family).toBe(best)
    // Fit all of another column leaves the workspace to the page.
    await core.handlers['session:autosave'](snapshot({ datasetId, column: 'y', results: [old] }))
    await core.handlers['model:fit-all']({ column: 'x', only: ['normal'] })
    expect((await core.handlers['workspace:get'](null)).session?.results).toEqual([old])
    await core.shutdown()
  })

  it("a regression of the page's panel lands in it: a page reloaded while it ran shows it, not out of date", async () => {
    const { core } = makeCore({ initialPath: csv })
    const datasetId = await openImport(core)
    const panel = LINEAR_PANEL
    await core.handlers['session:autosave'](
      snapshot({
        datasetId,
        ui: { mode: 'regression', regression: JSON.stringify({ panel, fittedWith: null }) },
      }),
    )
    const request = { model: 'linear' as const, response: 'y', predictors: ['x'] }
    const running = core.handlers['regression:fit'](request)
    expect((await core.handlers['workspace:get'](null)).running).toEqual([
      { id: expect.any(Number), kind: 'regression', column: 'y', dist: null, method: null, model: 'linear' },
    ])
    const result = await running
    const state = await core.handlers['workspace:get'](null)
    expect(state.running).toEqual([])
    expect(state.session?.regressionResults).toEqual([result])
    const controls = JSON.parse(String(state.session?.ui['regression'])) as unknown
    expect(controls).toEqual({ panel, fittedWith: request })
    expect(state.session?.ui['mode']).toBe('regression')
    // A regression the panel no longer describes (another response) leaves the workspace to the page.
    await core.handlers['regression:fit']({ model: 'linear', response: 'x', predictors: ['y'] })
    expect((await core.handlers['workspace:get'](null)).session?.regressionResults).toEqual([result])
    // Nor does one when the page pushed no readable panel.
    await core.handlers['session:autosave'](snapshot({ datasetId, ui: { regression: '{not json' } }))
    await core.handlers['regression:fit'](request)
    expect((await core.handlers['workspace:get'](null)).session?.regressionResults).toEqual([])
    await core.shutdown()
  })

  it('bootstrap intervals land on the fit they were made for, as the page keeps them', async () => {
    const { core } = makeCore({ initialPath: csv })
    const datasetId = await openImport(core)
    const fitRequest = { column: 'x', dist: 'gamma', method: 'newton' as const }
    const gamma = await core.handlers['model:fit'](fitRequest)
    const inputs = JSON.stringify({ gamma: { all: false, request: fitRequest } })
    await core.handlers['session:autosave'](
      snapshot({ datasetId, family: 'gamma', results: [gamma], ui: { inputs } }),
    )
    const running = core.handlers['model:bootstrap-ci']({ fit: fitRequest, replicates: 10 })
    expect((await core.handlers['workspace:get'](null)).running).toEqual([
      { id: expect.any(Number), kind: 'bootstrap', column: 'x', dist: 'gamma', method: null, replicates: 10 },
    ])
    const ci = await running
    const state = await core.handlers['workspace:get'](null)
    expect(state.session?.results[0].bootstrapCi).toEqual(ci)
    expect(state.session?.results[0].params).toEqual(gamma.params)
    // Intervals of a fit made otherwise (another method) leave the workspace's fit alone.
    await core.handlers['session:autosave'](
      snapshot({ datasetId, family: 'gamma', results: [gamma], ui: { inputs } }),
    )
    await core.handlers['model:bootstrap-ci']({ fit: { ...fitRequest, method: 'lbfgs' }, replicates: 10 })
    expect((await core.handlers['workspace:get'](null)).session?.results[0].bootstrapCi).toBeUndefined()
    await core.shutdown()
  })

  it('a group fit lands while the workspace shows its column by its By column: listed as running meanwhile', async () => {
    const grouped = join(dir, 'grouped.csv')
    const rows = [1.2, 2.3, 1.9, 2.8, 1.5, 2.1, 4.2, 5.1, 4.8, 5.9, 4.4, 5.3].map(
      (x, i) => `${x},${i < 6 ? 'a' : 'b'}`,
    )
    await writeFile(grouped, `x,g\n${rows.join('\n')}\n`)
    const { core } = makeCore({ initialPath: grouped })
    const datasetId = await openImport(core)
    await core.handlers['session:autosave'](snapshot({ datasetId, by: 'g' }))
    const request = { column: 'x', by: 'g', dists: ['normal'] }
    const running = core.handlers['model:fit-groups'](request)
    expect((await core.handlers['workspace:get'](null)).running).toEqual([
      { id: expect.any(Number), kind: 'groups', column: 'x', dist: null, method: null, by: 'g' },
    ])
    const result = await running
    expect((await core.handlers['workspace:get'](null)).session?.groupFit).toEqual(result)
    // The page moved on (no By column now): the answer is left to the page, the workspace untouched.
    await core.handlers['session:autosave'](snapshot({ datasetId, by: null }))
    await core.handlers['model:fit-groups'](request)
    expect((await core.handlers['workspace:get'](null)).session?.groupFit).toBeUndefined()
    await core.shutdown()
  })

  it("a fit whose selection is pushed just after it started (the page's autosave races it) still lands", async () => {
    const { core } = makeCore({ initialPath: csv })
    const datasetId = await openImport(core)
    await core.handlers['session:autosave'](snapshot({ datasetId, family: 'normal', method: 'auto' }))
    const running = core.handlers['model:fit']({ column: 'x', dist: 'gamma', method: 'newton' })
    await core.handlers['session:autosave'](snapshot({ datasetId, family: 'gamma', method: 'newton' }))
    const { params } = await running
    const state = await core.handlers['workspace:get'](null)
    expect(state.session?.results.map((f) => f.params)).toEqual([params])
    await core.shutdown()
  })

  it('a cancelled fit ends with its error and lands nothing; a page loaded meanwhile was never kept waiting', async () => {
    const { core, events } = makeCore({ initialPath: csv })
    const datasetId = await openImport(core)
    await core.handlers['session:autosave'](snapshot({ datasetId, family: 'normal', method: 'gradient' }))
    // Far more epochs than can run before the cancel below: running by construction.
    const options = { maxIterations: 10_000_000, patience: 0, tolerance: 0 }
    const running = core.handlers['model:fit']({ column: 'x', dist: 'normal', method: 'gradient', options })
    const loading = await core.handlers['workspace:get'](null)
    expect(loading.running).toHaveLength(1)
    await core.handlers['task:cancel'](null)
    await expect(running).rejects.toMatchObject({ name: 'CancelledError' })
    const id = loading.running![0].id
    expect(events.filter((e) => e.kind === 'work-ended' && e.id === id)).toEqual([
      {
        kind: 'work-ended',
        id,
        landed: false,
        error: { name: 'CancelledError', message: 'Cancelled.' },
      },
    ])
    expect((await core.handlers['workspace:get'](null)).session?.results).toEqual([])
    await core.shutdown()
  })

  it('after a crash of the whole app the next start offers the autosave, and restores it', async () => {
    const first = makeCore()
    await first.core.open(csv)
    const fit = await first.core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    await first.core.handlers['session:autosave'](snapshot({ results: [fit] }))
    await first.core.sessions.flush()
    first.core.dispose() // no shutdown(): the app was killed

    const second = makeCore()
    const offer = await second.core.handlers['session:get-recovery'](null)
    expect(offer).toMatchObject({
      fileName: 'data.csv',
      path: csv,
      results: 1,
      items: [`Normal fit of x (n = 5)`],
    })
    const restored = await second.core.handlers['session:restore-recovery'](null)
    expect(restored.sourceStatus).toBe('ok')
    expect(restored.session.results[0].params).toEqual(fit.params)
    expect(restored.dataset?.rows).toBe(5)
    expect(await second.core.handlers['session:get-recovery'](null)).toBeNull()
    await second.core.shutdown()

    const third = makeCore() // after a clean exit nothing is offered
    expect(await third.core.handlers['session:get-recovery'](null)).toBeNull()
    third.core.dispose()
  })

  it('a crashed page (app still running) is offered the session it just lost', async () => {
    const { core } = makeCore()
    await core.handlers['session:autosave'](snapshot({ ui: { lost: true } }))
    await core.sessions.keepForRecovery()
    const restored = await core.handlers['session:restore-recovery'](null)
    expect(restored.session.ui).toEqual({ lost: true })
    core.dispose()
  })

  it('discarding the offer forgets it', async () => {
    const first = makeCore()
    await first.core.handlers['session:autosave'](snapshot())
    await first.core.sessions.flush()
    first.core.dispose()
    const second = makeCore()
    expect(await second.core.handlers['session:get-recovery'](null)).not.toBeNull()
    await second.core.handlers['session:discard-recovery'](null)
    expect(await second.core.handlers['session:get-recovery'](null)).toBeNull()
    // Every page is told, so another tab's question goes away too.
    expect(second.events).toContainEqual({ kind: 'recovery-answered' })
    expect(await readdir(join(dir, 'userdata'))).not.toContain(basename(second.core.sessions.recoveryPath!))
    second.core.dispose()
  })

  it('a full disk during autosave is reported as an event in plain words, and the old autosave is kept', async () => {
    let full = false
    const fs: AtomicWriteFs = {
      ...nodeAtomicWriteFs,
      writeNew: (path, bytes) =>
        full
          ? Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }))
          : nodeAtomicWriteFs.writeNew(path, bytes),
    }
    const { core, events } = makeCore({ sessionFs: fs })
    await core.handlers['session:autosave'](snapshot({ ui: { v: 1 } }))
    await core.sessions.flush()
    full = true
    await core.handlers['session:autosave'](snapshot({ ui: { v: 2 } }))
    await core.sessions.flush()
    expect(events.find((e) => e.kind === 'autosave-failed')).toMatchObject({
      message:
        /Autosave failed: Could not save .*autosave-[0-9]+-[0-9a-f]+\.mlestudio\.json: the disk is full/,
    })
    const own = core.sessions.autosavePath!
    const kept = JSON.parse(await readFile(own, 'utf8')) as { ui: unknown }
    expect(kept.ui).toEqual({ v: 1 })
    expect(await readdir(join(dir, 'userdata'))).toEqual([basename(own)])
    core.dispose()
  })

  it('never writes into the data folder of the CSV and protects the open file', async () => {
    const { core } = makeCore()
    await core.open(csv)
    expect(core.protectedPaths()).toEqual([csv])
    await core.handlers['session:autosave'](snapshot())
    await core.sessions.flush()
    expect((await readdir(dir)).sort()).toEqual(['data.csv', 'userdata'])
    core.dispose()
  })
})

describe('StudioCore: session files are untrusted input', () => {
  /** A valid session naming `path` as its data file. */
  async function sessionNaming(path: string): Promise<string> {
    const { core } = makeCore()
    await core.open(csv)
    const { text } = await core.handlers['session:export'](snapshot())
    core.dispose()
    const file = JSON.parse(text) as { source: { path: string; fileName: string } }
    file.source.path = path
    file.source.fileName = 'innocent.csv'
    return JSON.stringify(file)
  }

  it('never imports a file the user did not open in this run: it names the real path and waits', async () => {
    const { core, children } = makeCore()
    const opened = await core.handlers['session:open']({ text: await sessionNaming('/etc/passwd') })
    expect(opened).toMatchObject({ sourceStatus: 'unconfirmed', confirmPath: '/etc/passwd', dataset: null })
    expect(opened.sourceMessage).toMatch(/made from \/etc\/passwd, [\d,]+ bytes, a file you have not opened/)
    expect(children.flatMap((c) => c.requests())).toEqual([])
    core.dispose()
  })

  it('refuses pipes, devices, folders and system files without touching them (no hang)', async () => {
    const fifo = join(dir, 'pipe.csv')
    execFileSync('mkfifo', [fifo])
    await mkdir(join(dir, 'folder.csv'))
    const { core, children } = makeCore()
    for (const [path, why] of [
      [fifo, /named pipe/],
      ['/dev/zero', /system file in \/dev/],
      ['/proc/self/environ', /system file in \/proc/],
      [join(dir, 'folder.csv'), /folder/],
    ] as const) {
      const opened = await core.handlers['session:open']({ text: await sessionNaming(path) })
      expect(opened.sourceStatus).toBe('refused')
      expect(opened.sourceMessage).toMatch(why)
      expect(opened.session.results).toEqual([])
    }
    expect(children.flatMap((c) => c.requests())).toEqual([])
    core.dispose()
  })

  it('a file opened in this run (by any path to it) is imported without a question', async () => {
    const { core } = makeCore()
    await core.open(csv)
    const link = join(dir, 'link.csv')
    execFileSync('ln', ['-s', csv, link])
    const opened = await core.handlers['session:open']({ text: await sessionNaming(link) })
    expect(opened).toMatchObject({ sourceStatus: 'ok', dataset: { rows: 5 } })
    core.dispose()
  })

  it('task:cancel stops any engine request (a summary too), and the hashing of a big source file', async () => {
    const { fork, children } = fakeFork()
    const idle = new StudioCore({ fork, emit: () => undefined, heartbeat: null })
    const summary = idle.handlers['column:get-summary']({ column: 'x' })
    await idle.handlers['task:cancel'](null)
    await expect(summary).rejects.toMatchObject({ name: 'CancelledError' })
    expect(children[0].sent.at(-1)).toMatchObject({ kind: 'cancel' })
    idle.dispose()

    const big = join(dir, 'big.csv')
    await writeFile(big, Buffer.alloc(32 * 1024 * 1024, 0x31))
    const { core } = makeCore()
    await core.open(csv)
    ;(core as unknown as { dataset: { info: { path: string } } }).dataset.info.path = big
    const exporting = core.handlers['session:export'](snapshot())
    await core.handlers['task:cancel'](null)
    await expect(exporting).rejects.toMatchObject({ name: 'CancelledError' })
    core.dispose()
  })
})

describe('StudioCore: task:cancel with a tag', () => {
  const table = { dist: 'normal', params: { mu: 0, sigma: 1 }, column: 'x', covariance: null, free: [] }
  it('stops only the requests sent with that tag: a running fit and an untagged table go on', async () => {
    const { fork, children } = fakeFork()
    const core = new StudioCore({ fork, emit: () => undefined, heartbeat: null, cancelGraceMs: 10 })
    const fit = core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    const stale = core.handlers['model:get-percentiles']({
      ...table,
      probabilities: [0.5],
      exceed: [],
      task: 'p-1',
    })
    const other = core.handlers['model:get-percentiles']({ ...table, probabilities: [0.9], exceed: [] })
    await waitFor(() => children[0]?.requests().length === 3)
    const [fitId, staleId, otherId] = children[0].requests().map((r) => r.id)
    await core.handlers['task:cancel']({ task: 'p-2' }) // no such task: nothing stops
    await core.handlers['task:cancel']({ task: 'p-1' })
    await expect(stale).rejects.toMatchObject({ name: 'CancelledError' })
    expect(children[0].sent.filter((m) => m.kind === 'cancel')).toEqual([
      expect.objectContaining({ kind: 'cancel', target: staleId }),
    ])
    // The engine stops the cancelled run within the grace period: it is not replaced, the others go on.
    children[0].reply({
      kind: 'error',
      id: staleId,
      error: { name: 'CancelledError', message: 'Cancelled.' },
    })
    await new Promise((r) => setTimeout(r, 30))
    expect(children).toHaveLength(1)
    children[0].reply({ kind: 'result', id: fitId, value: { dist: 'normal' } as never })
    children[0].reply({ kind: 'result', id: otherId, value: { note: 'x' } as never })
    await expect(fit).resolves.toMatchObject({ dist: 'normal' })
    await expect(other).resolves.toMatchObject({ note: 'x' })
    core.dispose()
  })

  it("stops only the asking page's work: another page's fit, import and untagged work run on to their end", async () => {
    const { fork, children } = fakeFork()
    const core = new StudioCore({ fork, emit: () => undefined, heartbeat: null, cancelGraceMs: 10 })
    const mine = core.handlers['model:fit']({ column: 'x', dist: 'normal' }, 'page-b')
    const theirs = core.handlers['model:bootstrap-ci'](
      { fit: { column: 'x', dist: 'normal' }, replicates: 99 },
      'page-a',
    )
    const opening = core.open(csv, undefined, {}, undefined, 'page-a')
    const electron = core.handlers['column:get-summary']({ column: 'x' })
    await waitFor(() => children[0]?.requests().length === 4)
    const ids = children[0].requests().map((r) => r.id)
    expect(await core.handlers['task:cancel'](null, 'page-b')).toEqual({ stopped: 1, elsewhere: 3 })
    await expect(mine).rejects.toMatchObject({ name: 'CancelledError' })
    expect(children[0].sent.filter((m) => m.kind === 'cancel')).toEqual([
      expect.objectContaining({ target: ids[0] }),
    ])
    // A page with no work of its own stops nothing, whatever runs; a tag names only the page's own.
    expect(await core.handlers['task:cancel'](null, 'page-c')).toEqual({ stopped: 0, elsewhere: 3 })
    expect(await core.handlers['task:cancel']({ task: 'p-1' }, 'page-b')).toEqual({
      stopped: 0,
      elsewhere: 3,
    })
    children[0].reply({ kind: 'error', id: ids[0], error: { name: 'CancelledError', message: 'Cancelled.' } })
    children[0].reply({ kind: 'result', id: ids[1], value: { replicates: 99 } as never })
    children[0].reply({ kind: 'result', id: ids[2], value: { path: csv, columns: [] } as never })
    children[0].reply({ kind: 'result', id: ids[3], value: { column: 'x' } as never })
    await expect(theirs).resolves.toMatchObject({ replicates: 99 })
    await expect(opening).resolves.toMatchObject({ path: csv })
    await expect(electron).resolves.toMatchObject({ column: 'x' })
    expect(children).toHaveLength(1)
    core.dispose()
  })

  it('the page without an id (the Electron window) stops its own work, not a tab-named one', async () => {
    const { fork, children } = fakeFork()
    const core = new StudioCore({ fork, emit: () => undefined, heartbeat: null, cancelGraceMs: 10 })
    const own = core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    const tab = core.handlers['model:fit']({ column: 'x', dist: 'gamma' }, 'page-a')
    await waitFor(() => children[0]?.requests().length === 2)
    const [ownId, tabId] = children[0].requests().map((r) => r.id)
    // A page loading meanwhile is told which running work is another page's.
    const listed = async (page?: string) =>
      (await core.handlers['workspace:get'](null, page)).running?.map((w) => [w.dist, w.elsewhere ?? false])
    expect(await listed()).toEqual([
      ['normal', false],
      ['gamma', true],
    ])
    expect(await listed('page-a')).toEqual([
      ['normal', true],
      ['gamma', false],
    ])
    expect(await core.handlers['task:cancel'](null)).toEqual({ stopped: 1, elsewhere: 1 })
    await expect(own).rejects.toMatchObject({ name: 'CancelledError' })
    children[0].reply({ kind: 'error', id: ownId, error: { name: 'CancelledError', message: 'Cancelled.' } })
    children[0].reply({ kind: 'result', id: tabId, value: { dist: 'gamma' } as never })
    await expect(tab).resolves.toMatchObject({ dist: 'gamma' })
    core.dispose()
  })

  it('refuses a page id that is not a plain short word, before anything runs', async () => {
    const { fork, children } = fakeFork()
    const core = new StudioCore({ fork, emit: () => undefined, heartbeat: null })
    await expect(core.handlers['model:fit']({ column: 'x', dist: 'normal' }, 'a b')).rejects.toMatchObject({
      name: 'ValidationError',
      message: /page id/,
    })
    expect(children.flatMap((c) => c.requests())).toEqual([])
    core.dispose()
  })

  it('refuses a tag that is not a plain short word, before anything is cancelled', async () => {
    const { fork } = fakeFork()
    const core = new StudioCore({ fork, emit: () => undefined, heartbeat: null })
    await expect(core.handlers['task:cancel']({ task: 'a b' })).rejects.toMatchObject({
      name: 'ValidationError',
    })
    await expect(core.handlers['task:cancel']({ task: 'x'.repeat(65) })).rejects.toMatchObject({
      name: 'ValidationError',
    })
    core.dispose()
  })
})

describe('StudioCore: recovery is per running instance', () => {
  const userdata = () => join(dir, 'userdata')
  async function leftBy(name: string): Promise<void> {
    const { core } = makeCore()
    await core.handlers['session:autosave'](snapshot({ ui: { by: name } }))
    await core.sessions.flush()
    const text = await readFile(core.sessions.autosavePath!, 'utf8')
    core.dispose()
    await rm(core.sessions.autosavePath!)
    await writeFile(join(userdata(), name), text)
  }
  const deadPid = () =>
    Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout)

  it("a second running instance never offers the first one's live work", async () => {
    const first = makeCore()
    await first.core.handlers['session:autosave'](snapshot())
    await first.core.sessions.flush()
    const second = makeCore()
    expect(await second.core.handlers['session:get-recovery'](null)).toBeNull()
    expect(await readFile(first.core.sessions.autosavePath!, 'utf8')).toContain('mle-studio-session')
    first.core.dispose()
    second.core.dispose()
  })

  it("offers the work of an instance whose process is gone, and leaves a live process's alone", async () => {
    await leftBy(`autosave-${process.ppid}-aaaaaa.mlestudio.json`) // the test runner's parent: alive
    await leftBy(`autosave-${deadPid()}-bbbbbb.mlestudio.json`)
    const { core } = makeCore()
    expect(await core.handlers['session:get-recovery'](null)).not.toBeNull()
    const restored = await core.handlers['session:restore-recovery'](null)
    expect(restored.session.ui).toEqual({ by: expect.stringMatching(/bbbbbb/) })
    expect(await readdir(userdata())).toContain(`autosave-${process.ppid}-aaaaaa.mlestudio.json`)
    core.dispose()
  })

  it('two instances starting at once claim a left-behind session once between them', async () => {
    await leftBy('autosave.mlestudio.json') // an older build's single autosave
    const a = makeCore()
    const b = makeCore()
    const offers = await Promise.all([
      a.core.handlers['session:get-recovery'](null),
      b.core.handlers['session:get-recovery'](null),
    ])
    expect(offers.filter((o) => o !== null)).toHaveLength(1)
    a.core.dispose()
    b.core.dispose()
  })
})

describe('StudioCore lands work only on the import it ran on', () => {
  /** Two files with the same columns (x, y, g) and other values. */
  async function twoFiles(): Promise<[string, string]> {
    const write = async (name: string, scale: number) => {
      const path = join(dir, name)
      const rows = [1.2, 2.3, 1.9, 2.8, 1.5, 2.1, 4.2, 5.1, 4.8, 5.9, 4.4, 5.3].map(
        (x, i) => `${x * scale},${(2 * x + (i % 3)) * scale},${i % 2 ? 'a' : 'b'}`,
      )
      await writeFile(path, `x,y,g\n${rows.join('\n')}\n`)
      return path
    }
    return [await write('first.csv', 1), await write('second.csv', 7)]
  }

  /** A core whose landing work is answered only on `release()` while `holding`: running by construction. */
  function heldCore(initialPath: string) {
    const landing = new Set(['fit', 'fit-all', 'bootstrap-ci', 'fit-groups', 'regress'])
    const state = { holding: false }
    const engine = inProcessEngineFork({ hold: (r) => state.holding && landing.has(r.kind) })
    const events: StudioEvent[] = []
    const core = new StudioCore({ fork: engine.fork, emit: (e) => events.push(e), initialPath })
    return { core, events, state, release: engine.release }
  }

  const gammaRequest = { column: 'x', dist: 'gamma', method: 'newton' as const }
  const panel = LINEAR_PANEL
  type Core = StudioCore
  /** Each kind of landing work: the selection a page pushes for it, how it starts, whether it is in a workspace. */
  const KINDS: {
    kind: string
    pushed: (core: Core) => Promise<Partial<SessionSnapshot>>
    start: (core: Core) => Promise<unknown>
    landed: (ws: SessionSnapshot) => boolean
  }[] = [
    {
      kind: 'fit',
      pushed: async () => ({ family: 'gamma', method: 'newton' }),
      start: (core) => core.handlers['model:fit'](gammaRequest),
      landed: (ws) => ws.results.some((f) => f.dist === 'gamma'),
    },
    {
      kind: 'fit-all',
      pushed: async () => ({}),
      start: (core) => core.handlers['model:fit-all']({ column: 'x', only: ['normal', 'gamma'] }),
      landed: (ws) => ws.results.length > 0,
    },
    {
      kind: 'bootstrap',
      pushed: async (core) => ({
        family: 'gamma',
        results: [await core.handlers['model:fit'](gammaRequest)],
        ui: { inputs: JSON.stringify({ gamma: { all: false, request: gammaRequest } }) },
      }),
      start: (core) => core.handlers['model:bootstrap-ci']({ fit: gammaRequest, replicates: 10 }),
      landed: (ws) => ws.results.some((f) => f.bootstrapCi !== undefined),
    },
    {
      kind: 'groups',
      pushed: async () => ({ by: 'g' }),
      start: (core) => core.handlers['model:fit-groups']({ column: 'x', by: 'g', dists: ['normal'] }),
      landed: (ws) => Boolean(ws.groupFit),
    },
    {
      kind: 'regression',
      pushed: async () => ({ ui: { regression: JSON.stringify({ panel, fittedWith: null }) } }),
      start: (core) => core.handlers['regression:fit']({ model: 'linear', response: 'y', predictors: ['x'] }),
      landed: (ws) => ws.regressionResults.length > 0,
    },
  ]

  it.each(KINDS)(
    '$kind: lands on its own file; opening another file with the same columns stops it, and nothing lands',
    async ({ pushed, start, landed }) => {
      const [first, second] = await twoFiles()
      const { core, events, state, release } = heldCore(first)
      // The page of the first file pushed the selection the work is of: it lands there.
      const firstId = await openImport(core)
      await core.handlers['session:autosave'](snapshot({ datasetId: firstId, ...(await pushed(core)) }))
      await start(core)
      expect(landed((await core.handlers['workspace:get'](null)).session!)).toBe(true)

      // Again, and while it runs the user opens the second file and selects the same (a page's push).
      await core.handlers['session:autosave'](snapshot({ datasetId: firstId, ...(await pushed(core)) }))
      state.holding = true
      const running = start(core)
      const stopped = expect(running).rejects.toMatchObject({ name: 'DataReplaced' })
      const { id } = (await core.handlers['workspace:get'](null)).running![0]
      const opened = await core.open(second)
      expect(opened.id).not.toBe(firstId)
      // Stopped once the open succeeded: it no longer runs, and its end says why.
      await stopped
      expect((await core.handlers['workspace:get'](null)).running).toEqual([])
      expect(events.find((e) => e.kind === 'work-ended' && e.id === id)).toEqual({
        kind: 'work-ended',
        id,
        landed: false,
        error: { name: 'DataReplaced', message: 'It was stopped because another file was opened.' },
        dataReplaced: true,
      })
      state.holding = false
      const onSecond = snapshot({ datasetId: opened.id, ...(await pushed(core)) })
      const withoutIt = { ...onSecond, results: onSecond.results.filter((f) => f.bootstrapCi === undefined) }
      await core.handlers['session:autosave'](withoutIt)
      release()
      const now = await core.handlers['workspace:get'](null)
      expect(now.session).toEqual(withoutIt)
      core.dispose()
    },
  )

  it('a re-import of the same file (other settings, other numbers) is another import: it stops the fit, nothing lands', async () => {
    const { core, state, release } = heldCore(csv)
    const before = await openImport(core)
    await core.handlers['session:autosave'](
      snapshot({ datasetId: before, family: 'gamma', method: 'newton' }),
    )
    state.holding = true
    const running = core.handlers['model:fit'](gammaRequest)
    const stopped = expect(running).rejects.toMatchObject({ name: 'DataReplaced' })
    const again = await core.handlers['dataset:reimport']({ decimal: 'point' })
    expect(again.id).not.toBe(before)
    await stopped
    await core.handlers['session:autosave'](
      snapshot({ datasetId: again.id, family: 'gamma', method: 'newton' }),
    )
    release()
    expect((await core.handlers['workspace:get'](null)).session?.results).toEqual([])
    core.dispose()
  })

  it('work that does not heed the stop in time: the engine is replaced and the new file imported into it', async () => {
    const [first, second] = await twoFiles()
    const state = { holding: false }
    const engine = inProcessEngineFork({ hold: (r) => state.holding && r.kind === 'fit' })
    const events: StudioEvent[] = []
    // A grace of 1 ms: the held fit never answers its stop, so the engine is replaced after the import.
    const core = new StudioCore({
      fork: engine.fork,
      emit: (e) => events.push(e),
      initialPath: first,
      cancelGraceMs: 1,
    })
    await openImport(core)
    state.holding = true
    const running = core.handlers['model:fit'](gammaRequest)
    const stopped = expect(running).rejects.toMatchObject({ name: 'DataReplaced' })
    const opened = await core.open(second)
    await stopped
    state.holding = false
    await waitFor(() => engine.children.length > 1)
    expect(events.filter((e) => e.kind === 'dataset-opened')).toEqual([
      { kind: 'dataset-opened', dataset: opened },
    ])
    // The fresh engine holds the new file, as the same import (what the pages show stays valid).
    const summary = await core.handlers['column:get-summary']({ column: 'x' })
    expect(summary.max).toBeCloseTo(5.9 * 7, 9)
    expect((await core.handlers['workspace:get'](null)).dataset?.id).toBe(opened.id)
    core.dispose()
  })

  it.each([
    ['empty', ''],
    ['binary', '\u0000\u0001PK\u0003\u0004\u0000\u0000'],
  ])(
    'an open that fails (%s file) leaves the running fit alone: it lands on the file still open',
    async (_, text) => {
      const [first] = await twoFiles()
      const bad = join(dir, 'bad.csv')
      await writeFile(bad, text)
      const { core, events, state, release } = heldCore(first)
      const firstId = await openImport(core)
      await core.handlers['session:autosave'](
        snapshot({ datasetId: firstId, family: 'gamma', method: 'newton' }),
      )
      state.holding = true
      const running = core.handlers['model:fit'](gammaRequest)
      await expect(core.open(bad)).rejects.toThrow()
      release()
      await expect(running).resolves.toMatchObject({ dist: 'gamma' })
      expect(events.filter((e) => e.kind === 'dataset-opened')).toEqual([])
      expect(events.find((e) => e.kind === 'work-ended')).toMatchObject({ landed: true, error: null })
      expect((await core.handlers['workspace:get'](null)).session?.results).toHaveLength(1)
      core.dispose()
    },
  )

  it('an engine restart imports the open file again as the same import: work started before it lands', async () => {
    const { core, events, children } = makeCore({ initialPath: csv })
    const id = await openImport(core)
    children[0].crash()
    await waitFor(() => events.some((e) => e.kind === 'dataset-restored'))
    expect(events.find((e) => e.kind === 'dataset-restored')).toMatchObject({ dataset: { id } })
    await core.handlers['session:autosave'](snapshot({ datasetId: id, family: 'gamma', method: 'newton' }))
    await core.handlers['model:fit'](gammaRequest)
    expect((await core.handlers['workspace:get'](null)).session?.results).toHaveLength(1)
    core.dispose()
  })

  it("a page's snapshot of a file replaced since is neither the workspace nor the open file's autosave", async () => {
    const [first, second] = await twoFiles()
    const { core } = makeCore({ initialPath: first })
    const firstId = await openImport(core)
    const fit = await core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    await core.handlers['session:autosave'](snapshot({ datasetId: firstId, results: [fit] }))
    // Another tab opens the second file; until a page pushes for it, a reload shows it afresh.
    await core.open(second)
    expect(await core.handlers['workspace:get'](null)).toMatchObject({
      dataset: { path: second },
      session: null,
    })
    // The first tab, still showing the first file, pushes again: ignored.
    await core.handlers['session:autosave'](snapshot({ datasetId: firstId, results: [fit] }))
    expect((await core.handlers['workspace:get'](null)).session).toBeNull()
    await core.sessions.flush()
    expect(core.sessions.autosavePath && (await readFile(core.sessions.autosavePath, 'utf8'))).not.toContain(
      'second.csv',
    )
    core.dispose()
  })

  it('a page still showing results of a file another page replaced saves them as a session of that file', async () => {
    const [first, second] = await twoFiles()
    const { core } = makeCore({ initialPath: first })
    const firstId = await openImport(core)
    const fit = await core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    const opened = await core.open(second)
    const earlier = await core.handlers['session:export'](snapshot({ datasetId: firstId, results: [fit] }))
    expect(JSON.parse(earlier.text)).toMatchObject({ source: { path: first, fileName: 'first.csv' } })
    expect(earlier.suggestedName).toBe('first.mlestudio.json')
    const now = await core.handlers['session:export'](snapshot({ datasetId: opened.id }))
    expect(JSON.parse(now.text)).toMatchObject({ source: { path: second } })
    // An import it no longer knows: saved without a data file, never with another file's.
    const unknown = await core.handlers['session:export'](snapshot({ datasetId: 'gone', results: [fit] }))
    expect(JSON.parse(unknown.text)).toMatchObject({ source: null })
    core.dispose()
  })

  it('a saved session does not keep the import id; a method comparison is listed as one and never lands', async () => {
    const { core } = makeCore({ initialPath: csv })
    const datasetId = await openImport(core)
    const { text } = await core.handlers['session:export'](snapshot({ datasetId }))
    expect(text).not.toContain('datasetId')
    await core.handlers['session:autosave'](snapshot({ datasetId, family: 'gamma', method: 'newton' }))
    // Even by the selected method, a comparison leaves the shown fit to the page.
    const compared = core.handlers['model:fit']({ ...gammaRequest, purpose: 'compare' })
    expect((await core.handlers['workspace:get'](null)).running).toEqual([
      {
        id: expect.any(Number),
        kind: 'fit',
        column: 'x',
        dist: 'gamma',
        method: 'newton',
        purpose: 'compare',
      },
    ])
    await compared
    expect((await core.handlers['workspace:get'](null)).session?.results).toEqual([])
    core.dispose()
  })
})

describe('StudioCore tells every page about every open', () => {
  const opens = (events: StudioEvent[]) =>
    events.flatMap((e) => (e.kind === 'dataset-opened' ? [e.dataset.path + ' ' + e.dataset.id] : []))

  it('an open, a re-import and a session with its data file are announced with their import id', async () => {
    const { core, events } = makeCore({ initialPath: csv })
    // The start-up file: no page shows a file yet, nothing to announce.
    const first = await openImport(core)
    expect(opens(events)).toEqual([])

    const opened = await core.open(csv, 'upload.csv')
    const again = await core.handlers['dataset:reimport']({ decimal: 'point' })
    const fit = await core.handlers['model:fit']({ column: 'x', dist: 'normal' })
    const { text } = await core.handlers['session:export'](snapshot({ results: [fit] }))
    const session = await core.handlers['session:open']({ text })
    const ids = [opened.id, again.id, session.dataset?.id]
    expect(new Set([first, ...ids]).size).toBe(4)
    expect(opens(events)).toEqual(ids.map((id) => `${csv} ${id}`))
    // A session's data file comes with the session: the other pages show it as the opener does.
    expect(events.filter((e) => e.kind === 'dataset-opened').at(-1)).toEqual({
      kind: 'dataset-opened',
      dataset: session.dataset,
      session: session.session,
    })
    core.dispose()
  })

  it('an engine restart re-imports the open file as it was: restored, not announced as an open', async () => {
    const { core, events, children } = makeCore({ initialPath: csv })
    await core.open(csv)
    const announced = opens(events)
    children.at(-1)!.crash()
    await waitFor(() => events.some((e) => e.kind === 'dataset-restored'))
    expect(opens(events)).toEqual(announced)
    core.dispose()
  })

  it('an open while the start-up file still imports wins: the start-up import never lands over it', async () => {
    const other = join(dir, 'other.csv')
    await writeFile(other, 'z\n3\n4\n')
    const state = { holding: true }
    // The start-up file's answer is held back: still importing, by construction, when the user opens one.
    const engine = inProcessEngineFork({
      hold: (r) => state.holding && r.kind === 'import' && r.path === csv,
    })
    const core = new StudioCore({ fork: engine.fork, emit: () => undefined, initialPath: csv })
    const loading = core.handlers['workspace:get'](null)
    const opened = core.open(other)
    await new Promise((r) => setTimeout(r, 20))
    state.holding = false
    engine.release()
    await loading
    expect((await opened).columns.map((c) => c.name)).toEqual(['z'])
    expect((await core.handlers['workspace:get'](null)).dataset?.path).toBe(other)
    await expect(core.handlers['column:get-summary']({ column: 'z' })).resolves.toMatchObject({ n: 2 })
    core.dispose()
  })

  it('a page loading while an open is underway is not given the start-up file over it', async () => {
    const other = join(dir, 'other.csv')
    await writeFile(other, 'z\n3\n4\n')
    const { core } = makeCore({ initialPath: csv })
    const opened = core.open(other)
    // Answered once the open has ended: the file it opened.
    const state = await core.handlers['workspace:get'](null)
    expect(state.dataset?.path).toBe(other)
    await opened
    expect((await core.handlers['workspace:get'](null)).dataset?.path).toBe(other)
    await expect(core.handlers['column:get-summary']({ column: 'z' })).resolves.toMatchObject({ n: 2 })
    core.dispose()
  })

  it('a page loading while an open is underway that then fails is given the start-up file', async () => {
    const { core, events } = makeCore({ initialPath: csv })
    const failed = core.open(join(dir, 'missing.csv'))
    const loading = core.handlers['workspace:get'](null)
    await expect(failed).rejects.toBeDefined()
    expect((await loading).dataset?.path).toBe(csv)
    expect(opens(events)).toEqual([])
    await expect(core.handlers['column:get-summary']({ column: 'x' })).resolves.toMatchObject({ n: 5 })
    // With a file open, a page loading during an open (which then fails) is given that file at once.
    const other = join(dir, 'other.csv')
    await writeFile(other, 'z\n3\n4\n')
    await core.open(other)
    const again = core.open(join(dir, 'missing.csv'))
    expect((await core.handlers['workspace:get'](null)).dataset?.path).toBe(other)
    await expect(again).rejects.toBeDefined()
    expect((await core.handlers['workspace:get'](null)).dataset?.path).toBe(other)
    core.dispose()
  })

  it('a failed open announces nothing; the file open before stays usable', async () => {
    const { core, events } = makeCore({ initialPath: csv })
    await openImport(core)
    await expect(core.open(join(dir, 'missing.csv'))).rejects.toBeDefined()
    expect(opens(events)).toEqual([])
    // The file open before is still the engine's: a fit of it works.
    await expect(core.handlers['model:fit']({ column: 'x', dist: 'normal' })).resolves.toMatchObject({
      dist: 'normal',
    })
    core.dispose()
  })
})
