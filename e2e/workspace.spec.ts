import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import type { Page } from '@playwright/test'
import { expect, test, type SeriesInfo } from './fixtures'
import { distributions } from '../src-main/engine/distributions/registry'

/**
 * The analyst's workspace, view by view, as a person sees it, against the real engine (browser mode runs
 * `node out/main/web.js`). Expected numbers are computed here from closed forms on the fixture CSVs.
 */

const ids = (s: SeriesInfo[]) => s.map((x) => x.id)
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/workspace-${name}.png` })
const DATA = join(__dirname, 'data')
/** One numeric column of a fixture CSV (plain comma-separated, header row, no quoting). */
function column(file: string, name: string): number[] {
  const [header, ...rows] = readFileSync(join(DATA, file), 'utf8').trim().split('\n')
  const j = header
    .split(',')
    .map((h) => h.replace(/"/g, ''))
    .indexOf(name)
  return rows.map((r) => Number(r.split(',')[j]))
}
const sum = (x: number[]) => x.reduce((a, b) => a + b, 0)
/** Normal MLE in closed form: the mean and the standard deviation dividing by n. */
function normalMle(x: number[]): { mu: number; sigma: number } {
  const mu = sum(x) / x.length
  return { mu, sigma: Math.sqrt(sum(x.map((v) => (v - mu) ** 2)) / x.length) }
}
/** Normal log-likelihood, sum of log N(x_i; mu, sigma^2). */
const normalLogLik = (x: number[], mu: number, sigma: number) =>
  -(x.length / 2) * Math.log(2 * Math.PI * sigma * sigma) -
  sum(x.map((v) => (v - mu) ** 2)) / (2 * sigma * sigma)
/** log k! as a sum of logs: exact enough for the small counts of the fixtures. */
const logFactorial = (k: number) => sum(Array.from({ length: k }, (_, i) => Math.log(i + 1)))
/** Relative distance, for tolerances stated as relative bounds. */
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)
const eruptions = column('faithful.csv', 'eruptions')
const waiting = column('faithful.csv', 'waiting')
const valueOf = async (page: Page, testId: string) =>
  Number(await page.getByTestId(testId).getAttribute('data-value'))
const criterion = async (page: Page, row: RegExp) =>
  (await page.getByTestId('fit-criteria').getByRole('row', { name: row }).locator('td').textContent())?.trim()

test('data panel: detected settings, typed columns, preview, summary and the Cullen-Frey plot', async ({
  page,
  studio,
}) => {
  await studio.open()
  const settings = page.getByTestId('import-settings')
  await expect(settings).toContainText('Comma')
  await expect(settings).toContainText('header row')
  const columns = page.getByTestId('column-list').getByRole('option')
  await expect(columns).toHaveCount(2)
  await expect(columns.first().getByTestId('column-type')).toHaveText(/real|integer/)
  await page.getByText(/Preview \(first 100 rows\)/).click()
  await expect(page.getByTestId('preview-table').locator('tbody tr')).toHaveCount(100)
  await expect(page.getByTestId('preview-table').locator('thead')).toContainText('eruptions')
  await expect(page.getByTestId('summary')).toContainText('Excess kurtosis')
  const cf = await studio.seriesOf('cullen-frey-chart')
  expect(ids(cf)).toEqual(
    expect.arrayContaining(['beta-region', 'gamma', 'lognormal', 'weibull', 'normal', 'observation']),
  )
  expect(cf.find((s) => s.id === 'observation')?.points).toBe(1)
  await shot(page, 'data-panel')

  // Change a setting and re-import: the dataset comes back through dataset:reimport.
  await settings.locator('summary').click()
  await page.getByLabel('Missing-value tokens').fill('NA, -')
  await page.getByRole('button', { name: 'Re-import with these settings' }).click()
  await expect(page.getByTestId('notice').or(page.getByTestId('error')).first()).toBeVisible()
  await expect(page.getByTestId('notice')).toContainText('Re-imported faithful.csv')
})

test('model panel: families grouped, searchable, and disabled with the reason when they cannot fit', async ({
  page,
  studio,
}) => {
  await studio.open()
  await expect(page.getByTestId('summary')).toContainText('Summary of eruptions')
  const select = page.getByTestId('dist-select')
  // One option per family of the engine's catalog, in its group.
  const discrete = distributions.filter((d) => d.discrete).length
  await expect(select.locator('optgroup[label="Continuous"] option')).toHaveCount(
    distributions.length - discrete,
  )
  await expect(select.locator('optgroup[label="Discrete"] option')).toHaveCount(discrete)
  // eruptions runs 1.6 to 5.1 with fractions: counts and the unit interval do not apply.
  await expect(select.locator('option[value="poisson"]')).toBeDisabled()
  await expect(select.locator('option[value="beta"]')).toBeDisabled()
  await expect(select.locator('option[value="gamma"]')).toBeEnabled()
  await page.getByText(/families do not apply/).click()
  await expect(
    page.getByText('Poisson needs whole numbers (counts); eruptions has fractions.', { exact: true }),
  ).toBeVisible()
  await expect(page.getByText('Beta needs 0 < x < 1; the largest value of eruptions is 5.1.')).toBeVisible()
  // Search matches names and parameter names; the selected family (Normal) stays listed.
  await page.getByLabel('Search families').fill('weib')
  await expect(select.locator('option')).toHaveText([/Normal/, /^Weibull \(k/, /Weibull \(3-parameter\)/])
  await page.getByLabel('Search families').fill('shape')
  await expect(select.locator('option')).toContainText([/Normal/, /Gamma/, /Weibull/])
  await page.getByLabel('Search families').fill('')
  // Method options follow the method; fixed parameters follow the family.
  await page.getByLabel('Fitting method').selectOption('gradient')
  await expect(page.getByLabel('Learning rate')).toBeVisible()
  await expect(page.getByLabel('Validation fraction')).toBeVisible()
  await select.selectOption('gamma')
  await expect(page.getByLabel('Hold shape fixed')).toBeVisible()
  await shot(page, 'model-panel')
})

test('holding a parameter offers its fitted estimate, and a fit holds it there', async ({ page, studio }) => {
  await studio.open()
  await page.getByTestId('dist-select').selectOption('gamma')
  await expect(page.getByLabel('Fixed value of rate')).toHaveValue('1')
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  await expect(page.getByTestId('fit-table')).toBeVisible()
  const rate = Number((await studio.estimate('rate')).toPrecision(4))
  await expect(page.getByLabel('Fixed value of rate')).toHaveValue(String(rate))
  await page.getByLabel('Hold rate fixed').check()
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  await expect.poll(() => studio.estimate('rate')).toBe(rate)
})

test('a closed-form fit: results with goodness of fit, density chart, exports', async ({
  app,
  page,
  context,
  studio,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await studio.open()
  await page.getByTestId('dist-select').selectOption('normal')
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  await expect(page.getByTestId('fit-table')).toBeVisible()
  await expect(page.getByTestId('param-mu').locator('td').first()).toHaveText('3.48778')
  const num = async (id: string) => Number(await page.getByTestId(id).getAttribute('data-value'))
  // AICc = AIC + 2k(k + 1) / (n - k - 1) with k = 2 parameters and n = 272.
  expect((await num('aicc')) - (await num('aic'))).toBeCloseTo(12 / 269, 9)
  await expect(page.getByTestId('n')).toHaveText('272')
  await expect(page.getByTestId('converged')).toHaveText('yes')
  await expect(page.getByTestId('gof')).toContainText(/KS D = [\d.]+ \(p [=<] /)
  const density = await studio.seriesOf('density-chart')
  expect(ids(density).slice(0, 2)).toEqual(['histogram', 'density'])
  await page.getByTestId('tab-convergence').click()
  await expect(page.getByTestId('convergence-unavailable')).toContainText('gave the estimate directly')
  await page.getByTestId('tab-density').click()
  await shot(page, 'closed-form-fit')

  await page.getByLabel('Chart export format').selectOption('png-large')
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export chart' }).click()
  const file = await download
  expect(file.suggestedFilename()).toBe('faithful-eruptions-normal-density-1600x900.png')
  const path = join(app.dataDir, 'large.png')
  await file.saveAs(path)
  const png = PNG.sync.read(readFileSync(path))
  expect([png.width, png.height]).toEqual([3200, 1800])

  await page.getByRole('button', { name: 'Copy Markdown' }).click()
  await expect(page.getByTestId('notice')).toContainText('copied')
  const md = await page.evaluate(() => navigator.clipboard.readText())
  expect(md).toContain('## faithful.csv · eruptions')
  expect(md).toContain('| μ (mu) | 3.48778 |')
  const json = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Save JSON…' }).click()
  const saved = await json
  const jsonPath = join(app.dataDir, 'results.json')
  await saved.saveAs(jsonPath)
  const parsed = JSON.parse(readFileSync(jsonPath, 'utf8')) as { fits: { params: Record<string, number> }[] }
  expect(parsed.fits[0].params.mu).toBeCloseTo(3.4877830882352936, 12)
})

test('diagnostic charts, likelihood surface and explorer of a normal fit', async ({ page, studio }) => {
  await studio.open()
  await page.getByTestId('dist-select').selectOption('normal')
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  await expect(page.getByTestId('fit-table')).toBeVisible()
  const n = eruptions.length
  for (const [tab, expected] of [
    ['cdf', ['empirical', 'fitted', 'band-lower', 'band-upper']],
    ['qq', ['reference', 'points', 'band-lower', 'band-upper']],
    ['pp', ['reference', 'points', 'band-lower', 'band-upper']],
  ] as const) {
    await page.getByTestId(`tab-${tab}`).click()
    const s = await studio.seriesOf(`${tab}-chart`)
    expect(ids(s)).toEqual(expected)
    // Q-Q and P-P: one point per observation.
    if (tab !== 'cdf') expect(s[1].points).toBe(n)
    await shot(page, tab)
  }
  await page.getByTestId('tab-likelihood').click()
  const surface = await studio.seriesOf('likelihood-chart')
  expect(surface.find((s) => s.id === 'surface')?.points).toBeGreaterThan(1000)
  expect(surface.find((s) => s.id === 'contour-95%')?.points).toBeGreaterThan(10)
  expect(ids(surface)).toContain('mle')
  await shot(page, 'likelihood')

  await page.getByTestId('tab-explorer').click()
  const value = page.getByTestId('explorer-loglik')
  const { mu, sigma } = normalMle(eruptions)
  const atMle = normalLogLik(eruptions, mu, sigma)
  // At the MLE the explorer shows the closed-form maximum.
  await expect
    .poll(async () => rel(Number(await value.getAttribute('data-value')), atMle))
    .toBeLessThan(1e-12)
  const slider = page.getByLabel('Explorer value of mu')
  await slider.focus()
  for (let i = 0; i < 40; i++) await slider.press('ArrowRight')
  const moved = Number(await slider.inputValue())
  expect(moved).toBeGreaterThan(mu)
  const s = Number(await page.getByLabel('Explorer value of sigma').inputValue())
  // Away from the MLE: the log-likelihood at the slider values, by the closed form, and lower.
  const there = normalLogLik(eruptions, moved, s)
  expect(there).toBeLessThan(atMle)
  await expect
    .poll(async () => rel(Number(await value.getAttribute('data-value')), there))
    .toBeLessThan(1e-12)
  expect(ids(await studio.seriesOf('explorer-chart'))).toContain('explorer')
  await shot(page, 'explorer')
  await page.getByRole('button', { name: 'Jump to MLE' }).click()
  await expect
    .poll(async () => rel(Number(await value.getAttribute('data-value')), atMle))
    .toBeLessThan(1e-12)
})

test('fit all: a sortable comparison; a row shows its charts, ticked rows overlay', async ({
  page,
  studio,
}) => {
  await studio.open()
  await expect(page.getByTestId('summary')).toContainText('Summary of eruptions')
  await page.getByRole('button', { name: 'Fit all' }).click()
  const table = page.getByTestId('comparison-table')
  await expect(table.locator('tbody tr').first()).toBeVisible({ timeout: 60_000 })
  const rows = await table.locator('tbody tr').count()
  const enabled = await page.getByTestId('dist-select').locator('option:not([disabled])').count()
  const blocked = await page.getByTestId('dist-select').locator('option[disabled]').count()
  // Every family that applies is fitted or listed with its reason (a threshold family is fitted alone).
  const notFitted = page.getByTestId('not-fitted')
  const listed = Number(
    /^(\d+) not fitted$/.exec((await notFitted.locator('summary').textContent()) ?? '')?.[1],
  )
  expect(listed).toBeGreaterThanOrEqual(blocked)
  expect(rows + listed).toBe(enabled + blocked)
  await expect(notFitted.getByText('Poisson needs whole numbers')).toBeHidden()
  await notFitted.locator('summary').click()
  await expect(notFitted.getByText('Poisson needs whole numbers')).toBeVisible()
  // Ranked until a header is clicked: converged fits by AIC (ascending), then those that did not converge
  // (marked "!"), by AIC (src-shared/ranking.ts; eruptions is continuous, so one group).
  const ranked = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      aic: Number(tr.querySelectorAll('td')[2]?.getAttribute('data-value') ?? tr.children[3].textContent),
      converged: tr.querySelector('[title="Did not converge"]') === null,
    })),
  )
  const firstDoubtful = ranked.findIndex((r) => !r.converged)
  const blocks = firstDoubtful < 0 ? [ranked] : [ranked.slice(0, firstDoubtful), ranked.slice(firstDoubtful)]
  expect(blocks.flat().filter((r, i) => i >= firstDoubtful && firstDoubtful >= 0 && r.converged)).toEqual([])
  for (const block of blocks) {
    const aics = block.map((r) => r.aic)
    expect(aics).toEqual([...aics].sort((x, y) => x - y))
  }
  // The normal row shows the closed-form log-likelihood to 2 decimals (the criteria's format).
  const { mu, sigma } = normalMle(eruptions)
  const shown = Number(await table.getByTestId('compare-normal').locator('td').nth(1).textContent())
  expect(Math.abs(shown - normalLogLik(eruptions, mu, sigma))).toBeLessThanOrEqual(0.005 + 1e-9)
  await table.getByRole('button', { name: /Weight/ }).click()
  await expect(table.locator('th[aria-sort="descending"]')).toContainText('Weight')
  await table.getByRole('button', { name: /^Family/ }).click()
  // Sorted by name within each block: fits that did not converge ("!") stay after the others.
  const families = (await table.locator('tbody th').allTextContents()).map((t) => t.trim())
  const sure = families.filter((f) => !f.endsWith('!'))
  const doubtful = families.filter((f) => f.endsWith('!'))
  expect(families).toEqual([...sure, ...doubtful])
  for (const block of [sure, doubtful]) expect(block).toEqual([...block].sort((a, b) => a.localeCompare(b)))
  await page.getByTestId('compare-gamma').click()
  await expect(page.getByRole('heading', { name: 'Gamma fit to eruptions' })).toBeVisible()
  await page.getByLabel('Overlay Normal on the charts').check()
  await expect.poll(async () => ids(await studio.seriesOf('density-chart'))).toContain('overlay-normal')
  await shot(page, 'fit-all')
})

test('Newton and gradient ascent agree with the closed form; convergence and two paths on the surface', async ({
  page,
  studio,
}) => {
  await studio.open()
  // With mu held at 3 the MLE of sigma is sqrt(sum (x - 3)^2 / n), while the start is the sample sd: the
  // iterative methods have ground to cover, and the answer is known in closed form.
  const MU = 3
  const sigma = Math.sqrt(sum(eruptions.map((x) => (x - MU) ** 2)) / eruptions.length)
  const best = normalLogLik(eruptions, MU, sigma)
  await page.getByTestId('dist-select').selectOption('normal')
  await page.getByLabel('Hold mu fixed').check()
  await studio.setField('Fixed value of mu', String(MU))
  await page.getByLabel('Fitting method').selectOption('newton')
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  await expect(page.getByTestId('fit-table')).toBeVisible()
  expect(await criterion(page, /Method/)).toBe('Newton')
  expect(await studio.estimate('mu')).toBe(MU)
  // Newton stops when the predicted gain is below 1e-10 of |log-likelihood|: that is the promise, 1e-10
  // relative in the log-likelihood. With |ll| ~ 1.3 n and curvature 2 n in log sigma, a gap that small
  // puts log sigma within sqrt(1.3e-10) ~ 1.1e-5 of the optimum, so the bound on sigma is 1.2e-5 relative.
  expect(rel(await valueOf(page, 'loglik'), best)).toBeLessThan(1e-10)
  expect(rel(await studio.estimate('sigma'), sigma)).toBeLessThan(1.2e-5)
  console.log(
    `Newton vs closed form (mu fixed at 3): sigma ${rel(await studio.estimate('sigma'), sigma).toExponential(2)} relative`,
  )

  // Gradient ascent on the whole column (validation fraction 0) maximizes the same likelihood and stops
  // when the mean log-likelihood changes by less than 1e-12 relative (contraction 0.8 an epoch near the
  // optimum, so the gap left is of that order too): the same bounds as Newton's hold with room to spare.
  await page.getByLabel('Fitting method').selectOption('gradient')
  await studio.setField('Validation fraction', '0')
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  await expect.poll(() => criterion(page, /Method/)).toBe('Gradient ascent')
  await expect(page.getByTestId('gradient-report')).toContainText(
    `${eruptions.length} training / 0 validation`,
  )
  const gradSigma = await studio.estimate('sigma')
  const epochs = await criterion(page, /Iterations/)
  console.log(
    `gradient vs closed form (mu fixed at 3): sigma ${rel(gradSigma, sigma).toExponential(2)}, loglik ${rel(await valueOf(page, 'loglik'), best).toExponential(2)} relative, ${epochs} epochs`,
  )
  expect(Number(epochs?.replace(/,/g, ''))).toBeGreaterThan(10)
  expect(rel(await valueOf(page, 'loglik'), best)).toBeLessThan(1e-10)
  expect(rel(gradSigma, sigma)).toBeLessThan(1.2e-5)
  await page.getByTestId('tab-convergence').click()
  const s = await studio.seriesOf('convergence-chart')
  expect(ids(s)).toEqual(
    expect.arrayContaining(['train', 'param-sigma', 'distance-loglik', 'distance-params']),
  )
  expect(s[0].points).toBe(Math.min(2000, Number(epochs?.replace(/,/g, '')) + 1))
  await shot(page, 'convergence')

  // Two free parameters: the gamma by gradient ascent, then Newton's path added on the same surface.
  await page.getByLabel('Hold mu fixed').uncheck()
  await page.getByTestId('dist-select').selectOption('gamma')
  await studio.setField('Validation fraction', '0.2')
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Gamma fit to eruptions' })).toBeVisible()
  // A gradient fit opens on its convergence view; then the person turns to the surface.
  await expect(page.getByRole('tab', { name: 'Convergence' })).toHaveAttribute('aria-selected', 'true')
  await page.getByTestId('tab-likelihood').click()
  await expect(page.getByRole('tab', { name: 'Likelihood' })).toHaveAttribute('aria-selected', 'true')
  await page.getByLabel('Method whose path to compare').selectOption('newton')
  await page.getByRole('button', { name: 'Add its path' }).click()
  await expect
    .poll(async () => ids(await studio.seriesOf('likelihood-chart')))
    .toEqual(expect.arrayContaining(['path-0', 'path-1']))
  await shot(page, 'paths')
})

test.describe('with a column of counts', () => {
  test.use({ csvFixture: join(__dirname, 'data/defects.csv') })
  test('a discrete fit: Poisson on daily defect counts, one bar per count', async ({ page, studio }) => {
    await studio.open()
    await studio.pickColumn('defects')
    await expect(page.getByTestId('dist-select').locator('option[value="poisson"]')).toBeEnabled()
    await page.getByTestId('dist-select').selectOption('poisson')
    await page.getByRole('button', { name: 'Fit', exact: true }).click()
    await expect(page.getByRole('heading', { name: 'Poisson fit to defects' })).toBeVisible()
    const x = column('defects.csv', 'defects')
    const lambda = sum(x) / x.length
    const loglik = sum(x.map((k) => k * Math.log(lambda) - lambda - logFactorial(k)))
    const k = 1
    expect(rel(await studio.estimate('lambda'), lambda)).toBeLessThan(1e-14)
    expect(rel(await valueOf(page, 'loglik'), loglik)).toBeLessThan(1e-12)
    expect(rel(await valueOf(page, 'aic'), 2 * k - 2 * loglik)).toBeLessThan(1e-12)
    await expect(page.getByTestId('n')).toHaveText(String(x.length))
    const density = await studio.seriesOf('density-chart')
    expect(ids(density).slice(0, 2)).toEqual(['histogram', 'density'])
    // One bar per count from 0 to the largest.
    expect(density[0].points).toBe(Math.max(...x) - Math.min(...x) + 1)
    await shot(page, 'poisson')
  })
})

test.describe('with 30,000 repair times', () => {
  test.use({ csvFixture: join(__dirname, 'data/repair-times.csv') })
  test('live convergence while a real gradient fit runs, until the user cancels it', async ({
    page,
    studio,
  }) => {
    // Checked by what is seen, in order, never by how fast: the fit has far more epochs than it can run
    // before the test cancels it, so however loaded the machine, it is still running while sampled.
    test.setTimeout(300_000)
    await studio.open()
    await expect(page.getByTestId('summary')).toContainText('Summary of repair_hours')
    await studio.seriesOf('cullen-frey-chart')
    // Tolerance 0: no epoch is the last one by convergence; only Cancel ends the fit.
    await studio.startGradientFit('weibull', 10_000_000)
    await expect(page.getByTestId('busy')).toBeVisible()
    // The view switches to Convergence by itself and draws the trace while the fit still runs.
    await expect(page.getByRole('tab', { name: 'Convergence' })).toHaveAttribute('aria-selected', 'true')
    const trainPoints = async () =>
      (await studio.seriesOf('convergence-chart')).find((s) => s.id === 'train')?.points ?? 0
    // Two samples while the banner shows the fit running: the trace is drawn, then the fit has moved on
    // (a later iteration in the banner) and the drawn trace has not shrunk.
    const samples: { points: number; banner: string; iteration: number }[] = []
    await expect
      .poll(
        async () => {
          const banner = page.getByTestId('busy')
          const points = await trainPoints()
          const text = (await banner.isVisible()) ? ((await banner.textContent()) ?? '') : ''
          // The live view keeps at most 800 points, so "moved on" is read from the banner's iteration.
          const iteration = Number(/iteration ([\d,]+)/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN)
          const later = samples.length === 0 || iteration > samples[0].iteration
          if (points > 0 && Number.isFinite(iteration) && later) {
            samples.push({ points, banner: text, iteration })
            if (samples.length === 2) await shot(page, 'live-convergence')
          }
          return samples.length >= 2
        },
        // The first sample waits for the engine's first progress, which a busy machine delays.
        { intervals: [50], timeout: 240_000 },
      )
      .toBe(true)
    expect(samples[1].points).toBeGreaterThanOrEqual(samples[0].points)
    expect(samples[1].banner).toMatch(/Fitting Weibull.*iteration \d+/)
    // Cancel ends it; the trace drawn so far stays on the chart, and no result claims to be a fit.
    await page.getByTestId('busy').getByRole('button', { name: 'Cancel' }).click()
    await expect(page.getByTestId('busy')).toBeHidden({ timeout: 120_000 })
    expect(await trainPoints()).toBeGreaterThan(0)
    await expect(page.getByTestId('fit-table')).toBeHidden()
    await shot(page, 'live-convergence-cancelled')
  })

  test('a finished gradient fit keeps its whole trace for zooming', async ({ page, studio }) => {
    test.setTimeout(300_000)
    await studio.open()
    await expect(page.getByTestId('summary')).toContainText('Summary of repair_hours')
    await studio.startGradientFit('weibull', 5000)
    await expect(page.getByTestId('fit-table')).toBeVisible({ timeout: 240_000 })
    expect(await criterion(page, /Iterations/)).toBe('5,000')
    // 5,000 epochs are kept and drawn as at most 2,000 points a series.
    const trainPoints = async () =>
      (await studio.seriesOf('convergence-chart')).find((s) => s.id === 'train')?.points ?? 0
    await page.getByRole('tab', { name: 'Convergence' }).click()
    await expect.poll(trainPoints).toBe(2000)
    await shot(page, 'live-convergence-end')
  })
})

test('regression mode: a linear fit matches least squares; fitted line with band, residuals, NLL surface', async ({
  page,
  studio,
}) => {
  await studio.open()
  await studio.regression('waiting')
  await expect(page.getByLabel('Use eruptions as a predictor')).toBeChecked()
  await page.getByRole('button', { name: 'Fit regression' }).click()
  await expect(page.getByTestId('coefficient-table').locator('tbody th')).toHaveText([
    '(Intercept)',
    'eruptions',
  ])
  // Least squares in closed form: slope = Sxy / Sxx, intercept = mean(y) - slope * mean(x).
  const mx = sum(eruptions) / eruptions.length
  const my = sum(waiting) / waiting.length
  const slope =
    sum(eruptions.map((x, i) => (x - mx) * (waiting[i] - my))) / sum(eruptions.map((x) => (x - mx) ** 2))
  const intercept = my - slope * mx
  const coef = async (name: string) =>
    Number(await page.getByTestId(`coef-${name}`).locator('td').first().getAttribute('data-value'))
  expect(rel(await coef('eruptions'), slope)).toBeLessThan(1e-10)
  expect(rel(await coef('(Intercept)'), intercept)).toBeLessThan(1e-10)
  expect(ids(await studio.seriesOf('regression-fit-chart'))).toEqual(['points', 'band', 'curve'])
  await shot(page, 'regression-fit')
  await page.getByTestId('regression-tab-residuals').click()
  const residuals = await studio.seriesOf('regression-residuals-chart')
  expect(ids(residuals)).toEqual(['zero', 'residuals'])
  expect(residuals[1].points).toBe(waiting.length)
  await page.getByTestId('regression-tab-surface').click()
  const surface = await studio.seriesOf('regression-surface-chart')
  expect(surface.find((s) => s.id === 'surface')?.points).toBeGreaterThan(1000)
  const nll = page.getByTestId('regression-nll')
  const atMin = Number(await nll.getAttribute('data-value'))
  const slider = page.getByLabel('Slider for eruptions')
  await slider.focus()
  for (let i = 0; i < 30; i++) await slider.press('ArrowRight')
  await expect.poll(async () => Number(await nll.getAttribute('data-value'))).toBeGreaterThan(atMin)
  await shot(page, 'regression-surface')
})

test.describe('with a 0/1 response', () => {
  test.use({ csvFixture: join(__dirname, 'data/exam-hours.csv') })
  test('logistic regression of exam results on hours studied matches the published fit', async ({
    page,
    studio,
  }) => {
    await studio.open()
    await studio.regression('passed', 'logistic')
    await expect(page.getByLabel('Use hours as a predictor')).toBeChecked()
    await page.getByRole('button', { name: 'Fit regression' }).click()
    await expect(page.getByTestId('coefficient-table').locator('tbody th')).toHaveText([
      '(Intercept)',
      'hours',
    ])
    // Wikipedia, "Logistic regression" (hours studied vs passing, 20 students): -4.0777 (SE 1.7610) and
    // 1.5046 (SE 0.6287), given to 4 decimals.
    const row = (name: string) => page.getByTestId(`coef-${name}`).locator('td')
    const estimate = async (name: string) => Number(await row(name).first().getAttribute('data-value'))
    expect(Math.abs((await estimate('(Intercept)')) - -4.0777)).toBeLessThan(5e-5)
    expect(Math.abs((await estimate('hours')) - 1.5046)).toBeLessThan(5e-5)
    expect(Math.abs(Number(await row('(Intercept)').nth(1).textContent()) - 1.761)).toBeLessThan(5e-5)
    expect(Math.abs(Number(await row('hours').nth(1).textContent()) - 0.6287)).toBeLessThan(5e-5)
    expect(ids(await studio.seriesOf('regression-fit-chart'))).toEqual(
      expect.arrayContaining(['points', 'curve']),
    )
    await shot(page, 'logistic-regression')
  })
})

test('keyboard shortcuts, help overlay, resizable panes and the dark theme', async ({ page, studio }) => {
  await studio.open()
  await expect(page.getByTestId('summary')).toBeVisible()
  await page.keyboard.press('?')
  await expect(page.getByTestId('help-overlay')).toContainText('Ctrl+Enter')
  await shot(page, 'help')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('help-overlay')).toBeHidden()
  await page.keyboard.press('F1')
  await expect(page.getByTestId('help-overlay')).toBeVisible()
  await page.getByRole('button', { name: 'Close' }).click()
  await page.keyboard.press('Control+Enter')
  await expect(page.getByTestId('fit-table')).toBeVisible()
  await page.keyboard.press('Alt+3')
  await expect(page.getByRole('tab', { name: 'Q-Q' })).toHaveAttribute('aria-selected', 'true')
  const splitter = page.getByRole('separator', { name: 'Resize the side panel' })
  await splitter.focus()
  for (let i = 0; i < 4; i++) await splitter.press('ArrowRight')
  await expect(splitter).toHaveAttribute('aria-valuenow', '404')
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.keyboard.press('Alt+1')
  await expect(page.locator('html')).toHaveCSS('background-color', 'rgb(20, 25, 31)')
  await shot(page, 'dark')
})
