import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

/**
 * Report-grade charts on heavy-tailed data (a Danish-fire-like Pareto sample, skewness ~14, made by
 * test/support/make-danish-like.py): the density opens on a log x axis the user can flip, every chart
 * tab draws, and exports (PNG with its size in the name, SVG, PDF, clipboard) hold what is on screen.
 */
test.use({ csvFixture: join(__dirname, 'data/danish-like.csv') })

type Axis = { type: string; name: string }
/** The x axis ECharts holds for a chart (read from the live instance). */
async function xAxisOf(page: Page, testId: string): Promise<Axis> {
  const chart = page.getByTestId(testId)
  await expect(chart.locator('canvas').first()).toBeVisible()
  return JSON.parse((await chart.getAttribute('data-x-axis')) ?? '{}') as Axis
}
/** Clicks a button that downloads, saves the file as `file` in `dir`; its suggested name and path. */
async function download(page: Page, testId: string, dir: string, file: string) {
  const started = page.waitForEvent('download')
  await page.getByTestId(testId).click()
  const d = await started
  const path = join(dir, file)
  await d.saveAs(path)
  return { name: d.suggestedFilename(), path }
}
/** poppler's pdftoppm renders PDF pages to PNG; the page checks skip where it is not installed. */
const hasPdftoppm = spawnSync('pdftoppm', ['-v']).error === undefined

/** The PDF's pages rendered at 70 dpi (A4: 579 × 819 px): each page's PNG path. */
function renderPages(pdf: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'mle-pages-'))
  const run = spawnSync('pdftoppm', ['-r', '70', '-png', pdf, join(dir, 'page')])
  expect(run.status, run.stderr.toString()).toBe(0)
  return readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort()
    .map((f) => join(dir, f))
}

/** Heights (pt) of the PDF's words with this text, from poppler's pdftotext -bbox; null without poppler. */
function wordHeights(pdf: string, word: string): number[] | null {
  const run = spawnSync('pdftotext', ['-bbox', pdf, '-'])
  if (run.error) return null
  const boxes = run.stdout
    .toString()
    .matchAll(/<word xMin="[^"]+" yMin="([^"]+)" xMax="[^"]+" yMax="([^"]+)">([^<]*)</g)
  return [...boxes].filter((m) => m[3] === word).map((m) => Number(m[2]) - Number(m[1]))
}

/** The share of a page's pixels that are not near-white (ink). */
function inkShare(png: string): number {
  const { data, width, height } = PNG.sync.read(readFileSync(png))
  let ink = 0
  for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] < 690) ink++
  return ink / (width * height)
}

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/report-${name}.png` })

async function fitGamma(page: Page): Promise<void> {
  await page.getByTestId('dist-select').selectOption('gamma')
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  await expect(page.getByTestId('fit-table')).toBeVisible()
  // An iterative fit shows its convergence; the density is one click away.
  await page.getByTestId('tab-density').click()
}

test('heavy tails open on a log x axis, every chart tab draws, and the toggle flips it', async ({
  app,
  page,
}) => {
  await app.open(page)
  await fitGamma(page)
  await expect(page.getByTestId('x-scale')).toHaveValue('auto')
  await expect(page.getByTestId('x-scale').locator('option').first()).toHaveText('Auto (log)')
  expect(await xAxisOf(page, 'density-chart')).toMatchObject({ type: 'log', name: 'loss (log scale)' })
  // The starting point is off once a fit exists; the legend names the family and its parameters.
  await expect(page.getByTestId('show-start')).not.toBeChecked()
  await expect(page.getByTestId('density-chart')).toHaveAttribute('aria-label', /Gamma/)
  await shot(page, 'density-log')
  await page.getByTestId('x-scale').selectOption('linear')
  expect(await xAxisOf(page, 'density-chart')).toMatchObject({ type: 'value', name: 'loss' })
  await shot(page, 'density-linear')
  await page.getByTestId('x-scale').selectOption('auto')

  for (const tab of ['cdf', 'survival', 'hazard', 'qq', 'pp', 'probability', 'summary']) {
    await page.getByTestId(`tab-${tab}`).click()
    const axis = await xAxisOf(page, `${tab}-chart`)
    expect(axis.type).toBe(tab === 'pp' ? 'value' : 'log')
    await shot(page, tab)
  }
})

test('exports PNG with its size in the name, SVG and PDF as vectors, and copies the chart', async ({
  app,
  page,
  context,
}) => {
  test.setTimeout(120_000)
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await app.open(page)
  await fitGamma(page)
  const save = async (choice: string, file: string) => {
    await page.getByLabel('Chart export format').selectOption(choice)
    return download(page, 'export-chart', app.dataDir, file)
  }
  const small = await save('png-small', 'small.png')
  expect(small.name).toBe('danish-like-loss-gamma-density-800x500.png')
  const png = PNG.sync.read(readFileSync(small.path))
  expect([png.width, png.height]).toEqual([1600, 1000])
  const large = await save('png-large', 'large.png')
  expect(large.name).toBe('danish-like-loss-gamma-density-1600x900.png')

  await page.getByTestId('tab-qq').click()
  await expect(page.getByTestId('qq-chart').locator('canvas').first()).toBeVisible()
  const svg = await save('svg', 'qq.svg')
  expect(svg.name).toBe('danish-like-loss-gamma-qq.svg')
  const svgText = readFileSync(svg.path, 'utf8')
  expect(svgText).toMatch(/^<\?xml[^>]*>\s*<svg/)
  expect(svgText).toContain('95% pointwise band')
  expect(svgText).toContain('danish-like.csv · loss · Gamma (')
  expect(svgText).not.toContain('undefined')

  await page.getByTestId('tab-summary').click()
  await expect(page.getByTestId('summary-chart').locator('canvas').first()).toBeVisible()
  const pdf = await save('pdf', 'summary.pdf')
  expect(pdf.name).toBe('danish-like-loss-gamma-summary.pdf')
  copyFileSync(pdf.path, 'test-results/report-summary-export.pdf')
  copyFileSync(svg.path, 'test-results/report-qq-export.svg')
  const bytes = readFileSync(pdf.path)
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  // Vector: text is drawn as PDF text operators and there is no embedded raster image.
  expect(bytes.toString('latin1')).not.toContain('/Subtype /Image')
  // Greek parameter symbols need a Unicode font: DejaVu Sans is embedded (TrueType, Identity-H).
  expect(bytes.toString('latin1')).toContain('/FontFile2')
  expect(bytes.toString('latin1')).toContain('Identity-H')
  // Each text at its own size (the CSP once made every text 16 pt): the title larger than a tick label.
  const title = wordHeights(pdf.path, 'Summary')
  const tick = wordHeights(pdf.path, '0.8')
  if (title && tick) {
    expect(tick.length).toBeGreaterThan(0)
    expect(title[0]).toBeGreaterThan(tick[0] * 1.1)
    expect(tick[0]).toBeLessThan(15)
  }

  await page.getByTestId('copy-chart').click()
  await expect(page.getByTestId('notice')).toContainText('Chart copied')
  const types = await page.evaluate(async () => (await navigator.clipboard.read()).flatMap((i) => i.types))
  expect(types).toContain('image/png')
})

test('saves a report that opens offline and prints to PDF', async ({ app, page, browser }) => {
  test.setTimeout(120_000)
  await app.open(page)
  await fitGamma(page)
  const { name, path } = await download(page, 'save-report', app.dataDir, 'report.html')
  expect(name).toBe('danish-like-loss-gamma-report.html')
  const html = readFileSync(path, 'utf8')
  expect(html).not.toMatch(/undefined|NaN|<script/)
  // Opened as a file with the network cut: everything it shows is inside it.
  const context = await browser.newContext()
  await context.route('**/*', (route) =>
    route.request().url().startsWith('file:') ? route.continue() : route.abort(),
  )
  const report = await context.newPage()
  await report.goto(`file://${path}`)
  await expect(report.getByRole('heading', { level: 1 })).toContainText('Gamma fit to loss')
  await expect(report.locator('figure svg')).toHaveCount(2)
  await expect(report.getByText('p < 1e-16').first()).toBeVisible()
  await report.pdf({ path: 'test-results/report-fit.pdf', format: 'A4', printBackground: true })
  await report.screenshot({ path: 'test-results/report-html.png', fullPage: true })
  await context.close()
})

test('the printed report paginates: several pages, none blank, charts whole', async ({
  app,
  page,
  browser,
}) => {
  test.skip(!hasPdftoppm, 'pdftoppm (poppler-utils) is not installed: the PDF pages cannot be rendered')
  test.setTimeout(120_000)
  await app.open(page)
  await fitGamma(page)
  const { path } = await download(page, 'save-report', app.dataDir, 'report.html')
  const context = await browser.newContext()
  const report = await context.newPage()
  await report.goto(`file://${path}`)
  const pdf = join(app.dataDir, 'report.pdf')
  await report.pdf({ path: pdf, format: 'A4', printBackground: true })
  await context.close()
  const pages = renderPages(pdf)
  expect(pages.length).toBeGreaterThanOrEqual(2)
  for (const [i, png] of pages.entries()) {
    copyFileSync(png, `test-results/report-page-${i + 1}.png`)
    // A page with only a stray line (a split table or chart) would be nearly white.
    expect(inkShare(png), `page ${i + 1} of ${pages.length}`).toBeGreaterThan(0.01)
  }
})

test('Print report opens the print dialog on the styled report (browser mode)', async ({ app, page }) => {
  // Every frame's print() (the dialog) is counted in the app's page instead of opening.
  await page.addInitScript(() => {
    if (window === window.top) return
    window.print = () => {
      const top = window.top as unknown as { printed?: string[] }
      top.printed = [...(top.printed ?? []), document.title]
    }
  })
  await app.open(page)
  await fitGamma(page)
  await page.getByTestId('print-report').click()
  const frame = page.frameLocator('[data-testid="print-frame"]')
  await expect(frame.getByRole('heading', { level: 1 })).toContainText('Gamma fit to loss')
  await expect(frame.locator('figure svg')).toHaveCount(2)
  // The report's styles apply inside the app's CSP (through the CSSOM): collapsed tables, repeated headers.
  const styles = await frame
    .locator('table:has(thead)')
    .first()
    .evaluate((t) => {
      const style = (e: Element) => (t.ownerDocument.defaultView as Window).getComputedStyle(e)
      return {
        collapse: style(t).borderCollapse,
        head: style(t.querySelector('thead') as Element).display,
        align: style(t.querySelector('td:nth-child(2)') as Element).textAlign,
      }
    })
  expect(styles).toEqual({ collapse: 'collapse', head: 'table-header-group', align: 'right' })
  // The dialog opened once, on the report (its title names the PDF the browser suggests).
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { printed?: string[] }).printed))
    .toEqual(['danish-like-loss-gamma-report'])
  // Ctrl+P is the same command (the browser's own print would print the app's page, not the report).
  await page.keyboard.press('Control+p')
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { printed?: string[] }).printed))
    .toEqual(['danish-like-loss-gamma-report', 'danish-like-loss-gamma-report'])
  await expect(page.getByTestId('error')).toHaveCount(0)
})

test('exporting during a fit exports the live convergence on screen, named after that fit', async ({
  app,
  page,
}) => {
  test.setTimeout(120_000)
  await app.open(page)
  await page.getByTestId('dist-select').selectOption('weibull')
  await page.getByLabel('Fitting method').selectOption('gradient')
  // No early stop, no tolerance and far more epochs than it can run: the fit is still running while the
  // chart is exported, however fast or loaded the machine, and is cancelled at the end.
  for (const [label, value] of [
    ['Epochs', '10000000'],
    ['Patience (epochs, 0 = never stop early)', '0'],
    ['Tolerance (relative)', '0'],
  ]) {
    const field = page.getByLabel(label, { exact: true })
    await field.fill(value)
    await field.dispatchEvent('change')
  }
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  await expect(page.getByTestId('busy')).toBeVisible()
  await expect(page.getByTestId('convergence-chart').locator('canvas').first()).toBeVisible()
  await page.getByLabel('Chart export format').selectOption('svg')
  const { name, path } = await download(page, 'export-chart', app.dataDir, 'live.svg')
  expect(name).toBe('danish-like-loss-weibull-convergence.svg')
  const svg = readFileSync(path, 'utf8')
  // Live: "Weibull"; if the fit ended between the click and the render, the finished fit with its
  // parameters: either way the chart on screen, never the previous result or "undefined".
  expect(svg).toMatch(/danish-like\.csv · loss · Weibull( \([^)]*\))? — Convergence/)
  expect(svg).not.toContain('undefined')
  await page.getByTestId('busy').getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByTestId('busy')).toBeHidden({ timeout: 60_000 })
})
