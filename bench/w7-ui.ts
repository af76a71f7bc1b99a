/**
 * W7: the UI at the user's scale, in Chromium through browser mode (Playwright, as the e2e tests drive it),
 * each run on a fresh server and browser context. Every UI time is on the page's clock, from the user's
 * action (the click or file choice, captured by bench/w7-probe.js) to what the user waits for, and is
 * reported with the engine's own time for the same work (the result's `seconds`, or the API call's
 * duration where a result has none), so UI overhead is a ratio:
 * - open a 1,000,000 x 8 CSV (upload, as browser mode opens files) until the column summary is visible,
 *   against the engine's import of the stored file alone (the median of 3; the upload's own import
 *   overlaps the transfer);
 * - Fit (the defaults: normal on the first column, 1M values) until the density chart is drawn;
 * - Fit all until the comparison table shows;
 * - the renderer's long tasks during a 10,000-epoch live gradient fit (Weibull on the e2e fixture's 30,000
 *   repair times, the measurement that left `npm test`).
 * Memory rows (id MEM): the engine process's peak RSS after the 1M x 8 import (its VmHWM, through the
 * server's test hook for the engine pid) and the renderer's JS heap with that dataset open and every chart
 * tab visited (CDP Runtime.getHeapUsage: the peak of samples after each step, and live after a forced GC).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core'
import { chromiumPath } from '../e2e/browser-path'
import { startWebApp } from '../e2e/fixtures'
import { ensureBenchCsv } from './csv-file'
import {
  load1,
  median,
  medianOrNull,
  percentile,
  processPeakRssMb,
  round,
  type BenchOptions,
  type WorkloadResult,
} from './timing'

const ROWS = 1_000_000
const COLS = 8
/** At most this many runs: one is a few minutes on a loaded machine. */
const MAX_RUNS = 3
const LONG = { timeout: 300_000 }
const REPAIR_TIMES = join(__dirname, '../e2e/data/repair-times.csv')
/** Charts given more points than this are reported (1M points belong in the engine, down-sampled). */
const MANY_POINTS = 10_000

/** bench/w7-probe.js's recorder, as the page functions below see it. */
interface Probe {
  __bench: {
    fileChosenAt: number[]
    uploads: ({ seconds: number; first: string } | { error: string })[]
    clicks: { at: number; text: string }[]
    longTasks: { start: number; duration: number }[]
    shown(testid: string, text: string): number | false
    hasRows(testid: string): number | false
    drawn(testid: string, seriesId: string, after: number): number | false
    call(name: string, after: number): { start: number; responseEnd: number } | null
    startFrames(): void
    stopFrames(): number[]
  }
}

/** Everything one run measured (seconds unless named otherwise). */
interface RunOut {
  open: {
    ui: number
    /** The engine's import of the stored file alone (no upload; median of 3): the comparator. */
    engine: number
    /** The import's own seconds during the upload (it reads the bytes as they arrive, so it waits for them). */
    whileArriving: number
    uploadCall: number | null
    afterAnswer: number | null
  }
  fit: { ui: number; engine: number; afterAnswer: number | null }
  fitAll: { ui: number; call: number | null; afterAnswer: number | null; fits: number; fitSeconds: number }
  gradient: {
    ui: number
    engine: number
    longTasks: number[]
    frameGaps: number[]
  }
  engineRssMb: number | null
  heapPeakMb: number
  heapLiveMb: number
  chartPoints: Record<string, number>
}

/** Waits (polling every frame) for a page condition that returns performance.now() when it holds. */
async function pageTime(
  page: Page,
  fn: (arg: string | number) => number | false,
  arg: string | number,
): Promise<number> {
  const handle = await page.waitForFunction(fn, arg, { polling: 'raf', ...LONG })
  return (await handle.jsonValue()) as number
}

const lastClick = (page: Page, text: string) =>
  page.evaluate((t) => {
    const clicks = (globalThis as unknown as Probe).__bench.clicks.filter((c) => c.text === t)
    return clicks[clicks.length - 1].at
  }, text)

const apiCall = (page: Page, name: string, after: number) =>
  page.evaluate(([n, a]) => (globalThis as unknown as Probe).__bench.call(n, a), [name, after] as const)

/** The JSON value of the next answer to /api/NAME. */
function answer<T>(page: Page, name: string): Promise<T> {
  return page
    .waitForResponse((r) => decodeURIComponent(new URL(r.url()).pathname) === `/api/${name}`, LONG)
    .then(async (r) => {
      const envelope = (await r.json().catch((e: Error) => {
        throw new Error(`W7: cannot read the answer to /api/${name}: ${e.message}`)
      })) as { ok: boolean; value: T; error?: { message: string } }
      if (!envelope.ok) throw new Error(`W7: /api/${name} failed: ${envelope.error?.message}`)
      return envelope.value
    })
}

/**
 * Counts the page's requests in flight (but the event stream) from now on; `quiet()` resolves once none has
 * been in flight for `quietMs`. Listening starts before the action so no request is missed.
 */
function requestTracker(page: Page, quietMs = 400) {
  let inflight = 0
  let last = Date.now()
  const counted = (r: { url(): string }) => !r.url().includes('/api/events')
  const up = (r: { url(): string }) => {
    if (counted(r)) inflight++
    last = Date.now()
  }
  const down = (r: { url(): string }) => {
    if (counted(r)) inflight = Math.max(0, inflight - 1)
    last = Date.now()
  }
  page.on('request', up)
  page.on('requestfinished', down)
  page.on('requestfailed', down)
  return {
    async quiet(): Promise<void> {
      await page.waitForTimeout(quietMs)
      while (inflight > 0 || Date.now() - last < quietMs) await page.waitForTimeout(100)
    },
    stop(): void {
      page.off('request', up)
      page.off('requestfinished', down)
      page.off('requestfailed', down)
    },
  }
}

async function heapMb(cdp: CDPSession): Promise<number> {
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  return usedSize / 2 ** 20
}

/** Opens the file through the file input and waits for the summary of its first column. */
async function openFile(page: Page, path: string, answerQuestion?: () => Promise<void>) {
  const before = await page.evaluate(() => (globalThis as unknown as Probe).__bench.uploads.length)
  await page.getByTestId('file-input').setInputFiles(path)
  await answerQuestion?.()
  await page.waitForFunction((n) => (globalThis as unknown as Probe).__bench.uploads.length > n, before, LONG)
  const info = await page.evaluate(() => {
    const u = (globalThis as unknown as Probe).__bench.uploads
    return u[u.length - 1]
  })
  if ('error' in info) throw new Error(`W7: opening ${path} failed: ${info.error}`)
  const shownAt = await pageTime(
    page,
    (name) => (globalThis as unknown as Probe).__bench.shown('summary', `Summary of ${name}`),
    info.first,
  )
  const chosenAt = await page.evaluate(() => {
    const t = (globalThis as unknown as Probe).__bench.fileChosenAt
    return t[t.length - 1]
  })
  const call = await apiCall(page, 'upload', chosenAt)
  return {
    ui: (shownAt - chosenAt) / 1000,
    engine: info.seconds,
    uploadCall: call ? (call.responseEnd - call.start) / 1000 : null,
    afterAnswer: call ? (shownAt - call.responseEnd) / 1000 : null,
  }
}

/**
 * Fit with the defaults a user gets on opening the file (the first column, normal) until the density chart
 * is drawn. A closed-form fit streams no trace, so the app stays on the Density tab; an iterative one would
 * switch to Convergence while it runs.
 */
async function fitUntilDrawn(page: Page) {
  await page.getByTestId('dist-select').selectOption('normal')
  const fitted = answer<{ seconds: number }>(page, 'model:fit')
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  const result = await fitted
  const clickAt = await lastClick(page, 'Fit')
  const drawnAt = await pageTime(
    page,
    (after) => (globalThis as unknown as Probe).__bench.drawn('density-chart', 'density', Number(after)),
    clickAt,
  )
  const call = await apiCall(page, 'model:fit', clickAt)
  return {
    ui: (drawnAt - clickAt) / 1000,
    engine: result.seconds,
    afterAnswer: call ? (drawnAt - call.responseEnd) / 1000 : null,
  }
}

/** Fit all on x2 (positive, so every continuous family with x > 0 applies) until the comparison table shows. */
async function fitAllUntilTable(page: Page) {
  await page
    .getByTestId('column-list')
    .getByRole('option', { name: /\bx2\b/ })
    .click()
  await pageTime(page, () => (globalThis as unknown as Probe).__bench.shown('summary', 'Summary of x2'), 0)
  const fitted = answer<{ fits: { seconds: number }[] }>(page, 'model:fit-all')
  await page.getByRole('button', { name: 'Fit all' }).click()
  const clickAt = await lastClick(page, 'Fit all')
  const shownAt = await pageTime(
    page,
    () => (globalThis as unknown as Probe).__bench.hasRows('comparison-table'),
    0,
  )
  const result = await fitted
  const call = await apiCall(page, 'model:fit-all', clickAt)
  return {
    ui: (shownAt - clickAt) / 1000,
    call: call ? (call.responseEnd - call.start) / 1000 : null,
    afterAnswer: call ? (shownAt - call.responseEnd) / 1000 : null,
    fits: result.fits.length,
    fitSeconds: result.fits.reduce((s, f) => s + f.seconds, 0),
  }
}

/** Clicks every chart tab, waits for its requests, samples the heap; returns the peak and points per chart. */
async function visitTabs(page: Page, cdp: CDPSession, peak: number) {
  const points: Record<string, number> = {}
  const tabs = page.locator('[role="tab"][data-testid^="tab-"]')
  const requests = requestTracker(page)
  try {
    for (let i = 0; i < (await tabs.count()); i++) {
      await tabs.nth(i).click()
      await requests.quiet()
      peak = Math.max(peak, await heapMb(cdp))
      for (const chart of await page.locator('[data-series]').all()) {
        const id = (await chart.getAttribute('data-testid')) ?? '?'
        const series = JSON.parse((await chart.getAttribute('data-series')) ?? '[]') as { points: number }[]
        points[id] = Math.max(points[id] ?? 0, ...series.map((s) => s.points))
      }
    }
  } finally {
    requests.stop()
  }
  return { peak, points }
}

/** A 10,000-epoch Weibull gradient fit on the 30,000 repair times, watching long tasks and frames. */
async function gradientLongTasks(page: Page) {
  // The fits before leave unsaved results, so the app asks before replacing them: the user discards.
  await openFile(page, REPAIR_TIMES, () =>
    page.getByTestId('open-question').getByRole('button', { name: 'Discard' }).click(LONG),
  )
  await page.getByTestId('dist-select').selectOption('weibull')
  await page.getByLabel('Fitting method').selectOption('gradient')
  for (const [label, value] of [
    ['Epochs', '10000'],
    ['Patience (epochs, 0 = never stop early)', '0'],
    ['Tolerance (relative)', '0'],
  ]) {
    const field = page.getByLabel(label, { exact: true })
    await field.fill(value)
    await field.dispatchEvent('change')
  }
  await page.evaluate(() => (globalThis as unknown as Probe).__bench.startFrames())
  const fitted = answer<{ seconds: number; iterations: number }>(page, 'model:fit')
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  const result = await fitted
  const clickAt = await lastClick(page, 'Fit')
  const doneAt = await pageTime(
    page,
    () => (globalThis as unknown as Probe).__bench.shown('fit-criteria', '10,000'),
    0,
  )
  const { gaps, tasks } = await page.evaluate((after) => {
    const b = (globalThis as unknown as Probe).__bench
    return { gaps: b.stopFrames(), tasks: b.longTasks.filter((t) => t.start >= after).map((t) => t.duration) }
  }, clickAt)
  if (result.iterations !== 10_000) throw new Error(`W7: the gradient fit ran ${result.iterations} epochs`)
  return { ui: (doneAt - clickAt) / 1000, engine: result.seconds, longTasks: tasks, frameGaps: gaps }
}

/**
 * The engine's import of the open file alone (`dataset:reimport` of the stored upload, no transfer): what the
 * open is compared with, since an upload's own import reads the bytes as they arrive and so includes the
 * transfer. The page is not told (no event), and the dataset is the same file with the same settings.
 */
async function importAloneSeconds(appUrl: string): Promise<number> {
  const url = new URL(appUrl)
  const res = await fetch(`${url.origin}/api/dataset:reimport`, {
    method: 'POST',
    headers: { 'x-mle-token': url.searchParams.get('token')!, 'Content-Type': 'application/json' },
    body: '{}',
  })
  const envelope = (await res.json()) as {
    ok: boolean
    value: { seconds: number }
    error?: { message: string }
  }
  if (!envelope.ok) throw new Error(`W7: re-importing failed: ${envelope.error?.message}`)
  return envelope.value.seconds
}

/** The engine process's peak RSS so far, through the server's test hook for its pid. */
async function enginePeakRssMb(appUrl: string): Promise<number | null> {
  const url = new URL(appUrl)
  const res = await fetch(`${url.origin}/api/test/engine-pid`, {
    headers: { 'x-mle-token': url.searchParams.get('token')! },
  })
  const pid = ((await res.json()) as { value: number | null }).value
  return pid === null ? null : processPeakRssMb(pid)
}

/** One full run on a fresh browser-mode server. */
async function run(browser: Browser, csv: string, dataDir: string): Promise<RunOut> {
  const app = await startWebApp(null, dataDir)
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } })
  try {
    const page = await context.newPage()
    /** Runs one step, saying so on stderr; a failure names the step and leaves a screenshot. */
    const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      process.stderr.write(`  W7 ${name} (load ${load1()})\n`)
      try {
        return await run()
      } catch (e) {
        const shot = join(tmpdir(), 'mle-bench-w7-failure.png')
        await page.screenshot({ path: shot }).catch(() => undefined)
        throw new Error(`${name}: ${(e as Error).message} (screenshot: ${shot})`, { cause: e })
      }
    }
    await page.addInitScript({ path: join(__dirname, 'w7-probe.js') })
    const cdp = await context.newCDPSession(page)
    await step('start page', async () => {
      await page.goto(app.url)
      await page.getByRole('heading', { name: 'MLE Studio' }).waitFor(LONG)
      await pageTime(page, () => (globalThis as unknown as Probe).__bench.shown('summary', 'Summary of'), 0)
    })
    const opened = await step('open the 1M x 8 CSV', () => openFile(page, csv))
    const engineRssMb = await enginePeakRssMb(app.url)
    // The median of three: one import alone varied 0.42-0.83 s from run to run on a busy machine, more
    // than the open's own overhead, so a single one made the ratio a draw.
    const alone = await step('import the stored file alone', async () => {
      const times: number[] = []
      for (let k = 0; k < 3; k++) times.push(await importAloneSeconds(app.url))
      return median(times)
    })
    const open = { ...opened, engine: alone, whileArriving: opened.engine }
    let peak = await heapMb(cdp)
    const fit = await step('Fit', () => fitUntilDrawn(page))
    peak = Math.max(peak, await heapMb(cdp))
    const fitAll = await step('Fit all', () => fitAllUntilTable(page))
    const tabs = await step('visit every chart tab', async () =>
      visitTabs(page, cdp, Math.max(peak, await heapMb(cdp))),
    )
    await cdp.send('HeapProfiler.collectGarbage')
    const heapLiveMb = await heapMb(cdp)
    const gradient = await step('live gradient fit', () => gradientLongTasks(page))
    return {
      open,
      fit,
      fitAll,
      gradient,
      engineRssMb,
      heapPeakMb: tabs.peak,
      heapLiveMb,
      chartPoints: tabs.points,
    }
  } finally {
    await context.close()
    app.server.kill()
  }
}

/** The W7 rows (open, fit, fit all, long tasks) and the MEM rows (engine peak, renderer heap). */
export async function w7(options: BenchOptions & { keep?: boolean }): Promise<WorkloadResult[]> {
  const runs = Math.min(options.runs, MAX_RUNS)
  const csv = await ensureBenchCsv(ROWS, COLS)
  const loadBefore = load1()
  // The server must answer the engine's pid (test hook) and keep its autosave out of the user's folder.
  process.env['MLE_STUDIO_TEST_HOOKS'] = '1'
  const dataDir = mkdtempSync(join(tmpdir(), 'mle-bench-w7-'))
  process.env['MLE_STUDIO_DATA_DIR'] = dataDir
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  })
  const outs: RunOut[] = []
  try {
    for (let r = 0; r < runs; r++) {
      process.stderr.write(`W7 run ${r + 1} of ${runs}...\n`)
      outs.push(await run(browser, csv, dataDir))
    }
  } finally {
    await browser.close()
    rmSync(dataDir, { recursive: true, force: true })
    if (!options.keep) rmSync(csv, { force: true })
  }
  return rows(outs, runs, [loadBefore, load1()])
}

const med = (outs: RunOut[], pick: (o: RunOut) => number) => median(outs.map(pick))
const maybe = (x: number | null) => (x === null ? null : round(x))

/** The W7 rows and the MEM rows, in the results.json shape. */
function rows(outs: RunOut[], runs: number, loadAverage: number[]): WorkloadResult[] {
  return [...uiRows(outs, { runs, loadAverage }), ...memoryRows(outs, { runs, loadAverage })]
}

/** The W7 rows: medians over runs (the worst long task: the worst of all). */
function uiRows(outs: RunOut[], base: { runs: number; loadAverage: number[] }): WorkloadResult[] {
  const open = med(outs, (o) => o.open.ui)
  const openEngine = med(outs, (o) => o.open.engine)
  const fit = med(outs, (o) => o.fit.ui)
  const fitEngine = med(outs, (o) => o.fit.engine)
  const fitAfter = medianOrNull(outs.map((o) => o.fit.afterAnswer))
  const all = med(outs, (o) => o.fitAll.ui)
  const allCall = medianOrNull(outs.map((o) => o.fitAll.call))
  const tasks = outs.map((o) => o.gradient.longTasks)
  const p95 = median(tasks.map((t) => percentile(t, 95)))
  const worst = Math.max(0, ...tasks.flat())
  return [
    {
      id: 'W7',
      case: 'open: summary visible',
      workload: `browser mode: choose a ${ROWS} x ${COLS} CSV (upload) until the first column's summary is visible`,
      medianSeconds: round(open),
      comparatorMedianSeconds: round(openEngine),
      ratio: round(openEngine / open, 3),
      comparator:
        "the engine's import of the same file alone (dataset:reimport of the stored upload, median of 3)",
      goal: "<= 1.5x the engine's import",
      goalMet: open / openEngine <= 1.5,
      ...base,
      timesEngine: round(open / openEngine, 3),
      uploadCallSeconds: maybe(medianOrNull(outs.map((o) => o.open.uploadCall))),
      importWhileArrivingSeconds: round(med(outs, (o) => o.open.whileArriving)),
      afterAnswerSeconds: maybe(medianOrNull(outs.map((o) => o.open.afterAnswer))),
    },
    {
      id: 'W7',
      case: 'Fit: density drawn',
      workload: `Fit (the defaults: normal, first column) on ${ROWS} values until the density chart is drawn`,
      medianSeconds: round(fit),
      comparatorMedianSeconds: round(fitEngine),
      ratio: round(fitEngine / fit, 3),
      comparator: "the engine's fit (FitResult.seconds)",
      goal: 'density drawn <= 0.3 s after the engine answers',
      goalMet: fitAfter !== null && fitAfter <= 0.3,
      ...base,
      afterAnswerSeconds: maybe(fitAfter),
    },
    {
      id: 'W7',
      case: 'Fit all: table visible',
      workload: `Fit all on ${ROWS} values (x2) until the comparison table shows`,
      medianSeconds: round(all),
      comparatorMedianSeconds: maybe(allCall),
      ratio: allCall === null ? null : round(allCall / all, 3),
      comparator: 'the fit-all call (engine and loopback HTTP; the result has no total seconds)',
      goal: 'reported (UI overhead = ratio)',
      goalMet: null,
      ...base,
      afterAnswerSeconds: maybe(medianOrNull(outs.map((o) => o.fitAll.afterAnswer))),
      families: outs[0].fitAll.fits,
      sumOfFitSeconds: round(med(outs, (o) => o.fitAll.fitSeconds)),
    },
    {
      id: 'W7',
      case: 'live gradient fit: long tasks',
      workload: '10,000-epoch Weibull gradient fit on 30,000 rows (e2e repair times), live convergence view',
      medianSeconds: round(med(outs, (o) => o.gradient.ui)),
      comparatorMedianSeconds: round(med(outs, (o) => o.gradient.engine)),
      ratio: round(median(outs.map((o) => o.gradient.engine / o.gradient.ui)), 3),
      comparator: "the engine's fit (FitResult.seconds)",
      goal: 'long-task p95 < 50 ms on a quiet machine (p95 of the long tasks: met only when there are none)',
      goalMet: p95 < 50,
      ...base,
      worstLongTaskMs: round(worst),
      p95LongTaskMs: round(p95),
      longTasks: median(tasks.map((t) => t.length)),
      longTaskTotalMs: round(median(tasks.map((t) => t.reduce((s, d) => s + d, 0)))),
      frameGapP95Ms: round(median(outs.map((o) => percentile(o.gradient.frameGaps, 95)))),
      frameGapWorstMs: round(Math.max(...outs.map((o) => Math.max(0, ...o.gradient.frameGaps)))),
    },
  ]
}

/** The MEM rows: the largest peaks over runs, and how many points each chart was given. */
function memoryRows(outs: RunOut[], base: { runs: number; loadAverage: number[] }): WorkloadResult[] {
  const engineRss = outs.map((o) => o.engineRssMb).filter((x): x is number => x !== null)
  const heapPeak = Math.max(...outs.map((o) => o.heapPeakMb))
  const chartPoints = outs[outs.length - 1].chartPoints
  const many = Object.entries(chartPoints).filter(([, p]) => p > MANY_POINTS)
  return [
    {
      id: 'MEM',
      case: 'engine peak RSS, 1M x 8 import',
      workload: `the browser-mode engine process's peak resident set (VmHWM) after importing the ${ROWS} x ${COLS} CSV`,
      medianSeconds: null,
      comparatorMedianSeconds: null,
      ratio: null,
      comparator: null,
      goal: '<= 200 MB',
      goalMet: engineRss.length > 0 ? Math.max(...engineRss) <= 200 : null,
      ...base,
      peakMb: engineRss.length > 0 ? round(Math.max(...engineRss)) : null,
    },
    {
      id: 'MEM',
      case: 'renderer JS heap, 1M rows, every tab',
      workload: `renderer JS heap with the ${ROWS}-row dataset open, a fit, fit all, and every chart tab visited`,
      medianSeconds: null,
      comparatorMedianSeconds: null,
      ratio: null,
      comparator: null,
      goal: '<= 300 MB',
      goalMet: heapPeak <= 300,
      ...base,
      peakMb: round(heapPeak),
      liveAfterGcMb: round(Math.max(...outs.map((o) => o.heapLiveMb))),
      chartPoints,
      note:
        many.length > 0
          ? `charts given over ${MANY_POINTS} points: ${many.map(([id, p]) => `${id} ${p}`).join(', ')}`
          : `no chart is given over ${MANY_POINTS} points`,
    },
  ]
}
