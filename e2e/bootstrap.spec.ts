import type { Page } from '@playwright/test'
import { expect, test, type Studio } from './fixtures'

/** A gamma fit of eruptions with the Bootstrap tab shown; returns the intervals panel. */
async function gammaBootstrapPanel(page: Page, studio: Studio) {
  await studio.open()
  await studio.pickColumn('eruptions')
  await studio.fit('gamma')
  await page.getByRole('tab', { name: 'Bootstrap' }).click()
  return page.getByTestId('bootstrap-ci')
}

test('bootstrap intervals of a fit: counts, intervals beside Wald and profile, the estimates view', async ({
  page,
  studio,
}) => {
  const panel = await gammaBootstrapPanel(page, studio)
  // Before: the Bootstrap tab says how to get there.
  await expect(page.getByText(/Bootstrap: choose the number of replicates/)).toBeVisible()
  await panel.getByTestId('bootstrap-replicates').fill('60')
  await panel.getByTestId('bootstrap-method').selectOption('parametric')
  await panel.getByTestId('bootstrap-run').click()
  await expect(panel.getByTestId('bootstrap-summary')).toContainText('of 60 replicates converged')
  await expect(panel.getByTestId('bootstrap-note')).toContainText('Parametric bootstrap')
  await expect(page.getByTestId('boot-head')).toHaveText('95% bootstrap')
  await expect(page.getByTestId('boot-percentile-head')).toHaveText('percentile')

  // Each parameter's percentile interval brackets its estimate, in the same row as its Wald interval.
  for (const name of ['shape', 'rate']) {
    const row = page.getByTestId(`param-${name}`)
    const estimate = Number(await row.locator('td').first().getAttribute('data-value'))
    const text = (await row.getByTestId('boot-percentile').innerText()).replace(/\u2212/g, '-')
    const [lo, hi] = text.split('–').map((s) => Number(s.trim()))
    expect(lo).toBeLessThan(estimate)
    expect(hi).toBeGreaterThan(estimate)
    await expect(row.getByTestId('boot-bca')).not.toHaveText('—')
  }

  // The percentile table gains the bootstrap columns, from the same replicates through the quantile.
  const percentiles = page.getByTestId('percentile-table')
  await expect(percentiles.locator('thead th')).toContainText(['95% bootstrap (percentile)', '95% BCa'])
  const median = percentiles.locator('tbody tr').nth(3)
  const q50 = Number(await median.locator('td').first().getAttribute('data-value'))
  const [lo, hi] = (await median.getByTestId('percentile-bootstrap').innerText()).split(' – ').map(Number)
  expect(lo).toBeLessThan(q50)
  expect(hi).toBeGreaterThan(q50)
  await expect(median.getByTestId('percentile-bca')).not.toHaveText('—')
  await expect(page.getByTestId('percentiles-note')).toContainText('Bootstrap 95% intervals')
  await page.getByTestId('percentiles').screenshot({ path: 'test-results/percentiles-bootstrap.png' })

  // The estimates view: a histogram per parameter and the scatter of the pair, 60 points.
  const chart = page.getByTestId('bootstrap-chart')
  await expect(chart.locator('canvas')).toBeVisible()
  const series = JSON.parse((await chart.getAttribute('data-series')) ?? '[]') as {
    id: string
    points: number
  }[]
  expect(series.map((s) => s.id)).toEqual(['hist-shape', 'hist-rate', 'scatter', 'estimate'])
  expect(series.find((s) => s.id === 'scatter')!.points).toBe(60)
  await page.screenshot({ path: 'test-results/bootstrap-view.png', fullPage: true })
})

test('bootstrap intervals the page is reloaded under (running, or just answered) show on the reloaded page', async ({
  page,
  studio,
}) => {
  const panel = await gammaBootstrapPanel(page, studio)
  await panel.getByTestId('bootstrap-replicates').fill('200')
  await panel.getByTestId('bootstrap-run').click()
  // Reloaded at once: the answer goes to a page that is gone, and its autosave may not have run yet.
  await page.reload()
  await expect(page.getByTestId('bootstrap-ci').getByTestId('bootstrap-summary')).toContainText(
    'of 200 replicates converged',
  )
  await expect(page.getByTestId('param-shape').getByTestId('boot-percentile')).not.toHaveText('—')
  await expect(page.getByTestId('error')).toHaveCount(0)
})
