import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/factor-regression-${name}.png` })

// R's warpbreaks written as CSV: breaks (counts), wool (A, B), tension (L, M, H as text).
test.use({ csvFixture: join(__dirname, '../src-main/engine/regression/fixtures/warpbreaks.csv') })

test('a negative binomial regression on two text factors and their interaction shows one row per level', async ({
  app,
  page,
  browser,
  studio,
}) => {
  await studio.open()
  await page.getByRole('button', { name: 'Regression', exact: true }).click()
  await page.getByRole('combobox', { name: 'Regression model' }).selectOption('negbin')
  await expect(page.getByLabel('Response column')).toHaveValue('breaks')
  await page.getByLabel('Use wool as a predictor').check()
  await page.getByLabel('Use tension as a predictor').check()
  // Levels are sorted (H, L, M), so H is the default reference; choose L as R's warpbreaks has it.
  await expect(page.getByLabel('Reference level of tension')).toHaveValue('H')
  await page.getByLabel('Reference level of tension').selectOption('L')
  await page.getByLabel('Interaction terms').fill('wool:tension')
  await page.getByLabel('Interaction terms').press('Enter')
  await page.getByRole('button', { name: 'Fit regression' }).click()
  await expect(page.getByTestId('coefficient-table').locator('tbody th')).toHaveText([
    '(Intercept)',
    'wool = B',
    'tension = H',
    'tension = M',
    'wool = B:tension = H',
    'wool = B:tension = M',
  ])
  // MASS::glm.nb(breaks ~ wool * tension, warpbreaks): woolB:tensionM 0.6381768 (reference tension L).
  const estimate = Number(
    await page.getByTestId('coef-wool = B:tension = M').locator('td').first().getAttribute('data-value'),
  )
  expect(Math.abs(estimate / 0.6381768 - 1)).toBeLessThan(1e-6)
  await expect(page.getByTestId('factor-references')).toContainText('tension: L')
  await expect(page.getByTestId('negbin-theta')).toContainText('12.08')
  await expect(page.getByTestId('term-wool')).toContainText('not tested: part of wool:tension')
  await expect(page.getByTestId('term-wool:tension')).toContainText('0.0219')
  await expect(page.getByTestId('glm-tests')).toContainText('Null deviance')
  await page.getByTestId('term-tests').scrollIntoViewIfNeeded()
  await shot(page, 'table')
  // The regression's results export: the Markdown copy holds the rows per level and the LR tests.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.getByRole('button', { name: 'Copy Markdown' }).click()
  await expect(page.getByText('Results copied to the clipboard as Markdown.')).toBeVisible()
  const markdown = await page.evaluate(() => navigator.clipboard.readText())
  expect(markdown).toContain('| wool = B:tension = M | 0.638177 |')
  expect(markdown).toContain('| wool:tension | 2 | 7.63901 | 0.0219 |')

  await page.getByTestId('regression-tab-coefficients').click()
  const coefficients = await studio.seriesOf('regression-coefficients-chart')
  expect(coefficients.map((s) => [s.id, s.points])).toEqual([
    ['zero', 0],
    ['intervals', 5],
    ['estimates', 5],
  ])
  await shot(page, 'coefficients')
  await page.getByTestId('regression-tab-residuals').click()
  const residuals = await studio.seriesOf('regression-residuals-chart')
  expect(residuals.find((s) => s.id === 'residuals')?.points).toBe(54)
  await shot(page, 'residuals')
  await page.getByTestId('regression-tab-qq').click()
  const qq = await studio.seriesOf('regression-qq-chart')
  expect(qq.find((s) => s.id === 'qq')?.points).toBe(54)
  await shot(page, 'qq')
  await page.getByTestId('regression-tab-fit').click()
  await expect(page.getByText('The fitted curve is drawn for one numeric predictor')).toBeVisible()

  // Save report in regression mode: the regression's own report, self-contained.
  const started = page.waitForEvent('download')
  await page.getByTestId('save-report').click()
  const d = await started
  expect(d.suggestedFilename()).toBe('warpbreaks-breaks-negbin-report.html')
  const path = join(app.dataDir, 'regression-report.html')
  await d.saveAs(path)
  expect(readFileSync(path, 'utf8')).not.toMatch(/https?:|undefined|NaN|<script/)
  const context = await browser.newContext()
  const report = await context.newPage()
  await report.goto(`file://${path}`)
  await expect(report.getByRole('heading', { level: 1 })).toContainText(
    'Negative binomial regression of breaks',
  )
  await expect(report.getByRole('rowheader', { name: 'wool = B:tension = M' })).toBeVisible()
  await expect(report.locator('figure svg')).toHaveCount(3)
  await report.screenshot({ path: 'test-results/factor-regression-report.png', fullPage: true })
  await context.close()
})

test.describe('a text response', () => {
  // mtcars: transmission is "automatic"/"manual" (am as text), wt the weight.
  test.use({ csvFixture: join(__dirname, '../src-main/engine/regression/fixtures/mtcars.csv') })

  test('logistic regression takes a two-value text column as its response and says which value is 1', async ({
    page,
    studio,
  }) => {
    await studio.open()
    await studio.regression('transmission', 'logistic')
    await page.getByLabel('Use wt as a predictor').check()
    await page.getByLabel('Use mpg as a predictor').uncheck()
    await expect(page.getByLabel('Level of transmission taken as 0')).toHaveValue('automatic')
    await page.getByRole('button', { name: 'Fit regression' }).click()
    await expect(page.getByTestId('response-event')).toHaveText(
      'Models P(transmission = "manual"): "manual" is 1 and "automatic" is 0, the reference level.',
    )
    // R: glm(am ~ wt, binomial, mtcars): wt -4.023970.
    const wt = () => page.getByTestId('coef-wt').locator('td').first().getAttribute('data-value')
    expect(Math.abs(Number(await wt()) / -4.02397 - 1)).toBeLessThan(1e-5)
    await shot(page, 'text-response')
    await page.getByLabel('Level of transmission taken as 0').selectOption('manual')
    await page.getByRole('button', { name: 'Fit regression' }).click()
    await expect(page.getByTestId('response-event')).toContainText('P(transmission = "automatic")')
    expect(Math.abs(Number(await wt()) / 4.02397 - 1)).toBeLessThan(1e-5)
  })
})
