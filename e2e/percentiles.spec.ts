import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

/**
 * The percentile table under the results: P1 … P99 with delta-method intervals as soon as a fit is
 * shown, percentiles and exceedance values the user adds, a clear message for a bad value, and the same
 * rows in the Markdown export.
 */
test.use({ csvFixture: join(__dirname, 'data/repair-times.csv') })

/** Opens the app and fits `dist` (a gamma unless told) to its data; its results and percentile table show. */
async function fitFamily(
  app: { open(page: Page): Promise<void> },
  page: Page,
  dist = 'gamma',
): Promise<void> {
  await app.open(page)
  await page.getByTestId('dist-select').selectOption(dist)
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  await expect(page.getByTestId('fit-table')).toBeVisible()
  await expect(page.getByTestId('percentile-table')).toBeVisible()
}

const rowNames = (page: Page) => page.getByTestId('percentile-table').locator('tbody th').allInnerTexts()

test('percentile table: defaults, user percentiles and exceedance with intervals, bad input named', async ({
  app,
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await fitFamily(app, page)
  const table = page.getByTestId('percentile-table')
  await expect(table).toBeVisible()
  expect(await rowNames(page)).toEqual(['P1', 'P5', 'P10', 'P50', 'P90', 'P95', 'P99'])
  // Every default row of a converged gamma fit has an estimate inside its interval.
  const median = table.locator('tbody tr').nth(3)
  const estimate = Number(await median.locator('td').first().getAttribute('data-value'))
  const [lo, hi] = (await median.locator('td').nth(2).innerText()).split(' – ').map(Number)
  expect(lo).toBeLessThan(estimate)
  expect(hi).toBeGreaterThan(estimate)
  await expect(page.getByTestId('percentiles-note')).toContainText('delta method')
  // The profile-likelihood interval beside it also holds the estimate (a two-parameter fit).
  const [plo, phi] = (await median.getByTestId('percentile-profile').innerText()).split(' – ').map(Number)
  expect(plo).toBeLessThan(estimate)
  expect(phi).toBeGreaterThan(estimate)
  await expect(page.getByTestId('percentiles-note')).toContainText('Profile-likelihood 95% intervals')

  await page.getByTestId('percentiles-input').fill('99.9%, 0.025')
  await page.getByTestId('exceed-input').fill('10')
  await page.getByTestId('exceed-input').press('Enter')
  await expect(table.locator('tbody th')).toHaveText([
    'P1',
    'P2.5',
    'P5',
    'P10',
    'P50',
    'P90',
    'P95',
    'P99',
    'P99.9',
    'P(X > 10)',
  ])
  const exceed = table.locator('tbody tr').last()
  const p = Number(await exceed.locator('td').first().getAttribute('data-value'))
  expect(p).toBeGreaterThan(0)
  expect(p).toBeLessThan(1)
  await expect(exceed.locator('td').nth(2)).toHaveText(/^0\.\d+ – 0\.\d+$/)
  await page.getByTestId('percentiles').screenshot({ path: 'test-results/percentiles-table.png' })

  await page.getByTestId('percentiles-input').fill('1.5')
  await page.getByTestId('percentiles-input').press('Enter')
  await expect(page.getByTestId('percentiles-problem')).toContainText('"1.5" is not a probability')
  await expect(table.locator('tbody th')).toHaveCount(10)

  await page.getByRole('button', { name: 'Copy Markdown' }).click()
  const markdown = await page.evaluate(() => navigator.clipboard.readText())
  expect(markdown).toContain('| P99.9 |')
  expect(markdown).toContain('| P(X > 10) |')
  await page.screenshot({ path: 'test-results/percentiles-page.png', fullPage: true })
})

test('"Reproduce this fit" shows R and Python code for the shown fit and copies it', async ({
  app,
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await fitFamily(app, page)
  await page.getByTestId('reproduce').locator('summary').click()
  const code = page.getByTestId('reproduce-code')
  await expect(code).toContainText('fitdist(x, "gamma")')
  await expect(code).toContainText('data[["repair_hours"]]')
  await page.getByLabel('Python (SciPy)').check()
  await expect(code).toContainText('stats.gamma.fit(x, floc=0)')
  await expect(code).toContainText('"rate": float(1 / est[2])')
  await page.getByTestId('reproduce').screenshot({ path: 'test-results/reproduce.png' })
  await page.getByTestId('copy-code').click()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('import numpy as np')
})

test('the fit-all comparison shows goodness-of-fit p-values and says how they were made', async ({
  app,
  page,
}) => {
  await app.open(page)
  await page.getByRole('button', { name: 'Fit all' }).click()
  const table = page.getByTestId('comparison-table')
  await expect(table.locator('tbody tr').first()).toBeVisible({ timeout: 120_000 })
  await expect(table.locator('thead')).toContainText('p (KS)')
  await expect(table.locator('thead')).toContainText('p (AD)')
  // Without bootstrap replicates the p-values are asymptotic, and the note says what that means.
  await expect(page.getByTestId('comparison-p-note')).toContainText('asymptotic')
  await expect(page.getByTestId('compare-gamma').locator('td').nth(8)).toHaveText(/^(< 0\.001|0\.\d+|1)$/)
  await table.screenshot({ path: 'test-results/comparison-p-values.png' })
})

test('a three-parameter fit (GEV) gets profile intervals beside the delta-method ones', async ({
  app,
  page,
}) => {
  await fitFamily(app, page, 'gev')
  const median = page.getByTestId('percentile-table').locator('tbody tr').nth(3)
  const estimate = Number(await median.locator('td').first().getAttribute('data-value'))
  const [lo, hi] = (await median.getByTestId('percentile-profile').innerText()).split(' – ').map(Number)
  expect(lo).toBeLessThan(estimate)
  expect(hi).toBeGreaterThan(estimate)
  await expect(page.getByTestId('percentiles-note')).toContainText('Profile-likelihood 95% intervals')
  await page.getByTestId('percentiles').screenshot({ path: 'test-results/percentiles-gev.png' })
})

/** 60 counts, 0 to 7 times each value's Poisson(2.5)-like frequency. */
function countsCsv(): string {
  const counts = [5, 12, 15, 13, 8, 4, 2, 1]
  const values = counts.flatMap((c, k) => new Array<number>(c).fill(k))
  const path = join(mkdtempSync(join(tmpdir(), 'mle-e2e-counts-')), 'counts.csv')
  writeFileSync(path, `n\n${values.join('\n')}\n`)
  return path
}

test.describe('on counts', () => {
  test.use({ csvFixture: countsCsv() })

  test('a Poisson fit: the exceedance gets a profile interval, the percentiles say why they have none', async ({
    app,
    page,
  }) => {
    await fitFamily(app, page, 'poisson')
    await page.getByTestId('exceed-input').fill('4')
    await page.getByTestId('exceed-input').press('Enter')
    const exceed = page.getByTestId('percentile-table').locator('tbody tr').last()
    await expect(exceed.getByTestId('percentile-profile')).toHaveText(/^0\.\d+ – 0\.\d+$/)
    await expect(page.getByTestId('percentiles-note')).toContainText(
      'neither a delta-method nor a profile interval (exceedance probabilities change smoothly: they have both)',
    )
    await page.getByTestId('percentiles').screenshot({ path: 'test-results/percentiles-poisson.png' })
  })
})

/** 200,000 Weibull(k = 1.5, scale 10) quantiles: profile intervals of the table take seconds here. */
function largeWeibullCsv(): string {
  const n = 200_000
  const values = Array.from({ length: n }, (_, i) => 10 * (-Math.log(1 - (i + 0.5) / n)) ** (1 / 1.5))
  const path = join(mkdtempSync(join(tmpdir(), 'mle-e2e-pct-')), 'weibull-200k.csv')
  writeFileSync(path, `x\n${values.map((v) => v.toFixed(5)).join('\n')}\n`)
  return path
}

test.describe('on large data', () => {
  test.use({ csvFixture: largeWeibullCsv() })

  test('the table shows at once, profile intervals follow when asked for, with progress, and Cancel keeps the table', async ({
    app,
    page,
  }) => {
    await fitFamily(app, page, 'weibull')
    // On this many values they wait to be asked for: a fit never leaves the app busy on its own.
    await expect(page.getByTestId('busy')).toBeHidden()
    await page.getByTestId('compute-profiles').click()
    await expect(page.getByTestId('percentiles-profile-state')).toHaveText('Profile intervals: computing…')
    const busy = page.getByTestId('busy')
    await expect(busy).toContainText(/Profile intervals of percentiles: \d of 7/)
    await page.screenshot({ path: 'test-results/percentiles-profiles-running.png', fullPage: true })
    await busy.getByRole('button', { name: 'Cancel' }).click()
    await expect(page.getByTestId('percentiles-profile-state')).toContainText(
      'Profile intervals were cancelled: the table shows the delta-method intervals.',
    )
    await expect(busy).toBeHidden()
    await expect(page.getByTestId('percentile-row')).toHaveCount(7)
    await expect(page.getByTestId('percentile-profile')).toHaveCount(0)
    await page
      .getByTestId('percentiles')
      .screenshot({ path: 'test-results/percentiles-profiles-cancelled.png' })
  })

  test('a profile run of a table no longer shown stops by itself; the new table offers its own', async ({
    app,
    page,
  }) => {
    await fitFamily(app, page, 'weibull')
    await page.getByTestId('compute-profiles').click()
    const busy = page.getByTestId('busy')
    await expect(busy).toContainText(/Profile intervals of percentiles: \d of 7/)
    // Another table (an exceedance value added): the run for the old one is cancelled alone, quietly.
    await page.getByTestId('exceed-input').fill('20')
    await page.getByTestId('exceed-input').press('Enter')
    await expect(page.getByTestId('percentile-row')).toHaveCount(8)
    await expect(busy).toBeHidden()
    await expect(page.getByTestId('percentiles-profile-state')).toHaveCount(0)
    await expect(page.getByTestId('compute-profiles')).toBeVisible()
    await expect(page.getByTestId('error')).toHaveCount(0)
    await page.getByTestId('percentiles').screenshot({ path: 'test-results/percentiles-profiles-stale.png' })
  })
})
