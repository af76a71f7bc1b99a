import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

/**
 * Censored observations end to end: survival times with a status column (the bundled sample, NCCTG lung
 * cancer data from R's survival package), fitted by Weibull; the results give the counts and why no
 * goodness-of-fit test is shown; the Survival tab draws the Kaplan-Meier estimate against the fit.
 */
test.use({ csvFixture: join(__dirname, '../resources/samples/lung-survival.csv') })

/** Clicks a button that downloads, saves the file as `file` in `dir`; its path. */
async function download(page: Page, testId: string, dir: string, file: string): Promise<string> {
  const started = page.waitForEvent('download')
  await page.getByTestId(testId).click()
  const path = join(dir, file)
  await (await started).saveAs(path)
  return path
}

test('a status column: the censored Weibull fit, its counts, and the Kaplan-Meier survival', async ({
  app,
  page,
  studio,
}) => {
  await studio.open()
  await studio.pickColumn('days')
  await page.getByRole('combobox', { name: 'Censoring' }).selectOption('status:died')
  await expect(page.getByTestId('censoring-hint')).toContainText('“died” = 1 (true, yes)')
  // The column's summary reads every value as exact, and says so now that some are censored.
  await expect(page.getByTestId('summary-caveat')).toContainText('censored ones read as if observed exactly')
  await page.getByTestId('summary-caveat').screenshot({ path: 'test-results/censored-summary.png' })
  // Families censored data rule out are not offered: a count family on these whole-number days is.
  await expect(page.getByTestId('dist-select').locator('option[value="poisson"]')).toBeDisabled()
  await expect(page.getByTestId('dist-select').locator('option[value="weibull"]')).toBeEnabled()
  await page.getByTestId('dist-select').selectOption('weibull')
  await page.getByRole('button', { name: 'Fit', exact: true }).click()

  await expect(page.getByTestId('fit-table')).toBeVisible()
  await expect(page.getByTestId('fit-criteria').getByTestId('n')).toContainText(
    '228 (165 exact, 63 right-censored)',
  )
  await expect(page.getByTestId('censoring-note')).toContainText(
    '228 observations: 165 exact, 63 right-censored.',
  )
  await expect(page.getByTestId('censored-gof')).toContainText('do not apply to censored data')
  // survival::survreg(Surv(time, status) ~ 1, dist = "weibull") on the same data: -1153.851188.
  expect(Number(await page.getByTestId('loglik').getAttribute('data-value'))).toBeCloseTo(-1153.8511880894, 5)
  await page.getByTestId('tab-density').click()
  await expect(page.getByTestId('density-chart').locator('canvas').first()).toBeVisible()
  await page.screenshot({ path: 'test-results/censored-density.png' })

  await page.getByTestId('tab-survival').click()
  await expect(page.getByTestId('survival-chart').locator('canvas').first()).toBeVisible()
  await page.screenshot({ path: 'test-results/censored-survival.png' })
  await page.getByLabel('Chart export format').selectOption('svg')
  const svg = readFileSync(await download(page, 'export-chart', app.dataDir, 'km.svg'), 'utf8')
  expect(svg).toContain('Kaplan-Meier survival')
  expect(svg).toContain('95% pointwise band')
  expect(svg).not.toContain('KS band')

  // Q-Q needs exact values: the tab says why it has no chart.
  await page.getByTestId('tab-qq').click()
  await expect(page.getByText(/Q-Q.*not available for censored data/)).toBeVisible()
})
