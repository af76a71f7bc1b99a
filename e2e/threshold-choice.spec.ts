import { expect, test } from './fixtures'

test.setTimeout(300_000)

test('the GPD threshold-choice view: mean excess and parameter stability; picking a threshold refits', async ({
  page,
  studio,
}) => {
  await studio.open()
  await studio.pickColumn('waiting')
  await page.getByTestId('dist-select').selectOption('gpd')
  await page.getByLabel('Threshold').fill('70')
  await studio.fit()
  await expect(page.getByTestId('n')).toHaveText('165')
  await page.getByRole('tab', { name: 'Threshold choice' }).click()
  const chart = page.getByTestId('threshold-chart')
  // About 30 gpd fits in the engine: allow for a loaded machine.
  await expect(chart.locator('canvas').first()).toBeVisible({ timeout: 180_000 })
  const series = JSON.parse((await chart.getAttribute('data-series')) ?? '[]') as {
    id: string
    points: number
  }[]
  const ids = series.map((s) => s.id)
  expect(ids).toEqual(expect.arrayContaining(['mean-excess', 'sigma-star', 'xi', 'threshold-0']))
  expect(series.find((s) => s.id === 'mean-excess')!.points).toBeGreaterThan(10)
  await expect(page.getByTestId('threshold-controls')).toContainText('σ* = σ − ξu')
  await page.screenshot({ path: 'test-results/threshold-choice.png' })
  // Picking another candidate refits above it: fewer exceedances.
  const select = page.getByLabel('Threshold to fit above')
  const options = await select.locator('option').allTextContents()
  const high = options.find((o) => /u = 8\d /.test(o))!
  await select.selectOption({ label: high })
  const above = Number(/\((\d+) above\)/.exec(high)![1])
  await expect(page.getByTestId('n')).toHaveText(String(above), { timeout: 60_000 })
  await expect(page.getByLabel('Threshold', { exact: true })).toHaveValue(/^8\d$/)
})
