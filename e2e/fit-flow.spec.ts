import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { expect, test } from './fixtures'

/** Closed-form normal MLE of faithful.csv's eruptions (mean; sd dividing by n), computed independently. */
const MU = 3.4877830882352936
const SIGMA = 1.1392712102257678
const N = 272

test('open a CSV, pick a column, fit the normal, read the table, see the chart, export a PNG', async ({
  app,
  page,
  studio,
}) => {
  await studio.open()
  await expect(page.getByTestId('file-name')).toContainText('faithful.csv')
  await expect(page.getByTestId('file-name')).toContainText('272 rows')

  const columns = page.getByTestId('column-list')
  await expect(columns.getByRole('option')).toHaveText([/eruptions/, /waiting/])
  await studio.pickColumn('eruptions')
  await expect(page.getByTestId('summary')).toContainText(String(N))

  await studio.fit('normal')
  const table = page.getByTestId('fit-table')
  expect(await studio.estimate('mu')).toBeCloseTo(MU, 12)
  expect(await studio.estimate('sigma')).toBeCloseTo(SIGMA, 12)
  const loglik = -(N / 2) * Math.log(2 * Math.PI * SIGMA * SIGMA) - N / 2
  expect(Number(await page.getByTestId('loglik').getAttribute('data-value'))).toBeCloseTo(loglik, 8)
  expect(Number(await page.getByTestId('aic').getAttribute('data-value'))).toBeCloseTo(4 - 2 * loglik, 8)
  expect(Number(await page.getByTestId('bic').getAttribute('data-value'))).toBeCloseTo(
    2 * Math.log(N) - 2 * loglik,
    8,
  )
  await expect(table).toContainText('3.48778')

  // The chart: an ECharts canvas with a histogram series and a density series.
  // What ECharts holds (read back from the chart by the component): histogram bars and a 200-point density.
  const series = await studio.seriesOf('density-chart')
  expect(series).toEqual([
    { id: 'histogram', type: 'custom', points: expect.any(Number) as unknown as number },
    { id: 'density', type: 'line', points: 200 },
  ])
  expect(series[0].points).toBeGreaterThan(3)
  await page.screenshot({ path: 'test-results/fit-flow.png' })

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export chart' }).click()
  const file = await download
  expect(file.suggestedFilename()).toBe('faithful-eruptions-normal-density-1000x600.png')
  const path = join(app.dataDir, 'export.png')
  await file.saveAs(path)
  const png = PNG.sync.read(readFileSync(path))
  // Exports render at 1000 x 600 CSS pixels with pixel ratio 2.
  expect([png.width, png.height]).toEqual([2000, 1200])
})

test('a bad file gives a readable message and the open dataset stays usable', async ({ page, studio }) => {
  await studio.open()
  await expect(page.getByTestId('summary')).toContainText('Summary of eruptions')
  await page.getByTestId('file-input').setInputFiles({
    name: 'broken.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(''),
  })
  await expect(page.getByTestId('error')).toContainText('broken.csv is empty')
  // The app stays usable: the previous dataset is still there and can be fitted.
  await studio.pickColumn('waiting')
  await studio.fit()
})
