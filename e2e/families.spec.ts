import { expect, test } from './fixtures'

// faithful.csv's waiting times above 70 minutes: 165 exceedances (counted independently with Python).
const EXCEEDANCES = 165

test('a generalized Pareto fit over a threshold: the field appears for gpd, the fit uses the exceedances', async ({
  page,
  studio,
}) => {
  await studio.open()
  await studio.pickColumn('waiting')
  await expect(page.getByLabel('Threshold')).toHaveCount(0)
  await page.getByTestId('dist-select').selectOption('gpd')
  const threshold = page.getByLabel('Threshold')
  await expect(threshold).toBeVisible()
  await threshold.fill('70')
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  const table = page.getByTestId('fit-table')
  await expect(table).toBeVisible()
  await expect(page.getByTestId('n')).toHaveText(String(EXCEEDANCES))
  await expect(page.getByTestId('param-sigma')).toBeVisible()
  await expect(page.getByTestId('param-xi')).toBeVisible()
  await page.screenshot({ path: 'test-results/gpd-threshold.png' })
})
