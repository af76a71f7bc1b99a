/* global window, document, URL, performance, PerformanceObserver, requestAnimationFrame, cancelAnimationFrame, MutationObserver, setTimeout */
// W7's instrumentation, injected into the page before the app loads (Playwright addInitScript). Everything it
// records is on the page's own clock (performance.now()), so UI times and the engine's answers (Resource
// Timing of the /api/ calls) compare without clock skew.
;(() => {
  const bench = {
    /** Capture-phase clicks: when the user's press reached the page, and the button's text. */
    clicks: [],
    /** When a file was chosen in a file input. */
    fileChosenAt: [],
    /** Every long task (> 50 ms) since load. */
    longTasks: [],
    /** Each change of a chart's data-series (what the chart was given) and the end of the next frame. */
    series: [],
    frameTimes: null,
    /** Answers to file uploads: the engine's import seconds and the first numeric column (or the error). */
    uploads: [],
  }
  window.__bench = bench
  // A large file goes up in the upload form (or parts) beside one request that answers the import: that one
  // is the upload's.
  const isUploadAnswer = (url) => url.includes('/api/upload') && !/[?&]part=/.test(url)
  // The upload's answer is read here: DevTools drops it (the 86 MB request body evicts it from the inspector's
  // cache), and it is small (column list, 100 preview rows), so a second parse costs next to nothing.
  const originalFetch = window.fetch.bind(window)
  window.fetch = async (input, init) => {
    const res = await originalFetch(input, init)
    if (isUploadAnswer(String(input instanceof window.Request ? input.url : input))) {
      res
        .clone()
        .json()
        .then((e) =>
          bench.uploads.push(
            e.ok
              ? { seconds: e.value.seconds, first: e.value.columns.find((c) => c.numeric).name }
              : { error: e.error.message },
          ),
        )
    }
    return res
  }
  // The app makes hundreds of calls in a session; the default buffer (250) would drop the later ones.
  performance.setResourceTimingBufferSize(100000)
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true })
  document.addEventListener(
    'click',
    (e) => {
      const button = e.target instanceof window.Element ? e.target.closest('button') : null
      bench.clicks.push({ at: performance.now(), text: button ? button.textContent.trim() : '' })
    },
    true,
  )
  document.addEventListener(
    'change',
    (e) => {
      if (e.target instanceof window.HTMLInputElement && e.target.type === 'file') {
        bench.fileChosenAt.push(performance.now())
      }
    },
    true,
  )
  // ECharts draws a new option in its next animation frame (lazyUpdate); the frame callback queued here runs
  // after that one, and the timeout after the frame is painted: `drawnAt` is when the chart shows it.
  new MutationObserver((records) => {
    for (const r of records) {
      const el = r.target
      const entry = {
        testid: el.dataset.testid,
        at: performance.now(),
        drawnAt: null,
        series: el.dataset.series,
      }
      bench.series.push(entry)
      requestAnimationFrame(() => setTimeout(() => (entry.drawnAt = performance.now()), 0))
    }
  }).observe(document, { attributes: true, attributeFilter: ['data-series'], subtree: true })

  /** performance.now() if the element is on screen and its text contains `text`, else false. */
  bench.shown = (testid, text) => {
    const el = document.querySelector(`[data-testid="${testid}"]`)
    if (!el || el.getClientRects().length === 0) return false
    return el.textContent.includes(text) ? performance.now() : false
  }
  /** performance.now() if the table's body has a visible row, else false. */
  bench.hasRows = (testid) => {
    const row = document.querySelector(`[data-testid="${testid}"] tbody tr`)
    return row && row.getClientRects().length > 0 ? performance.now() : false
  }
  /** When the first chart change after `after` gave `testid` a series `seriesId` with points, drawn. */
  bench.drawn = (testid, seriesId, after) => {
    for (const e of bench.series) {
      if (e.testid !== testid || e.at < after || e.drawnAt === null) continue
      const list = JSON.parse(e.series || '[]')
      if (list.some((s) => s.id === seriesId && s.points > 0)) return e.drawnAt
    }
    return false
  }
  /** The last /api/NAME call started after `after`: its start, response end, and duration. */
  bench.call = (name, after) => {
    const entries = performance
      .getEntriesByType('resource')
      .filter((e) => decodeURIComponent(new URL(e.name).pathname) === `/api/${name}` && e.startTime >= after)
      .filter((e) => name !== 'upload' || isUploadAnswer(e.name))
    const e = entries[entries.length - 1]
    return e ? { start: e.startTime, responseEnd: e.responseEnd } : null
  }
  /** Records the gap between animation frames until stopFrames(), which returns the gaps in ms. */
  bench.startFrames = () => {
    bench.frameTimes = []
    const tick = (t) => {
      bench.frameTimes.push(t)
      bench.frameHandle = requestAnimationFrame(tick)
    }
    bench.frameHandle = requestAnimationFrame(tick)
  }
  bench.stopFrames = () => {
    cancelAnimationFrame(bench.frameHandle)
    const t = bench.frameTimes || []
    return t.slice(1).map((v, i) => v - t[i])
  }
})()
