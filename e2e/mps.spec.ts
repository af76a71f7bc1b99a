import { join } from 'node:path'
import { expect, test } from './fixtures'

/**
 * Maximum product of spacings (issue 16) in browser mode: offered for a threshold family, not for a
 * family without an estimated support end; its result says it is not maximum likelihood, shows the
 * spacings objective apart from the log-likelihood, and leaves out standard errors where the likelihood
 * is not regular (weibull3 with shape < 1 on this sample, SciPy's fixture case).
 */
test.use({ csvFixture: join(__dirname, 'data/weibull-threshold.csv') })
test.setTimeout(120_000)

test('MPS for a threshold family: labelled, the objective apart, no SEs where non-regular', async ({
  page,
  studio,
}) => {
  await studio.open()
  await studio.pickColumn('x')
  const method = page.getByLabel('Fitting method')
  await page.getByTestId('dist-select').selectOption('normal')
  await expect(method.locator('option[value="mps"]')).toHaveCount(0)
  await page.getByTestId('dist-select').selectOption('weibull3')
  await expect(method.locator('option[value="mps"]')).toHaveText('Maximum product of spacings')
  await method.selectOption('mps')
  await page.getByRole('button', { name: 'Fit', exact: true }).click()
  await expect(page.getByTestId('mps-note')).toContainText('not maximum likelihood')
  // SciPy's maximum-spacing objective on this sample: -174.83469454 (test/fixtures/spacings).
  await expect(page.getByTestId('mps-objective')).toContainText('-174.83')
  await expect(page.getByTestId('loglik')).not.toContainText('-174.83')
  await expect(page.getByTestId('health')).toContainText('Standard errors are omitted')
  await expect(page.getByTestId('param-shape').locator('td').nth(1)).toHaveText('—')
  await page.screenshot({ path: 'test-results/mps-weibull3.png', fullPage: true })
})
